package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One order of the simulated broker with its history of snapshots. Owned by the simulator thread.
 */
final class Order
{
    static final String PUT_ORDER_REQ_RECEIVED = "PUT ORDER REQ RECEIVED";
    static final String VALIDATION_PENDING = "VALIDATION PENDING";
    static final String OPEN_PENDING = "OPEN PENDING";
    static final String OPEN = "OPEN";
    static final String TRIGGER_PENDING = "TRIGGER PENDING";
    static final String COMPLETE = "COMPLETE";
    static final String CANCELLED = "CANCELLED";
    static final String REJECTED = "REJECTED";
    static final String MODIFY_VALIDATION_PENDING = "MODIFY VALIDATION PENDING";
    static final String MODIFY_PENDING = "MODIFY PENDING";
    static final String MODIFIED = "MODIFIED";
    static final String CANCEL_PENDING = "CANCEL PENDING";
    static final String AMO_REQ_RECEIVED = "AMO REQ RECEIVED";
    /** The percentage the simulator applies for automatic market protection ({@code market_protection=-1}). */
    static final double AUTO_MARKET_PROTECTION_PERCENT = 3.0;

    final String orderId;
    final String variety;
    final Instrument instrument;
    final String transactionType;
    final String product;
    final String tag;
    String parentOrderId;
    /** Epoch ms at which a queued AMO goes to the exchange; 0 once released, or for other varieties. */
    long amoReleaseMs;
    /** Cover order: the stop-loss trigger of the second leg, in the instrument's unit; 0 for other orders. */
    long coverTriggerPaise;
    /** Cover order: true for the stop-loss (second) leg. */
    boolean coverStopLeg;
    /** Iceberg: the group this leg belongs to, and the leg's number from 1. */
    Iceberg iceberg;
    int icebergLeg;
    String auctionNumber;
    final String guid;
    long orderTimestampMs;
    /** As the client sent it: 0 none, a percent, or -1 automatic ({@link #appliedMarketProtection()}). */
    final double marketProtection;

    String orderType;
    String validity;
    int validityTtl;
    long quantity;
    long disclosedQuantity;
    long pricePaise;
    long triggerPricePaise;
    String exchangeOrderId;
    long exchangeTimestampMs;
    long exchangeUpdateTimestampMs;
    String status;
    String statusMessage;
    long filledQuantity;
    long filledValuePaise;
    long cancelledQuantity;
    boolean modified;
    boolean triggered;
    int modifyCount;
    long marginBlockedPaise;
    final List<ObjectNode> history = new ArrayList<>();
    /** History entries already in the paper broker's book file. */
    int historySaved;
    final List<String> extraTags = new ArrayList<>();

    Order(
        final String orderId,
        final String variety,
        final Instrument instrument,
        final String transactionType,
        final String product,
        final String tag,
        final String guid,
        final long orderTimestampMs,
        final double marketProtection)
    {
        this.orderId = orderId;
        this.variety = variety;
        this.instrument = instrument;
        this.transactionType = transactionType;
        this.product = product;
        this.tag = tag;
        this.guid = guid;
        this.orderTimestampMs = orderTimestampMs;
        this.marketProtection = marketProtection;
    }

    boolean isBuy()
    {
        return "BUY".equals(transactionType);
    }

    boolean isLive()
    {
        return OPEN.equals(status) || TRIGGER_PENDING.equals(status) || AMO_REQ_RECEIVED.equals(status);
    }

    boolean isQueuedAmo()
    {
        return amoReleaseMs > 0;
    }

    /** The legs of one iceberg order: placed one after another, each when the previous one completes. */
    static final class Iceberg
    {
        final int legs;
        final long legQuantity;
        final long totalQuantity;
        final String firstOrderId;
        long placedQuantity;

        Iceberg(final int legs, final long legQuantity, final long totalQuantity, final String firstOrderId)
        {
            this.legs = legs;
            this.legQuantity = legQuantity;
            this.totalQuantity = totalQuantity;
            this.firstOrderId = firstOrderId;
        }
    }

    boolean isTerminal()
    {
        return COMPLETE.equals(status) || CANCELLED.equals(status) || REJECTED.equals(status);
    }

    boolean isStop()
    {
        return "SL".equals(orderType) || "SL-M".equals(orderType);
    }

    boolean executesAtMarket()
    {
        return "MARKET".equals(orderType) || "SL-M".equals(orderType);
    }

    /** @return the percentage the protection allows from the last price; 0 without protection. */
    double appliedMarketProtection()
    {
        return marketProtection == -1 ? AUTO_MARKET_PROTECTION_PERCENT : marketProtection;
    }

    /** @return whether the order executes at market under a protection, which Kite marks with its mktp tags. */
    boolean isMarketProtected()
    {
        return marketProtection != 0 && executesAtMarket();
    }

    long pendingQuantity()
    {
        return quantity - filledQuantity - cancelledQuantity;
    }

    double averagePrice()
    {
        return filledQuantity == 0 ? 0 : (double)filledValuePaise / filledQuantity / instrument.unitsPerRupee;
    }

    ObjectNode latest()
    {
        return history.get(history.size() - 1);
    }
}
