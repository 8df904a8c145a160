package io.quantumleap.persistence.query;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tick history and OHLC bars of an instrument, for charts. Thread safe. */
public final class MarketDataQueries
{
    /** IST midnight: buckets and trading days are aligned to it. */
    private static final String IST_ORIGIN = "TIMESTAMPTZ '2000-01-03 00:00:00+05:30'";
    /**
     * A bar's volume is what traded from the tick before it to its last tick: the rise of the day's cumulative
     * volume, carried as a running maximum (so a tick without volume, as in LTP mode, takes nothing away) from
     * {@code base} (the cumulative volume before {@code from} on the first day; 0 on each later IST day, when the
     * cumulative volume starts again). The bars of a day so add up to the day's volume.
     */
    private static final String BARS_SQL = "WITH t AS (SELECT received_at, journal_index, last_price, volume, " +
        "date_bin(?::interval, received_at, " + IST_ORIGIN + ") AS bucket, " +
        "date_bin('1 day', received_at, " + IST_ORIGIN + ") AS day FROM market_data " +
        "WHERE instrument_token = ? AND received_at >= ? AND received_at < ?), " +
        "b AS (SELECT *, CASE WHEN day = date_bin('1 day', ?::timestamptz, " + IST_ORIGIN + ") THEN ?::bigint " +
        "ELSE 0 END AS base FROM t), " +
        "c AS (SELECT *, GREATEST(base, max(volume) OVER w) AS cumulative FROM b " +
        "WINDOW w AS (PARTITION BY day ORDER BY received_at, journal_index)), " +
        "d AS (SELECT *, cumulative - lag(cumulative, 1, base) OVER w AS traded FROM c " +
        "WINDOW w AS (PARTITION BY day ORDER BY received_at, journal_index)) " +
        "SELECT bucket, (array_agg(last_price ORDER BY received_at, journal_index))[1], max(last_price), " +
        "min(last_price), (array_agg(last_price ORDER BY received_at DESC, journal_index DESC))[1], " +
        "sum(traded)::bigint, count(*) FROM d GROUP BY bucket ORDER BY bucket";
    /**
     * The day's cumulative volume at the last tick with volume before {@code from} on {@code from}'s IST day,
     * looked for in a recent window first: the open day's partition has only a BRIN index, which reads every page
     * of the window.
     */
    private static final String VOLUME_BEFORE_SQL = "SELECT volume FROM market_data WHERE instrument_token = ? " +
        "AND received_at >= GREATEST(?::timestamptz, date_bin('1 day', ?::timestamptz, " + IST_ORIGIN + ")) " +
        "AND received_at < ? AND volume > 0 ORDER BY received_at DESC, journal_index DESC LIMIT 1";
    private static final Duration[] LOOK_BACK = {Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1)};

    private final DataSource dataSource;

    /** @param dataSource the pool. */
    public MarketDataQueries(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /** Ticks of an instrument received in {@code [from, to)}, oldest first, at most {@code limit}. */
    public List<TickRow> ticks(final long instrumentToken, final Instant from, final Instant to, final int limit)
        throws SQLException
    {
        try (Connection c = dataSource.getConnection())
        {
            return ticks(c, instrumentToken, from, to, limit);
        }
    }

    private static List<TickRow> ticks(
        final Connection c, final long instrumentToken, final Instant from, final Instant to, final int limit)
        throws SQLException
    {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("SELECT journal_index, received_at, last_price, " +
            "last_traded_qty, volume, open, high, low, close, oi, bid_price, ask_price FROM market_data " +
            "WHERE instrument_token = ? AND received_at >= ? AND received_at < ? " +
            "ORDER BY received_at, journal_index LIMIT ?"))
        {
            preferIndexes(c);
            s.setLong(1, instrumentToken);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            s.setInt(4, limit);
            final List<TickRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(new TickRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getObject(11, Long.class), rs.getObject(12, Long.class)));
                }
            }
            return rows;
        }
        finally
        {
            c.rollback();
        }
    }

    /**
     * The open day's partition has no B-tree by instrument (see {@code MarketDataPartitions}): its BRIN index
     * (time ranges and a bloom filter of tokens per few pages) finds an instrument's ticks far faster than a scan,
     * but the planner cannot estimate a bloom filter's selectivity and would pick the scan. Transaction-local.
     */
    private static void preferIndexes(final Connection c) throws SQLException
    {
        try (Statement statement = c.createStatement())
        {
            statement.execute("SET LOCAL enable_seqscan = off");
        }
    }

    /**
     * OHLC bars of the stored ticks in {@code [from, to)}, buckets aligned to IST midnight.
     *
     * @param interval bucket length, 1 second to 1 day.
     */
    public List<BarRow> bars(final long instrumentToken, final Instant from, final Instant to, final Duration interval)
        throws SQLException
    {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofDays(1)) > 0)
        {
            throw new IllegalArgumentException("interval must be between 1 second and 1 day: " + interval);
        }
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(BARS_SQL))
        {
            c.setAutoCommit(false);
            preferIndexes(c);
            try
            {
                s.setString(1, interval.toSeconds() + " seconds");
                s.setLong(2, instrumentToken);
                s.setTimestamp(3, Timestamp.from(from));
                s.setTimestamp(4, Timestamp.from(to));
                s.setTimestamp(5, Timestamp.from(from));
                s.setLong(6, volumeBefore(c, instrumentToken, from));
                return readBars(s);
            }
            finally
            {
                c.rollback();
            }
        }
    }

    private static long volumeBefore(final Connection c, final long instrumentToken, final Instant from)
        throws SQLException
    {
        try (PreparedStatement s = c.prepareStatement(VOLUME_BEFORE_SQL))
        {
            s.setLong(1, instrumentToken);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(from));
            for (final Duration lookBack : LOOK_BACK)
            {
                s.setTimestamp(2, Timestamp.from(from.minus(lookBack)));
                try (ResultSet rs = s.executeQuery())
                {
                    if (rs.next())
                    {
                        return rs.getLong(1);
                    }
                }
            }
            return 0;
        }
    }

    /**
     * One-minute bars the persister stored under the bars tick policy, in {@code [from, to)}; a bar's volume counts
     * from the bar before it (on the same IST day), as in {@link #bars}.
     */
    public List<BarRow> storedMinuteBars(final long instrumentToken, final Instant from, final Instant to)
        throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT bucket_start, open, high, low, close, " +
                "volume_last - COALESCE(lag(volume_last) OVER (PARTITION BY date_bin('1 day', bucket_start, " +
                IST_ORIGIN + ") ORDER BY bucket_start), CASE WHEN date_bin('1 day', bucket_start, " + IST_ORIGIN +
                ") = date_bin('1 day', ?::timestamptz, " + IST_ORIGIN + ") THEN (SELECT p.volume_last " +
                "FROM market_bars p WHERE p.instrument_token = ? AND p.bucket_start < ? AND p.bucket_start >= " +
                "date_bin('1 day', ?::timestamptz, " + IST_ORIGIN + ") ORDER BY p.bucket_start DESC LIMIT 1) END, " +
                "0), tick_count FROM market_bars WHERE instrument_token = ? " +
                "AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start"))
        {
            s.setTimestamp(1, Timestamp.from(from));
            s.setLong(2, instrumentToken);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(from));
            s.setLong(5, instrumentToken);
            s.setTimestamp(6, Timestamp.from(from));
            s.setTimestamp(7, Timestamp.from(to));
            return readBars(s);
        }
    }

    private static List<BarRow> readBars(final PreparedStatement s) throws SQLException
    {
        final List<BarRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery())
        {
            while (rs.next())
            {
                rows.add(new BarRow(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            }
        }
        return rows;
    }
}
