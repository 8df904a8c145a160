package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.RiskLimits;

/**
 * System properties of the engine pipeline and core, with their defaults and accepted ranges (listed in
 * engine/CONFIGURATION.md). Every number is checked when it is read at start ({@link #requireInRange}), so a
 * nonsense setting stops the system with the property named instead of running with it; the journal and the
 * persister check theirs with the same helpers.
 */
public final class Configuration
{
    /** Ring slots, a power of two up to {@link #RING_SIZE_MAX} (the Disruptor's ring is an array). */
    public static final String RING_SIZE_PROP_NAME = "qleap.engine.ring.size";
    public static final int RING_SIZE_DEFAULT = 65_536;
    /** The largest power of two an int holds. */
    public static final int RING_SIZE_MAX = 1 << 30;

    /** Bytes per ring slot: the largest command accepted; at least {@link #SLOT_SIZE_MIN}. */
    public static final String SLOT_SIZE_PROP_NAME = "qleap.engine.ring.slot.size";
    public static final int SLOT_SIZE_DEFAULT = 1_024;
    /** Room for the header and body of every fixed-size command. */
    public static final int SLOT_SIZE_MIN = 64;

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

    /**
     * Default risk limits (an admin RiskLimitsCommand changes them). Each is at least 1: the core refuses an order
     * at or past a limit, so 0 or less would refuse every order while the system looked up. No greatest value: the
     * core compares in longs and saturates what it works out (a price band's distance), so a large limit is a loose
     * one, never a wrong one.
     */
    public static final String MAX_ORDER_VALUE_PROP_NAME = "qleap.engine.risk.max.order.value.paise";
    public static final long MAX_ORDER_VALUE_DEFAULT = 1_000_000_000L;

    /** See {@link #MAX_ORDER_VALUE_PROP_NAME}: a quantity of at least 1. */
    public static final String MAX_POSITION_PROP_NAME = "qleap.engine.risk.max.position.qty";
    public static final long MAX_POSITION_DEFAULT = 100_000;

    /** See {@link #MAX_ORDER_VALUE_PROP_NAME}: basis points of at least 1 (10000 lets a sell go to any price). */
    public static final String PRICE_BAND_PROP_NAME = "qleap.engine.risk.price.band.bps";
    public static final int PRICE_BAND_DEFAULT = 2_000;

    /** Kite/SEBI: 10 orders a second per client. Order rates are counts of at least 1. */
    public static final String ORDERS_PER_SECOND_PROP_NAME = "qleap.engine.risk.orders.per.second";
    public static final int ORDERS_PER_SECOND_DEFAULT = 10;

    public static final String ORDERS_PER_MINUTE_PROP_NAME = "qleap.engine.risk.orders.per.minute";
    public static final int ORDERS_PER_MINUTE_DEFAULT = 400;

    public static final String ORDERS_PER_DAY_PROP_NAME = "qleap.engine.risk.orders.per.day";
    public static final int ORDERS_PER_DAY_DEFAULT = 3_000;

    /**
     * The core's pre-sized state: capacities of 1 to {@link #CAPACITY_MAX}. The core sizes arrays and hash maps from
     * them at start, some at twice or four times the capacity, in ints.
     */
    public static final String INSTRUMENT_CAPACITY_PROP_NAME = "qleap.engine.instrument.capacity";
    public static final int INSTRUMENT_CAPACITY_DEFAULT = 16_384;
    /** Greatest capacity: four times it, plus the retained orders, still sizes one hash map in an int. */
    public static final int CAPACITY_MAX = 1 << 24;

    public static final String ORDERS_PER_ACCOUNT_PROP_NAME = "qleap.engine.orders.per.account.capacity";
    public static final int ORDERS_PER_ACCOUNT_DEFAULT = 16_384;

    /** Terminal orders kept for late broker updates before their objects are reused; 1 to {@link #CAPACITY_MAX}. */
    public static final String RETAINED_ORDERS_PROP_NAME = "qleap.engine.retained.terminal.orders";
    public static final int RETAINED_ORDERS_DEFAULT = 65_536;

    /**
     * Broker updates and trades for not yet known broker order ids kept until their id is bound; 1 to
     * {@link #PARKED_UPDATES_MAX}.
     */
    public static final String PARKED_UPDATES_PROP_NAME = "qleap.engine.parked.broker.updates";
    public static final int PARKED_UPDATES_DEFAULT = 4_096;
    /** Each parked update has a block of a few hundred bytes in one buffer, sized in an int. */
    public static final int PARKED_UPDATES_MAX = 1 << 20;

    /**
     * How long a parked update waits for its ack before it is adopted (or, a trade, given up). The core's timers are
     * durations of {@link #DURATION_MIN_NS} to {@link #DURATION_MAX_NS}: 0 or less would fire each one as it is set
     * (every placement UNKNOWN at once, every parked update adopted before its ack), and one past a day (longer than
     * a trading session) would not fire within the session, so an order the broker never answers would stay open.
     */
    public static final String PARK_TIMEOUT_PROP_NAME = "qleap.engine.park.timeout.ns";
    public static final long PARK_TIMEOUT_DEFAULT = 10_000_000_000L;
    /** Shortest timer: a millisecond (the core checks its timers on each timer command, about once a second). */
    public static final long DURATION_MIN_NS = 1_000_000L;
    /** Longest timer: a day. */
    public static final long DURATION_MAX_NS = 86_400_000_000_000L;

    /** Grace after a TTL/IOC order's validity before the core asks the broker to cancel it (a timer, as above). */
    public static final String EXPIRY_GRACE_PROP_NAME = "qleap.engine.expiry.grace.ns";
    public static final long EXPIRY_GRACE_DEFAULT = 5_000_000_000L;

    /** How long an order stays UNKNOWN before a RECONCILE request, and between requests (a timer, as above). */
    public static final String RECONCILE_INTERVAL_PROP_NAME = "qleap.engine.reconcile.interval.ns";
    public static final long RECONCILE_INTERVAL_DEFAULT = 10_000_000_000L;

    /** How long a placement may go without any broker answer before it becomes UNKNOWN (a timer, as above). */
    public static final String ACK_TIMEOUT_PROP_NAME = "qleap.engine.ack.timeout.ns";
    public static final long ACK_TIMEOUT_DEFAULT = 30_000_000_000L;

    private Configuration()
    {
    }

    /**
     * @return the core's settings from the properties above, each checked against its range.
     * @throws IllegalArgumentException naming the first property that is not an integer or out of range.
     */
    public static CoreSettings coreSettingsFromProperties()
    {
        return new CoreSettings()
            .defaultLimits(new RiskLimits(
                longProperty(MAX_ORDER_VALUE_PROP_NAME, MAX_ORDER_VALUE_DEFAULT, 1, Long.MAX_VALUE, "paise"),
                longProperty(MAX_POSITION_PROP_NAME, MAX_POSITION_DEFAULT, 1, Long.MAX_VALUE, "a quantity"),
                intProperty(PRICE_BAND_PROP_NAME, PRICE_BAND_DEFAULT, 1, Integer.MAX_VALUE, "basis points"),
                intProperty(ORDERS_PER_SECOND_PROP_NAME, ORDERS_PER_SECOND_DEFAULT, 1, Integer.MAX_VALUE, "orders"),
                intProperty(ORDERS_PER_MINUTE_PROP_NAME, ORDERS_PER_MINUTE_DEFAULT, 1, Integer.MAX_VALUE, "orders"),
                intProperty(ORDERS_PER_DAY_PROP_NAME, ORDERS_PER_DAY_DEFAULT, 1, Integer.MAX_VALUE, "orders")))
            .instrumentCapacity(intProperty(
                INSTRUMENT_CAPACITY_PROP_NAME, INSTRUMENT_CAPACITY_DEFAULT, 1, CAPACITY_MAX, "a capacity"))
            .ordersPerAccountCapacity(intProperty(
                ORDERS_PER_ACCOUNT_PROP_NAME, ORDERS_PER_ACCOUNT_DEFAULT, 1, CAPACITY_MAX, "a capacity"))
            .retainedTerminalOrders(intProperty(
                RETAINED_ORDERS_PROP_NAME, RETAINED_ORDERS_DEFAULT, 1, CAPACITY_MAX, "a capacity"))
            .parkedBrokerUpdates(intProperty(
                PARKED_UPDATES_PROP_NAME, PARKED_UPDATES_DEFAULT, 1, PARKED_UPDATES_MAX, "a capacity"))
            .parkTimeoutNs(longProperty(
                PARK_TIMEOUT_PROP_NAME, PARK_TIMEOUT_DEFAULT, DURATION_MIN_NS, DURATION_MAX_NS, "nanoseconds"))
            .expiryGraceNs(longProperty(
                EXPIRY_GRACE_PROP_NAME, EXPIRY_GRACE_DEFAULT, DURATION_MIN_NS, DURATION_MAX_NS, "nanoseconds"))
            .reconcileIntervalNs(longProperty(RECONCILE_INTERVAL_PROP_NAME, RECONCILE_INTERVAL_DEFAULT,
                DURATION_MIN_NS, DURATION_MAX_NS, "nanoseconds"))
            .ackTimeoutNs(longProperty(
                ACK_TIMEOUT_PROP_NAME, ACK_TIMEOUT_DEFAULT, DURATION_MIN_NS, DURATION_MAX_NS, "nanoseconds"));
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

    /**
     * Reads an integer property and checks its range at start, so a nonsense setting (a negative capacity, a
     * rate limit of 0) stops the system with the property named instead of running with it.
     *
     * @param name         the property.
     * @param defaultValue when the property is not set (not checked: the defaults lie in range).
     * @param min          least value accepted.
     * @param max          greatest value accepted.
     * @param expected     what the value is, for the message ("a capacity", "basis points").
     * @return the value.
     * @throws IllegalArgumentException naming the property, its value and what is expected: not an integer, or out
     *                                  of range ({@link #requireInRange}).
     */
    public static int intProperty(
        final String name, final int defaultValue, final int min, final int max, final String expected)
    {
        final String value = System.getProperty(name);
        return value == null ? defaultValue : (int)requireInRange(name, parseLong(name, value), min, max, expected);
    }

    /**
     * The same for a long property.
     *
     * @see #intProperty(String, int, int, int, String)
     */
    public static long longProperty(
        final String name, final long defaultValue, final long min, final long max, final String expected)
    {
        final String value = System.getProperty(name);
        return value == null ? defaultValue : requireInRange(name, parseLong(name, value), min, max, expected);
    }

    /**
     * Reads a boolean property, refusing anything but {@code true} or {@code false} (any case): where
     * {@link Boolean#parseBoolean} would read a typo such as {@code ture} or {@code 1} as false.
     *
     * @param name         the property.
     * @param defaultValue when the property is not set.
     * @return the value.
     * @throws IllegalArgumentException naming the property and its value.
     */
    public static boolean booleanProperty(final String name, final boolean defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return defaultValue;
        }
        final String trimmed = value.trim();
        if ("true".equalsIgnoreCase(trimmed) || "false".equalsIgnoreCase(trimmed))
        {
            return Boolean.parseBoolean(trimmed);
        }
        throw new IllegalArgumentException(name + "=" + value + ": expected true or false");
    }

    /**
     * @param name  the setting the text came from (a property or an environment variable), for the message.
     * @param value the text.
     * @return the integer it holds.
     * @throws IllegalArgumentException naming the setting and the text when it holds no integer; without the
     *                                  parser's exception as its cause, whose message names neither, as a report
     *                                  of the innermost cause (the application's at start) would show it alone.
     */
    public static long parseLong(final String name, final String value)
    {
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ignore)
        {
            throw new IllegalArgumentException(name + "=" + value + ": expected an integer");
        }
    }

    /**
     * The one range check of the settings the engine, the journal and the persister read at start.
     *
     * @param name     the setting the value came from (a property or an environment variable), for the message.
     * @param value    the value.
     * @param min      least value accepted.
     * @param max      greatest value accepted; {@link Long#MAX_VALUE} for none.
     * @param expected what the value is, for the message ("a capacity", "milliseconds").
     * @return the value.
     * @throws IllegalArgumentException {@code name=value: expected <what> from <min> to <max>} (or {@code at least
     *                                  <min>} without a greatest value) when the value lies outside.
     */
    public static long requireInRange(
        final String name, final long value, final long min, final long max, final String expected)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + "=" + value + ": expected " + expected +
                (max == Long.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max));
        }
        return value;
    }
}
