package io.quantumleap.persistence.persister;

import java.time.LocalDate;

/** The day partitions of {@code market_data}: one per IST trading day, named {@code market_data_pYYYYMMDD}. */
public final class MarketDataPartitions
{
    /** Seconds east of UTC of India Standard Time. */
    public static final long IST_OFFSET_S = 19_800;

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

    /** DDL creating the partition of an IST day when missing. */
    public static String createSql(final long istDay)
    {
        final LocalDate from = LocalDate.ofEpochDay(istDay);
        return "CREATE TABLE IF NOT EXISTS " + partitionName(istDay) + " PARTITION OF market_data FOR VALUES FROM ('" +
            from + " 00:00:00+05:30') TO ('" + from.plusDays(1) + " 00:00:00+05:30')";
    }
}
