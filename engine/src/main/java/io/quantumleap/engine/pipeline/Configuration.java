package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * System properties of the engine pipeline and core, with their defaults (listed in engine/README.md).
 */
public final class Configuration
{
    /** Ring slots, a power of two. */
    public static final String RING_SIZE_PROP_NAME = "qleap.engine.ring.size";
    public static final int RING_SIZE_DEFAULT = 65_536;

    /** Bytes per ring slot: the largest command accepted. */
    public static final String SLOT_SIZE_PROP_NAME = "qleap.engine.ring.slot.size";
    public static final int SLOT_SIZE_DEFAULT = 1_024;

    /** How the handlers wait for work: parking, sleeping, yielding, blocking, lite-blocking or busy-spin. */
    public static final String WAIT_STRATEGY_PROP_NAME = "qleap.engine.wait.strategy";
    /**
     * Parking ({@link ParkingWaitStrategy}): the default on a 2-core machine, where spinning handlers would starve
     * everything else and timed sleeps cost both latency and CPU.
     */
    public static final String WAIT_STRATEGY_DEFAULT = "parking";

    /**
     * Where the journal appends: {@code own} (its own thread, {@code qleap-journal}, a stage ahead of the core),
     * {@code core} (on the core thread, right before the core handles each command: one thread hand-off fewer per
     * command) or {@code auto}.
     */
    public static final String JOURNAL_THREAD_PROP_NAME = "qleap.engine.journal.thread";
    /**
     * Auto: {@code core} below {@link #JOURNAL_THREAD_MIN_CPUS} CPUs, where a journal thread of its own costs a
     * wake-up per batch and takes a CPU the feed and the gateway need; {@code own} from there on, where it overlaps
     * the journal's appends with the core's work.
     */
    public static final String JOURNAL_THREAD_DEFAULT = "auto";
    public static final int JOURNAL_THREAD_MIN_CPUS = 4;

    /**
     * Where the Kite feed's sockets are read: {@code own} (a Netty event loop thread of its own, {@code kite-feed}),
     * {@code core} (on the core thread while it waits for commands: {@link IoLoopWaitStrategy}; a tick is read,
     * journaled and handled without a thread hand-off) or {@code auto}.
     */
    public static final String FEED_THREAD_PROP_NAME = "qleap.engine.feed.thread";
    /**
     * Auto: {@code core} when the journal appends on the core thread and the ring waits by parking (the defaults
     * below 4 CPUs), {@code own} otherwise.
     */
    public static final String FEED_THREAD_DEFAULT = "auto";

    public static final String MAX_ORDER_VALUE_PROP_NAME = "qleap.engine.risk.max.order.value.paise";
    public static final long MAX_ORDER_VALUE_DEFAULT = 1_000_000_000L;

    public static final String MAX_POSITION_PROP_NAME = "qleap.engine.risk.max.position.qty";
    public static final long MAX_POSITION_DEFAULT = 100_000;

    public static final String PRICE_BAND_PROP_NAME = "qleap.engine.risk.price.band.bps";
    public static final int PRICE_BAND_DEFAULT = 2_000;

    /** Kite/SEBI: 10 orders a second per client. */
    public static final String ORDERS_PER_SECOND_PROP_NAME = "qleap.engine.risk.orders.per.second";
    public static final int ORDERS_PER_SECOND_DEFAULT = 10;

    public static final String ORDERS_PER_MINUTE_PROP_NAME = "qleap.engine.risk.orders.per.minute";
    public static final int ORDERS_PER_MINUTE_DEFAULT = 400;

    public static final String ORDERS_PER_DAY_PROP_NAME = "qleap.engine.risk.orders.per.day";
    public static final int ORDERS_PER_DAY_DEFAULT = 3_000;

    public static final String INSTRUMENT_CAPACITY_PROP_NAME = "qleap.engine.instrument.capacity";
    public static final int INSTRUMENT_CAPACITY_DEFAULT = 16_384;

    public static final String ORDERS_PER_ACCOUNT_PROP_NAME = "qleap.engine.orders.per.account.capacity";
    public static final int ORDERS_PER_ACCOUNT_DEFAULT = 16_384;

    /** Terminal orders kept for late broker updates before their objects are reused. */
    public static final String RETAINED_ORDERS_PROP_NAME = "qleap.engine.retained.terminal.orders";
    public static final int RETAINED_ORDERS_DEFAULT = 65_536;

    /** Broker updates and trades for not yet known broker order ids kept until their id is bound. */
    public static final String PARKED_UPDATES_PROP_NAME = "qleap.engine.parked.broker.updates";
    public static final int PARKED_UPDATES_DEFAULT = 4_096;

    /** How long a parked update waits for its ack before it is adopted (or, a trade, given up). */
    public static final String PARK_TIMEOUT_PROP_NAME = "qleap.engine.park.timeout.ns";
    public static final long PARK_TIMEOUT_DEFAULT = 10_000_000_000L;

    /** Grace after a TTL/IOC order's validity before the core asks the broker to cancel it. */
    public static final String EXPIRY_GRACE_PROP_NAME = "qleap.engine.expiry.grace.ns";
    public static final long EXPIRY_GRACE_DEFAULT = 5_000_000_000L;

    /** How long an order stays UNKNOWN before a RECONCILE request, and between requests. */
    public static final String RECONCILE_INTERVAL_PROP_NAME = "qleap.engine.reconcile.interval.ns";
    public static final long RECONCILE_INTERVAL_DEFAULT = 10_000_000_000L;

    /** How long a placement may go without any broker answer before it becomes UNKNOWN. */
    public static final String ACK_TIMEOUT_PROP_NAME = "qleap.engine.ack.timeout.ns";
    public static final long ACK_TIMEOUT_DEFAULT = 30_000_000_000L;

    private Configuration()
    {
    }

    /**
     * @param setting own, core or auto ({@link #JOURNAL_THREAD_DEFAULT}).
     * @param cpus    CPUs the process may use.
     * @return whether the journal appends on the core thread.
     * @throws IllegalArgumentException naming the property for any other setting.
     */
    public static boolean journalOnCoreThread(final String setting, final int cpus)
    {
        return switch (setting)
        {
            case "own" -> false;
            case "core" -> true;
            case "auto" -> cpus < JOURNAL_THREAD_MIN_CPUS;
            default -> throw new IllegalArgumentException(
                JOURNAL_THREAD_PROP_NAME + "=" + setting + ": expected own, core or auto");
        };
    }

    /**
     * @param setting       own, core or auto ({@link #FEED_THREAD_DEFAULT}).
     * @param journalOnCore whether the journal appends on the core thread ({@link #journalOnCoreThread}).
     * @param waitStrategy  the ring's wait strategy setting.
     * @return whether the feed's sockets are served by the core thread.
     * @throws IllegalArgumentException naming the property for any other setting, or for {@code core} where the
     *                                  core thread cannot serve them (journal on its own thread, or a wait other
     *                                  than parking).
     */
    public static boolean feedOnCoreThread(final String setting, final boolean journalOnCore, final String waitStrategy)
    {
        final boolean possible = journalOnCore && WAIT_STRATEGY_DEFAULT.equals(waitStrategy);
        return switch (setting)
        {
            case "own" -> false;
            case "auto" -> possible;
            case "core" ->
            {
                if (!possible)
                {
                    throw new IllegalArgumentException(FEED_THREAD_PROP_NAME + "=core needs " +
                        JOURNAL_THREAD_PROP_NAME + "=core and " + WAIT_STRATEGY_PROP_NAME + "=" +
                        WAIT_STRATEGY_DEFAULT + " (the core thread serves the feed while it waits), got " +
                        (journalOnCore ? "core" : "own") + " and " + waitStrategy);
                }
                yield true;
            }
            default -> throw new IllegalArgumentException(
                FEED_THREAD_PROP_NAME + "=" + setting + ": expected own, core or auto");
        };
    }

    /**
     * @param name parking, sleeping, yielding, blocking, lite-blocking or busy-spin.
     * @return a new wait strategy.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static WaitStrategy waitStrategy(final String name)
    {
        switch (name)
        {
            case "parking":
                return new ParkingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
            case "lite-blocking":
                return new LiteBlockingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException(WAIT_STRATEGY_PROP_NAME + "=" + name +
                    ": expected parking, sleeping, yielding, blocking, lite-blocking or busy-spin");
        }
    }

    static int intProperty(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + ": expected an integer", ex);
        }
    }

    static long longProperty(final String name, final long defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + ": expected an integer", ex);
        }
    }
}
