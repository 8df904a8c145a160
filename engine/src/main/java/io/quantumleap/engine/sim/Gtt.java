package io.quantumleap.engine.sim;

/**
 * One GTT (good till triggered) trigger: a condition on an instrument's last price and the LIMIT orders it places
 * when the condition is met. Prices are in the instrument's unit. Owned by the simulator thread.
 */
final class Gtt
{
    static final String SINGLE = "single";
    static final String TWO_LEG = "two-leg";

    static final String ACTIVE = "active";
    static final String TRIGGERED = "triggered";
    static final String EXPIRED = "expired";
    static final String DELETED = "deleted";

    /** What {@code orders[i].result.order_result.status} says: the order went to the OMS, or it could not. */
    static final String RESULT_SUCCESS = "success";
    static final String RESULT_FAILED = "failed";

    final long id;
    final long createdAtMs;
    final String exchange;
    final String tradingsymbol;
    final long instrumentToken;
    /** Null for a trigger taken back from the book whose instrument is no longer listed; never active then. */
    final Instrument instrument;
    String type;
    /** The condition's {@code last_price} as the client sent it, in rupees; only echoed back. */
    double lastPrice;
    /** One value for single, lower then upper for two-leg. */
    long[] triggerUnits;
    /** A single trigger fires when the last price rises to its value (true) or falls to it (false). */
    boolean fireAbove;
    Leg[] legs;
    String status;
    long updatedAtMs;
    long expiresAtMs;
    /** {@code meta.rejection_reason}, null when there is none. */
    String rejectionReason;

    /** One order of a trigger and, once fired, what became of it. */
    static final class Leg
    {
        final String transactionType;
        final long quantity;
        final String product;
        final long priceUnits;
        boolean fired;
        long firedAtMs;
        long triggeredAtUnits;
        String resultStatus;
        String orderId;
        String resultReason;

        Leg(final String transactionType, final long quantity, final String product, final long priceUnits)
        {
            this.transactionType = transactionType;
            this.quantity = quantity;
            this.product = product;
            this.priceUnits = priceUnits;
        }
    }

    Gtt(
        final long id,
        final long createdAtMs,
        final String exchange,
        final String tradingsymbol,
        final long instrumentToken,
        final Instrument instrument)
    {
        this.id = id;
        this.createdAtMs = createdAtMs;
        this.exchange = exchange;
        this.tradingsymbol = tradingsymbol;
        this.instrumentToken = instrumentToken;
        this.instrument = instrument;
    }

    boolean isActive()
    {
        return ACTIVE.equals(status);
    }

    /**
     * @param ltp the last price now, in the instrument's unit.
     * @return the leg whose condition the price meets, -1 for none: a two-leg trigger's first leg below its lower
     * value, its second above its upper value.
     */
    int legToFire(final long ltp)
    {
        if (triggerUnits.length == 1)
        {
            return (fireAbove ? ltp >= triggerUnits[0] : ltp <= triggerUnits[0]) ? 0 : -1;
        }
        if (ltp <= triggerUnits[0])
        {
            return 0;
        }
        return ltp >= triggerUnits[1] ? 1 : -1;
    }
}
