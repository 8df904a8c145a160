package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;

import java.util.Arrays;

/**
 * One order placed through the engine, pooled and reused once retired. Owned by the core thread.
 */
public final class Order
{
    /** Length of Kite ids as carried in the schema. */
    public static final int BROKER_ID_LENGTH = 24;
    /** Length of a tag as carried in the schema. */
    static final int TAG_LENGTH = 32;
    /** Longest auction number Kite's auction variety is placed with. */
    public static final int AUCTION_NUMBER_LENGTH = 8;

    Account account;
    long clientOrderId;
    Instrument instrument;
    Position position;
    final byte[] brokerOrderId = new byte[BROKER_ID_LENGTH];
    final byte[] exchangeOrderId = new byte[BROKER_ID_LENGTH];
    /** The broker order id of the order this one is a leg of (a cover order's stop-loss leg: its entry), or none. */
    final byte[] parentOrderId = new byte[BROKER_ID_LENGTH];
    int parentOrderIdLength;
    /** Kite's auction_number of an auction order; none for other varieties. */
    final byte[] auctionNumber = new byte[AUCTION_NUMBER_LENGTH];
    int auctionNumberLength;
    /** The tag the order was placed with, zero padded; none for an adopted order. */
    final byte[] tag = new byte[TAG_LENGTH];
    int tagLength;
    /** Kite's status_message of the latest broker update, or the broker's refusal of the last request. */
    final byte[] statusMessage = new byte[TradingCore.MAX_BROKER_MESSAGE_LENGTH];
    int statusMessageLength;
    boolean hasBrokerOrderId;
    long brokerKey;
    OrderStatus status;
    OrderStatus statusBeforeRequest;
    Side side;
    OrderType orderType;
    Product product;
    Validity validity;
    Variety variety;
    long qty;
    long pricePaise;
    long triggerPricePaise;
    long disclosedQty;
    int validityTtlMinutes;
    int marketProtectionPct;
    int icebergLegs;
    long icebergQty;
    long filledQty;
    long updateFilledQty;
    long pendingQty;
    long cancelledQty;
    long averagePricePaise;
    long tradedQty;
    long tradedValuePaise;
    long reservedQty;
    int modifyCount;
    long exchangeTimeS;
    long timestampNs;
    /** Command time of the placement (or adoption): DAY orders belong to that IST day's session. */
    long placedNs;
    /** Placed outside the engine and adopted from a broker update; its client order id is the engine's own. */
    boolean external;
    /** Counted in its account's placements awaiting a broker order id. */
    boolean awaitingBrokerId;
    /** Command time at which the order's broker order id became known (its ack, or an update). */
    long brokerBoundNs;
    /** Command time of the latest broker update that named the order, or {@link Long#MIN_VALUE}. */
    long brokerSeenNs = Long.MIN_VALUE;
    /** Next command time a timer acts on the order (expiry, reconciliation), or {@link Long#MAX_VALUE}. */
    long deadlineNs = Long.MAX_VALUE;
    /** Position in the core's list of orders with a deadline, or -1. */
    int timedIndex = -1;

    /**
     * How far the order's latest modification has come on Kite's modify path: 0 requested by the engine (or none
     * yet), 1 MODIFY VALIDATION PENDING, 2 MODIFY PENDING, 3 MODIFIED or acknowledged, 4 settled (open again).
     */
    int modifyRank;
    boolean modifyInFlight;
    OrderType modifyOrderType;
    Validity modifyValidity;
    long modifyQty;
    long modifyPricePaise;
    long modifyTriggerPricePaise;
    long modifyDisclosedQty;

    void reset()
    {
        account = null;
        instrument = null;
        position = null;
        clientOrderId = 0;
        Arrays.fill(brokerOrderId, (byte)0);
        Arrays.fill(exchangeOrderId, (byte)0);
        Arrays.fill(parentOrderId, (byte)0);
        parentOrderIdLength = 0;
        Arrays.fill(auctionNumber, (byte)0);
        auctionNumberLength = 0;
        Arrays.fill(tag, (byte)0);
        tagLength = 0;
        statusMessageLength = 0;
        hasBrokerOrderId = false;
        brokerKey = 0;
        status = null;
        statusBeforeRequest = null;
        qty = 0;
        pricePaise = 0;
        triggerPricePaise = 0;
        disclosedQty = 0;
        validityTtlMinutes = 0;
        marketProtectionPct = 0;
        icebergLegs = 0;
        icebergQty = 0;
        filledQty = 0;
        updateFilledQty = 0;
        pendingQty = 0;
        cancelledQty = 0;
        averagePricePaise = 0;
        tradedQty = 0;
        tradedValuePaise = 0;
        reservedQty = 0;
        modifyCount = 0;
        exchangeTimeS = 0;
        timestampNs = 0;
        placedNs = 0;
        external = false;
        awaitingBrokerId = false;
        brokerBoundNs = 0;
        brokerSeenNs = Long.MIN_VALUE;
        deadlineNs = Long.MAX_VALUE;
        timedIndex = -1;
        modifyRank = 0;
        modifyInFlight = false;
    }

    /** @return true for COMPLETE, CANCELLED and REJECTED: nothing changes the order afterwards. */
    public boolean isTerminal()
    {
        return isTerminal(status);
    }

    static boolean isTerminal(final OrderStatus status)
    {
        return status == OrderStatus.COMPLETE || status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED;
    }

    boolean isBuy()
    {
        return side == Side.BUY;
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public OrderStatus status()
    {
        return status;
    }

    public long qty()
    {
        return qty;
    }

    public long filledQty()
    {
        return filledQty;
    }

    public long pricePaise()
    {
        return pricePaise;
    }

    public int modifyCount()
    {
        return modifyCount;
    }

    /** @return true when the order was placed outside the engine and adopted from the broker's updates. */
    public boolean isExternal()
    {
        return external;
    }

    /** @return the broker order id as text, allocating: for tests and tools, not the hot path. */
    public String brokerOrderIdAsString()
    {
        final StringBuilder text = new StringBuilder(BROKER_ID_LENGTH);
        for (int i = 0; i < BROKER_ID_LENGTH && brokerOrderId[i] != 0; i++)
        {
            text.append((char)(brokerOrderId[i] & 0x7F));
        }
        return text.toString();
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, account.accountId);
        r = StateHash.mix(r, clientOrderId);
        r = StateHash.mix(r, instrument.id);
        r = StateHash.mix(r, brokerOrderId);
        r = StateHash.mix(r, exchangeOrderId);
        r = StateHash.mix(r, parentOrderId);
        r = StateHash.mix(r, auctionNumber);
        r = StateHash.mix(r, tag);
        r = StateHash.mix(r, statusMessageLength);
        r = StateHash.mix(r, statusMessage);
        r = StateHash.mix(r, status.value());
        r = StateHash.mix(r, statusBeforeRequest == null ? -1 : statusBeforeRequest.value());
        r = StateHash.mix(r, side.value());
        r = StateHash.mix(r, orderType.value());
        r = StateHash.mix(r, product.value());
        r = StateHash.mix(r, validity.value());
        r = StateHash.mix(r, variety.value());
        r = StateHash.mix(r, qty);
        r = StateHash.mix(r, pricePaise);
        r = StateHash.mix(r, triggerPricePaise);
        r = StateHash.mix(r, filledQty);
        r = StateHash.mix(r, updateFilledQty);
        r = StateHash.mix(r, pendingQty);
        r = StateHash.mix(r, cancelledQty);
        r = StateHash.mix(r, averagePricePaise);
        r = StateHash.mix(r, tradedQty);
        r = StateHash.mix(r, tradedValuePaise);
        r = StateHash.mix(r, reservedQty);
        r = StateHash.mix(r, modifyCount);
        r = StateHash.mix(r, exchangeTimeS);
        r = StateHash.mix(r, modifyInFlight ? 1 : 0);
        r = StateHash.mix(r, modifyRank);
        r = StateHash.mix(r, placedNs);
        r = StateHash.mix(r, external ? 1 : 0);
        r = StateHash.mix(r, awaitingBrokerId ? 1 : 0);
        r = StateHash.mix(r, deadlineNs);
        r = StateHash.mix(r, brokerBoundNs);
        r = StateHash.mix(r, brokerSeenNs);
        return StateHash.mix(r, modifyInFlight ? modifyQty ^ modifyPricePaise ^ modifyTriggerPricePaise : 0);
    }
}
