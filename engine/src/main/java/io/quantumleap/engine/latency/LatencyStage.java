package io.quantumleap.engine.latency;

/**
 * The measured stages of the event path, in path order. Each is the time between two points every event of its
 * path passes; {@link #TICK_TO_WS} is the whole market-data path end to end. {@link #JOURNAL} and {@link #CORE} lie on
 * both paths and time every command, a tick, an order or a broker update alike (ticks are most of them); they are
 * shown with market data.
 */
public enum LatencyStage
{
    FEED_DECODE("feed_decode", Path.MARKET_DATA, "socket → decoded", false),
    JOURNAL("journal", Path.MARKET_DATA, "decoded → journaled (every command: ticks, orders, broker updates)", false),
    CORE("core", Path.MARKET_DATA, "journaled → core done (every command: ticks, orders, broker updates)", false),
    PUBLISH("publish", Path.MARKET_DATA, "core done → published to the gateway", false),
    WS_WRITE("ws_write", Path.MARKET_DATA, "published → WebSocket written", true),
    TICK_TO_WS("tick_to_ws", Path.MARKET_DATA, "socket → WebSocket written", true),
    ORDER_RISK("order_risk", Path.ORDERS, "API received → risk checked", false),
    ORDER_SEND("order_send", Path.ORDERS, "risk checked → sent to broker", false),
    BROKER_ACK("broker_ack", Path.ORDERS, "sent to broker → broker ack", true),
    ORDER_UPDATE("order_update", Path.ORDERS, "broker ack → order update out of the core", false);

    /** Which flow a stage belongs to. */
    public enum Path
    {
        MARKET_DATA("market_data"),
        ORDERS("orders");

        private final String id;

        Path(final String id)
        {
            this.id = id;
        }

        public String id()
        {
            return id;
        }
    }

    private static final LatencyStage[] STAGES = values();

    private final String id;
    private final Path path;
    private final String description;
    private final boolean concurrentWriters;

    LatencyStage(final String id, final Path path, final String description, final boolean concurrentWriters)
    {
        this.id = id;
        this.path = path;
        this.description = description;
        this.concurrentWriters = concurrentWriters;
    }

    /** @return the stable name used in the API, metrics and log tags. */
    public String id()
    {
        return id;
    }

    public Path path()
    {
        return path;
    }

    /** @return "from → to". */
    public String description()
    {
        return description;
    }

    /** @return true when several threads record this stage (its recorder must allow concurrent writers). */
    public boolean concurrentWriters()
    {
        return concurrentWriters;
    }

    /** @return every stage in path order, shared: do not modify. */
    static LatencyStage[] all()
    {
        return STAGES;
    }
}
