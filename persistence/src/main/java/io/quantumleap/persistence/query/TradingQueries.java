package io.quantumleap.persistence.query;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Orders, trades and positions of an account on an IST trading day, for the gateway. Thread safe. */
public final class TradingQueries
{
    private final DataSource dataSource;

    /** @param dataSource the pool. */
    public TradingQueries(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /** The account's orders placed on the day, oldest first. */
    public List<OrderRow> orders(final UUID accountId, final LocalDate tradingDay) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT id, client_order_id, broker_order_id, status, " +
                "instrument_token, side, order_type, product, validity, variety, quantity, filled_quantity, " +
                "pending_quantity, cancelled_quantity, price, trigger_price, average_price, tag, " +
                "placed_at, updated_at " +
                "FROM orders WHERE account_id = ? AND trading_day = ? ORDER BY placed_at, id"))
        {
            s.setObject(1, accountId);
            s.setObject(2, tradingDay);
            final List<OrderRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(new OrderRow(rs.getObject(1, UUID.class), rs.getObject(2, Long.class), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                        rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getString(18),
                        instant(rs, 19), instant(rs, 20)));
                }
            }
            return rows;
        }
    }

    /** The account's fills on the day, oldest first. */
    public List<TradeRow> trades(final UUID accountId, final LocalDate tradingDay) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT trade_id, broker_order_id, client_order_id, " +
                "instrument_token, side, product, quantity, price, exchange_time, filled_at FROM trades " +
                "WHERE account_id = ? AND trading_day = ? ORDER BY filled_at, journal_index"))
        {
            s.setObject(1, accountId);
            s.setObject(2, tradingDay);
            final List<TradeRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(new TradeRow(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), instant(rs, 9),
                        instant(rs, 10)));
                }
            }
            return rows;
        }
    }

    /**
     * The account's positions at the end of the day (or now, for today): the last snapshot per instrument and
     * product.
     */
    public List<PositionRow> positions(final UUID accountId, final LocalDate tradingDay) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (instrument_token, product) " +
                "instrument_token, product, quantity, overnight_quantity, buy_quantity, buy_value, sell_quantity, " +
                "sell_value, average_price, last_price, pnl, m2m, realised, unrealised, snapshot_at FROM positions " +
                "WHERE account_id = ? AND trading_day = ? ORDER BY instrument_token, product, journal_index DESC"))
        {
            s.setObject(1, accountId);
            s.setObject(2, tradingDay);
            final List<PositionRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(new PositionRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), instant(rs, 15)));
                }
            }
            return rows;
        }
    }

    static Instant instant(final ResultSet rs, final int column) throws SQLException
    {
        final java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return null == timestamp ? null : timestamp.toInstant();
    }
}
