package io.quantumleap.engine.core;

/**
 * Settings of a {@link TradingCore}: default limits and pre-sized capacities (sizing them for the day keeps the
 * core from allocating while it runs). Plain values, validated by {@link #validate()}; the pipeline's
 * {@code Configuration} fills them from system properties.
 */
public final class CoreSettings
{
    /** Kite refuses the 26th modification of one order. */
    public static final int MAX_MODIFICATIONS_DEFAULT = 25;

    private RiskLimits defaultLimits = new RiskLimits(1_000_000_000L, 100_000, 2_000, 10, 400, 3_000);
    private int instrumentCapacity = 16_384;
    private int accountCapacity = 64;
    private int ordersPerAccountCapacity = 16_384;
    private int positionsPerAccountCapacity = 1_024;
    private int retainedTerminalOrders = 65_536;
    private int maxModificationsPerOrder = MAX_MODIFICATIONS_DEFAULT;
    private int preallocatedOrders = 16_384;
    private int preallocatedPositions = 4_096;
    private int parkedBrokerUpdates = 4_096;
    private long parkTimeoutNs = 10_000_000_000L;
    private long expiryGraceNs = 5_000_000_000L;
    private long reconcileIntervalNs = 10_000_000_000L;
    private long ackTimeoutNs = 30_000_000_000L;

    public RiskLimits defaultLimits()
    {
        return defaultLimits;
    }

    /** Limits for accounts that have none of their own, until a RiskLimitsCommand for account 0 changes them. */
    public CoreSettings defaultLimits(final RiskLimits defaultLimits)
    {
        this.defaultLimits = defaultLimits;
        return this;
    }

    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    public CoreSettings instrumentCapacity(final int instrumentCapacity)
    {
        this.instrumentCapacity = instrumentCapacity;
        return this;
    }

    public int accountCapacity()
    {
        return accountCapacity;
    }

    public CoreSettings accountCapacity(final int accountCapacity)
    {
        this.accountCapacity = accountCapacity;
        return this;
    }

    public int ordersPerAccountCapacity()
    {
        return ordersPerAccountCapacity;
    }

    public CoreSettings ordersPerAccountCapacity(final int ordersPerAccountCapacity)
    {
        this.ordersPerAccountCapacity = ordersPerAccountCapacity;
        return this;
    }

    public int positionsPerAccountCapacity()
    {
        return positionsPerAccountCapacity;
    }

    public CoreSettings positionsPerAccountCapacity(final int positionsPerAccountCapacity)
    {
        this.positionsPerAccountCapacity = positionsPerAccountCapacity;
        return this;
    }

    public int retainedTerminalOrders()
    {
        return retainedTerminalOrders;
    }

    /**
     * Completed, cancelled and rejected orders kept for late broker updates before their object is reused; their
     * client order ids stay refused for the rest of the run.
     */
    public CoreSettings retainedTerminalOrders(final int retainedTerminalOrders)
    {
        this.retainedTerminalOrders = retainedTerminalOrders;
        return this;
    }

    public int maxModificationsPerOrder()
    {
        return maxModificationsPerOrder;
    }

    public CoreSettings maxModificationsPerOrder(final int maxModificationsPerOrder)
    {
        this.maxModificationsPerOrder = maxModificationsPerOrder;
        return this;
    }

    public int preallocatedOrders()
    {
        return preallocatedOrders;
    }

    /**
     * Order objects created up front; the core allocates another only once all of them are working or retained.
     * Size it for the day's live plus retained orders to keep the core allocation free.
     */
    public CoreSettings preallocatedOrders(final int preallocatedOrders)
    {
        this.preallocatedOrders = preallocatedOrders;
        return this;
    }

    public int preallocatedPositions()
    {
        return preallocatedPositions;
    }

    /** Position objects created up front, used as accounts trade new (instrument, product) pairs. */
    public CoreSettings preallocatedPositions(final int preallocatedPositions)
    {
        this.preallocatedPositions = preallocatedPositions;
        return this;
    }

    public int parkedBrokerUpdates()
    {
        return parkedBrokerUpdates;
    }

    /**
     * Broker updates and trades for broker order ids not yet known (they can arrive before the REST reply) kept
     * until the id is bound; when full, the oldest is given up with a reject.
     */
    public CoreSettings parkedBrokerUpdates(final int parkedBrokerUpdates)
    {
        this.parkedBrokerUpdates = parkedBrokerUpdates;
        return this;
    }

    public long parkTimeoutNs()
    {
        return parkTimeoutNs;
    }

    /**
     * How long a parked update waits for its order's broker ack before a timer adopts it as an order placed
     * outside the engine; a parked trade whose order never became known is given up with a reject then.
     */
    public CoreSettings parkTimeoutNs(final long parkTimeoutNs)
    {
        this.parkTimeoutNs = parkTimeoutNs;
        return this;
    }

    public long expiryGraceNs()
    {
        return expiryGraceNs;
    }

    /**
     * How long after a TTL or IOC order's validity ended (counted from its placement) a timer asks the broker to
     * cancel it, when no broker update closed it by then; also the retry interval of that cancel.
     */
    public CoreSettings expiryGraceNs(final long expiryGraceNs)
    {
        this.expiryGraceNs = expiryGraceNs;
        return this;
    }

    public long reconcileIntervalNs()
    {
        return reconcileIntervalNs;
    }

    /** How long an order stays UNKNOWN before a timer asks for reconciliation, and again after each ask. */
    public CoreSettings reconcileIntervalNs(final long reconcileIntervalNs)
    {
        this.reconcileIntervalNs = reconcileIntervalNs;
        return this;
    }

    public long ackTimeoutNs()
    {
        return ackTimeoutNs;
    }

    /**
     * How long a placement may wait for any broker answer (the router answers every request, but a request it
     * dropped never is) before a timer marks the order UNKNOWN and asks for reconciliation.
     */
    public CoreSettings ackTimeoutNs(final long ackTimeoutNs)
    {
        this.ackTimeoutNs = ackTimeoutNs;
        return this;
    }

    /**
     * @return this, once every value is usable.
     * @throws IllegalArgumentException naming the first setting that is not.
     */
    public CoreSettings validate()
    {
        if (defaultLimits == null || !defaultLimits.isValid())
        {
            throw new IllegalArgumentException("defaultLimits: every limit must be > 0");
        }
        requirePositive("instrumentCapacity", instrumentCapacity);
        requirePositive("accountCapacity", accountCapacity);
        requirePositive("ordersPerAccountCapacity", ordersPerAccountCapacity);
        requirePositive("positionsPerAccountCapacity", positionsPerAccountCapacity);
        requirePositive("retainedTerminalOrders", retainedTerminalOrders);
        requirePositive("maxModificationsPerOrder", maxModificationsPerOrder);
        requirePositive("parkedBrokerUpdates", parkedBrokerUpdates);
        requirePositive("parkTimeoutNs", parkTimeoutNs);
        requirePositive("expiryGraceNs", expiryGraceNs);
        requirePositive("reconcileIntervalNs", reconcileIntervalNs);
        requirePositive("ackTimeoutNs", ackTimeoutNs);
        if (preallocatedPositions < 0)
        {
            throw new IllegalArgumentException("preallocatedPositions must be >= 0, was " + preallocatedPositions);
        }
        if (preallocatedOrders < 0)
        {
            throw new IllegalArgumentException("preallocatedOrders must be >= 0, was " + preallocatedOrders);
        }
        return this;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
