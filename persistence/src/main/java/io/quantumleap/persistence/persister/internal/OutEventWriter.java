package io.quantumleap.persistence.persister.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.BrokerConversionEventDecoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionEventDecoder;
import io.quantumleap.engine.protocol.FeedGapEventDecoder;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventDecoder;
import io.quantumleap.engine.protocol.KillSwitchEventDecoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MessageBlocks;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.RiskLimitsEventDecoder;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.MessageFields;
import io.quantumleap.persistence.audit.EngineAuditType;
import io.quantumleap.persistence.persister.MarketDataPartitions;
import io.quantumleap.persistence.persister.QueueMetrics;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Writes the {@code out} queue's business events: orders (current state and history), trades, position
 * snapshots, instruments and audit events (rejects, risk limits, kill switch, broker session, feed gaps, conversions
 * made to follow the broker).
 * These are few (Kite allows tens of orders a second), need upserts and idempotent inserts, so they go by
 * batched prepared statements rather than COPY. Market updates are skipped: ticks come from {@code in}.
 * Persister thread only.
 */
public final class OutEventWriter extends BatchWriter
{
    private static final Logger LOG = LoggerFactory.getLogger(OutEventWriter.class);
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);


    private static final String ACCOUNT_SQL =
        "INSERT INTO accounts (engine_account_id) VALUES (?) ON CONFLICT (engine_account_id) DO NOTHING";

    private static final String ORDER_SQL = "INSERT INTO orders (account_id, engine_account_id, order_key, " +
        "client_order_id, broker_order_id, status, instrument_token, side, order_type, product, validity, variety, " +
        "quantity, filled_quantity, pending_quantity, cancelled_quantity, price, trigger_price, average_price, " +
        "modify_count, tag, exchange_time, placed_at, updated_at, trading_day, last_journal_index, status_message, " +
        "parent_order_id, disclosed_quantity, validity_ttl, market_protection, iceberg_legs, iceberg_quantity, " +
        "auction_number) " +
        "SELECT a.id, ?, ?, ?::bigint, ?::text, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text, " +
        "?::timestamptz, ?, ?, ?, ?, ?::text, ?::text, ?::bigint, ?::integer, ?::integer, ?::integer, ?::bigint, " +
        "?::text FROM accounts a WHERE a.engine_account_id = ? " +
        "ON CONFLICT (engine_account_id, order_key) DO UPDATE SET " +
        "broker_order_id = COALESCE(EXCLUDED.broker_order_id, orders.broker_order_id), status = EXCLUDED.status, " +
        "quantity = EXCLUDED.quantity, filled_quantity = EXCLUDED.filled_quantity, " +
        "pending_quantity = EXCLUDED.pending_quantity, cancelled_quantity = EXCLUDED.cancelled_quantity, " +
        "price = EXCLUDED.price, trigger_price = EXCLUDED.trigger_price, average_price = EXCLUDED.average_price, " +
        "order_type = EXCLUDED.order_type, validity = EXCLUDED.validity, modify_count = EXCLUDED.modify_count, " +
        "tag = COALESCE(EXCLUDED.tag, orders.tag), " +
        "exchange_time = COALESCE(EXCLUDED.exchange_time, orders.exchange_time), " +
        "updated_at = EXCLUDED.updated_at, last_journal_index = EXCLUDED.last_journal_index, " +
        "status_message = EXCLUDED.status_message, " +
        "parent_order_id = COALESCE(EXCLUDED.parent_order_id, orders.parent_order_id), " +
        "disclosed_quantity = COALESCE(EXCLUDED.disclosed_quantity, orders.disclosed_quantity), " +
        "validity_ttl = COALESCE(EXCLUDED.validity_ttl, orders.validity_ttl), " +
        "market_protection = COALESCE(EXCLUDED.market_protection, orders.market_protection), " +
        "iceberg_legs = COALESCE(EXCLUDED.iceberg_legs, orders.iceberg_legs), " +
        "iceberg_quantity = COALESCE(EXCLUDED.iceberg_quantity, orders.iceberg_quantity), " +
        "auction_number = COALESCE(EXCLUDED.auction_number, orders.auction_number) " +
        "WHERE orders.last_journal_index < EXCLUDED.last_journal_index";

    private static final String ORDER_HISTORY_SQL = "INSERT INTO order_history (journal_index, order_id, status, " +
        "filled_quantity, pending_quantity, cancelled_quantity, quantity, price, trigger_price, average_price, " +
        "broker_order_id, exchange_time, recorded_at) " +
        "SELECT ?, o.id, ?, ?, ?, ?, ?, ?, ?, ?, ?::text, ?::timestamptz, ? FROM orders o " +
        "WHERE o.engine_account_id = ? AND o.order_key = ? ON CONFLICT (journal_index) DO NOTHING";

    private static final String TRADE_SQL = "INSERT INTO trades (account_id, engine_account_id, trade_id, " +
        "broker_order_id, client_order_id, instrument_token, side, product, quantity, price, exchange_time, " +
        "filled_at, trading_day, journal_index) " +
        "SELECT a.id, ?, ?, ?, ?::bigint, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ? " +
        "FROM accounts a WHERE a.engine_account_id = ? ON CONFLICT (journal_index) DO NOTHING";

    private static final String POSITION_SQL = "INSERT INTO positions (journal_index, account_id, " +
        "engine_account_id, instrument_token, product, quantity, overnight_quantity, multiplier, buy_quantity, " +
        "buy_value, sell_quantity, sell_value, day_buy_quantity, day_buy_value, day_sell_quantity, day_sell_value, " +
        "average_price, last_price, close_price, value, pnl, m2m, realised, unrealised, snapshot_at, trading_day) " +
        "SELECT ?, a.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? " +
        "FROM accounts a WHERE a.engine_account_id = ? ON CONFLICT (journal_index) DO NOTHING";

    private static final String AUDIT_SQL = "INSERT INTO audit_log (journal_index, user_id, account_id, " +
        "engine_account_id, event_type, detail, occurred_at) " +
        "SELECT ?, NULL::uuid, a.id, ?::bigint, ?, ?::jsonb, ? FROM (SELECT 1) one " +
        "LEFT JOIN accounts a ON a.engine_account_id = ?::bigint ON CONFLICT (journal_index) DO NOTHING";

    private static final String INSTRUMENT_SQL = "INSERT INTO instruments (instrument_token, tradingsymbol, " +
        "exchange, segment, instrument_type, tick_size, lot_size, price_divisor, updated_at) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instrument_token) DO UPDATE SET " +
        "tradingsymbol = EXCLUDED.tradingsymbol, exchange = EXCLUDED.exchange, segment = EXCLUDED.segment, " +
        "instrument_type = EXCLUDED.instrument_type, tick_size = EXCLUDED.tick_size, lot_size = EXCLUDED.lot_size, " +
        "price_divisor = EXCLUDED.price_divisor, updated_at = EXCLUDED.updated_at";

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final FillEventDecoder fill = new FillEventDecoder();
    private final PositionEventDecoder position = new PositionEventDecoder();
    private final RejectEventDecoder reject = new RejectEventDecoder();
    private final RiskLimitsEventDecoder riskLimits = new RiskLimitsEventDecoder();
    private final KillSwitchEventDecoder killSwitch = new KillSwitchEventDecoder();
    /** The input sequence of the last halt: the core's cancels of working orders that it pulled carry it too. */
    private long haltSequence = Long.MIN_VALUE;
    private final BrokerSessionEventDecoder brokerSession = new BrokerSessionEventDecoder();
    private final FeedGapEventDecoder feedGap = new FeedGapEventDecoder();
    private final BrokerConversionEventDecoder brokerConversion = new BrokerConversionEventDecoder();
    private final InstrumentEventDecoder instrument = new InstrumentEventDecoder();
    private final InstrumentsLoadedEventDecoder instrumentsLoaded = new InstrumentsLoadedEventDecoder();
    private final QueueMetrics metrics;

    private final LongHashSet accounts = new LongHashSet();
    private final ArrayList<Object[]> orders = new ArrayList<>();
    private final ArrayList<Object[]> trades = new ArrayList<>();
    private final ArrayList<Object[]> positions = new ArrayList<>();
    private final ArrayList<Object[]> audits = new ArrayList<>();
    private final ArrayList<Object[]> instruments = new ArrayList<>();


    /**
     * @param metrics where malformed messages are counted.
     */
    public OutEventWriter(final QueueMetrics metrics)
    {
        this.metrics = metrics;
    }

    @Override
    public void onMessage(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        read(index);

        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed(index, "shorter than the message header: " + length);
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            malformed(index, "schemaId is not " + MessageHeaderDecoder.SCHEMA_ID + ": " + header.schemaId());
            return;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int available = length - MessageHeaderDecoder.ENCODED_LENGTH;
        if (blockLength > available)
        {
            malformed(index, "template " + templateId + " blockLength " + blockLength + " exceeds " + available);
            return;
        }

        switch (templateId)
        {
            case OrderEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "OrderEvent"))
                {
                    onOrder(index, order.wrap(buffer, bodyOffset, blockLength, version));
                }
                break;

            case FillEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "FillEvent"))
                {
                    onFill(index, fill.wrap(buffer, bodyOffset, blockLength, version));
                }
                break;

            case PositionEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "PositionEvent"))
                {
                    onPosition(index, position.wrap(buffer, bodyOffset, blockLength, version));
                }
                break;

            case RejectEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "RejectEvent"))
                {
                    final RejectEventDecoder r = reject.wrap(buffer, bodyOffset, blockLength, version);
                    if (r.reason() == RejectReason.STALE_BROKER_UPDATE)
                    {
                        // A broker update the engine already had (Kite sends each by WebSocket, postback and order
                        // book): several per order, routine, left in the journal and out of the audit trail.
                        break;
                    }
                    audit(index, r.timestampNs(), r.accountId(), EngineAuditType.REJECT, rejectDetail(r));
                }
                break;

            case RiskLimitsEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "RiskLimitsEvent"))
                {
                    final RiskLimitsEventDecoder r = riskLimits.wrap(buffer, bodyOffset, blockLength, version);
                    audit(index, r.timestampNs(), r.accountId(), EngineAuditType.RISK_LIMITS,
                        "{\"max_order_value_paise\":" + r.maxOrderValuePaise() + ",\"max_position_qty\":" +
                        r.maxPositionQty() + ",\"price_band_bps\":" + r.priceBandBps() + ",\"orders_per_second\":" +
                        r.ordersPerSecond() + ",\"orders_per_minute\":" + r.ordersPerMinute() +
                        ",\"orders_per_day\":" + r.ordersPerDay() + "}");
                }
                break;

            case KillSwitchEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "KillSwitchEvent"))
                {
                    final KillSwitchEventDecoder k = killSwitch.wrap(buffer, bodyOffset, blockLength, version);
                    audit(index, k.timestampNs(), k.accountId(), EngineAuditType.KILL_SWITCH,
                        "{\"mode\":\"" + k.mode() + "\"}");
                    if (KillSwitchMode.HALT == k.mode())
                    {
                        haltSequence = k.inputSequence();
                    }
                }
                break;

            case BrokerSessionEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "BrokerSessionEvent"))
                {
                    final BrokerSessionEventDecoder b = brokerSession.wrap(buffer, bodyOffset, blockLength, version);
                    audit(index, b.timestampNs(), b.accountId(), EngineAuditType.BROKER_SESSION,
                        "{\"state\":\"" + b.state() + "\",\"token_expiry_s\":" + b.tokenExpiryS() + "}");
                }
                break;

            case FeedGapEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "FeedGapEvent"))
                {
                    final FeedGapEventDecoder g = feedGap.wrap(buffer, bodyOffset, blockLength, version);
                    audit(index, g.timestampNs(), 0, EngineAuditType.FEED_GAP, "{\"state\":\"" + g.state() +
                        "\",\"connection_id\":" + g.connectionId() + ",\"last_message_ns\":" + g.lastMessageNs() + "}");
                }
                break;

            case BrokerConversionEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "BrokerConversionEvent"))
                {
                    final BrokerConversionEventDecoder c = brokerConversion.wrap(buffer, bodyOffset, blockLength,
                        version);
                    audit(index, c.timestampNs(), c.accountId(), EngineAuditType.BROKER_CONVERSION,
                        "{\"instrument_token\":" + c.instrumentToken() + ",\"transaction_type\":\"" + c.side() +
                        "\",\"position_type\":\"" + c.positionType().name().toLowerCase(Locale.ROOT) +
                        "\",\"quantity\":" + c.qty() +
                        ",\"old_product\":\"" + c.oldProduct() + "\",\"new_product\":\"" + c.newProduct() + "\"}");
                }
                break;

            case InstrumentEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "InstrumentEvent"))
                {
                    onInstrument(instrument.wrap(buffer, bodyOffset, blockLength, version));
                }
                break;

            case InstrumentsLoadedEventDecoder.TEMPLATE_ID:
                if (fits(index, header, "InstrumentsLoadedEvent"))
                {
                    final InstrumentsLoadedEventDecoder l = instrumentsLoaded.wrap(buffer, bodyOffset, blockLength,
                        version);
                    audit(index, l.timestampNs(), 0, EngineAuditType.INSTRUMENTS_LOADED, "{\"rows\":" + l.rows() +
                        ",\"published\":" + l.published() + ",\"instruments\":" + l.instruments() + "}");
                }
                break;

            default:
                break;
        }
    }

    private void onOrder(final long index, final OrderEventDecoder e)
    {
        lastTimestampNs(e.timestampNs());
        final long accountId = e.accountId();
        accounts.add(accountId);
        final long clientOrderId = e.clientOrderId();
        final boolean hasClientId = clientOrderId != OrderEventDecoder.clientOrderIdNullValue();
        final String brokerOrderId = blankToNull(e.brokerOrderId());
        if (!hasClientId && null == brokerOrderId)
        {
            malformed(index, "OrderEvent has neither clientOrderId nor brokerOrderId");
            return;
        }
        final String orderKey = hasClientId ? "c:" + clientOrderId : "b:" + brokerOrderId;
        final OffsetDateTime at = time(e.timestampNs());
        final String statusMessage = blankToNull(e.statusMessage());
        final String userTag = blankToNull(e.userTag());
        final String parentOrderId = blankToNull(e.parentOrderId());
        if (OrderStatus.CANCELLED == e.status() && null != statusMessage &&
            statusMessage.endsWith(TradingCore.CLOSED_BY_ENGINE))
        {
            audit(index, e.timestampNs(), accountId, EngineAuditType.ORDER_CLOSED, "{\"client_order_id\":" +
                (hasClientId ? Long.toString(clientOrderId) : "null") + ",\"broker_order_id\":" +
                quoted(brokerOrderId) + ",\"cancelled_quantity\":" + e.cancelledQty() + ",\"reason\":" +
                quoted(statusMessage) + "}");
        }
        else if (OrderStatus.CANCEL_PENDING == e.status() && e.inputSequence() == haltSequence)
        {
            audit(index, e.timestampNs(), accountId, EngineAuditType.KILL_SWITCH_CANCEL, "{\"client_order_id\":" +
                (hasClientId ? Long.toString(clientOrderId) : "null") + ",\"broker_order_id\":" +
                quoted(brokerOrderId) + ",\"parent_order_id\":" + quoted(parentOrderId) + ",\"instrument_token\":" +
                e.instrumentToken() + ",\"transaction_type\":\"" + e.side() + "\",\"order_type\":\"" +
                e.orderType().name().replace('_', '-') + "\",\"product\":\"" + e.product() + "\",\"quantity\":" +
                e.qty() + ",\"pending_quantity\":" + e.pendingQty() + "}");
        }
        else if (OrderStatus.REJECTED == e.status())
        {
            // An order ends rejected once (the core retires it): by the broker's refusal of its placement (also
            // audited as that request's REJECT), or by the broker or exchange after accepting it.
            audit(index, e.timestampNs(), accountId, EngineAuditType.ORDER_REJECTED, "{\"client_order_id\":" +
                (hasClientId ? Long.toString(clientOrderId) : "null") + ",\"broker_order_id\":" +
                quoted(brokerOrderId) + ",\"instrument_token\":" + e.instrumentToken() + ",\"quantity\":" +
                e.qty() + ",\"reason\":" + quoted(statusMessage) + "}");
        }
        orders.add(new Object[] {
            accountId, orderKey, hasClientId ? clientOrderId : null, brokerOrderId, e.status().name(),
            e.instrumentToken(), e.side().name(), e.orderType().name(), e.product().name(), e.validity().name(),
            e.variety().name(), e.qty(), e.filledQty(), e.pendingQty(), e.cancelledQty(), e.pricePaise(),
            e.triggerPricePaise(), e.averagePricePaise(), e.modifyCount(), userTag,
            seconds(e.exchangeTimeS()), at, at, tradingDay(e.timestampNs()), index, statusMessage, parentOrderId,
            JournalSchema.orNull(e.disclosedQty(), OrderEventDecoder.disclosedQtyNullValue()),
            JournalSchema.orNull(e.validityTtlMinutes(), OrderEventDecoder.validityTtlMinutesNullValue()),
            JournalSchema.orNull(e.marketProtectionPct(), OrderEventDecoder.marketProtectionPctNullValue()),
            JournalSchema.orNull(e.icebergLegs(), OrderEventDecoder.icebergLegsNullValue()),
            JournalSchema.orNull(e.icebergQty(), OrderEventDecoder.icebergQtyNullValue()),
            blankToNull(e.auctionNumber()) });
    }

    private void onFill(final long index, final FillEventDecoder e)
    {
        lastTimestampNs(e.timestampNs());
        final long accountId = e.accountId();
        accounts.add(accountId);
        final String tradeId = blankToNull(e.tradeId());
        if (null == tradeId)
        {
            malformed(index, "FillEvent tradeId is empty");
            return;
        }
        final long clientOrderId = e.clientOrderId();
        trades.add(new Object[] {
            accountId, tradeId, e.brokerOrderId().trim(),
            clientOrderId == FillEventDecoder.clientOrderIdNullValue() ? null : clientOrderId,
            e.instrumentToken(), e.side().name(), e.product().name(), e.qty(), e.pricePaise(),
            seconds(e.exchangeTimeS()), time(e.timestampNs()), tradingDay(e.timestampNs()), index });
    }

    private void onPosition(final long index, final PositionEventDecoder e)
    {
        lastTimestampNs(e.timestampNs());
        final long accountId = e.accountId();
        accounts.add(accountId);
        positions.add(new Object[] {
            index, accountId, e.instrumentToken(), e.product().name(), e.qty(), e.overnightQty(), e.multiplier(),
            e.buyQty(), e.buyValuePaise(), e.sellQty(), e.sellValuePaise(), e.dayBuyQty(), e.dayBuyValuePaise(),
            e.daySellQty(), e.daySellValuePaise(), e.averagePricePaise(), e.lastPricePaise(), e.closePricePaise(),
            e.valuePaise(), e.pnlPaise(), e.m2mPaise(), e.realisedPaise(), e.unrealisedPaise(),
            time(e.timestampNs()), tradingDay(e.timestampNs()) });
    }

    private void onInstrument(final InstrumentEventDecoder e)
    {
        lastTimestampNs(e.timestampNs());
        final String segment = e.segment().name();
        final int divisor = "CDS".equals(segment) ? 10_000_000 : "BCD".equals(segment) ? 10_000 : 100;
        instruments.add(new Object[] {
            e.instrumentToken(), e.tradingsymbol().trim(), e.exchange().name(), segment, e.instrumentType().name(),
            e.tickSizePaise(), e.lotSize(), divisor, time(e.timestampNs()) });
    }

    /**
     * A reject's detail: its limit and the value that crossed it with the unit they are in, the command refused,
     * and for the broker's refusals its error type, HTTP status and message.
     */
    private static String rejectDetail(final RejectEventDecoder r)
    {
        final StringBuilder json = new StringBuilder(256)
            .append("{\"reason\":\"").append(r.reason())
            .append("\",\"client_order_id\":")
            .append(nullable(r.clientOrderId(), RejectEventDecoder.clientOrderIdNullValue()))
            .append(",\"command\":").append(quoted(MessageFields.name(r.commandTemplateId())));
        final String request = brokerRequestOf(r.reason(), r.limitValue());
        if (null != request)
        {
            // The broker's refusal has no limit crossed: the engine carries the request it refused and the HTTP
            // status in those two fields, and the status is written below.
            json.append(",\"request\":\"").append(request).append('"');
        }
        else
        {
            json.append(",\"limit_value\":").append(r.limitValue())
                .append(",\"actual_value\":").append(r.actualValue());
        }
        final String actualStatus = statusOf(r.reason(), r.actualValue());
        if (null != actualStatus)
        {
            json.append(",\"actual_status\":\"").append(actualStatus).append('"');
        }
        final String unit = unitOf(r.reason());
        if (null != unit)
        {
            json.append(",\"unit\":\"").append(unit).append('"');
        }
        json.append(",\"input_sequence\":").append(r.inputSequence());
        final BrokerErrorType brokerError = r.brokerErrorType();
        if (null != brokerError && BrokerErrorType.NONE != brokerError && BrokerErrorType.NULL_VAL != brokerError)
        {
            json.append(",\"broker_error_type\":\"").append(brokerError).append("\",\"http_status\":")
                .append(r.httpStatus());
        }
        final String message = r.message();
        if (!message.isEmpty())
        {
            json.append(",\"message\":").append(quoted(message));
        }
        return json.append('}').toString();
    }

    /** The name of a reject's actual value where that is an order status code, else null. */
    static String statusOf(final RejectReason reason, final long actualValue)
    {
        if ((RejectReason.ORDER_NOT_OPEN != reason && RejectReason.STALE_BROKER_UPDATE != reason) ||
            actualValue < Short.MIN_VALUE || actualValue > Short.MAX_VALUE)
        {
            return null;
        }
        try
        {
            final OrderStatus status = OrderStatus.get((short)actualValue);
            return OrderStatus.NULL_VAL == status ? null : status.name();
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * @return for the broker's refusal of a request (or its unknown outcome), the request, {@code place}, {@code
     * modify}, {@code cancel} or {@code reconcile}, which the engine carries as the reject's limit value; else null.
     */
    static String brokerRequestOf(final RejectReason reason, final long limitValue)
    {
        if ((RejectReason.BROKER_REJECTED != reason && RejectReason.BROKER_OUTCOME_UNKNOWN != reason) ||
            limitValue < 0 || limitValue > Short.MAX_VALUE)
        {
            return null;
        }
        final BrokerRequestType request = BrokerRequestType.get((short)limitValue);
        return BrokerRequestType.NULL_VAL == request || BrokerRequestType.SBE_UNKNOWN == request ? "unknown" :
            request.name().toLowerCase(Locale.ROOT);
    }

    /** What a reject's limit and actual value count, where they count one thing. */
    static String unitOf(final RejectReason reason)
    {
        switch (reason)
        {
            case MAX_ORDER_VALUE:
                return "paise";
            case PRICE_BAND:
                return "basis_points";
            case PRICE_OFF_TICK:
            case INVALID_PRICE:
                return "price_units";
            case INVALID_QUANTITY:
            case QUANTITY_NOT_LOT_MULTIPLE:
            case FREEZE_QUANTITY:
            case MAX_POSITION:
            case KILL_SWITCH_REDUCE_ONLY:
                return "quantity";
            case RATE_LIMIT_SECOND:
            case RATE_LIMIT_MINUTE:
            case RATE_LIMIT_DAY:
                return "orders";
            case MAX_MODIFICATIONS:
                return "modifications";
            default:
                return null;
        }
    }

    private static String quoted(final String text)
    {
        return null == text ? "null" : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private void audit(
        final long index, final long timestampNs, final long accountId, final EngineAuditType type,
        final String detail)
    {
        lastTimestampNs(timestampNs);
        if (0 != accountId)
        {
            accounts.add(accountId);
        }
        audits.add(new Object[] {index, 0 == accountId ? null : accountId, type.name(), detail, time(timestampNs)});
    }

    @Override
    public void write(final Connection connection) throws SQLException
    {
        if (!accounts.isEmpty())
        {
            try (PreparedStatement s = connection.prepareStatement(ACCOUNT_SQL))
            {
                final LongHashSet.LongIterator it = accounts.iterator();
                while (it.hasNext())
                {
                    s.setLong(1, it.nextValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!instruments.isEmpty())
        {
            executeBatch(connection, INSTRUMENT_SQL, lastPerToken(instruments), false);
        }
        if (!orders.isEmpty())
        {
            try (PreparedStatement s = connection.prepareStatement(ORDER_SQL);
                PreparedStatement h = connection.prepareStatement(ORDER_HISTORY_SQL))
            {
                for (final Object[] row : orders)
                {
                    for (int i = 0; i < row.length; i++)
                    {
                        s.setObject(i + 1, row[i]);
                    }
                    s.setObject(row.length + 1, row[0]);
                    s.addBatch();

                    h.setObject(1, row[24]);
                    h.setObject(2, row[4]);
                    h.setObject(3, row[12]);
                    h.setObject(4, row[13]);
                    h.setObject(5, row[14]);
                    h.setObject(6, row[11]);
                    h.setObject(7, row[15]);
                    h.setObject(8, row[16]);
                    h.setObject(9, row[17]);
                    h.setObject(10, row[3]);
                    h.setObject(11, row[20]);
                    h.setObject(12, row[21]);
                    h.setObject(13, row[0]);
                    h.setObject(14, row[1]);
                    h.addBatch();
                }
                s.executeBatch();
                h.executeBatch();
            }
        }
        if (!trades.isEmpty())
        {
            executeBatch(connection, TRADE_SQL, trades, true);
        }
        if (!positions.isEmpty())
        {
            try (PreparedStatement s = connection.prepareStatement(POSITION_SQL))
            {
                for (final Object[] row : positions)
                {
                    for (int i = 0; i < row.length; i++)
                    {
                        s.setObject(i + 1, row[i]);
                    }
                    s.setObject(row.length + 1, row[1]);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!audits.isEmpty())
        {
            try (PreparedStatement s = connection.prepareStatement(AUDIT_SQL))
            {
                for (final Object[] row : audits)
                {
                    s.setLong(1, (Long)row[0]);
                    s.setObject(2, row[1], Types.BIGINT);
                    s.setString(3, (String)row[2]);
                    s.setString(4, (String)row[3]);
                    s.setObject(5, row[4]);
                    s.setObject(6, row[1], Types.BIGINT);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /**
     * One row per instrument token, the latest: the batched upsert becomes one multi-row INSERT, and PostgreSQL
     * refuses to update the same row twice in one statement (a dump loaded twice within a batch would jam the
     * persister).
     */
    private static ArrayList<Object[]> lastPerToken(final ArrayList<Object[]> rows)
    {
        final java.util.LinkedHashMap<Object, Object[]> latest = new java.util.LinkedHashMap<>();
        for (final Object[] row : rows)
        {
            latest.remove(row[0]);
            latest.put(row[0], row);
        }
        return new ArrayList<>(latest.values());
    }

    private static void executeBatch(
        final Connection connection, final String sql, final ArrayList<Object[]> rows, final boolean accountLast)
        throws SQLException
    {
        try (PreparedStatement s = connection.prepareStatement(sql))
        {
            for (final Object[] row : rows)
            {
                for (int i = 0; i < row.length; i++)
                {
                    s.setObject(i + 1, row[i]);
                }
                if (accountLast)
                {
                    s.setObject(row.length + 1, row[0]);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public int rows()
    {
        return orders.size() * 2 + trades.size() + positions.size() + audits.size() + instruments.size();
    }

    @Override
    public void committed()
    {
        clear();
    }

    @Override
    public void discard()
    {
        clear();
    }

    private void clear()
    {
        accounts.clear();
        orders.clear();
        trades.clear();
        positions.clear();
        audits.clear();
        instruments.clear();
        clearBatch();
    }

    /**
     * The block an order event of {@code version} has: version 2 added {@code external} and version 7 the order's
     * terms at the block's end; older events are still read, the fields they lack unknown.
     */
    private boolean fits(final long index, final MessageHeaderDecoder header, final String name)
    {
        final int required = MessageBlocks.minimum(header.templateId(), header.version());
        if (header.blockLength() < required)
        {
            malformed(index, name + " blockLength " + header.blockLength() + " is shorter than the " + required +
                " of version " + header.version());
            return false;
        }
        return true;
    }

    private void malformed(final long index, final String what)
    {
        metrics.onMalformed();
        if (metrics.malformed() <= 10 || Long.bitCount(metrics.malformed()) == 1)
        {
            LOG.warn("skipping out-journal message at index {}: {}; {} skipped so far",
                index, what, metrics.malformed());
        }
    }

    private static String nullable(final long value, final long nullValue)
    {
        return value == nullValue ? "null" : Long.toString(value);
    }

    private static String blankToNull(final String value)
    {
        final String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static OffsetDateTime time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime seconds(final long epochS)
    {
        return epochS <= 0 || epochS == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epochS).atOffset(ZoneOffset.UTC);
    }

    private static LocalDate tradingDay(final long epochNs)
    {
        return LocalDate.ofEpochDay(MarketDataPartitions.istDay(epochNs));
    }

    static ZoneOffset ist()
    {
        return IST;
    }
}
