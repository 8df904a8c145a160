package io.quantumleap.journal.export;

import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandDecoder;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.kite.rest.KitePrices;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.KiteNames;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.List;

import static io.quantumleap.journal.export.Column.int64;
import static io.quantumleap.journal.export.Column.int64OrNull;
import static io.quantumleap.journal.export.Column.text;
import static io.quantumleap.journal.export.Column.textOrNull;
import static io.quantumleap.journal.export.Column.timestampNs;

/**
 * What can be exported, one row per message: ticks as received ({@code in}), and orders, fills and positions
 * as the core reported them ({@code out}). Prices stay integers in the segment's unit, times in epoch ns or s as
 * recorded: no rounding on the way to research tools. The price columns ({@code *PricePaise}) hold paise for most
 * segments but 1e-7 rupee for currency derivatives: each row's {@code priceDecimals} says which (rupees = price /
 * 10^priceDecimals). Money (values, P&L: {@code *ValuePaise}, {@code pnlPaise}, ...) is always paise. Enum
 * values are spelt as Kite and the API spell them ({@link KiteNames}): {@code TRIGGER PENDING}, {@code SL-M},
 * {@code regular}, {@code quote}.
 *
 * <p>Every row names its instrument twice: {@code instrumentToken} and, right after it, {@code symbol}, the
 * instrument as the REST API names it ({@code EXCHANGE:TRADINGSYMBOL}, e.g. {@code NSE:INFY}), so rows join with the
 * API without a lookup. The symbol is the one the journal's latest definition of the token before the row gave
 * (ticks: the {@code InstrumentDefinitionCommand}s of {@code in}; the rest: the core's {@code InstrumentEvent}s of
 * {@code out}), wherever the export's range starts: hand the converter's {@link RowConverter#instruments()} the
 * definitions from the journal's start ({@link #instrumentTemplateId()}). A token the journal never defined has an
 * empty symbol (null in JSON lines and Parquet).
 */
public enum ExportTable
{
    /** Every market data command: the tick as decoded from Kite, with the best bid and ask. */
    TICKS(JournalStream.IN, MarketDataCommandDecoder.TEMPLATE_ID, List.of(
        int64("index"), timestampNs("timestampNs"), int64("instrumentToken"), textOrNull("symbol"), text("mode"),
        int64("lastPricePaise"), int64("lastTradedQty"), int64("averageTradedPricePaise"), int64("volumeTraded"),
        int64("totalBuyQty"), int64("totalSellQty"), int64("openPricePaise"), int64("highPricePaise"),
        int64("lowPricePaise"), int64("closePricePaise"), int64("lastTradeTimeS"), int64("oi"), int64("exchangeTimeS"),
        int64("bidPricePaise"), int64("bidQty"), int64("askPricePaise"), int64("askQty"), int64("priceDecimals"))),

    /**
     * Every order state the core emitted. The columns from {@code external} to {@code auctionNumber} came with later
     * schema versions (whether the order was adopted from the broker, then the order's terms): they are empty for
     * orders recorded before them; {@code external} is 1 for an order placed outside this system.
     */
    ORDERS(JournalStream.OUT, OrderEventDecoder.TEMPLATE_ID, List.of(
        int64("index"), int64("inputSequence"), timestampNs("timestampNs"), int64("accountId"), int64("clientOrderId"),
        text("brokerOrderId"), text("status"), int64("instrumentToken"), textOrNull("symbol"), text("side"),
        text("orderType"), text("product"), text("validity"), text("variety"), int64("qty"), int64("filledQty"),
        int64("pendingQty"), int64("cancelledQty"), int64("pricePaise"), int64("triggerPricePaise"),
        int64("averagePricePaise"), int64("modifyCount"), int64("exchangeTimeS"), text("tag"), text("statusMessage"),
        text("userTag"), text("parentOrderId"), int64OrNull("external"), int64OrNull("disclosedQty"),
        int64OrNull("validityTtlMinutes"), int64OrNull("marketProtectionPct"), int64OrNull("icebergLegs"),
        int64OrNull("icebergQty"), text("auctionNumber"), int64("priceDecimals"))),

    /** Every fill. */
    FILLS(JournalStream.OUT, FillEventDecoder.TEMPLATE_ID, List.of(
        int64("index"), int64("inputSequence"), timestampNs("timestampNs"), int64("accountId"), int64("clientOrderId"),
        text("brokerOrderId"), text("tradeId"), int64("instrumentToken"), textOrNull("symbol"), text("side"),
        text("product"), int64("qty"), int64("pricePaise"), int64("exchangeTimeS"), int64("priceDecimals"))),

    /** Every position change, with Kite's P&L arithmetic. */
    POSITIONS(JournalStream.OUT, PositionEventDecoder.TEMPLATE_ID, List.of(
        int64("index"), int64("inputSequence"), timestampNs("timestampNs"), int64("accountId"),
        int64("instrumentToken"), textOrNull("symbol"), text("product"), int64("qty"), int64("overnightQty"),
        int64("multiplier"), int64("buyQty"), int64("buyValuePaise"), int64("sellQty"), int64("sellValuePaise"),
        int64("averagePricePaise"), int64("lastPricePaise"), int64("closePricePaise"), int64("valuePaise"),
        int64("pnlPaise"), int64("m2mPaise"), int64("realisedPaise"), int64("unrealisedPaise"),
        int64("priceDecimals")));

    private final JournalStream stream;
    private final int templateId;
    private final List<Column> columns;

    ExportTable(final JournalStream stream, final int templateId, final List<Column> columns)
    {
        this.stream = stream;
        this.templateId = templateId;
        this.columns = columns;
    }

    /** @return the queue the rows come from. */
    public JournalStream stream()
    {
        return stream;
    }

    /** @return the SBE template id of the messages that become rows. */
    public int templateId()
    {
        return templateId;
    }

    /**
     * @return the SBE template id of the instrument definitions on this table's {@link #stream()}, which
     * {@link RowConverter#instruments()} needs to name the instruments of the rows.
     */
    public int instrumentTemplateId()
    {
        return stream == JournalStream.IN ? InstrumentDefinitionCommandDecoder.TEMPLATE_ID :
            InstrumentEventDecoder.TEMPLATE_ID;
    }

    /** @return the columns, in order. */
    public List<Column> columns()
    {
        return columns;
    }

    /**
     * Turns one message of this table's template into a row; one instance per export thread.
     *
     * @return a new converter.
     */
    public RowConverter converter()
    {
        return new RowConverter(this);
    }

    /** Decodes messages of one table into rows with reused flyweights. */
    public static final class RowConverter
    {
        private final ExportTable table;
        private final InstrumentSymbols instruments = new InstrumentSymbols();
        private final MarketDataCommandDecoder tick = new MarketDataCommandDecoder();
        private final OrderEventDecoder order = new OrderEventDecoder();
        private final FillEventDecoder fill = new FillEventDecoder();
        private final PositionEventDecoder position = new PositionEventDecoder();

        RowConverter(final ExportTable table)
        {
            this.table = table;
        }

        /**
         * Learns the instruments' symbols: give it the table's {@link ExportTable#instrumentTemplateId() definitions}
         * in journal order, from the journal's start (not only the export's range) and interleaved with the rows, so
         * each row gets the symbol defined last before it.
         *
         * @return the symbols the rows are written with.
         */
        public InstrumentSymbols instruments()
        {
            return instruments;
        }

        /**
         * @param index  journal index of the message.
         * @param buffer holding the schema-checked message of this table's template.
         * @param offset of the message.
         * @param out    receives one row.
         * @throws IOException when the row cannot be written.
         */
        public void write(final long index, final DirectBuffer buffer, final int offset, final RowWriter out)
            throws IOException
        {
            final int body = offset + JournalSchema.HEADER_LENGTH;
            final int blockLength = JournalSchema.blockLength(buffer, offset);
            final int version = JournalSchema.version(buffer, offset);
            out.beginRow();
            out.int64(index);
            switch (table)
            {
                case TICKS -> writeTick(buffer, body, blockLength, version, out);
                case ORDERS -> writeOrder(buffer, body, blockLength, version, out);
                case FILLS -> writeFill(buffer, body, blockLength, version, out);
                case POSITIONS -> writePosition(buffer, body, blockLength, version, out);
                default -> throw new IllegalStateException("unknown table " + table);
            }
            out.endRow();
        }

        private void writeTick(
            final DirectBuffer buffer, final int body, final int blockLength, final int version, final RowWriter out)
        {
            final MarketDataCommandDecoder d = tick.wrap(buffer, body, blockLength, version);
            out.int64(d.timestampNs());
            out.int64(d.instrumentToken());
            symbol(d.instrumentToken(), out);
            out.text(KiteNames.mode(d.mode()));
            out.int64(d.lastPricePaise());
            out.int64(d.lastTradedQty());
            out.int64(d.averageTradedPricePaise());
            out.int64(d.volumeTraded());
            out.int64(d.totalBuyQty());
            out.int64(d.totalSellQty());
            out.int64(d.openPricePaise());
            out.int64(d.highPricePaise());
            out.int64(d.lowPricePaise());
            out.int64(d.closePricePaise());
            out.int64(d.lastTradeTimeS());
            out.int64(d.oi());
            out.int64(d.exchangeTimeS());
            final MarketDataCommandDecoder.BidsDecoder bids = d.bids();
            if (bids.hasNext())
            {
                bids.next();
                out.int64(bids.pricePaise());
                out.int64(bids.qty());
            }
            else
            {
                out.int64(0);
                out.int64(0);
            }
            while (bids.hasNext())
            {
                bids.next();
            }
            final MarketDataCommandDecoder.AsksDecoder asks = d.asks();
            if (asks.hasNext())
            {
                asks.next();
                out.int64(asks.pricePaise());
                out.int64(asks.qty());
            }
            else
            {
                out.int64(0);
                out.int64(0);
            }
            out.int64(priceDecimals(d.instrumentToken()));
        }

        private void writeOrder(
            final DirectBuffer buffer, final int body, final int blockLength, final int version, final RowWriter out)
        {
            final OrderEventDecoder d = order.wrap(buffer, body, blockLength, version);
            out.int64(d.inputSequence());
            out.int64(d.timestampNs());
            out.int64(d.accountId());
            out.int64(d.clientOrderId());
            out.text(d.brokerOrderId());
            out.text(KiteNames.status(d.status()));
            out.int64(d.instrumentToken());
            symbol(d.instrumentToken(), out);
            out.text(KiteNames.side(d.side()));
            out.text(KiteNames.orderType(d.orderType()));
            out.text(KiteNames.product(d.product()));
            out.text(KiteNames.validity(d.validity()));
            out.text(KiteNames.variety(d.variety()));
            out.int64(d.qty());
            out.int64(d.filledQty());
            out.int64(d.pendingQty());
            out.int64(d.cancelledQty());
            out.int64(d.pricePaise());
            out.int64(d.triggerPricePaise());
            out.int64(d.averagePricePaise());
            out.int64(d.modifyCount());
            out.int64(d.exchangeTimeS());
            out.text(d.tag());
            out.text(d.statusMessage());
            out.text(d.userTag());
            out.text(d.parentOrderId());
            switch (d.external())
            {
                case TRUE -> out.int64(1);
                case FALSE -> out.int64(0);
                default -> out.none();
            }
            int64OrNone(out, d.disclosedQty(), OrderEventDecoder.disclosedQtyNullValue());
            int64OrNone(out, d.validityTtlMinutes(), OrderEventDecoder.validityTtlMinutesNullValue());
            int64OrNone(out, d.marketProtectionPct(), OrderEventDecoder.marketProtectionPctNullValue());
            int64OrNone(out, d.icebergLegs(), OrderEventDecoder.icebergLegsNullValue());
            int64OrNone(out, d.icebergQty(), OrderEventDecoder.icebergQtyNullValue());
            out.text(d.auctionNumber());
            out.int64(priceDecimals(d.instrumentToken()));
        }

        private void writeFill(
            final DirectBuffer buffer, final int body, final int blockLength, final int version, final RowWriter out)
        {
            final FillEventDecoder d = fill.wrap(buffer, body, blockLength, version);
            out.int64(d.inputSequence());
            out.int64(d.timestampNs());
            out.int64(d.accountId());
            out.int64(d.clientOrderId());
            out.text(d.brokerOrderId());
            out.text(d.tradeId());
            out.int64(d.instrumentToken());
            symbol(d.instrumentToken(), out);
            out.text(KiteNames.side(d.side()));
            out.text(KiteNames.product(d.product()));
            out.int64(d.qty());
            out.int64(d.pricePaise());
            out.int64(d.exchangeTimeS());
            out.int64(priceDecimals(d.instrumentToken()));
        }

        private void writePosition(
            final DirectBuffer buffer, final int body, final int blockLength, final int version, final RowWriter out)
        {
            final PositionEventDecoder d = position.wrap(buffer, body, blockLength, version);
            out.int64(d.inputSequence());
            out.int64(d.timestampNs());
            out.int64(d.accountId());
            out.int64(d.instrumentToken());
            symbol(d.instrumentToken(), out);
            out.text(KiteNames.product(d.product()));
            out.int64(d.qty());
            out.int64(d.overnightQty());
            out.int64(d.multiplier());
            out.int64(d.buyQty());
            out.int64(d.buyValuePaise());
            out.int64(d.sellQty());
            out.int64(d.sellValuePaise());
            out.int64(d.averagePricePaise());
            out.int64(d.lastPricePaise());
            out.int64(d.closePricePaise());
            out.int64(d.valuePaise());
            out.int64(d.pnlPaise());
            out.int64(d.m2mPaise());
            out.int64(d.realisedPaise());
            out.int64(d.unrealisedPaise());
            out.int64(priceDecimals(d.instrumentToken()));
        }

        private void symbol(final long instrumentToken, final RowWriter out)
        {
            final String symbol = instruments.symbol(instrumentToken);
            if (null == symbol)
            {
                out.none();
            }
            else
            {
                out.text(symbol);
            }
        }
    }

    /** A field a newer schema version added: its value, or none in a message recorded before it. */
    private static void int64OrNone(final RowWriter out, final long value, final long nullValue)
    {
        if (value == nullValue)
        {
            out.none();
        }
        else
        {
            out.int64(value);
        }
    }

    /** Decimals of an instrument's price columns: 2 (paise), 7 for currency derivatives (Kite's divisor). */
    static int priceDecimals(final long instrumentToken)
    {
        return KitePrices.decimals(KitePrices.segmentOf(instrumentToken));
    }
}
