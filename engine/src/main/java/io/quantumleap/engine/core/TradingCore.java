package io.quantumleap.engine.core;

import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.engine.protocol.AccountCommandDecoder;
import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.BrokerAckCommandDecoder;
import io.quantumleap.engine.protocol.BrokerConversionEventEncoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandDecoder;
import io.quantumleap.engine.protocol.BrokerHoldingsCommandDecoder;
import io.quantumleap.engine.protocol.BrokerPositionCommandDecoder;
import io.quantumleap.engine.protocol.BrokerRequestEventEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionCommandDecoder;
import io.quantumleap.engine.protocol.BrokerSessionEventEncoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.ConvertPositionCommandDecoder;
import io.quantumleap.engine.protocol.CancelOrderCommandDecoder;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.FeedGapEventEncoder;
import io.quantumleap.engine.protocol.FillEventEncoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandDecoder;
import io.quantumleap.engine.protocol.InstrumentEventEncoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.InstrumentsLoadedCommandDecoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventEncoder;
import io.quantumleap.engine.protocol.KillSwitchCommandDecoder;
import io.quantumleap.engine.protocol.KillSwitchEventEncoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageBlocks;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandDecoder;
import io.quantumleap.engine.protocol.OrderBookCommandDecoder;
import io.quantumleap.engine.protocol.OrderEventEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.OvernightPositionCommandDecoder;
import io.quantumleap.engine.protocol.PlaceOrderCommandDecoder;
import io.quantumleap.engine.protocol.PositionEventEncoder;
import io.quantumleap.engine.protocol.PositionType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventEncoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.RiskLimitsCommandDecoder;
import io.quantumleap.engine.protocol.RiskLimitsEventEncoder;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandDecoder;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The deterministic trading core: instruments, orders (Kite's state machine), positions (Kite's arithmetic) and
 * pre-trade risk. Owned by the core thread of the pipeline, which hands it journaled commands in journal order.
 *
 * <p>Every output is an SBE event handed to the {@link EventSink}, each carrying the journal index of the command
 * that caused it. The core reads time only from the command, so replaying the same commands into a fresh core
 * emits the same bytes and reaches the same {@link #stateHash()}. Bad input becomes a {@code RejectEvent} with a
 * reason, counted per reason; nothing throws out of {@link #onCommand}.
 *
 * <p>Time-driven work happens on a {@code TimerCommand} only, at the timer's time: TTL and IOC orders the engine
 * placed get a cancel request once their validity and a grace have passed (the exchange's own expiry normally
 * closes them first), UNKNOWN orders get a {@code RECONCILE} request, and the first timer of a new IST day closes
 * the DAY orders of earlier sessions and opens new daily budgets.
 *
 * <p>A broker reject is an order event plus a {@code RejectEvent} carrying the broker's error type, HTTP status and
 * message. Broker updates and trades for a broker order id the core does not know yet are parked (bounded) and
 * applied once an ack binds the id; an untagged update nobody claims is adopted as an external order of its
 * account (placed outside the engine, with a negative client order id the engine assigns); what can never be
 * applied is given up with a reject.
 */
public final class TradingCore implements CommandHandler
{
    /** Largest quantity the core accepts in any command: keeps value arithmetic far from overflow. */
    public static final long MAX_QTY = 1_000_000_000L;
    /** Largest price in paise the core accepts in any command (1e10 rupees). */
    public static final long MAX_PRICE_PAISE = 1_000_000_000_000L;
    /** Client order ids stay below 10^18 so the Kite tag "QL" + id fits Kite's 20 characters. */
    public static final long MAX_CLIENT_ORDER_ID = 999_999_999_999_999_999L;
    /** A TTL order lives at most one day (Kite's validity_ttl is in minutes, within the session). */
    public static final int MAX_TTL_MINUTES = 1_440;
    /** Kite's iceberg legs range. */
    public static final int MIN_ICEBERG_LEGS = 2;
    public static final int MAX_ICEBERG_LEGS = 10;
    /** Largest event the core encodes (a market update with full depth is under 500 bytes). */
    public static final int MAX_EVENT_LENGTH = 1024;
    /**
     * The client order id of the first order the core adopts from the broker (placed outside the engine); the next
     * ones count down. Placements need ids above zero, so these never collide with the engine's own, and they stay
     * exact as JSON numbers in a browser.
     */
    public static final long FIRST_EXTERNAL_CLIENT_ORDER_ID = -1;
    /** Longest broker message a RejectEvent carries; longer ones are cut at a character boundary. */
    public static final int MAX_BROKER_MESSAGE_LENGTH = 256;
    /** How the status message of every order the engine closes itself ends (the persister audits such closes). */
    public static final String CLOSED_BY_ENGINE = "closed by the engine";
    private static final byte[] NOT_IN_BOOK = ascii("Not in the broker's order book at reconciliation (a paper " +
        "broker that lost its book, or an order that ended while the engine was down): " + CLOSED_BY_ENGINE);
    private static final byte[] SESSION_ENDED = ascii("The trading session it was placed in ended without the " +
        "broker's last word on it: " + CLOSED_BY_ENGINE);

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int BLOCK_LENGTH_SHIFT = 8 * MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int TEMPLATE_ID_SHIFT = 8 * MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SCHEMA_ID_SHIFT = 8 * MessageHeaderDecoder.schemaIdEncodingOffset();
    private static final int VERSION_SHIFT = 8 * MessageHeaderDecoder.versionEncodingOffset();
    private static final long NULL_CLIENT_ORDER_ID = PlaceOrderCommandDecoder.clientOrderIdNullValue();
    private static final long NULL_TOKEN = PlaceOrderCommandDecoder.instrumentTokenNullValue();
    private static final int REJECT_REASONS = 64;
    private static final int NO_INSTRUMENT = -1;
    private static final short LTP = TickMode.LTP.value();
    private static final short QUOTE = TickMode.QUOTE.value();
    private static final short FULL = TickMode.FULL.value();
    private static final int GROUP_HEADER = MarketImages.GROUP_HEADER;
    /** The products a position converts between (Kite's {@code PUT /portfolio/positions}). */
    private static final Product[] CONVERTIBLE = {Product.CNC, Product.NRML, Product.MIS, Product.MTF};
    /** {@link #conversionSource}: the column's quantities differ in a way no one conversion explains. */
    private static final int NO_CONVERSION = -2;
    /** Columns of a product's quantities at a reconciliation: the day's bought, the day's sold, the signed carry. */
    private static final int BOUGHT = 0;
    private static final int SOLD = 1;
    private static final int OVERNIGHT = 2;
    private static final int COLUMNS = 3;
    private static final byte[] TAG_PREFIX = {'Q', 'L'};
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final EventSink sink;
    private final CoreSettings settings;
    private final RiskLimits defaultLimits;
    private KillSwitchMode globalKillSwitch = KillSwitchMode.OFF;

    private final ArrayList<Instrument> instruments;
    /**
     * Token (a uint32, kept in an int) to instrument id: key and value share a cache line and the table is small
     * enough to stay in L2, so a tick's lookup costs at most one miss.
     */
    private final Int2IntHashMap instrumentIdsByToken;
    private final MarketImages market;
    private final Object2ObjectHashMap<String, Instrument> instrumentsBySymbol;
    private final Long2ObjectHashMap<Account> accounts;
    private final Long2ObjectHashMap<Order> ordersByBrokerKey;
    private Order[] freeOrders;
    private int freeOrderCount;
    private final Position[] freePositions;
    private int freePositionCount;
    private final Order[] retiredOrders;
    private int retiredHead;
    private int retiredCount;

    private final long[] rejectCounts = new long[REJECT_REASONS];
    private long commandsHandled;
    private long eventsEmitted;
    private long rejectsTotal;

    /**
     * Orders a timer must look at (placements awaiting their first broker answer, TTL and IOC expiry, UNKNOWN
     * awaiting reconciliation), unordered; each order knows its index.
     */
    private Order[] timedOrders;
    private int timedCount;
    private Order[] sessionScratch;
    private long lastTimerNs = Long.MIN_VALUE;
    private long sessionDay = Long.MIN_VALUE;
    private final ParkedBrokerUpdates parked;
    /** An order whose broker order id the current command bound: parked updates for it are applied after. */
    private Order boundOrder;
    /** While a timer gives up a parked update: adopt it even if the account still awaits broker order ids. */
    private boolean adoptParked;
    private long externalOrders;
    private long parkedTotal;
    private long appliedFromPark;
    private long sessionsStarted;
    private long expiryCancels;
    private long reconcileRequests;
    private long closedNotInBook;

    private long sequence;
    private long timestampNs;
    private int templateId;
    private long contextAccountId;
    private long contextClientOrderId;
    private int commandOffset;
    private int commandEnd;

    private final byte[] scratchId = new byte[Order.BROKER_ID_LENGTH];
    private final byte[] scratchParentId = new byte[Order.BROKER_ID_LENGTH];
    private final byte[] scratchTag = new byte[32];
    private final byte[] noTag = new byte[32];
    private final UnsafeBuffer brokerMessage = new UnsafeBuffer(new byte[MAX_BROKER_MESSAGE_LENGTH]);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[MAX_EVENT_LENGTH]);

    private final MarketDataCommandDecoder marketData = new MarketDataCommandDecoder();
    private final InstrumentDefinitionCommandDecoder instrumentDefinition = new InstrumentDefinitionCommandDecoder();
    private final InstrumentsLoadedCommandDecoder instrumentsLoaded = new InstrumentsLoadedCommandDecoder();
    private final AccountCommandDecoder accountCommand = new AccountCommandDecoder();
    private final PlaceOrderCommandDecoder place = new PlaceOrderCommandDecoder();
    private final ModifyOrderCommandDecoder modify = new ModifyOrderCommandDecoder();
    private final CancelOrderCommandDecoder cancel = new CancelOrderCommandDecoder();
    private final BrokerAckCommandDecoder brokerAck = new BrokerAckCommandDecoder();
    private final BrokerRejectCommandDecoder brokerReject = new BrokerRejectCommandDecoder();
    private final OrderUpdateCommandDecoder orderUpdate = new OrderUpdateCommandDecoder();
    private final TradeCommandDecoder trade = new TradeCommandDecoder();
    private final OvernightPositionCommandDecoder overnight = new OvernightPositionCommandDecoder();
    private final ConvertPositionCommandDecoder convert = new ConvertPositionCommandDecoder();
    private final BrokerPositionCommandDecoder brokerPosition = new BrokerPositionCommandDecoder();
    private final BrokerHoldingsCommandDecoder brokerHoldings = new BrokerHoldingsCommandDecoder();
    /** The broker's and the engine's quantities by product ({@link #CONVERTIBLE}), {@link #COLUMNS} each. */
    private final long[] brokerQty = new long[COLUMNS * CONVERTIBLE.length];
    private final long[] engineQty = new long[COLUMNS * CONVERTIBLE.length];
    private final RiskLimitsCommandDecoder riskLimits = new RiskLimitsCommandDecoder();
    private final KillSwitchCommandDecoder killSwitch = new KillSwitchCommandDecoder();
    private final BrokerSessionCommandDecoder brokerSession = new BrokerSessionCommandDecoder();
    private final FeedGapCommandDecoder feedGap = new FeedGapCommandDecoder();
    private final TimerCommandDecoder timer = new TimerCommandDecoder();
    private final OrderBookCommandDecoder orderBook = new OrderBookCommandDecoder();
    /** One bit per feed connection id (0 to 255) whose last gap command was {@code GAP_STARTED}. */
    private final long[] openGaps = new long[4];

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final OrderEventEncoder orderEvent = new OrderEventEncoder();
    private final FillEventEncoder fillEvent = new FillEventEncoder();
    private final PositionEventEncoder positionEvent = new PositionEventEncoder();
    private final RejectEventEncoder rejectEvent = new RejectEventEncoder();
    private final BrokerRequestEventEncoder brokerRequestEvent = new BrokerRequestEventEncoder();
    private final RiskLimitsEventEncoder riskLimitsEvent = new RiskLimitsEventEncoder();
    private final KillSwitchEventEncoder killSwitchEvent = new KillSwitchEventEncoder();
    private final BrokerSessionEventEncoder brokerSessionEvent = new BrokerSessionEventEncoder();
    private final FeedGapEventEncoder feedGapEvent = new FeedGapEventEncoder();
    private final BrokerConversionEventEncoder brokerConversionEvent = new BrokerConversionEventEncoder();
    private final InstrumentEventEncoder instrumentEvent = new InstrumentEventEncoder();
    private final InstrumentsLoadedEventEncoder instrumentsLoadedEvent = new InstrumentsLoadedEventEncoder();

    /**
     * A core with the default {@link CoreSettings}.
     *
     * @param sink receives every event, on the calling thread.
     */
    public TradingCore(final EventSink sink)
    {
        this(sink, new CoreSettings());
    }

    /**
     * @param sink     receives every event, on the calling thread.
     * @param settings limits and capacities; validated here.
     */
    public TradingCore(final EventSink sink, final CoreSettings settings)
    {
        this.sink = sink;
        this.settings = settings.validate();
        final RiskLimits d = settings.defaultLimits();
        defaultLimits = new RiskLimits(
            d.maxOrderValuePaise, d.maxPositionQty, d.priceBandBps, d.ordersPerSecond, d.ordersPerMinute,
            d.ordersPerDay);
        instruments = new ArrayList<>(settings.instrumentCapacity());
        instrumentIdsByToken = new Int2IntHashMap(settings.instrumentCapacity() * 2, 0.5f, NO_INSTRUMENT);
        market = new MarketImages(settings.instrumentCapacity());
        instrumentsBySymbol = new Object2ObjectHashMap<>(settings.instrumentCapacity() * 2, 0.5f);
        accounts = new Long2ObjectHashMap<>(settings.accountCapacity() * 2, 0.5f);
        ordersByBrokerKey = new Long2ObjectHashMap<>(
            settings.retainedTerminalOrders() + 4 * settings.ordersPerAccountCapacity(), 0.65f);
        retiredOrders = new Order[settings.retainedTerminalOrders()];
        freePositions = new Position[settings.preallocatedPositions()];
        while (freePositionCount < freePositions.length)
        {
            freePositions[freePositionCount++] = new Position();
        }
        freeOrders = new Order[Math.max(64, settings.preallocatedOrders())];
        for (int i = 0; i < settings.preallocatedOrders(); i++)
        {
            freeOrders[freeOrderCount++] = new Order();
        }
        timedOrders = new Order[Math.max(64, settings.preallocatedOrders())];
        sessionScratch = new Order[Math.max(64, settings.preallocatedOrders())];
        parked = new ParkedBrokerUpdates(settings.parkedBrokerUpdates());
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    /** {@inheritDoc} */
    @Override
    public void onCommand(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        this.sequence = sequence;
        timestampNs = 0;
        templateId = 0;
        contextAccountId = 0;
        contextClientOrderId = NULL_CLIENT_ORDER_ID;
        commandsHandled++;
        boundOrder = null;
        try
        {
            dispatch(buffer, offset, length);
            while (boundOrder != null)
            {
                final Order order = boundOrder;
                boundOrder = null;
                applyParked(order);
            }
        }
        catch (final RuntimeException ex)
        {
            // A command whose fields point outside its bytes: refused, never fatal to the core.
            reject(RejectReason.MALFORMED_COMMAND, 0, 0);
        }
    }

    private void dispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH || offset < 0 || offset + length > buffer.capacity())
        {
            reject(RejectReason.MALFORMED_COMMAND, HEADER_LENGTH, length);
            return;
        }
        commandOffset = offset;
        commandEnd = offset + length;
        // The four uint16 of the message header in one read.
        final long header = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        templateId = (int)(header >>> TEMPLATE_ID_SHIFT) & 0xFFFF;
        final int blockLength = (int)(header >>> BLOCK_LENGTH_SHIFT) & 0xFFFF;
        final int version = (int)(header >>> VERSION_SHIFT) & 0xFFFF;
        final int schemaId = (int)(header >>> SCHEMA_ID_SHIFT) & 0xFFFF;
        final int body = offset + HEADER_LENGTH;
        final int end = offset + length;
        if (blockLength >= 8 && body + 8 <= end)
        {
            timestampNs = buffer.getLong(body, ByteOrder.LITTLE_ENDIAN);
        }
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            reject(RejectReason.MALFORMED_COMMAND, MessageHeaderDecoder.SCHEMA_ID, schemaId);
            return;
        }
        if (body + blockLength > end)
        {
            reject(RejectReason.MALFORMED_COMMAND, length, HEADER_LENGTH + blockLength);
            return;
        }

        switch (templateId)
        {
            case MarketDataCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, MarketDataCommandDecoder.BLOCK_LENGTH, version))
                {
                    marketData.wrap(buffer, body, blockLength, version);
                    onMarketData(buffer, end);
                }
                break;

            case InstrumentDefinitionCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, InstrumentDefinitionCommandDecoder.BLOCK_LENGTH, version))
                {
                    instrumentDefinition.wrap(buffer, body, blockLength, version);
                    onInstrumentDefinition();
                }
                break;

            case InstrumentsLoadedCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, InstrumentsLoadedCommandDecoder.BLOCK_LENGTH, version))
                {
                    instrumentsLoaded.wrap(buffer, body, blockLength, version);
                    onInstrumentsLoaded();
                }
                break;

            case AccountCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, AccountCommandDecoder.BLOCK_LENGTH, version))
                {
                    accountCommand.wrap(buffer, body, blockLength, version);
                    onAccount();
                }
                break;

            case PlaceOrderCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, PlaceOrderCommandDecoder.BLOCK_LENGTH, version))
                {
                    place.wrap(buffer, body, blockLength, version);
                    onPlace();
                }
                break;

            case ModifyOrderCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, ModifyOrderCommandDecoder.BLOCK_LENGTH, version))
                {
                    modify.wrap(buffer, body, blockLength, version);
                    onModify();
                }
                break;

            case CancelOrderCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, CancelOrderCommandDecoder.BLOCK_LENGTH, version))
                {
                    cancel.wrap(buffer, body, blockLength, version);
                    onCancel();
                }
                break;

            case BrokerAckCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, BrokerAckCommandDecoder.BLOCK_LENGTH, version))
                {
                    brokerAck.wrap(buffer, body, blockLength, version);
                    onBrokerAck();
                }
                break;

            case BrokerRejectCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, BrokerRejectCommandDecoder.BLOCK_LENGTH, version))
                {
                    brokerReject.wrap(buffer, body, blockLength, version);
                    onBrokerReject();
                }
                break;

            case OrderUpdateCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, OrderUpdateCommandDecoder.BLOCK_LENGTH, version))
                {
                    orderUpdate.wrap(buffer, body, blockLength, version);
                    onOrderUpdate();
                }
                break;

            case TradeCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, TradeCommandDecoder.BLOCK_LENGTH, version))
                {
                    trade.wrap(buffer, body, blockLength, version);
                    onTrade();
                }
                break;

            case OvernightPositionCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, OvernightPositionCommandDecoder.BLOCK_LENGTH, version))
                {
                    overnight.wrap(buffer, body, blockLength, version);
                    onOvernightPosition();
                }
                break;

            case ConvertPositionCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, ConvertPositionCommandDecoder.BLOCK_LENGTH, version))
                {
                    convert.wrap(buffer, body, blockLength, version);
                    onConvertPosition();
                }
                break;

            case BrokerPositionCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, BrokerPositionCommandDecoder.BLOCK_LENGTH, version))
                {
                    brokerPosition.wrap(buffer, body, blockLength, version);
                    onBrokerPosition(buffer, end);
                }
                break;

            case BrokerHoldingsCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, BrokerHoldingsCommandDecoder.BLOCK_LENGTH, version))
                {
                    brokerHoldings.wrap(buffer, body, blockLength, version);
                    onBrokerHoldings(buffer, end);
                }
                break;

            case RiskLimitsCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, RiskLimitsCommandDecoder.BLOCK_LENGTH, version))
                {
                    riskLimits.wrap(buffer, body, blockLength, version);
                    onRiskLimits();
                }
                break;

            case KillSwitchCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, KillSwitchCommandDecoder.BLOCK_LENGTH, version))
                {
                    killSwitch.wrap(buffer, body, blockLength, version);
                    onKillSwitch();
                }
                break;

            case BrokerSessionCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, BrokerSessionCommandDecoder.BLOCK_LENGTH, version))
                {
                    brokerSession.wrap(buffer, body, blockLength, version);
                    onBrokerSession();
                }
                break;

            case FeedGapCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, FeedGapCommandDecoder.BLOCK_LENGTH, version))
                {
                    feedGap.wrap(buffer, body, blockLength, version);
                    onFeedGap();
                }
                break;

            case OrderBookCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, OrderBookCommandDecoder.BLOCK_LENGTH, version))
                {
                    orderBook.wrap(buffer, body, blockLength, version);
                    onOrderBook();
                }
                break;

            case TimerCommandDecoder.TEMPLATE_ID:
                if (checkBlock(blockLength, TimerCommandDecoder.BLOCK_LENGTH, version))
                {
                    timer.wrap(buffer, body, blockLength, version);
                    onTimer();
                }
                break;

            default:
                reject(RejectReason.MALFORMED_COMMAND, 0, templateId);
        }
    }

    /**
     * A block as long as this version's is whole whatever version wrote it (no version's is longer), so only a
     * shorter one needs the table of the shortest block each version may have.
     */
    private boolean checkBlock(final int actual, final int blockLengthNow, final int version)
    {
        return actual >= blockLengthNow || olderBlockFits(actual, version);
    }

    private boolean olderBlockFits(final int actual, final int version)
    {
        final int expected = MessageBlocks.minimum(templateId, version);
        if (actual < expected)
        {
            reject(RejectReason.MALFORMED_COMMAND, expected, actual);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- market data

    private void onMarketData(final DirectBuffer buffer, final int end)
    {
        final MarketDataCommandDecoder md = marketData;
        final long token = md.instrumentToken();
        final int id = instrumentIdsByToken.get((int)token);
        if (id < 0)
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT, 0, token);
            return;
        }
        final short mode = md.modeRaw();
        if (mode != LTP && mode != QUOTE && mode != FULL)
        {
            reject(RejectReason.INVALID_FIELD, 0, mode);
            return;
        }
        final long lastPricePaise = md.lastPricePaise();
        if (lastPricePaise < 0 || lastPricePaise > MAX_PRICE_PAISE)
        {
            reject(RejectReason.INVALID_PRICE, MAX_PRICE_PAISE, lastPricePaise);
            return;
        }

        final int slot = MarketImages.slot(id);
        if (mode != FULL)
        {
            market.apply(slot, buffer, md.offset(), mode, lastPricePaise, timestampNs);
        }
        else if (!applyFull(slot, buffer, end, lastPricePaise))
        {
            return;
        }

        // The slot holds the event: no encoding, no copy.
        market.inputSequence(slot, sequence);
        final long meta = market.meta(slot);
        eventsEmitted++;
        sink.onEvent(sequence, market.buffer(), slot + MarketImages.EVENT, MarketImages.eventLength(meta));

        if (MarketImages.isHeld(meta))
        {
            markToMarket(instruments.get(id));
        }
    }

    /**
     * Checks both depth groups lie inside the command before the state takes either; a tick whose asks are
     * malformed still leaves its bids behind, as it always has (replays of older journals depend on it).
     */
    private boolean applyFull(final int slot, final DirectBuffer buffer, final int end, final long lastPricePaise)
    {
        final int bids = marketData.limit();
        final int asks = depthSideEnd(buffer, bids, end);
        if (asks < 0)
        {
            return false;
        }
        final int depthEnd = depthSideEnd(buffer, asks, end);
        if (depthEnd < 0)
        {
            market.bidsOnly(slot, buffer, bids);
            return false;
        }
        market.applyFull(slot, buffer, marketData.offset(), bids, asks, depthEnd, lastPricePaise, timestampNs);
        return true;
    }

    /** @return where the depth group at {@code limit} ends, or -1 after rejecting it for overrunning the command. */
    private int depthSideEnd(final DirectBuffer buffer, final int limit, final int end)
    {
        return groupEnd(buffer, limit, end, MarketImages.ENTRY_LENGTH);
    }

    /**
     * @return where the repeating group at {@code limit} ends, when its header and entries of at least
     * {@code minEntryLength} bytes lie inside the command; -1, the command refused as malformed, when not.
     */
    private int groupEnd(final DirectBuffer buffer, final int limit, final int end, final int minEntryLength)
    {
        if (limit + GROUP_HEADER > end)
        {
            reject(RejectReason.MALFORMED_COMMAND, limit + GROUP_HEADER - commandOffset, end - commandOffset);
            return -1;
        }
        final int header = buffer.getInt(limit, ByteOrder.LITTLE_ENDIAN);
        final int entryLength = header & 0xFFFF;
        final int count = header >>> 16;
        final int entries = limit + GROUP_HEADER;
        if (entryLength < minEntryLength || entries + (long)entryLength * count > end)
        {
            reject(RejectReason.MALFORMED_COMMAND, end - entries, (long)entryLength * count);
            return -1;
        }
        return entries + entryLength * count;
    }

    private void markToMarket(final Instrument ins)
    {
        final Position[] positions = ins.positions;
        for (int i = 0, n = ins.positionCount; i < n; i++)
        {
            final Position p = positions[i];
            if (p.pnlPaise() != p.lastPnlPaise || p.m2mPaise() != p.lastM2mPaise)
            {
                emitPosition(p);
            }
        }
    }

    private void onInstrumentDefinition()
    {
        final InstrumentDefinitionCommandDecoder d = instrumentDefinition;
        final long token = d.instrumentToken();
        final Exchange exchange = d.exchange();
        final Segment segment = d.segment();
        final InstrumentType type = d.instrumentType();
        if (token == NULL_TOKEN || token == 0)
        {
            reject(RejectReason.INVALID_FIELD, 0, token);
            return;
        }
        if (exchange == Exchange.NULL_VAL || exchange == Exchange.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, d.exchangeRaw());
            return;
        }
        if (segment == Segment.NULL_VAL || segment == Segment.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, d.segmentRaw());
            return;
        }
        if (type == InstrumentType.NULL_VAL || type == InstrumentType.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, d.instrumentTypeRaw());
            return;
        }
        final boolean tradable = segment != Segment.INDICES && type != InstrumentType.INDEX;
        if (tradable && (d.tickSizePaise() <= 0 || d.tickSizePaise() > MAX_PRICE_PAISE))
        {
            reject(RejectReason.INVALID_FIELD, 1, d.tickSizePaise());
            return;
        }
        if (tradable && d.lotSize() <= 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, d.lotSize());
            return;
        }
        final String symbol = d.tradingsymbol();
        if (symbol.isEmpty())
        {
            reject(RejectReason.INVALID_FIELD, 1, 0);
            return;
        }

        // Definitions arrive once a day from the instruments dump: allocating the symbol key here is fine.
        final String key = exchange.name() + ':' + symbol;
        Instrument ins = instrumentsBySymbol.get(key);
        if (ins == null)
        {
            final int id = instruments.size();
            market.ensureCapacity(id + 1);
            market.init(MarketImages.slot(id), token);
            ins = new Instrument(id, market);
            instruments.add(ins);
            instrumentsBySymbol.put(key, ins);
        }
        else if (ins.token != token && instrumentIdsByToken.get((int)ins.token) == ins.id)
        {
            instrumentIdsByToken.remove((int)ins.token);
        }
        instrumentIdsByToken.put((int)token, ins.id);
        ins.token = token;
        market.token(MarketImages.slot(ins.id), token);
        ins.exchange = exchange;
        ins.segment = segment;
        ins.instrumentType = type;
        ins.tickSizePaise = Math.max(0, d.tickSizePaise());
        ins.lotSize = Math.max(0, d.lotSize());
        ins.freezeQty = Math.max(0, d.freezeQty());
        ins.multiplier = d.multiplier() > 0 ? d.multiplier() : 1;
        ins.unitsPerPaisa = Instrument.unitsPerPaisa(segment);
        d.getTradingsymbol(ins.tradingsymbol, 0);

        final InstrumentEventEncoder e = instrumentEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .instrumentToken(token)
            .exchange(exchange)
            .segment(segment)
            .instrumentType(type)
            .tickSizePaise(ins.tickSizePaise)
            .lotSize(ins.lotSize)
            .putTradingsymbol(ins.tradingsymbol, 0);
        emit(e.encodedLength());
    }

    /** The end of an instruments dump: tells the readers of the events that its instruments are all in. */
    private void onInstrumentsLoaded()
    {
        final InstrumentsLoadedCommandDecoder c = instrumentsLoaded;
        if (c.rows() < 0 || c.published() < 0 || c.published() > c.rows())
        {
            reject(RejectReason.INVALID_FIELD, c.rows(), c.published());
            return;
        }
        final InstrumentsLoadedEventEncoder e = instrumentsLoadedEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .rows(c.rows())
            .published(c.published())
            .instruments(instruments.size());
        emit(e.encodedLength());
    }

    private void onAccount()
    {
        final long accountId = accountCommand.accountId();
        contextAccountId = accountId;
        if (accountId <= 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, accountId);
            return;
        }
        Account account = accounts.get(accountId);
        if (account == null)
        {
            account = new Account(
                accountId, settings.ordersPerAccountCapacity(), settings.positionsPerAccountCapacity());
            accounts.put(accountId, account);
        }
        accountCommand.getBrokerUserId(account.brokerUserId, 0);
    }

    // --------------------------------------------------------------------------------------------------- orders

    private void onPlace()
    {
        final PlaceOrderCommandDecoder c = place;
        final long accountId = c.accountId();
        final long clientOrderId = c.clientOrderId();
        contextAccountId = accountId;
        contextClientOrderId = clientOrderId;

        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        if (clientOrderId <= 0 || clientOrderId > MAX_CLIENT_ORDER_ID)
        {
            reject(RejectReason.INVALID_FIELD, MAX_CLIENT_ORDER_ID, clientOrderId);
            return;
        }
        if (account.ordersByClientId.containsKey(clientOrderId) ||
            account.retiredClientOrderIds.contains(clientOrderId))
        {
            reject(RejectReason.DUPLICATE_CLIENT_ORDER_ID, 0, clientOrderId);
            return;
        }
        final Side side = c.side();
        final OrderType orderType = c.orderType();
        final Product product = c.product();
        final Validity validity = c.validity();
        final Variety variety = c.variety();
        if (!validOrderFields(side, c.sideRaw(), orderType, c.orderTypeRaw(), product, c.productRaw(), validity,
            c.validityRaw(), variety, c.varietyRaw()))
        {
            return;
        }
        // Kite places an auction order only with the number of the auction it sells into, and no other with one.
        final int auctionNumberLength = c.auctionNumberLength();
        if ((variety == Variety.AUCTION) != (auctionNumberLength > 0) ||
            auctionNumberLength > Order.AUCTION_NUMBER_LENGTH)
        {
            reject(RejectReason.INVALID_FIELD, Order.AUCTION_NUMBER_LENGTH, auctionNumberLength);
            return;
        }
        final long token = c.instrumentToken();
        final Instrument ins = instrumentByToken(token);
        if (ins == null)
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT, 0, token);
            return;
        }
        if (!ins.isTradable())
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT, 1, token);
            return;
        }
        final long qty = c.qty();
        final long pricePaise = orderType == OrderType.LIMIT || orderType == OrderType.SL ? c.pricePaise() : 0;
        final long triggerPaise = carriesTrigger(orderType, variety) ? c.triggerPricePaise() : 0;
        final int protection = c.marketProtectionPct();
        if (!checkOrderShape(ins, orderType, variety, qty, pricePaise, triggerPaise, protection))
        {
            return;
        }
        if (validity == Validity.TTL && c.validityTtlMinutes() <= 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, c.validityTtlMinutes());
            return;
        }
        if (validity == Validity.TTL && c.validityTtlMinutes() > MAX_TTL_MINUTES)
        {
            reject(RejectReason.INVALID_FIELD, MAX_TTL_MINUTES, c.validityTtlMinutes());
            return;
        }
        if (variety == Variety.ICEBERG && (c.icebergLegs() < MIN_ICEBERG_LEGS || c.icebergLegs() > MAX_ICEBERG_LEGS))
        {
            reject(RejectReason.INVALID_FIELD, MAX_ICEBERG_LEGS, c.icebergLegs());
            return;
        }
        if (variety == Variety.ICEBERG && (c.icebergQty() <= 0 || c.icebergQty() > qty))
        {
            reject(RejectReason.INVALID_QUANTITY, qty, c.icebergQty());
            return;
        }
        if (variety == Variety.ICEBERG && ins.freezeQty > 0 && c.icebergQty() > ins.freezeQty)
        {
            reject(RejectReason.FREEZE_QUANTITY, ins.freezeQty, c.icebergQty());
            return;
        }
        if (c.disclosedQty() < 0 || c.disclosedQty() > qty)
        {
            reject(RejectReason.INVALID_QUANTITY, qty, c.disclosedQty());
            return;
        }
        if (!checkKillSwitch(account, ins, product, side, qty))
        {
            return;
        }
        final Position position = account.positions.get(Account.positionKey(ins.id, product.value()));
        if (!checkRisk(account, ins, product, position, side, orderType, qty, 0, pricePaise, triggerPaise))
        {
            return;
        }
        if (!acquireRate(account))
        {
            return;
        }

        final Order order = newOrder();
        order.account = account;
        order.clientOrderId = clientOrderId;
        order.instrument = ins;
        order.position = position != null ? position : newPosition(account, ins, product);
        order.status = OrderStatus.PENDING_RISK;
        order.side = side;
        order.orderType = orderType;
        order.product = product;
        order.validity = validity;
        order.variety = variety;
        order.qty = qty;
        order.pendingQty = qty;
        order.pricePaise = pricePaise;
        order.triggerPricePaise = triggerPaise;
        order.disclosedQty = Math.max(0, c.disclosedQty());
        order.validityTtlMinutes = c.validityTtlMinutes();
        order.marketProtectionPct = protection;
        order.icebergLegs = c.icebergLegs();
        order.icebergQty = c.icebergQty();
        order.auctionNumberLength = c.getAuctionNumber(order.auctionNumber, 0, Order.AUCTION_NUMBER_LENGTH);
        c.getTag(order.tag, 0);
        order.tagLength = 0;
        while (order.tagLength < order.tag.length && order.tag[order.tagLength] != 0)
        {
            order.tagLength++;
        }
        order.timestampNs = timestampNs;
        order.placedNs = timestampNs;
        order.awaitingBrokerId = true;
        account.awaitingBrokerId++;
        account.ordersByClientId.put(clientOrderId, order);
        reserve(order, qty);
        watch(order, saturatedAdd(timestampNs, settings.ackTimeoutNs()));
        watchValidity(order);

        emitOrder(order);
        emitBrokerRequest(order, BrokerRequestType.PLACE, qty, pricePaise, triggerPaise, orderType, validity,
            order.disclosedQty);
    }

    /** SL and SL-M orders trigger at their trigger price; a cover order's trigger is its stop-loss leg's. */
    private static boolean carriesTrigger(final OrderType orderType, final Variety variety)
    {
        return orderType == OrderType.SL || orderType == OrderType.SL_M || variety == Variety.CO;
    }

    private boolean checkOrderShape(
        final Instrument ins,
        final OrderType orderType,
        final Variety variety,
        final long qty,
        final long pricePaise,
        final long triggerPaise,
        final int protection)
    {
        if (qty <= 0 || qty > MAX_QTY)
        {
            reject(RejectReason.INVALID_QUANTITY, MAX_QTY, qty);
            return false;
        }
        if (ins.lotSize > 0 && qty % ins.lotSize != 0)
        {
            reject(RejectReason.QUANTITY_NOT_LOT_MULTIPLE, ins.lotSize, qty);
            return false;
        }
        // An iceberg order's whole may be above the freeze quantity: the broker places it as legs, each held to it.
        if (ins.freezeQty > 0 && qty > ins.freezeQty && variety != Variety.ICEBERG)
        {
            reject(RejectReason.FREEZE_QUANTITY, ins.freezeQty, qty);
            return false;
        }
        if (orderType == OrderType.LIMIT || orderType == OrderType.SL)
        {
            if (!checkPrice(ins, pricePaise))
            {
                return false;
            }
        }
        if (carriesTrigger(orderType, variety))
        {
            if (!checkPrice(ins, triggerPaise))
            {
                return false;
            }
        }
        if (orderType == OrderType.MARKET || orderType == OrderType.SL_M)
        {
            if (protection == 0)
            {
                reject(RejectReason.MARKET_PROTECTION_REQUIRED, 1, 0);
                return false;
            }
            if (protection < -1 || protection > 100)
            {
                reject(RejectReason.INVALID_FIELD, 100, protection);
                return false;
            }
        }
        return true;
    }

    private boolean checkPrice(final Instrument ins, final long pricePaise)
    {
        if (pricePaise <= 0 || pricePaise > MAX_PRICE_PAISE)
        {
            reject(RejectReason.INVALID_PRICE, MAX_PRICE_PAISE, pricePaise);
            return false;
        }
        if (pricePaise % ins.tickSizePaise != 0)
        {
            reject(RejectReason.PRICE_OFF_TICK, ins.tickSizePaise, pricePaise);
            return false;
        }
        return true;
    }

    private boolean checkKillSwitch(
        final Account account, final Instrument ins, final Product product, final Side side, final long qty)
    {
        if (globalKillSwitch == KillSwitchMode.HALT || account.killSwitch == KillSwitchMode.HALT)
        {
            reject(RejectReason.KILL_SWITCH_HALT, 0, 0);
            return false;
        }
        if (globalKillSwitch == KillSwitchMode.REDUCE_ONLY || account.killSwitch == KillSwitchMode.REDUCE_ONLY)
        {
            final Position p = account.positions.get(Account.positionKey(ins.id, product.value()));
            final long posQty = held(account, ins, product, p);
            final long reducible = side == Side.BUY ?
                (posQty < 0 ? -posQty - (p == null ? 0 : p.pendingBuyQty) : 0) :
                (posQty > 0 ? posQty - (p == null ? 0 : p.pendingSellQty) : 0);
            if (qty > reducible)
            {
                reject(RejectReason.KILL_SWITCH_REDUCE_ONLY, Math.max(0, reducible), qty);
                return false;
            }
        }
        return true;
    }

    /**
     * What an account holds of an instrument in a product, for the kill switch and the position limit: the
     * position, and for CNC, once the broker has reported holdings, the delivery shares held (which hold the earlier
     * days') beside the day's CNC trades, so a sale of shares held is not a short.
     */
    private static long held(final Account account, final Instrument ins, final Product product, final Position p)
    {
        return product == Product.CNC && account.holdingsKnown ?
            account.heldQty.get(ins.token()) + (p == null ? 0 : p.dayBuyQty - p.daySellQty) :
            p == null ? 0 : p.qty();
    }

    private boolean checkRisk(
        final Account account,
        final Instrument ins,
        final Product product,
        final Position position,
        final Side side,
        final OrderType orderType,
        final long qty,
        final long alreadyReservedQty,
        final long pricePaise,
        final long triggerPaise)
    {
        final RiskLimits limits = account.ownLimits != null ? account.ownLimits : defaultLimits;
        final long ltp = ins.lastPricePaise();
        if (ltp <= 0)
        {
            reject(RejectReason.NO_REFERENCE_PRICE, 0, 0);
            return false;
        }
        // The band bounds how far past its reference a price may trade: a limit order's price past the last price
        // on the side it would trade at at once (a buy above, a sell below), a stop-loss order's price past its
        // trigger. A price on the resting side (a buy below the last price) waits in the book, bounded by the
        // exchange's circuit limits only, and an SL-M order's trigger is a stop, any distance away.
        final long bandReference = orderType == OrderType.LIMIT ? ltp : orderType == OrderType.SL ? triggerPaise : 0;
        if (bandReference > 0)
        {
            final long past = side == Side.BUY ? pricePaise - bandReference : bandReference - pricePaise;
            final long distanceBps = past <= 0 ? 0 :
                past > Long.MAX_VALUE / 10_000 ? Long.MAX_VALUE : past * 10_000 / bandReference;
            if (distanceBps > limits.priceBandBps)
            {
                reject(RejectReason.PRICE_BAND, limits.priceBandBps, distanceBps);
                return false;
            }
        }
        final long referencePaise = orderType == OrderType.LIMIT || orderType == OrderType.SL ? pricePaise :
            orderType == OrderType.SL_M ? triggerPaise : ltp;
        final long unitValue = referencePaise * ins.multiplier;
        final long orderValue = qty > Long.MAX_VALUE / unitValue ? Long.MAX_VALUE : ins.paise(qty * unitValue);
        if (orderValue > limits.maxOrderValuePaise)
        {
            reject(RejectReason.MAX_ORDER_VALUE, limits.maxOrderValuePaise, orderValue);
            return false;
        }
        final long posQty = held(account, ins, product, position);
        final long addedQty = qty - alreadyReservedQty;
        final long projected = side == Side.BUY ?
            posQty + (position == null ? 0 : position.pendingBuyQty) + addedQty :
            posQty - (position == null ? 0 : position.pendingSellQty) - addedQty;
        if (Math.abs(projected) > limits.maxPositionQty)
        {
            reject(RejectReason.MAX_POSITION, limits.maxPositionQty, Math.abs(projected));
            return false;
        }
        return true;
    }

    private boolean acquireRate(final Account account)
    {
        final RiskLimits limits = account.ownLimits != null ? account.ownLimits : defaultLimits;
        final int full = account.rateLimiter.tryAcquire(timestampNs, limits);
        switch (full)
        {
            case 0:
                return true;
            case 1:
                reject(RejectReason.RATE_LIMIT_SECOND, limits.ordersPerSecond, account.rateLimiter.count(1));
                return false;
            case 2:
                reject(RejectReason.RATE_LIMIT_MINUTE, limits.ordersPerMinute, account.rateLimiter.count(2));
                return false;
            default:
                reject(RejectReason.RATE_LIMIT_DAY, limits.ordersPerDay, account.rateLimiter.count(3));
                return false;
        }
    }

    /**
     * Sets the reject context to the order and finds it; rejects an unknown account or order.
     *
     * @return the order, or null when rejected.
     */
    private Order knownOrder(final long accountId, final long clientOrderId)
    {
        contextAccountId = accountId;
        contextClientOrderId = clientOrderId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return null;
        }
        final Order order = account.ordersByClientId.get(clientOrderId);
        if (order == null)
        {
            reject(RejectReason.UNKNOWN_ORDER, 0, clientOrderId);
        }
        return order;
    }

    private void onModify()
    {
        final ModifyOrderCommandDecoder c = modify;
        final Order order = knownOrder(c.accountId(), c.clientOrderId());
        if (order == null)
        {
            return;
        }
        if (!isWorking(order) || order.modifyInFlight)
        {
            reject(RejectReason.ORDER_NOT_OPEN, 0, order.status.value());
            return;
        }
        if (order.modifyCount >= settings.maxModificationsPerOrder())
        {
            reject(RejectReason.MAX_MODIFICATIONS, settings.maxModificationsPerOrder(), order.modifyCount + 1);
            return;
        }
        final OrderType orderType = c.orderType() == OrderType.NULL_VAL ? order.orderType : c.orderType();
        final Validity validity = c.validity() == Validity.NULL_VAL ? order.validity : c.validity();
        if (orderType == OrderType.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.orderTypeRaw());
            return;
        }
        if (validity == Validity.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.validityRaw());
            return;
        }
        // A field left out (the int64 null value) keeps the order's own, as Kite's modify does.
        final long qty = orElse(c.qty(), ModifyOrderCommandDecoder.qtyNullValue(), order.qty);
        final long pricePaise = orderType == OrderType.LIMIT || orderType == OrderType.SL ?
            orElse(c.pricePaise(), ModifyOrderCommandDecoder.pricePaiseNullValue(), order.pricePaise) : 0;
        final long triggerPaise = carriesTrigger(orderType, order.variety) ? orElse(
            c.triggerPricePaise(), ModifyOrderCommandDecoder.triggerPricePaiseNullValue(), order.triggerPricePaise) : 0;
        final Instrument ins = order.instrument;
        // Kite's modify carries no market protection: the broker keeps the order's own, or applies the exchange's
        // default (-1) to one that had none (a LIMIT made MARKET, a cover order's leg placed by the broker).
        final int protection = order.marketProtectionPct != 0 ? order.marketProtectionPct : -1;
        if (!checkOrderShape(ins, orderType, order.variety, qty, pricePaise, triggerPaise, protection))
        {
            return;
        }
        final long filled = Math.max(order.filledQty, order.tradedQty);
        if (qty <= filled)
        {
            reject(RejectReason.INVALID_QUANTITY, filled + 1, qty);
            return;
        }
        if (globalKillSwitch == KillSwitchMode.HALT || order.account.killSwitch == KillSwitchMode.HALT)
        {
            reject(RejectReason.KILL_SWITCH_HALT, 0, 0);
            return;
        }
        if ((globalKillSwitch == KillSwitchMode.REDUCE_ONLY ||
            order.account.killSwitch == KillSwitchMode.REDUCE_ONLY) && qty > order.qty)
        {
            reject(RejectReason.KILL_SWITCH_REDUCE_ONLY, order.qty, qty);
            return;
        }
        if (!checkRisk(order.account, ins, order.product, order.position, order.side, orderType, qty - filled,
            order.reservedQty, pricePaise, triggerPaise))
        {
            return;
        }
        if (!acquireRate(order.account))
        {
            return;
        }

        order.modifyInFlight = true;
        order.modifyOrderType = orderType;
        order.modifyValidity = validity;
        order.modifyQty = qty;
        order.modifyPricePaise = pricePaise;
        order.modifyTriggerPricePaise = triggerPaise;
        order.modifyDisclosedQty = Math.max(0,
            orElse(c.disclosedQty(), ModifyOrderCommandDecoder.disclosedQtyNullValue(), order.disclosedQty));
        order.statusBeforeRequest = order.status;
        order.status = OrderStatus.MODIFY_VALIDATION_PENDING;
        order.modifyRank = 0;
        order.timestampNs = timestampNs;
        emitOrder(order);
        emitBrokerRequest(order, BrokerRequestType.MODIFY, qty, pricePaise, triggerPaise, orderType, validity,
            order.modifyDisclosedQty);
    }

    private static byte[] ascii(final String text)
    {
        final byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)text.charAt(i);
        }
        return bytes;
    }

    private static long orElse(final long value, final long absent, final long otherwise)
    {
        return value == absent ? otherwise : value;
    }

    private void onCancel()
    {
        final CancelOrderCommandDecoder c = cancel;
        final Order order = knownOrder(c.accountId(), c.clientOrderId());
        if (order == null)
        {
            return;
        }
        if (!isWorking(order) || order.status == OrderStatus.CANCEL_PENDING)
        {
            reject(RejectReason.ORDER_NOT_OPEN, 0, order.status.value());
            return;
        }
        requestCancel(order);
    }

    /** Cancels reduce risk: never refused for rate or kill switch, but they use the broker's budget. */
    private void requestCancel(final Order order)
    {
        order.account.rateLimiter.record(timestampNs);
        order.statusBeforeRequest = order.modifyInFlight ? order.statusBeforeRequest : order.status;
        order.modifyInFlight = false;
        order.status = OrderStatus.CANCEL_PENDING;
        order.timestampNs = timestampNs;
        emitOrder(order);
        emitBrokerRequest(order, BrokerRequestType.CANCEL, order.qty, order.pricePaise, order.triggerPricePaise,
            order.orderType, order.validity, order.disclosedQty);
    }

    /** Live at the broker with a known broker order id: the only orders a modify or cancel can address. */
    private static boolean isWorking(final Order order)
    {
        return order.hasBrokerOrderId && !order.isTerminal() &&
            order.status != OrderStatus.UNKNOWN && order.status != OrderStatus.PENDING_RISK;
    }

    private void onBrokerAck()
    {
        final BrokerAckCommandDecoder c = brokerAck;
        final Order order = orderForBrokerReply(c.accountId(), c.clientOrderId());
        if (order == null)
        {
            return;
        }
        final BrokerRequestType type = c.requestType();
        final int idLength = readId(c.buffer(), c.offset() + BrokerAckCommandDecoder.brokerOrderIdEncodingOffset());
        if (idLength == 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, 0);
            return;
        }
        if (order.hasBrokerOrderId && !Arrays.equals(order.brokerOrderId, scratchId))
        {
            reject(RejectReason.INVALID_FIELD, 0, idLength);
            return;
        }
        if (order.isTerminal())
        {
            reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
            return;
        }
        switch (type)
        {
            case PLACE:
                if (order.hasBrokerOrderId && order.status != OrderStatus.PENDING_RISK &&
                    order.status != OrderStatus.UNKNOWN)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                    return;
                }
                indexBrokerOrderId(order);
                if (order.status == OrderStatus.PENDING_RISK || order.status == OrderStatus.UNKNOWN)
                {
                    order.status = OrderStatus.PUT_ORDER_REQ_RECEIVED;
                }
                break;

            case MODIFY:
                if (!order.modifyInFlight)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                    return;
                }
                applyModify(order);
                break;

            case CANCEL:
                if (order.status != OrderStatus.CANCEL_PENDING)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                }
                // The cancel stands once the broker's update says CANCELLED; the ack changes nothing.
                return;

            default:
                reject(RejectReason.INVALID_FIELD, 0, c.requestTypeRaw());
                return;
        }
        order.timestampNs = timestampNs;
        emitOrder(order);
    }

    private void applyModify(final Order order)
    {
        adoptModifiedTerms(order);
        order.qty = order.modifyQty;
        order.pricePaise = order.modifyPricePaise;
        order.triggerPricePaise = order.modifyTriggerPricePaise;
        order.pendingQty = Math.max(0, order.qty - Math.max(order.filledQty, order.tradedQty));
        if (order.status == OrderStatus.MODIFY_VALIDATION_PENDING)
        {
            order.status = order.statusBeforeRequest;
        }
        order.modifyRank = Math.max(order.modifyRank, 3);
        reserve(order, order.pendingQty);
        watchValidity(order);
    }

    /** The terms of the engine's modification no broker update carries; the modification counts as done. */
    private static void adoptModifiedTerms(final Order order)
    {
        order.modifyInFlight = false;
        order.orderType = order.modifyOrderType;
        order.validity = order.modifyValidity;
        order.disclosedQty = order.modifyDisclosedQty;
        order.modifyCount++;
    }

    private void onBrokerReject()
    {
        final BrokerRejectCommandDecoder c = brokerReject;
        final Order order = orderForBrokerReply(c.accountId(), c.clientOrderId());
        if (order == null)
        {
            return;
        }
        final int messageLength = readBrokerMessage(c.buffer(), c.limit());
        if (messageLength < 0)
        {
            return;
        }
        if (order.isTerminal())
        {
            reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
            return;
        }
        final BrokerErrorType raw = c.errorType();
        final BrokerErrorType error = raw == BrokerErrorType.NULL_VAL || raw == BrokerErrorType.SBE_UNKNOWN ?
            BrokerErrorType.GENERAL : raw;
        final boolean outcomeUnknown = error == BrokerErrorType.TIMEOUT || error == BrokerErrorType.NETWORK;
        switch (c.requestType())
        {
            case PLACE:
                if (order.status != OrderStatus.PENDING_RISK && order.status != OrderStatus.UNKNOWN ||
                    outcomeUnknown && order.status == OrderStatus.UNKNOWN)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                    return;
                }
                if (outcomeUnknown)
                {
                    order.status = OrderStatus.UNKNOWN;
                }
                else
                {
                    order.status = OrderStatus.REJECTED;
                    order.cancelledQty = 0;
                    order.pendingQty = 0;
                }
                break;

            case MODIFY:
                if (!order.modifyInFlight)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                    return;
                }
                order.modifyInFlight = false;
                order.status = outcomeUnknown ? OrderStatus.UNKNOWN :
                    order.status == OrderStatus.MODIFY_VALIDATION_PENDING ? order.statusBeforeRequest : order.status;
                break;

            case CANCEL:
                if (order.status != OrderStatus.CANCEL_PENDING)
                {
                    reject(RejectReason.STALE_BROKER_UPDATE, 0, order.status.value());
                    return;
                }
                order.status = outcomeUnknown ? OrderStatus.UNKNOWN : order.statusBeforeRequest;
                break;

            default:
                reject(RejectReason.INVALID_FIELD, 0, c.requestTypeRaw());
                return;
        }
        order.timestampNs = timestampNs;
        statusMessage(order, messageLength);
        if (order.status == OrderStatus.UNKNOWN)
        {
            watch(order, saturatedAdd(timestampNs, settings.reconcileIntervalNs()));
        }
        emitOrder(order);
        reject(outcomeUnknown ? RejectReason.BROKER_OUTCOME_UNKNOWN : RejectReason.BROKER_REJECTED,
            c.requestTypeRaw(), c.httpStatus(), error, c.httpStatus(), messageLength);
        if (order.isTerminal())
        {
            retire(order);
        }
    }

    /**
     * Copies the broker's message (the var data at {@code limit}) into {@link #brokerMessage}, cut to
     * {@link #MAX_BROKER_MESSAGE_LENGTH} at a UTF-8 character boundary.
     *
     * @return the bytes kept, or -1 after rejecting a message that runs past the command.
     */
    private int readBrokerMessage(final DirectBuffer buffer, final int limit)
    {
        final int header = BrokerRejectCommandDecoder.messageHeaderLength();
        if (limit + header > commandEnd)
        {
            reject(RejectReason.MALFORMED_COMMAND, limit + header - commandOffset, commandEnd - commandOffset);
            return -1;
        }
        final long length = buffer.getInt(limit, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (limit + header + length > commandEnd)
        {
            reject(RejectReason.MALFORMED_COMMAND, commandEnd - limit - header, length);
            return -1;
        }
        int kept = (int)Math.min(length, MAX_BROKER_MESSAGE_LENGTH);
        while (kept > 0 && kept < length && (buffer.getByte(limit + header + kept) & 0xC0) == 0x80)
        {
            kept--;
        }
        buffer.getBytes(limit + header, brokerMessage, 0, kept);
        return kept;
    }

    /**
     * The order a leg belongs to, as the broker names it (a cover order's stop-loss leg names its entry); an update
     * that names none leaves what an earlier one said.
     */
    private static void parentOrderId(final Order order, final OrderUpdateCommandDecoder c)
    {
        if (c.parentOrderId(0) == 0)
        {
            return;
        }
        c.getParentOrderId(order.parentOrderId, 0);
        int n = 0;
        while (n < Order.BROKER_ID_LENGTH && order.parentOrderId[n] != 0)
        {
            n++;
        }
        Arrays.fill(order.parentOrderId, n, Order.BROKER_ID_LENGTH, (byte)0);
        order.parentOrderIdLength = n;
    }

    /** Sets the order's status message to the first {@code length} bytes of {@link #brokerMessage}. */
    private void statusMessage(final Order order, final int length)
    {
        brokerMessage.getBytes(0, order.statusMessage, 0, length);
        if (order.statusMessageLength > length)
        {
            Arrays.fill(order.statusMessage, length, order.statusMessageLength, (byte)0);
        }
        order.statusMessageLength = length;
    }

    private Order orderForBrokerReply(final long accountId, final long clientOrderId)
    {
        contextAccountId = accountId;
        contextClientOrderId = clientOrderId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return null;
        }
        final Order order = account.ordersByClientId.get(clientOrderId);
        if (order == null)
        {
            reject(RejectReason.UNKNOWN_ORDER, 0, clientOrderId);
        }
        return order;
    }

    private void onOrderUpdate()
    {
        final OrderUpdateCommandDecoder c = orderUpdate;
        final long accountId = c.accountId();
        final long clientOrderId = c.clientOrderId();
        contextAccountId = accountId;
        contextClientOrderId = clientOrderId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        final int idLength = readId(c.buffer(), c.offset() + OrderUpdateCommandDecoder.brokerOrderIdEncodingOffset());
        if (idLength == 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, 0);
            return;
        }
        final int messageLength = readBrokerMessage(c.buffer(), c.limit());
        if (messageLength < 0)
        {
            return;
        }
        Order order = clientOrderId != NULL_CLIENT_ORDER_ID ? account.ordersByClientId.get(clientOrderId) : null;
        if (order == null)
        {
            order = orderByBrokerId(scratchId, idLength);
        }
        if (order == null)
        {
            if (clientOrderId != NULL_CLIENT_ORDER_ID && account.retiredClientOrderIds.contains(clientOrderId))
            {
                reject(RejectReason.STALE_BROKER_UPDATE, 0, clientOrderId);
                return;
            }
            // Untagged and unknown: one of the account's placements still awaiting its ack, or an order placed
            // outside the engine. Parked until the ack binds the id; a timer adopts it if none does.
            if (clientOrderId == NULL_CLIENT_ORDER_ID && account.awaitingBrokerId > 0 && !adoptParked)
            {
                park(account, OrderUpdateCommandDecoder.TEMPLATE_ID, c.actingVersion(), c.buffer(), c.offset(),
                    OrderUpdateCommandDecoder.BLOCK_LENGTH, messageLength);
                return;
            }
            order = adopt(legOwner(c, account));
            if (order == null)
            {
                return;
            }
        }
        contextClientOrderId = order.clientOrderId;
        // Accounts linked to one broker login see each other's orders: an update of an order the engine knows is
        // that order's account's, whichever account's session brought it.
        contextAccountId = order.account.accountId;
        order.brokerSeenNs = timestampNs;
        if (order.hasBrokerOrderId && !Arrays.equals(order.brokerOrderId, scratchId))
        {
            reject(RejectReason.INVALID_FIELD, 0, idLength);
            return;
        }
        final OrderStatus status = c.status();
        if (status == OrderStatus.NULL_VAL || status == OrderStatus.SBE_UNKNOWN ||
            status == OrderStatus.PENDING_RISK || status == OrderStatus.UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.statusRaw());
            return;
        }
        final long qty = c.qty();
        final long filled = c.filledQty();
        if (qty <= 0 || qty > MAX_QTY || filled < 0 || filled > qty)
        {
            reject(RejectReason.INVALID_QUANTITY, qty, filled);
            return;
        }
        if (order.isTerminal() || filled < order.updateFilledQty ||
            c.exchangeTimeS() < order.exchangeTimeS && c.exchangeTimeS() != 0 ||
            placeRank(status) < placeRank(order.status) ||
            isLateOnModifyPath(order, status) ||
            isDuplicate(order, status))
        {
            reject(RejectReason.STALE_BROKER_UPDATE, order.updateFilledQty, filled);
            return;
        }

        if (!order.hasBrokerOrderId)
        {
            indexBrokerOrderId(order);
        }
        c.getExchangeOrderId(order.exchangeOrderId, 0);
        parentOrderId(order, c);
        if (status == OrderStatus.UPDATE)
        {
            if (placeRank(order.status) < 4 || order.status == OrderStatus.UNKNOWN)
            {
                order.status = order.orderType == OrderType.SL || order.orderType == OrderType.SL_M ?
                    OrderStatus.TRIGGER_PENDING : OrderStatus.OPEN;
            }
        }
        else
        {
            order.status = status;
        }
        final int modifyRank = modifyRank(status);
        order.modifyRank = modifyRank > 0 ? modifyRank : 4;
        final boolean modified = order.modifyInFlight && qty == order.modifyQty &&
            c.pricePaise() == order.modifyPricePaise && c.triggerPricePaise() == order.modifyTriggerPricePaise;
        if (modified)
        {
            adoptModifiedTerms(order);
        }
        order.qty = qty;
        order.pricePaise = Math.max(0, c.pricePaise());
        order.triggerPricePaise = Math.max(0, c.triggerPricePaise());
        order.updateFilledQty = filled;
        order.filledQty = Math.max(filled, order.tradedQty);
        order.pendingQty = Math.max(0, c.pendingQty());
        order.cancelledQty = Math.max(0, c.cancelledQty());
        if (c.averagePricePaise() > 0)
        {
            order.averagePricePaise = c.averagePricePaise();
        }
        if (c.exchangeTimeS() > 0)
        {
            order.exchangeTimeS = c.exchangeTimeS();
        }
        order.timestampNs = timestampNs;
        statusMessage(order, messageLength);
        reserve(order, order.isTerminal() ? 0 : Math.max(0, qty - order.filledQty));
        if (modified && !order.isTerminal())
        {
            watchValidity(order);
        }
        emitOrder(order);
        if (order.isTerminal())
        {
            retire(order);
        }
    }

    /** Rank on Kite's place path, so an update from earlier on that path is recognised as arriving late. */
    private static int placeRank(final OrderStatus status)
    {
        switch (status)
        {
            case PENDING_RISK:
            case UNKNOWN:
                return 0;
            case PUT_ORDER_REQ_RECEIVED:
                return 1;
            case VALIDATION_PENDING:
                return 2;
            case OPEN_PENDING:
                return 3;
            default:
                return 4;
        }
    }

    /** Rank on Kite's modify path (1 to 3), or 0 for a status not on it. */
    private static int modifyRank(final OrderStatus status)
    {
        switch (status)
        {
            case MODIFY_VALIDATION_PENDING:
                return 1;
            case MODIFY_PENDING:
                return 2;
            case MODIFIED:
                return 3;
            default:
                return 0;
        }
    }

    /**
     * Whether an update on the modify path belongs to a modification the order is already past: its terms are the
     * order's own and the order has reached that step or a later one (updates of one modification arrive from the
     * ticker, the postback and the order book, and the ack may come first).
     */
    private boolean isLateOnModifyPath(final Order order, final OrderStatus status)
    {
        final OrderUpdateCommandDecoder c = orderUpdate;
        final int rank = modifyRank(status);
        return rank > 0 && rank <= order.modifyRank && c.qty() == order.qty && c.pricePaise() == order.pricePaise &&
            c.triggerPricePaise() == order.triggerPricePaise;
    }

    private boolean isDuplicate(final Order order, final OrderStatus status)
    {
        final OrderUpdateCommandDecoder c = orderUpdate;
        return status == order.status && c.qty() == order.qty && c.filledQty() == order.updateFilledQty &&
            c.pricePaise() == order.pricePaise && c.triggerPricePaise() == order.triggerPricePaise &&
            c.pendingQty() == order.pendingQty && c.cancelledQty() == order.cancelledQty;
    }

    private void onTrade()
    {
        final TradeCommandDecoder c = trade;
        final long accountId = c.accountId();
        contextAccountId = accountId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        final int idLength = readId(c.buffer(), c.offset() + TradeCommandDecoder.brokerOrderIdEncodingOffset());
        if (idLength == 0)
        {
            reject(RejectReason.UNKNOWN_ORDER, 0, idLength);
            return;
        }
        final Order order = orderByBrokerId(scratchId, idLength);
        if (order == null)
        {
            // A fill can beat the ack (or, for an order placed outside the engine, its first update): parked until
            // the id is bound, given up by a timer otherwise.
            park(account, TradeCommandDecoder.TEMPLATE_ID, c.actingVersion(), c.buffer(), c.offset(),
                TradeCommandDecoder.BLOCK_LENGTH, -1);
            return;
        }
        contextClientOrderId = order.clientOrderId;
        // A fill is its order's, whichever account's session brought it (accounts linked to one broker login).
        contextAccountId = order.account.accountId;
        final Account owner = order.account;
        final int tradeIdLength = readId(c.buffer(), c.offset() + TradeCommandDecoder.tradeIdEncodingOffset());
        if (tradeIdLength == 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, 0);
            return;
        }
        final long tradeKey = StateHash.fnv(scratchId, tradeIdLength) * 31 + order.brokerKey;
        if (owner.tradeIds.contains(tradeKey))
        {
            reject(RejectReason.STALE_BROKER_UPDATE, 0, 0);
            return;
        }
        final long qty = c.qty();
        final long pricePaise = c.pricePaise();
        if (qty <= 0 || order.tradedQty + qty > order.qty)
        {
            reject(RejectReason.INVALID_QUANTITY, order.qty - order.tradedQty, qty);
            return;
        }
        if (pricePaise <= 0 || pricePaise > MAX_PRICE_PAISE)
        {
            reject(RejectReason.INVALID_PRICE, MAX_PRICE_PAISE, pricePaise);
            return;
        }
        if (c.instrumentToken() != order.instrument.token)
        {
            reject(RejectReason.INVALID_FIELD, order.instrument.token, c.instrumentToken());
            return;
        }
        if (c.side() != order.side)
        {
            reject(RejectReason.INVALID_FIELD, order.side.value(), c.sideRaw());
            return;
        }
        if (c.product() != order.product)
        {
            reject(RejectReason.INVALID_FIELD, order.product.value(), c.productRaw());
            return;
        }

        owner.tradeIds.add(tradeKey);
        order.tradedQty += qty;
        order.tradedValuePaise += qty * pricePaise;
        order.filledQty = Math.max(order.filledQty, order.tradedQty);
        order.averagePricePaise = order.tradedValuePaise / order.tradedQty;
        if (!order.isTerminal())
        {
            // The same formula as an update's: a fill the update already counted is not released twice.
            reserve(order, Math.max(0, order.qty - order.filledQty));
        }
        final Position position = order.position;
        position.fill(order.isBuy(), qty, pricePaise, timestampNs);

        final FillEventEncoder e = fillEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(owner.accountId)
            .clientOrderId(order.clientOrderId)
            .putBrokerOrderId(order.brokerOrderId, 0)
            .putTradeId(scratchId, 0)
            .instrumentToken(order.instrument.token)
            .side(order.side)
            .product(order.product)
            .qty(qty)
            .pricePaise(pricePaise)
            .exchangeTimeS(c.exchangeTimeS());
        emit(e.encodedLength());
        emitPosition(position);
    }

    /**
     * The account an order adopted from the broker belongs to: a cover order's stop-loss leg is its entry's account's
     * when the engine knows the entry (accounts linked to one broker login see each other's legs), else the account
     * whose session brought the update.
     */
    private Account legOwner(final OrderUpdateCommandDecoder c, final Account receiving)
    {
        if (c.parentOrderId(0) == 0)
        {
            return receiving;
        }
        c.getParentOrderId(scratchParentId, 0);
        int n = 0;
        while (n < Order.BROKER_ID_LENGTH && scratchParentId[n] != 0)
        {
            n++;
        }
        Arrays.fill(scratchParentId, n, Order.BROKER_ID_LENGTH, (byte)0);
        final Order entry = orderByBrokerId(scratchParentId, n);
        return entry == null ? receiving : entry.account;
    }

    /**
     * Makes an order of the account from a broker update for an order the engine did not place (Kite web or mobile,
     * another app): its fills then move the account's positions like any other. Validates what the order needs;
     * the caller applies the update itself.
     *
     * @return the new order, still without its broker order id, or null after a reject.
     */
    private Order adopt(final Account account)
    {
        final OrderUpdateCommandDecoder c = orderUpdate;
        final long token = c.instrumentToken();
        final Instrument ins = instrumentByToken(token);
        if (ins == null || !ins.isTradable())
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT, 0, token);
            return null;
        }
        final Side side = c.side();
        final OrderType orderType = c.orderType();
        final Product product = c.product();
        final Validity validity = c.validity();
        final Variety variety = c.variety();
        if (!validOrderFields(side, c.sideRaw(), orderType, c.orderTypeRaw(), product, c.productRaw(), validity,
            c.validityRaw(), variety, c.varietyRaw()))
        {
            return null;
        }
        final OrderStatus status = c.status();
        if (status == OrderStatus.NULL_VAL || status == OrderStatus.SBE_UNKNOWN ||
            status == OrderStatus.PENDING_RISK || status == OrderStatus.UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.statusRaw());
            return null;
        }
        final long qty = c.qty();
        if (qty <= 0 || qty > MAX_QTY || c.filledQty() < 0 || c.filledQty() > qty)
        {
            reject(RejectReason.INVALID_QUANTITY, qty, c.filledQty());
            return null;
        }

        final Order order = newOrder();
        order.account = account;
        order.clientOrderId = FIRST_EXTERNAL_CLIENT_ORDER_ID - externalOrders++;
        order.external = true;
        order.instrument = ins;
        final Position position = account.positions.get(Account.positionKey(ins.id, product.value()));
        order.position = position != null ? position : newPosition(account, ins, product);
        // UNKNOWN ranks below every broker status, so the adopting update applies as the order's first.
        order.status = OrderStatus.UNKNOWN;
        order.side = side;
        order.orderType = orderType;
        order.product = product;
        order.validity = validity;
        order.variety = variety;
        order.qty = qty;
        order.placedNs = timestampNs;
        order.timestampNs = timestampNs;
        account.ordersByClientId.put(order.clientOrderId, order);
        return order;
    }

    /** Keeps the broker command at {@code offset} (its id in {@link #scratchId}) until its broker order id is bound. */
    private void park(
        final Account account,
        final int template,
        final int version,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int messageLength)
    {
        if (parked.isFull())
        {
            final int oldest = parked.slotAt(0);
            parked.remove(oldest);
            rejectParked(oldest, settings.parkedBrokerUpdates(), parked.size() + 1);
        }
        parked.park(StateHash.fnv(scratchId, Order.BROKER_ID_LENGTH), scratchId, account.accountId, timestampNs,
            template, version, buffer, offset, blockLength, commandEnd - offset, brokerMessage, messageLength);
        parkedTotal++;
    }

    /** Applies, in arrival order, what was parked for the broker order id just bound to the order. */
    private void applyParked(final Order order)
    {
        if (parked.size() == 0)
        {
            return;
        }
        final int first = parked.slotAt(0);
        final int span = parked.span();
        for (int n = 0; n < span; n++)
        {
            final int slot = (first + n) % parked.capacity();
            if (parked.matches(slot, order.brokerKey, order.brokerOrderId))
            {
                parked.remove(slot);
                appliedFromPark++;
                replayParked(slot);
            }
        }
    }

    /** Handles a removed slot's command as if it arrived now: its bytes stay until the next park. */
    private void replayParked(final int slot)
    {
        final int savedTemplateId = templateId;
        final int savedOffset = commandOffset;
        final int savedEnd = commandEnd;
        templateId = parked.templateId(slot);
        commandOffset = parked.blockOffset(slot);
        commandEnd = commandOffset + ParkedBrokerUpdates.BLOCK_CAPACITY;
        if (templateId == OrderUpdateCommandDecoder.TEMPLATE_ID)
        {
            orderUpdate.wrap(parked.buffer(), parked.blockOffset(slot), OrderUpdateCommandDecoder.BLOCK_LENGTH,
                parked.version(slot));
            onOrderUpdate();
        }
        else
        {
            trade.wrap(parked.buffer(), parked.blockOffset(slot), TradeCommandDecoder.BLOCK_LENGTH,
                parked.version(slot));
            onTrade();
        }
        templateId = savedTemplateId;
        commandOffset = savedOffset;
        commandEnd = savedEnd;
    }

    /** A parked command given up: its reject names the account it came for and the command's kind. */
    private void rejectParked(final int slot, final long limitValue, final long actualValue)
    {
        final int savedTemplateId = templateId;
        final long savedAccountId = contextAccountId;
        final long savedClientOrderId = contextClientOrderId;
        templateId = parked.templateId(slot);
        contextAccountId = parked.accountId(slot);
        contextClientOrderId = NULL_CLIENT_ORDER_ID;
        reject(RejectReason.UNMATCHED_BROKER_UPDATE, limitValue, actualValue);
        templateId = savedTemplateId;
        contextAccountId = savedAccountId;
        contextClientOrderId = savedClientOrderId;
    }

    /** The account a position command names, or null after refusing it as unknown. */
    private Account positionAccount(final long accountId)
    {
        contextAccountId = accountId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
        }
        return account;
    }

    /** The instrument a position command names, or null after refusing it as unknown. */
    private Instrument positionInstrument(final long token)
    {
        final Instrument ins = instrumentByToken(token);
        if (ins == null)
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT, 0, token);
        }
        return ins;
    }

    private void onOvernightPosition()
    {
        final OvernightPositionCommandDecoder c = overnight;
        final Account account = positionAccount(c.accountId());
        final Instrument ins = account == null ? null : positionInstrument(c.instrumentToken());
        if (ins == null)
        {
            return;
        }
        final Product product = c.product();
        if (product == Product.NULL_VAL || product == Product.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.productRaw());
            return;
        }
        final long qty = c.qty();
        if (qty == 0 || Math.abs(qty) > MAX_QTY)
        {
            reject(RejectReason.INVALID_QUANTITY, MAX_QTY, qty);
            return;
        }
        if (c.averagePricePaise() <= 0 || c.averagePricePaise() > MAX_PRICE_PAISE)
        {
            reject(RejectReason.INVALID_PRICE, MAX_PRICE_PAISE, c.averagePricePaise());
            return;
        }
        Position position = account.positions.get(Account.positionKey(ins.id, product.value()));
        if (position != null && position.heldFromEarlierSession)
        {
            // A login after a day's end reports as overnight what this position's totals already hold.
            return;
        }
        if (position != null && position.overnightSet)
        {
            // The same carry again is a reconciliation after another login; a different one contradicts the first.
            if (position.overnightQty != qty || position.overnightPricePaise != c.averagePricePaise())
            {
                reject(RejectReason.INVALID_FIELD, position.overnightQty, qty);
            }
            return;
        }
        if (position == null)
        {
            position = newPosition(account, ins, product);
        }
        position.setOvernight(qty, c.averagePricePaise());
        emitPosition(position);
    }

    /**
     * The broker converted part of a position to another product: that quantity moves, with its value and open cost,
     * from the account's position in the old product to the one in the new. Refused, changing nothing, when the old
     * position does not hold that much open on that side: of the day's net (bought less sold today), or of the
     * overnight carry.
     */
    private void onConvertPosition()
    {
        final ConvertPositionCommandDecoder c = convert;
        final Account account = positionAccount(c.accountId());
        final Instrument ins = account == null ? null : positionInstrument(c.instrumentToken());
        if (ins == null)
        {
            return;
        }
        final Product oldProduct = c.oldProduct();
        final Product newProduct = c.newProduct();
        if (!convertible(oldProduct) || !convertible(newProduct) || oldProduct == newProduct)
        {
            reject(RejectReason.INVALID_FIELD, c.oldProductRaw(), c.newProductRaw());
            return;
        }
        final Side side = c.side();
        final PositionType type = c.positionType();
        if (side != Side.BUY && side != Side.SELL)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.sideRaw());
            return;
        }
        if (type != PositionType.DAY && type != PositionType.OVERNIGHT)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.positionTypeRaw());
            return;
        }
        final long qty = c.qty();
        if (qty <= 0 || qty > MAX_QTY)
        {
            reject(RejectReason.INVALID_QUANTITY, MAX_QTY, qty);
            return;
        }
        if (ins.lotSize > 0 && qty % ins.lotSize != 0)
        {
            reject(RejectReason.QUANTITY_NOT_LOT_MULTIPLE, ins.lotSize, qty);
            return;
        }
        final boolean buy = side == Side.BUY;
        final Position from = account.positions.get(Account.positionKey(ins.id, oldProduct.value()));
        final long open = from == null ? 0 : buy ? from.qty() : -from.qty();
        final long ofType = from == null ? 0 : type == PositionType.OVERNIGHT ?
            (buy ? from.overnightQty : -from.overnightQty) :
            (buy ? from.dayBuyQty - from.daySellQty : from.daySellQty - from.dayBuyQty);
        final long available = Math.max(0, Math.min(open, ofType));
        if (qty > available)
        {
            reject(RejectReason.INVALID_QUANTITY, available, qty);
            return;
        }
        convert(account, ins, from, buy, qty, type == PositionType.OVERNIGHT, newProduct);
    }

    private void convert(
        final Account account, final Instrument ins, final Position from, final boolean buy, final long qty,
        final boolean overnight, final Product newProduct)
    {
        final Position existing = account.positions.get(Account.positionKey(ins.id, newProduct.value()));
        final Position to = existing != null ? existing : newPosition(account, ins, newProduct);
        from.convertTo(to, buy, qty, overnight);
        emitPosition(from);
        emitPosition(to);
    }

    private static boolean convertible(final Product product)
    {
        return slotOf(product) >= 0;
    }

    private static int slotOf(final Product product)
    {
        for (int i = 0; i < CONVERTIBLE.length; i++)
        {
            if (CONVERTIBLE[i] == product)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes a part of the broker's report of an account's delivery holdings: the first part replaces the holdings the
     * core knew, a later one adds to them. They are kept by instrument token, so a report that comes before the
     * instruments dump counts once the instruments are known; a quantity out of range refuses the part.
     */
    private void onBrokerHoldings(final DirectBuffer buffer, final int end)
    {
        final BrokerHoldingsCommandDecoder c = brokerHoldings;
        final Account account = positionAccount(c.accountId());
        if (account == null ||
            groupEnd(buffer, c.limit(), end, BrokerHoldingsCommandDecoder.HoldingsDecoder.sbeBlockLength()) < 0)
        {
            return;
        }
        final int first = c.limit();
        for (final BrokerHoldingsCommandDecoder.HoldingsDecoder h : c.holdings())
        {
            if (h.quantity() < 0 || h.quantity() > MAX_QTY)
            {
                reject(RejectReason.INVALID_QUANTITY, MAX_QTY, h.quantity());
                return;
            }
        }
        if (c.first() == BooleanType.TRUE)
        {
            account.heldQty.clear();
        }
        account.holdingsKnown = true;
        c.limit(first);
        for (final BrokerHoldingsCommandDecoder.HoldingsDecoder h : c.holdings())
        {
            if (h.quantity() > 0)
            {
                account.heldQty.put(h.instrumentToken(), account.heldQty.get(h.instrumentToken()) + h.quantity());
            }
        }
    }

    /**
     * The broker's positions of one instrument at a reconciliation. A conversion moves bought (or sold) quantity of
     * the day, or of the carry from earlier days, from one product to another and leaves the totals alone; a fill the
     * engine has not been told of yet changes a total. So when the totals of the day's bought, the day's sold and the
     * carry agree with the engine's and, in exactly one of them, one product holds less than the engine's and one
     * more by the same quantity, the broker converted that much, and the core makes the same conversion (one the
     * engine never heard of: made in another app, or lost when the process stopped between the broker's answer and
     * the journal) when the engine's position holds that much open of that kind, in whole lots, as the broker's
     * conversion needed; a {@code BrokerConversionEvent} says so before the two positions' events. Any other
     * difference is left as it is: it is not one conversion, or trades are still on their way. An instrument is not
     * compared when the engine held a position of it from an earlier session (its day quantities are that session's)
     * or filled one from a command stamped when the broker was asked or later.
     */
    private void onBrokerPosition(final DirectBuffer buffer, final int end)
    {
        final BrokerPositionCommandDecoder c = brokerPosition;
        final Account account = positionAccount(c.accountId());
        final Instrument ins = account == null ? null : positionInstrument(c.instrumentToken());
        if (ins == null)
        {
            return;
        }
        if (groupEnd(buffer, c.limit(), end, BrokerPositionCommandDecoder.ProductsDecoder.sbeBlockLength()) < 0)
        {
            return;
        }
        java.util.Arrays.fill(brokerQty, 0);
        for (final BrokerPositionCommandDecoder.ProductsDecoder p : c.products())
        {
            final int slot = slotOf(p.product());
            if (slot < 0)
            {
                continue;
            }
            final long overnight = p.overnightQty();
            if (p.dayBuyQty() < 0 || p.dayBuyQty() > MAX_QTY || p.daySellQty() < 0 || p.daySellQty() > MAX_QTY ||
                Math.abs(overnight) > MAX_QTY)
            {
                reject(RejectReason.INVALID_QUANTITY, MAX_QTY, Math.abs(overnight) > MAX_QTY ? overnight :
                    p.dayBuyQty() < 0 || p.dayBuyQty() > MAX_QTY ? p.dayBuyQty() : p.daySellQty());
                return;
            }
            brokerQty[COLUMNS * slot + BOUGHT] += p.dayBuyQty();
            brokerQty[COLUMNS * slot + SOLD] += p.daySellQty();
            brokerQty[COLUMNS * slot + OVERNIGHT] += overnight;
        }
        for (int i = 0; i < CONVERTIBLE.length; i++)
        {
            final Position position = account.positions.get(Account.positionKey(ins.id, CONVERTIBLE[i].value()));
            if (position != null && (position.heldFromEarlierSession || position.lastFillNs >= c.requestedNs()))
            {
                // Its day quantities are an earlier session's, which the broker no longer reports as the day's; or
                // a fill came after the broker was asked, which its answer may not hold.
                return;
            }
            engineQty[COLUMNS * i + BOUGHT] = position == null ? 0 : position.dayBuyQty;
            engineQty[COLUMNS * i + SOLD] = position == null ? 0 : position.daySellQty;
            engineQty[COLUMNS * i + OVERNIGHT] = position == null ? 0 : position.overnightQty;
        }
        final int boughtFrom = conversionSource(BOUGHT);
        final int soldFrom = conversionSource(SOLD);
        final int overnightLess = conversionSource(OVERNIGHT);
        if (boughtFrom == NO_CONVERSION || soldFrom == NO_CONVERSION || overnightLess == NO_CONVERSION ||
            (boughtFrom >= 0 ? 1 : 0) + (soldFrom >= 0 ? 1 : 0) + (overnightLess >= 0 ? 1 : 0) != 1)
        {
            return;
        }
        final boolean overnight = overnightLess >= 0;
        final boolean buy;
        final int from;
        final int to;
        if (!overnight)
        {
            buy = boughtFrom >= 0;
            from = buy ? boughtFrom : soldFrom;
            to = conversionTarget(buy ? BOUGHT : SOLD);
        }
        else
        {
            // Bought carry (positive) leaves the product that holds less of it; sold carry (negative) the one that
            // holds less of it short, which is more.
            final int more = conversionTarget(OVERNIGHT);
            buy = engineQty[COLUMNS * overnightLess + OVERNIGHT] > 0;
            if (!buy && engineQty[COLUMNS * more + OVERNIGHT] >= 0)
            {
                return;
            }
            from = buy ? overnightLess : more;
            to = buy ? more : overnightLess;
        }
        final int column = overnight ? OVERNIGHT : buy ? BOUGHT : SOLD;
        final long qty = Math.abs(engineQty[COLUMNS * from + column] - brokerQty[COLUMNS * from + column]);
        final Position position = account.positions.get(Account.positionKey(ins.id, CONVERTIBLE[from].value()));
        final long open = buy ? position.qty() : -position.qty();
        final long ofType = overnight ? (buy ? position.overnightQty : -position.overnightQty) :
            buy ? position.dayBuyQty - position.daySellQty : position.daySellQty - position.dayBuyQty;
        if (qty <= Math.min(open, ofType) && (ins.lotSize <= 0 || qty % ins.lotSize == 0))
        {
            final BrokerConversionEventEncoder e = brokerConversionEvent.wrapAndApplyHeader(out, 0, headerEncoder);
            e.inputSequence(sequence).timestampNs(timestampNs).accountId(account.accountId).instrumentToken(ins.token)
                .side(buy ? Side.BUY : Side.SELL).positionType(overnight ? PositionType.OVERNIGHT : PositionType.DAY)
                .qty(qty).oldProduct(CONVERTIBLE[from]).newProduct(CONVERTIBLE[to]);
            emit(e.encodedLength());
            convert(account, ins, position, buy, qty, overnight, CONVERTIBLE[to]);
        }
    }

    /**
     * @param column {@link #BOUGHT}, {@link #SOLD} or {@link #OVERNIGHT}.
     * @return the slot of the product the broker holds less of in that column, when one conversion explains the
     * difference (one product less, one more, the same total); -1 when the column agrees, {@link #NO_CONVERSION}
     * otherwise.
     */
    private int conversionSource(final int column)
    {
        long engineTotal = 0;
        long brokerTotal = 0;
        int less = -1;
        int more = -1;
        for (int i = 0; i < CONVERTIBLE.length; i++)
        {
            final long engine = engineQty[COLUMNS * i + column];
            final long broker = brokerQty[COLUMNS * i + column];
            engineTotal += engine;
            brokerTotal += broker;
            if (broker < engine)
            {
                less = less == -1 ? i : NO_CONVERSION;
            }
            else if (broker > engine)
            {
                more = more == -1 ? i : NO_CONVERSION;
            }
        }
        if (engineTotal != brokerTotal || less == NO_CONVERSION || more == NO_CONVERSION)
        {
            return NO_CONVERSION;
        }
        return less;
    }

    /** @return the slot of the product the broker holds more of in the column ({@link #conversionSource} found one). */
    private int conversionTarget(final int column)
    {
        for (int i = 0; i < CONVERTIBLE.length; i++)
        {
            if (brokerQty[COLUMNS * i + column] > engineQty[COLUMNS * i + column])
            {
                return i;
            }
        }
        throw new IllegalStateException("no product gained");
    }

    // ------------------------------------------------------------------------------------------------ admin

    private void onRiskLimits()
    {
        final RiskLimitsCommandDecoder c = riskLimits;
        final long accountId = c.accountId();
        contextAccountId = accountId;
        final Account account = accountId == 0 ? null : accounts.get(accountId);
        if (accountId != 0 && account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        final RiskLimits candidate = account == null ? defaultLimits : account.ownLimits;
        if (c.maxOrderValuePaise() <= 0 || c.maxPositionQty() <= 0 || c.priceBandBps() <= 0 ||
            c.ordersPerSecond() <= 0 || c.ordersPerMinute() <= 0 || c.ordersPerDay() <= 0)
        {
            reject(RejectReason.INVALID_FIELD, 1, Math.min(Math.min(c.maxOrderValuePaise(), c.maxPositionQty()),
                Math.min(Math.min(c.priceBandBps(), c.ordersPerSecond()),
                Math.min(c.ordersPerMinute(), c.ordersPerDay()))));
            return;
        }
        final RiskLimits limits;
        if (candidate == null)
        {
            limits = new RiskLimits(c.maxOrderValuePaise(), c.maxPositionQty(), c.priceBandBps(),
                c.ordersPerSecond(), c.ordersPerMinute(), c.ordersPerDay());
            account.ownLimits = limits;
        }
        else
        {
            limits = candidate;
            limits.set(c.maxOrderValuePaise(), c.maxPositionQty(), c.priceBandBps(),
                c.ordersPerSecond(), c.ordersPerMinute(), c.ordersPerDay());
        }
        final RiskLimitsEventEncoder e = riskLimitsEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .maxOrderValuePaise(limits.maxOrderValuePaise)
            .maxPositionQty(limits.maxPositionQty)
            .priceBandBps(limits.priceBandBps)
            .ordersPerSecond(limits.ordersPerSecond)
            .ordersPerMinute(limits.ordersPerMinute)
            .ordersPerDay(limits.ordersPerDay);
        emit(e.encodedLength());
    }

    private void onKillSwitch()
    {
        final KillSwitchCommandDecoder c = killSwitch;
        final long accountId = c.accountId();
        contextAccountId = accountId;
        final KillSwitchMode mode = c.mode();
        if (mode != KillSwitchMode.OFF && mode != KillSwitchMode.HALT && mode != KillSwitchMode.REDUCE_ONLY)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.modeRaw());
            return;
        }
        final Account target = accountId == 0 ? null : accounts.get(accountId);
        if (accountId != 0 && target == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        if (target == null)
        {
            globalKillSwitch = mode;
        }
        else
        {
            target.killSwitch = mode;
        }
        final KillSwitchEventEncoder e = killSwitchEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence).timestampNs(timestampNs).accountId(accountId).mode(mode);
        emit(e.encodedLength());
        if (mode == KillSwitchMode.HALT)
        {
            if (target != null)
            {
                cancelWorkingOrders(target);
            }
            else
            {
                for (final Account account : accounts.values())
                {
                    cancelWorkingOrders(account);
                }
            }
        }
    }

    /** A halt pulls every working order too: what is resting at the exchange is risk the halt must remove. */
    private void cancelWorkingOrders(final Account account)
    {
        for (final Order order : account.ordersByClientId.values())
        {
            if (isWorking(order) && order.status != OrderStatus.CANCEL_PENDING)
            {
                contextAccountId = account.accountId;
                requestCancel(order);
            }
        }
    }

    private void onBrokerSession()
    {
        final BrokerSessionCommandDecoder c = brokerSession;
        final long accountId = c.accountId();
        contextAccountId = accountId;
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, accountId);
            return;
        }
        final BrokerSessionState state = c.state();
        if (state == BrokerSessionState.NULL_VAL || state == BrokerSessionState.SBE_UNKNOWN)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.stateRaw());
            return;
        }
        account.sessionState = state;
        account.tokenExpiryS = c.tokenExpiryS();
        final BrokerSessionEventEncoder e = brokerSessionEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence).timestampNs(timestampNs).accountId(accountId).state(state)
            .tokenExpiryS(c.tokenExpiryS());
        emit(e.encodedLength());
    }

    private void onFeedGap()
    {
        final FeedGapCommandDecoder c = feedGap;
        final GapState state = c.state();
        if (state != GapState.GAP_STARTED && state != GapState.GAP_ENDED)
        {
            reject(RejectReason.INVALID_FIELD, 0, c.stateRaw());
            return;
        }
        final short connectionId = c.connectionId();
        final long bit = 1L << (connectionId & 63);
        openGaps[connectionId >>> 6] = state == GapState.GAP_STARTED ?
            openGaps[connectionId >>> 6] | bit : openGaps[connectionId >>> 6] & ~bit;
        final FeedGapEventEncoder e = feedGapEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence).timestampNs(timestampNs).connectionId(connectionId).state(state)
            .lastMessageNs(c.lastMessageNs());
        emit(e.encodedLength());
    }

    // ------------------------------------------------------------------------------------------------- timers

    /**
     * Time-driven work, from the timer's own time only: a new IST day starts a new session (daily budgets, DAY
     * orders of earlier days closed), parked broker updates that waited too long are adopted or given up, TTL and
     * IOC orders past their validity are cancelled, placements without any broker answer become UNKNOWN, UNKNOWN
     * orders get a reconciliation request.
     */
    private void onTimer()
    {
        final long nowNs = timestampNs;
        if (nowNs < lastTimerNs)
        {
            reject(RejectReason.INVALID_TIMER, lastTimerNs, nowNs);
            return;
        }
        lastTimerNs = nowNs;
        final long day = RateLimiter.istDay(nowNs);
        if (day > sessionDay)
        {
            if (sessionDay != Long.MIN_VALUE)
            {
                sessionsStarted++;
                startSession(day);
            }
            sessionDay = day;
        }
        for (final Account account : accounts.values())
        {
            account.rateLimiter.roll(nowNs);
        }
        expireParked(nowNs);
        actOnDeadlines(nowNs);
    }

    /**
     * The broker's order book was just published as order updates: a live order of the account whose broker order id
     * was known before the book was asked for, and that no update has named since, is not at the broker any more (a
     * paper broker that started afresh, an order closed while the engine was down and gone from the book). It is closed
     * as CANCELLED, saying so, so that it neither waits for updates that never come nor holds risk. AMOs are left to
     * their own session, as at the day's start.
     */
    private void onOrderBook()
    {
        final OrderBookCommandDecoder c = orderBook;
        contextAccountId = c.accountId();
        final Account account = accounts.get(c.accountId());
        if (account == null)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT, 0, c.accountId());
            return;
        }
        final long requestedNs = c.requestedNs();
        int count = 0;
        for (final Order order : account.ordersByClientId.values())
        {
            // An AMO placed on an earlier day may wait in no day's book for the session it was placed for; one
            // placed today is in today's book, or gone.
            if (!order.isTerminal() && order.hasBrokerOrderId && order.status != OrderStatus.UNKNOWN &&
                (order.variety != Variety.AMO || RateLimiter.istDay(order.placedNs) == RateLimiter.istDay(requestedNs))
                && order.brokerBoundNs < requestedNs && order.brokerSeenNs < requestedNs)
            {
                count = toClose(order, count);
            }
        }
        brokerMessage.putBytes(0, NOT_IN_BOOK);
        closeCollected(count, NOT_IN_BOOK.length);
        closedNotInBook += count;
    }

    /**
     * Adds an order to those {@link #closeCollected} closes.
     *
     * @return the count of collected orders, {@code count} before.
     */
    private int toClose(final Order order, final int count)
    {
        if (count == sessionScratch.length)
        {
            sessionScratch = Arrays.copyOf(sessionScratch, count * 2);
        }
        sessionScratch[count] = order;
        return count + 1;
    }

    /**
     * Closes the first {@code count} collected orders as CANCELLED by the engine, each with the first
     * {@code messageLength} bytes of {@link #brokerMessage} as its status message (one ending in
     * {@link #CLOSED_BY_ENGINE}).
     */
    private void closeCollected(final int count, final int messageLength)
    {
        for (int i = 0; i < count; i++)
        {
            final Order order = sessionScratch[i];
            sessionScratch[i] = null;
            contextAccountId = order.account.accountId;
            contextClientOrderId = order.clientOrderId;
            order.modifyInFlight = false;
            order.status = OrderStatus.CANCELLED;
            order.cancelledQty = Math.max(0, order.qty - Math.max(order.filledQty, order.tradedQty));
            order.pendingQty = 0;
            order.timestampNs = timestampNs;
            statusMessage(order, messageLength);
            emitOrder(order);
            retire(order);
        }
    }

    /**
     * The exchange closed every DAY order of an earlier session (Kite then shows it CANCELLED); an order still
     * open here missed that update, and one still UNKNOWN or awaiting its ack can no longer be live. AMOs wait for
     * the session they were placed for, so the broker closes them. Positions held from the ended session already hold
     * what the broker will report as overnight: a later overnight position for one of them is not added again.
     */
    private void startSession(final long day)
    {
        int count = 0;
        for (final Account account : accounts.values())
        {
            for (final Position position : account.positions.values())
            {
                if (position.buyQty != 0 || position.sellQty != 0 || position.overnightSet)
                {
                    position.heldFromEarlierSession = true;
                }
            }
            for (final Order order : account.ordersByClientId.values())
            {
                if (!order.isTerminal() && order.variety != Variety.AMO && RateLimiter.istDay(order.placedNs) < day)
                {
                    count = toClose(order, count);
                }
            }
        }
        brokerMessage.putBytes(0, SESSION_ENDED);
        closeCollected(count, SESSION_ENDED.length);
    }

    /**
     * A parked update whose ack never came is an order placed outside the engine: adopted. A parked trade whose
     * order never became known cannot be applied: given up with a reject (reconciliation sends it again with its
     * order).
     */
    private void expireParked(final long nowNs)
    {
        if (parked.size() == 0)
        {
            return;
        }
        final int first = parked.slotAt(0);
        final int span = parked.span();
        final long timeoutNs = settings.parkTimeoutNs();
        for (int n = 0; n < span; n++)
        {
            final int slot = (first + n) % parked.capacity();
            if (!parked.isOccupied(slot) || nowNs - parked.parkedNs(slot) < timeoutNs)
            {
                continue;
            }
            parked.remove(slot);
            if (parked.templateId(slot) == OrderUpdateCommandDecoder.TEMPLATE_ID)
            {
                adoptParked = true;
                replayParked(slot);
                adoptParked = false;
                while (boundOrder != null)
                {
                    final Order order = boundOrder;
                    boundOrder = null;
                    applyParked(order);
                }
            }
            else
            {
                rejectParked(slot, timeoutNs, nowNs - parked.parkedNs(slot));
            }
        }
    }

    private void actOnDeadlines(final long nowNs)
    {
        for (int i = timedCount - 1; i >= 0; i--)
        {
            final Order order = timedOrders[i];
            if (order.isTerminal())
            {
                unwatch(order);
                continue;
            }
            if (nowNs < order.deadlineNs)
            {
                continue;
            }
            final Account account = order.account;
            contextAccountId = account.accountId;
            contextClientOrderId = order.clientOrderId;
            if (order.status == OrderStatus.PENDING_RISK)
            {
                final long ackDeadlineNs = saturatedAdd(order.placedNs, settings.ackTimeoutNs());
                if (nowNs < ackDeadlineNs)
                {
                    order.deadlineNs = Math.min(ackDeadlineNs, saturatedAdd(nowNs, settings.expiryGraceNs()));
                    continue;
                }
                order.status = OrderStatus.UNKNOWN;
                order.timestampNs = nowNs;
                emitOrder(order);
                reject(RejectReason.BROKER_OUTCOME_UNKNOWN, settings.ackTimeoutNs(), nowNs - order.placedNs,
                    BrokerErrorType.TIMEOUT, 0, 0);
            }
            if (order.status == OrderStatus.UNKNOWN)
            {
                order.deadlineNs = saturatedAdd(nowNs, settings.reconcileIntervalNs());
                if (account.reconcileRequestedNs != nowNs)
                {
                    account.reconcileRequestedNs = nowNs;
                    reconcileRequests++;
                    emitBrokerRequest(order, BrokerRequestType.RECONCILE, order.qty, order.pricePaise,
                        order.triggerPricePaise, order.orderType, order.validity, order.disclosedQty);
                }
                continue;
            }
            final long endNs = validityEndNs(order);
            if (endNs == NO_DEADLINE)
            {
                unwatch(order);
            }
            else if (nowNs < endNs)
            {
                order.deadlineNs = endNs;
            }
            else
            {
                // Until a broker update closes it: the cancel is asked again if the broker refused it.
                order.deadlineNs = saturatedAdd(nowNs, settings.expiryGraceNs());
                if (isWorking(order) && order.status != OrderStatus.CANCEL_PENDING)
                {
                    expiryCancels++;
                    requestCancel(order);
                }
            }
        }
    }

    /**
     * When the core stops waiting for the broker to end a TTL or IOC order it placed: the validity (counted from
     * the placement command) plus a grace, so the exchange's own expiry normally arrives first.
     */
    private long validityEndNs(final Order order)
    {
        if (order.external)
        {
            return NO_DEADLINE;
        }
        if (order.validity == Validity.TTL && order.validityTtlMinutes > 0)
        {
            return saturatedAdd(order.placedNs, order.validityTtlMinutes * NANOS_PER_MINUTE + settings.expiryGraceNs());
        }
        if (order.validity == Validity.IOC)
        {
            return saturatedAdd(order.placedNs, settings.expiryGraceNs());
        }
        return NO_DEADLINE;
    }

    private void watchValidity(final Order order)
    {
        final long endNs = validityEndNs(order);
        if (endNs != NO_DEADLINE)
        {
            watch(order, endNs);
        }
    }

    private void watch(final Order order, final long deadlineNs)
    {
        if (order.timedIndex < 0)
        {
            if (timedCount == timedOrders.length)
            {
                timedOrders = Arrays.copyOf(timedOrders, timedCount * 2);
            }
            order.timedIndex = timedCount;
            timedOrders[timedCount++] = order;
            order.deadlineNs = deadlineNs;
        }
        else
        {
            order.deadlineNs = Math.min(order.deadlineNs, deadlineNs);
        }
    }

    private void unwatch(final Order order)
    {
        final int i = order.timedIndex;
        if (i < 0)
        {
            return;
        }
        final Order last = timedOrders[--timedCount];
        timedOrders[i] = last;
        last.timedIndex = i;
        timedOrders[timedCount] = null;
        order.timedIndex = -1;
        order.deadlineNs = NO_DEADLINE;
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    // ------------------------------------------------------------------------------------------ order storage

    private Order newOrder()
    {
        if (freeOrderCount > 0)
        {
            final Order order = freeOrders[--freeOrderCount];
            freeOrders[freeOrderCount] = null;
            return order;
        }
        return new Order();
    }

    private Position newPosition(final Account account, final Instrument ins, final Product product)
    {
        final Position position = (freePositionCount > 0 ? freePositions[--freePositionCount] : new Position())
            .init(account, ins, product);
        account.positions.put(Account.positionKey(ins.id, product.value()), position);
        ins.addPosition(position);
        market.held(MarketImages.slot(ins.id));
        return position;
    }

    /** Keeps the position's pending quantity equal to the sum of its working orders' unfilled quantities. */
    private static void reserve(final Order order, final long newReservedQty)
    {
        final long delta = newReservedQty - order.reservedQty;
        order.reservedQty = newReservedQty;
        if (order.isBuy())
        {
            order.position.pendingBuyQty += delta;
        }
        else
        {
            order.position.pendingSellQty += delta;
        }
    }

    private void retire(final Order order)
    {
        reserve(order, 0);
        unwatch(order);
        if (order.awaitingBrokerId)
        {
            order.awaitingBrokerId = false;
            order.account.awaitingBrokerId--;
        }
        final int capacity = retiredOrders.length;
        if (retiredCount == capacity)
        {
            final Order evicted = retiredOrders[retiredHead];
            retiredOrders[retiredHead] = null;
            retiredHead = (retiredHead + 1) % capacity;
            retiredCount--;
            evict(evicted);
        }
        retiredOrders[(retiredHead + retiredCount) % capacity] = order;
        retiredCount++;
    }

    private void evict(final Order order)
    {
        final Account account = order.account;
        account.ordersByClientId.remove(order.clientOrderId);
        account.retiredClientOrderIds.add(order.clientOrderId);
        if (order.hasBrokerOrderId && ordersByBrokerKey.get(order.brokerKey) == order)
        {
            ordersByBrokerKey.remove(order.brokerKey);
        }
        order.reset();
        if (freeOrderCount == freeOrders.length)
        {
            freeOrders = Arrays.copyOf(freeOrders, freeOrderCount * 2);
        }
        freeOrders[freeOrderCount++] = order;
    }

    private void indexBrokerOrderId(final Order order)
    {
        System.arraycopy(scratchId, 0, order.brokerOrderId, 0, Order.BROKER_ID_LENGTH);
        order.hasBrokerOrderId = true;
        order.brokerBoundNs = timestampNs;
        order.brokerKey = StateHash.fnv(order.brokerOrderId, Order.BROKER_ID_LENGTH);
        ordersByBrokerKey.put(order.brokerKey, order);
        if (order.awaitingBrokerId)
        {
            order.awaitingBrokerId = false;
            order.account.awaitingBrokerId--;
        }
        boundOrder = order;
    }

    private Order orderByBrokerId(final byte[] id, final int length)
    {
        final Order order = ordersByBrokerKey.get(StateHash.fnv(id, Order.BROKER_ID_LENGTH));
        return order != null && Arrays.equals(order.brokerOrderId, id) ? order : null;
    }

    /** Copies a fixed-length id into {@link #scratchId}, zero padded; returns its length up to the first zero. */
    private int readId(final DirectBuffer buffer, final int at)
    {
        buffer.getBytes(at, scratchId, 0, Order.BROKER_ID_LENGTH);
        int n = 0;
        while (n < Order.BROKER_ID_LENGTH && scratchId[n] != 0)
        {
            n++;
        }
        for (int i = n; i < Order.BROKER_ID_LENGTH; i++)
        {
            scratchId[i] = 0;
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------- events

    private void emit(final int messageLength)
    {
        eventsEmitted++;
        sink.onEvent(sequence, out, 0, HEADER_LENGTH + messageLength);
    }

    private void emitOrder(final Order order)
    {
        final OrderEventEncoder e = orderEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(order.account.accountId)
            .clientOrderId(order.clientOrderId)
            .putBrokerOrderId(order.brokerOrderId, 0)
            .status(order.status)
            .instrumentToken(order.instrument.token)
            .side(order.side)
            .orderType(order.orderType)
            .product(order.product)
            .validity(order.validity)
            .variety(order.variety)
            .qty(order.qty)
            .filledQty(order.filledQty)
            .pendingQty(order.pendingQty)
            .cancelledQty(order.cancelledQty)
            .pricePaise(order.pricePaise)
            .triggerPricePaise(order.triggerPricePaise)
            .averagePricePaise(order.averagePricePaise)
            .modifyCount(order.modifyCount)
            .exchangeTimeS(order.exchangeTimeS)
            .putTag(order.external ? noTag : tag(order.clientOrderId), 0)
            .external(order.external ? BooleanType.TRUE : BooleanType.FALSE)
            .disclosedQty(order.disclosedQty)
            .validityTtlMinutes(order.validityTtlMinutes)
            .marketProtectionPct(order.marketProtectionPct)
            .icebergLegs(order.icebergLegs)
            .icebergQty(order.icebergQty)
            .putStatusMessage(order.statusMessage, 0, order.statusMessageLength)
            .putUserTag(order.tag, 0, order.tagLength)
            .putParentOrderId(order.parentOrderId, 0, order.parentOrderIdLength)
            .putAuctionNumber(order.auctionNumber, 0, order.auctionNumberLength);
        emit(e.encodedLength());
    }

    private void emitBrokerRequest(
        final Order order,
        final BrokerRequestType type,
        final long qty,
        final long pricePaise,
        final long triggerPaise,
        final OrderType orderType,
        final Validity validity,
        final long disclosedQty)
    {
        final Instrument ins = order.instrument;
        final BrokerRequestEventEncoder e = brokerRequestEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(order.account.accountId)
            .clientOrderId(order.clientOrderId)
            .requestType(type)
            .putBrokerOrderId(order.brokerOrderId, 0)
            .instrumentToken(ins.token)
            .exchange(ins.exchange)
            .side(order.side)
            .orderType(orderType)
            .product(order.product)
            .validity(validity)
            .variety(order.variety)
            .qty(qty)
            .pricePaise(pricePaise)
            .triggerPricePaise(triggerPaise)
            .disclosedQty(disclosedQty)
            .validityTtlMinutes(order.validityTtlMinutes)
            .marketProtectionPct(order.marketProtectionPct)
            .icebergLegs(order.icebergLegs)
            .icebergQty(order.icebergQty)
            .putTradingsymbol(ins.tradingsymbol, 0)
            .putTag(order.external ? noTag : tag(order.clientOrderId), 0)
            .putParentOrderId(order.parentOrderId, 0, order.parentOrderIdLength)
            .putAuctionNumber(order.auctionNumber, 0, order.auctionNumberLength);
        emit(e.encodedLength());
    }

    /** Kite tag "QL" + client order id in decimal, zero padded to the field's length, written without allocating. */
    private byte[] tag(final long clientOrderId)
    {
        final byte[] t = scratchTag;
        Arrays.fill(t, (byte)0);
        t[0] = TAG_PREFIX[0];
        t[1] = TAG_PREFIX[1];
        int digits = 1;
        for (long v = clientOrderId / 10; v != 0; v /= 10)
        {
            digits++;
        }
        long v = Math.abs(clientOrderId);
        for (int i = digits - 1; i >= 0; i--)
        {
            t[2 + i] = (byte)('0' + (v % 10));
            v /= 10;
        }
        return t;
    }

    private void emitPosition(final Position p)
    {
        final Instrument ins = p.instrument;
        final long pnl = p.pnlPaise();
        final long m2m = p.m2mPaise();
        p.lastPnlPaise = pnl;
        p.lastM2mPaise = m2m;
        final PositionEventEncoder e = positionEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(p.account.accountId)
            .instrumentToken(ins.token)
            .product(p.product)
            .qty(p.qty())
            .overnightQty(p.overnightQty)
            .multiplier(ins.multiplier)
            .buyQty(p.buyQty)
            .buyValuePaise(p.buyValuePaise())
            .sellQty(p.sellQty)
            .sellValuePaise(p.sellValuePaise())
            .dayBuyQty(p.dayBuyQty)
            .dayBuyValuePaise(p.dayBuyValuePaise())
            .daySellQty(p.daySellQty)
            .daySellValuePaise(p.daySellValuePaise())
            .averagePricePaise(p.averagePricePaise())
            .lastPricePaise(ins.lastPricePaise())
            .closePricePaise(ins.closePricePaise())
            .valuePaise(p.valuePaise())
            .pnlPaise(pnl)
            .m2mPaise(m2m)
            .realisedPaise(p.realisedPaise())
            .unrealisedPaise(p.unrealisedPaise());
        emit(e.encodedLength());
    }

    /**
     * Checks an order's enums as a placement or a broker's update carries them, rejecting the first one missing or
     * unknown with its raw value.
     *
     * @return whether all of them are usable.
     */
    private boolean validOrderFields(
        final Side side, final short sideRaw,
        final OrderType orderType, final short orderTypeRaw,
        final Product product, final short productRaw,
        final Validity validity, final short validityRaw,
        final Variety variety, final short varietyRaw)
    {
        final short invalidRaw;
        if (side != Side.BUY && side != Side.SELL)
        {
            invalidRaw = sideRaw;
        }
        else if (orderType == OrderType.NULL_VAL || orderType == OrderType.SBE_UNKNOWN)
        {
            invalidRaw = orderTypeRaw;
        }
        else if (product == Product.NULL_VAL || product == Product.SBE_UNKNOWN)
        {
            invalidRaw = productRaw;
        }
        else if (validity == Validity.NULL_VAL || validity == Validity.SBE_UNKNOWN)
        {
            invalidRaw = validityRaw;
        }
        else if (variety == Variety.NULL_VAL || variety == Variety.SBE_UNKNOWN)
        {
            invalidRaw = varietyRaw;
        }
        else
        {
            return true;
        }
        reject(RejectReason.INVALID_FIELD, 0, invalidRaw);
        return false;
    }

    private void reject(final RejectReason reason, final long limitValue, final long actualValue)
    {
        reject(reason, limitValue, actualValue, BrokerErrorType.NONE, 0, 0);
    }

    /** @param messageLength bytes of {@link #brokerMessage} the event carries. */
    private void reject(
        final RejectReason reason,
        final long limitValue,
        final long actualValue,
        final BrokerErrorType brokerErrorType,
        final int httpStatus,
        final int messageLength)
    {
        rejectCounts[reason.value() & (REJECT_REASONS - 1)]++;
        rejectsTotal++;
        final RejectEventEncoder e = rejectEvent.wrapAndApplyHeader(out, 0, headerEncoder);
        e.inputSequence(sequence)
            .timestampNs(timestampNs)
            .accountId(contextAccountId)
            .clientOrderId(contextClientOrderId)
            .commandTemplateId(templateId & 0xFFFF)
            .reason(reason)
            .limitValue(limitValue)
            .actualValue(actualValue)
            .brokerErrorType(brokerErrorType)
            .httpStatus(httpStatus)
            .putMessage(brokerMessage, 0, messageLength);
        emit(e.encodedLength());
    }

    // ---------------------------------------------------------------------------------------------- inspection

    /**
     * A hash over the whole state the core owns: instruments, accounts, limits, kill switches, rate budgets,
     * orders, positions and counters. Equal for two cores that handled the same commands. Not for the hot path.
     */
    public long stateHash()
    {
        long h = StateHash.mix(0x51EDL, globalKillSwitch.value());
        h = defaultLimits.hash(h);
        h = StateHash.mix(h, commandsHandled);
        h = StateHash.mix(h, eventsEmitted);
        for (final long count : rejectCounts)
        {
            h = StateHash.mix(h, count);
        }
        for (int i = 0, n = instruments.size(); i < n; i++)
        {
            h = instruments.get(i).hash(h);
        }
        final Long2ObjectHashMap<Account>.ValueIterator accountIt = accounts.values().iterator();
        while (accountIt.hasNext())
        {
            final Account a = accountIt.next();
            h = StateHash.mix(h, a.accountId);
            h = StateHash.mix(h, a.brokerUserId);
            h = StateHash.mix(h, a.killSwitch.value());
            h = StateHash.mix(h, a.sessionState.value());
            h = StateHash.mix(h, a.tokenExpiryS);
            h = a.ownLimits != null ? a.ownLimits.hash(h) : StateHash.mix(h, -1);
            h = a.rateLimiter.hash(h);
            h = StateHash.mix(h, a.retiredClientOrderIds.size());
            h = StateHash.mix(h, a.tradeIds.size());
            h = StateHash.mix(h, a.awaitingBrokerId);
            h = StateHash.mix(h, a.reconcileRequestedNs);
            h = StateHash.mix(h, a.holdingsKnown ? 1 : 0);
            long held = a.heldQty.size();
            for (final Long2LongHashMap.EntryIterator it = a.heldQty.entrySet().iterator(); it.hasNext(); )
            {
                it.next();
                held += StateHash.mix(it.getLongKey(), it.getLongValue());
            }
            h = StateHash.mix(h, held);
            for (final Order o : a.ordersByClientId.values())
            {
                h = o.hash(h);
            }
            for (final Position p : a.positions.values())
            {
                h = p.hash(h);
            }
        }
        h = StateHash.mix(h, ordersByBrokerKey.size());
        h = StateHash.mix(h, retiredCount);
        h = StateHash.mix(h, lastTimerNs);
        h = StateHash.mix(h, sessionDay);
        h = StateHash.mix(h, externalOrders);
        h = StateHash.mix(h, parkedTotal);
        h = StateHash.mix(h, appliedFromPark);
        h = StateHash.mix(h, timedCount);
        h = StateHash.mix(h, sessionsStarted);
        h = StateHash.mix(h, expiryCancels);
        h = StateHash.mix(h, reconcileRequests);
        h = StateHash.mix(h, closedNotInBook);
        for (final long gaps : openGaps)
        {
            h = StateHash.mix(h, gaps);
        }
        return parked.hash(h);
    }

    /**
     * Read on the core thread (or once it is done); allocates.
     *
     * @return the feed connections whose gap has started and not ended, in ascending order.
     */
    public int[] openGaps()
    {
        int count = 0;
        for (final long gaps : openGaps)
        {
            count += Long.bitCount(gaps);
        }
        final int[] open = new int[count];
        int next = 0;
        for (int connectionId = 0; connectionId < openGaps.length * Long.SIZE; connectionId++)
        {
            if ((openGaps[connectionId >>> 6] & 1L << (connectionId & 63)) != 0)
            {
                open[next++] = connectionId;
            }
        }
        return open;
    }

    /** @return commands handled so far, malformed ones included. */
    public long commandsHandled()
    {
        return commandsHandled;
    }

    /** @return events emitted so far. */
    public long eventsEmitted()
    {
        return eventsEmitted;
    }

    /** @return commands refused so far, for any reason. */
    public long rejectCount()
    {
        return rejectsTotal;
    }

    /** @return commands refused so far for this reason. */
    public long rejectCount(final RejectReason reason)
    {
        return rejectCounts[reason.value() & (REJECT_REASONS - 1)];
    }

    /** @return broker updates and trades waiting for their broker order id to become known. */
    public int parkedCount()
    {
        return parked.size();
    }

    /** @return broker updates and trades ever parked. */
    public long parkedTotal()
    {
        return parkedTotal;
    }

    /** @return parked updates and trades applied once their broker order id was bound. */
    public long appliedFromPark()
    {
        return appliedFromPark;
    }

    /** @return sessions started by a timer crossing an IST day boundary. */
    public long sessionsStarted()
    {
        return sessionsStarted;
    }

    /** @return cancels a timer asked for because a TTL or IOC order outlived its validity. */
    public long expiryCancels()
    {
        return expiryCancels;
    }

    /** @return live orders closed because the broker's order book no longer had them. */
    public long closedNotInBook()
    {
        return closedNotInBook;
    }

    /** @return RECONCILE requests a timer emitted for UNKNOWN orders. */
    public long reconcileRequests()
    {
        return reconcileRequests;
    }

    /** @return orders adopted from the broker (placed outside the engine). */
    public long externalOrders()
    {
        return externalOrders;
    }

    /** @return the instrument currently carrying this token, or null. */
    public Instrument instrumentByToken(final long token)
    {
        if (token < 0 || token > InstrumentTokens.MAX)
        {
            return null;
        }
        final int id = instrumentIdsByToken.get((int)token);
        return id < 0 ? null : instruments.get(id);
    }

    /** @return the instrument with this exchange and tradingsymbol, or null. Allocates: not for the hot path. */
    public Instrument instrumentBySymbol(final Exchange exchange, final String tradingsymbol)
    {
        return instrumentsBySymbol.get(exchange.name() + ':' + tradingsymbol);
    }

    /** @return the account, or null. */
    public Account account(final long accountId)
    {
        return accounts.get(accountId);
    }

    /** @return the global kill switch. */
    public KillSwitchMode globalKillSwitch()
    {
        return globalKillSwitch;
    }

    /** @return the limits accounts without their own use. */
    public RiskLimits defaultLimits()
    {
        return defaultLimits;
    }

    /** @return the limits in force for the account. */
    public RiskLimits limitsOf(final Account account)
    {
        return account.ownLimits != null ? account.ownLimits : defaultLimits;
    }
}
