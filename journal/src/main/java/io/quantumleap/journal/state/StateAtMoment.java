package io.quantumleap.journal.state;

import io.quantumleap.engine.kite.rest.KitePrices;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.KiteNames;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Positions, orders and P&L as the core's events describe them: fed the events of a replay up to a
 * moment, it holds the latest state of every order and position at that moment, its statuses, sides, order
 * types and products spelt as Kite spells them ({@link KiteNames}). Used by {@code qleap replay --state-at} and
 * the summary of a plain replay; not on any hot path.
 */
public final class StateAtMoment implements EventSink
{
    private final InstrumentEventDecoder instrument = new InstrumentEventDecoder();
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final PositionEventDecoder position = new PositionEventDecoder();
    private final Map<Long, String> symbols = new TreeMap<>();
    private final Map<String, OrderRow> orders = new TreeMap<>();
    private final Map<String, PositionRow> positions = new TreeMap<>();
    private long lastInputSequence = -1;
    private long lastTimestampNs;

    /**
     * An order as last reported.
     *
     * @param accountId         account.
     * @param clientOrderId     engine id, null value when placed outside the engine.
     * @param brokerOrderId     Kite order id.
     * @param instrumentToken   instrument.
     * @param side              BUY or SELL.
     * @param orderType         MARKET, LIMIT, SL, SL-M.
     * @param product           MIS, CNC, NRML...
     * @param qty               ordered.
     * @param filledQty         filled.
     * @param pricePaise        limit price.
     * @param averagePricePaise average fill price.
     * @param status            Kite status, e.g. TRIGGER PENDING (PENDING: sent, no reply yet).
     */
    public record OrderRow(long accountId, long clientOrderId, String brokerOrderId, long instrumentToken, String side,
        String orderType, String product, long qty, long filledQty, long pricePaise, long averagePricePaise,
        String status)
    {
    }

    /**
     * A position as last reported.
     *
     * @param accountId         account.
     * @param instrumentToken   instrument.
     * @param product           MIS, CNC, NRML...
     * @param qty               net quantity, negative when short.
     * @param averagePricePaise average price.
     * @param lastPricePaise    last price used for the P&L.
     * @param realisedPaise     realised P&L.
     * @param unrealisedPaise   unrealised P&L.
     * @param pnlPaise          total P&L.
     */
    public record PositionRow(long accountId, long instrumentToken, String product, long qty, long averagePricePaise,
        long lastPricePaise, long realisedPaise, long unrealisedPaise, long pnlPaise)
    {
    }

    /** @return the SBE template ids of the events it folds in: instruments, orders and positions. */
    public static int[] templateIds()
    {
        return new int[]{ InstrumentEventDecoder.TEMPLATE_ID, OrderEventDecoder.TEMPLATE_ID,
            PositionEventDecoder.TEMPLATE_ID };
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = JournalSchema.templateId(buffer, offset);
        final int body = offset + JournalSchema.HEADER_LENGTH;
        final int blockLength = JournalSchema.blockLength(buffer, offset);
        final int version = JournalSchema.version(buffer, offset);
        lastInputSequence = inputSequence;
        switch (templateId)
        {
            case InstrumentEventDecoder.TEMPLATE_ID ->
            {
                instrument.wrap(buffer, body, blockLength, version);
                symbols.put(instrument.instrumentToken(), instrument.exchange() + ":" + instrument.tradingsymbol());
                lastTimestampNs = instrument.timestampNs();
            }
            case OrderEventDecoder.TEMPLATE_ID ->
            {
                order.wrap(buffer, body, blockLength, version);
                final String brokerOrderId = order.brokerOrderId();
                final String key = order.accountId() + "/" +
                    (order.clientOrderId() == OrderEventDecoder.clientOrderIdNullValue() ?
                        "B" + brokerOrderId : String.format("%019d", order.clientOrderId()));
                orders.put(key, new OrderRow(order.accountId(), order.clientOrderId(), brokerOrderId,
                    order.instrumentToken(), KiteNames.side(order.side()), KiteNames.orderType(order.orderType()),
                    KiteNames.product(order.product()), order.qty(), order.filledQty(), order.pricePaise(),
                    order.averagePricePaise(), KiteNames.status(order.status())));
                lastTimestampNs = order.timestampNs();
            }
            case PositionEventDecoder.TEMPLATE_ID ->
            {
                position.wrap(buffer, body, blockLength, version);
                final String key = position.accountId() + "/" + position.instrumentToken() + "/" + position.product();
                positions.put(key, new PositionRow(position.accountId(), position.instrumentToken(),
                    KiteNames.product(position.product()), position.qty(), position.averagePricePaise(),
                    position.lastPricePaise(), position.realisedPaise(), position.unrealisedPaise(),
                    position.pnlPaise()));
                lastTimestampNs = position.timestampNs();
            }
            default ->
            {
            }
        }
    }

    /** @return latest state of every order, by account then client order id. */
    public Map<String, OrderRow> orders()
    {
        return orders;
    }

    /** @return latest state of every position, by account, instrument and product. */
    public Map<String, PositionRow> positions()
    {
        return positions;
    }

    /**
     * @param accountId an account.
     * @return the sum of its positions' P&L, in paise.
     */
    public long pnlPaise(final long accountId)
    {
        long pnl = 0;
        for (final PositionRow p : positions.values())
        {
            if (p.accountId() == accountId)
            {
                pnl += p.pnlPaise();
            }
        }
        return pnl;
    }

    /**
     * Prints positions, orders and P&L per account as tables for people; money in rupees.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.printf("Positions (%d)%n", positions.size());
        final List<String[]> positionRows = new ArrayList<>();
        positionRows.add(new String[]{ "account", "instrument", "prod", "qty", "avg", "last", "realised",
            "unrealised", "pnl" });
        final TreeMap<Long, Long> pnlByAccount = new TreeMap<>();
        for (final PositionRow p : positions.values())
        {
            positionRows.add(new String[]{ Long.toString(p.accountId()), symbol(p.instrumentToken()), p.product(),
                Long.toString(p.qty()), price(p.averagePricePaise(), p.instrumentToken()),
                price(p.lastPricePaise(), p.instrumentToken()), rupees(p.realisedPaise()),
                rupees(p.unrealisedPaise()), rupees(p.pnlPaise()) });
            pnlByAccount.merge(p.accountId(), p.pnlPaise(), Long::sum);
        }
        printTable(out, positionRows, "LLLRRRRRR");
        out.printf("Orders (%d)%n", orders.size());
        final List<String[]> orderRows = new ArrayList<>();
        orderRows.add(new String[]{ "account", "clientId", "brokerId", "instrument", "side", "type", "prod", "qty",
            "filled", "price", "avg", "status" });
        for (final OrderRow o : orders.values())
        {
            orderRows.add(new String[]{ Long.toString(o.accountId()),
                o.clientOrderId() == OrderEventDecoder.clientOrderIdNullValue() ? "-" :
                    Long.toString(o.clientOrderId()),
                o.brokerOrderId().isEmpty() ? "-" : o.brokerOrderId(), symbol(o.instrumentToken()), o.side(),
                o.orderType(), o.product(), Long.toString(o.qty()), Long.toString(o.filledQty()),
                price(o.pricePaise(), o.instrumentToken()), price(o.averagePricePaise(), o.instrumentToken()),
                o.status() });
        }
        printTable(out, orderRows, "LLLLLLLRRRRL");
        out.println("P&L");
        final List<String[]> pnlRows = new ArrayList<>();
        long total = 0;
        for (final Map.Entry<Long, Long> e : pnlByAccount.entrySet())
        {
            pnlRows.add(new String[]{ "account " + e.getKey(), rupees(e.getValue()) });
            total += e.getValue();
        }
        pnlRows.add(new String[]{ "total", rupees(total) });
        printTable(out, pnlRows, "LR");
    }

    /**
     * Prints rows indented by two spaces, each column as wide as its widest cell, left-aligned where
     * {@code alignment} has an L for it and right-aligned (numbers) where it has an R.
     */
    private static void printTable(final PrintStream out, final List<String[]> rows, final String alignment)
    {
        final int[] widths = new int[alignment.length()];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder line = new StringBuilder();
        for (final String[] row : rows)
        {
            line.setLength(0);
            line.append(' ');
            for (int i = 0; i < row.length; i++)
            {
                final String pad = " ".repeat(widths[i] - row[i].length());
                final boolean right = alignment.charAt(i) == 'R';
                line.append(' ').append(right ? pad : "").append(row[i]);
                if (!right && i < row.length - 1)
                {
                    line.append(pad);
                }
            }
            out.println(line);
        }
    }

    /** @return input sequence of the last event folded in, -1 before any. */
    public long lastInputSequence()
    {
        return lastInputSequence;
    }

    /** @return timestampNs of the last order, position or instrument event folded in. */
    public long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    private String symbol(final long token)
    {
        final String symbol = symbols.get(token);
        return null == symbol ? Long.toString(token) : symbol + " (" + token + ")";
    }

    /**
     * @param units a price in the instrument's unit: paise, or 1e-7 rupee for currency derivatives.
     * @return the price in rupees, exact: two decimals, four or more for currency derivatives (88.2850, 88.28125).
     */
    public static String price(final long units, final long instrumentToken)
    {
        final int decimals = KitePrices.decimals(KitePrices.segmentOf(instrumentToken));
        if (decimals == 2)
        {
            return rupees(units);
        }
        final BigDecimal rupees = BigDecimal.valueOf(units, decimals).stripTrailingZeros();
        return rupees.setScale(Math.max(4, rupees.scale())).toPlainString();
    }

    /**
     * @param paise an amount in paise.
     * @return the amount in rupees with two decimals, exact (no floating point).
     */
    public static String rupees(final long paise)
    {
        final long abs = Math.abs(paise);
        final String digits = (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
        return paise < 0 ? "-" + digits : digits;
    }
}
