package io.quantumleap.persistence.persister;

import java.time.LocalDate;

/**
 * The day partitions of {@code market_data}: one per IST trading day, named {@code market_data_pYYYYMMDD}.
 *
 * <p>Indexes follow the day's life. While a day is open its partition has only a BRIN index: page ranges of 4
 * pages (~170 ticks) summarised by the time range they hold and a bloom filter of their instrument tokens. Ticks
 * arrive in time order, so the time summary is tight, and a BRIN index costs the COPY nothing per row (ranges are
 * summarised afterwards, by the persister when it is caught up or by VACUUM), where a B-tree by instrument costs
 * an index insertion per row, about 40% of the COPY. An instrument's ticks of the open day are found by reading the
 * ~2% of page ranges whose bloom filter holds its token. Once the day is over, the persister builds the
 * {@code (instrument_token, received_at)} B-tree ({@link #closeSql(long)}) in one sorted pass, and past days are
 * read by B-tree as before.
 */
public final class MarketDataPartitions
{
    /** Seconds east of UTC of India Standard Time. */
    public static final long IST_OFFSET_S = 19_800;

    /** Suffix of the B-tree by instrument and time a partition gets when its day is over. */
    public static final String BTREE_SUFFIX = "_instrument_time_idx";

    /** Suffix of the BRIN index (time range, bloom filter of tokens) every partition has from its creation. */
    public static final String BRIN_SUFFIX = "_brin";

    private MarketDataPartitions()
    {
    }

    /** Day number (days since 1970-01-01) of an instant in India Standard Time. */
    public static long istDay(final long timestampNs)
    {
        return Math.floorDiv(Math.floorDiv(timestampNs, 1_000_000_000L) + IST_OFFSET_S, 86_400L);
    }

    /** Name of the partition holding an IST day. */
    public static String partitionName(final long istDay)
    {
        final LocalDate date = LocalDate.ofEpochDay(istDay);
        return String.format("market_data_p%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** IST day of a partition name, or {@link Long#MIN_VALUE} when the name is not one of a day partition. */
    public static long istDayOf(final String partitionName)
    {
        if (partitionName.length() != 21 || !partitionName.startsWith("market_data_p"))
        {
            return Long.MIN_VALUE;
        }
        try
        {
            return LocalDate.of(Integer.parseInt(partitionName.substring(13, 17)),
                Integer.parseInt(partitionName.substring(17, 19)), Integer.parseInt(partitionName.substring(19, 21)))
                .toEpochDay();
        }
        catch (final RuntimeException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /** DDL creating the partition of an IST day when missing, with its BRIN index (two statements). */
    public static String createSql(final long istDay)
    {
        final LocalDate from = LocalDate.ofEpochDay(istDay);
        final String name = partitionName(istDay);
        return "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF market_data FOR VALUES FROM ('" +
            from + " 00:00:00+05:30') TO ('" + from.plusDays(1) + " 00:00:00+05:30'); " +
            "CREATE INDEX IF NOT EXISTS " + name + BRIN_SUFFIX + " ON " + name + " USING brin (received_at, " +
            "instrument_token int8_bloom_ops (n_distinct_per_range = 200)) WITH (pages_per_range = 4)";
    }

    /** DDL building the B-tree by instrument and time of a day's partition once the day is over. */
    public static String closeSql(final long istDay)
    {
        final String name = partitionName(istDay);
        return "CREATE INDEX IF NOT EXISTS " + name + BTREE_SUFFIX + " ON " + name + " (instrument_token, received_at)";
    }

    /** Query summarising the page ranges of a partition's BRIN index that are not yet summarised. */
    public static String summariseSql(final long istDay)
    {
        return "SELECT brin_summarize_new_values('" + partitionName(istDay) + BRIN_SUFFIX + "')";
    }

    /**
     * Query listing the day partitions of {@code market_data} (in the current schema) that have no B-tree by
     * instrument yet: the open day, and past days not closed yet.
     */
    public static String partitionsWithoutBtreeSql()
    {
        return "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
            "WHERE i.inhparent = 'market_data'::regclass AND NOT EXISTS (SELECT 1 FROM pg_index x " +
            "JOIN pg_class ic ON ic.oid = x.indexrelid WHERE x.indrelid = c.oid AND ic.relname = c.relname || '" +
            BTREE_SUFFIX + "') ORDER BY c.relname";
    }
}
