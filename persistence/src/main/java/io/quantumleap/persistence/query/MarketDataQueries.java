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
    private static final String BARS_SQL = "SELECT date_bin(?::interval, received_at, " +
        "TIMESTAMPTZ '2000-01-03 00:00:00+05:30') AS bucket, " +
        "(array_agg(last_price ORDER BY received_at, journal_index))[1], max(last_price), min(last_price), " +
        "(array_agg(last_price ORDER BY received_at DESC, journal_index DESC))[1], max(volume) - min(volume), " +
        "count(*) FROM market_data WHERE instrument_token = ? AND received_at >= ? AND received_at < ? " +
        "GROUP BY bucket ORDER BY bucket";

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
            s.setString(1, interval.toSeconds() + " seconds");
            s.setLong(2, instrumentToken);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try
            {
                return readBars(s);
            }
            finally
            {
                c.rollback();
            }
        }
    }

    /** One-minute bars the persister stored under the bars tick policy, in {@code [from, to)}. */
    public List<BarRow> storedMinuteBars(final long instrumentToken, final Instant from, final Instant to)
        throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT bucket_start, open, high, low, close, " +
                "volume_last - volume_first, tick_count FROM market_bars WHERE instrument_token = ? " +
                "AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start"))
        {
            s.setLong(1, instrumentToken);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
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
