package io.quantumleap.engine.kite.feed;

import io.netty.channel.EventLoop;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;

/**
 * Settings of a {@link KiteFeed}. Defaults follow Kite's limits and official clients; {@link #conclude()}
 * validates.
 */
public final class KiteFeedContext
{
    /** Environment variable of the ticker URL. */
    public static final String WS_URL_ENV = "KITE_WS_URL";
    /** Kite's ticker URL. */
    public static final String WS_URL_DEFAULT = "wss://ws.kite.trade";
    /** Connections per api_key Kite allows. */
    public static final int MAX_CONNECTIONS_DEFAULT = 3;
    /** Instruments per connection Kite allows. */
    public static final int MAX_TOKENS_PER_CONNECTION_DEFAULT = 3000;
    /** Silence that means a dead link. */
    public static final long LIVENESS_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** How often an idle link is pinged. */
    public static final long PING_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(2500);
    /** Longest a connect plus handshake may take. */
    public static final long CONNECT_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(7);
    /** First retry delay. */
    public static final long RECONNECT_INITIAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Cap of the retry delay. */
    public static final long RECONNECT_MAX_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);
    /** Jitter of retry delays. */
    public static final double RECONNECT_JITTER_DEFAULT = 0.2;
    /** Retries before giving up: unlimited, a trading day must not end because of a flaky network. */
    public static final int MAX_ATTEMPTS_DEFAULT = 0;
    /** How often liveness, retries and token expiry are checked. */
    public static final long POLL_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(250);
    /** Largest frame accepted (a full-mode frame of 3000 instruments is about 560 KB). */
    public static final int MAX_FRAME_BYTES_DEFAULT = 1 << 20;

    private String apiKey = "";
    private URI wsUrl = URI.create(WS_URL_DEFAULT);
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private int maxTokensPerConnection = MAX_TOKENS_PER_CONNECTION_DEFAULT;
    private long livenessTimeoutNs = LIVENESS_TIMEOUT_NS_DEFAULT;
    private long pingIntervalNs = PING_INTERVAL_NS_DEFAULT;
    private long connectTimeoutNs = CONNECT_TIMEOUT_NS_DEFAULT;
    private long reconnectInitialNs = RECONNECT_INITIAL_NS_DEFAULT;
    private long reconnectMaxNs = RECONNECT_MAX_NS_DEFAULT;
    private double reconnectJitter = RECONNECT_JITTER_DEFAULT;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private long pollIntervalNs = POLL_INTERVAL_NS_DEFAULT;
    private int maxFrameBytes = MAX_FRAME_BYTES_DEFAULT;
    private EpochNanoClock clock = new SystemEpochNanoClock();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private RawFrameCapture capture = RawFrameCapture.NO_OP;
    private TickerFrameDecoder decoder;
    private TextFrameHandler textHandler;
    private CommandPublisher publisher;
    private BrokerSession session;
    private EventLoop eventLoop;
    private IntConsumer reconnectListener = (connectionId) -> {};
    private boolean orderUpdatesOnly;

    /**
     * Reads {@code KITE_API_KEY} and {@code KITE_WS_URL}; unset ones keep their defaults.
     *
     * @param env the environment, e.g. {@link System#getenv()}.
     * @return a context still needing decoder, text handler, publisher and session.
     */
    public static KiteFeedContext fromEnvironment(final java.util.Map<String, String> env)
    {
        return new KiteFeedContext()
            .apiKey(env.getOrDefault("KITE_API_KEY", ""))
            .wsUrl(URI.create(env.getOrDefault(WS_URL_ENV, WS_URL_DEFAULT)));
    }

    /**
     * @return this, validated.
     * @throws IllegalStateException naming the missing or wrong setting.
     */
    public KiteFeedContext conclude()
    {
        if (null == decoder || null == textHandler || null == publisher || null == session)
        {
            throw new IllegalStateException("decoder, textHandler, publisher and session are required");
        }
        if (!"ws".equals(wsUrl.getScheme()) && !"wss".equals(wsUrl.getScheme()))
        {
            throw new IllegalStateException(WS_URL_ENV + ": expected a ws:// or wss:// URL, was " + wsUrl);
        }
        if (livenessTimeoutNs <= 0 || pollIntervalNs <= 0 || connectTimeoutNs <= 0)
        {
            throw new IllegalStateException("timeouts and the poll interval must be > 0");
        }
        return this;
    }

    /** @param apiKey the app's api_key. @return this. */
    public KiteFeedContext apiKey(final String apiKey)
    {
        this.apiKey = apiKey;
        return this;
    }

    /** @return the app's api_key. */
    public String apiKey()
    {
        return apiKey;
    }

    /** @param wsUrl ticker URL. @return this. */
    public KiteFeedContext wsUrl(final URI wsUrl)
    {
        this.wsUrl = wsUrl;
        return this;
    }

    /** @return ticker URL. */
    public URI wsUrl()
    {
        return wsUrl;
    }

    /**
     * @param orderUpdatesOnly true for a feed that carries no instruments, only the account's order updates (Kite
     *                         sends a user's order updates on each of its ticker connections): one connection,
     *                         opened at start and kept open without a subscription. @return this.
     */
    public KiteFeedContext orderUpdatesOnly(final boolean orderUpdatesOnly)
    {
        this.orderUpdatesOnly = orderUpdatesOnly;
        return this;
    }

    /** @return true for a feed of order updates only. */
    public boolean orderUpdatesOnly()
    {
        return orderUpdatesOnly;
    }

    /** @param maxConnections connections to spread instruments over. @return this. */
    public KiteFeedContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /** @return connections to spread instruments over. */
    public int maxConnections()
    {
        return orderUpdatesOnly ? 1 : maxConnections;
    }

    /** @param maxTokensPerConnection instruments per connection. @return this. */
    public KiteFeedContext maxTokensPerConnection(final int maxTokensPerConnection)
    {
        this.maxTokensPerConnection = maxTokensPerConnection;
        return this;
    }

    /** @return instruments per connection. */
    public int maxTokensPerConnection()
    {
        return maxTokensPerConnection;
    }

    /** @param livenessTimeoutNs silence that means a dead link. @return this. */
    public KiteFeedContext livenessTimeoutNs(final long livenessTimeoutNs)
    {
        this.livenessTimeoutNs = livenessTimeoutNs;
        return this;
    }

    /** @return silence that means a dead link. */
    public long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /** @param pingIntervalNs ping period of an idle link. @return this. */
    public KiteFeedContext pingIntervalNs(final long pingIntervalNs)
    {
        this.pingIntervalNs = pingIntervalNs;
        return this;
    }

    /** @return ping period. */
    public long pingIntervalNs()
    {
        return pingIntervalNs;
    }

    /** @param connectTimeoutNs connect plus handshake timeout. @return this. */
    public KiteFeedContext connectTimeoutNs(final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    /** @return connect plus handshake timeout. */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /**
     * @param initialNs first retry delay.
     * @param maxNs     cap.
     * @param jitter    spread in [0, 1).
     * @return this.
     */
    public KiteFeedContext reconnect(final long initialNs, final long maxNs, final double jitter)
    {
        this.reconnectInitialNs = initialNs;
        this.reconnectMaxNs = maxNs;
        this.reconnectJitter = jitter;
        return this;
    }

    /** @return the backoff these settings describe. */
    public ReconnectBackoff backoff()
    {
        return new ReconnectBackoff(reconnectInitialNs, reconnectMaxNs, reconnectJitter, random);
    }

    /** @param maxAttempts retries before giving up, 0 for unlimited. @return this. */
    public KiteFeedContext maxAttempts(final int maxAttempts)
    {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** @return retries before giving up, 0 for unlimited. */
    public int maxAttempts()
    {
        return maxAttempts;
    }

    /** @param pollIntervalNs period of liveness checks. @return this. */
    public KiteFeedContext pollIntervalNs(final long pollIntervalNs)
    {
        this.pollIntervalNs = pollIntervalNs;
        return this;
    }

    /** @return period of liveness checks. */
    public long pollIntervalNs()
    {
        return pollIntervalNs;
    }

    /** @param maxFrameBytes largest frame accepted. @return this. */
    public KiteFeedContext maxFrameBytes(final int maxFrameBytes)
    {
        this.maxFrameBytes = maxFrameBytes;
        return this;
    }

    /** @return largest frame accepted. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    /** @param clock epoch-ns clock for receive stamps and liveness. @return this. */
    public KiteFeedContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the clock. */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /** @param random uniform [0, 1) source for jitter. @return this. */
    public KiteFeedContext random(final DoubleSupplier random)
    {
        this.random = random;
        return this;
    }

    /** @param capture raw frame capture, {@link RawFrameCapture#NO_OP} to turn it off. @return this. */
    public KiteFeedContext capture(final RawFrameCapture capture)
    {
        this.capture = capture;
        return this;
    }

    /** @return raw frame capture. */
    public RawFrameCapture capture()
    {
        return capture;
    }

    /** @param decoder binary frame decoder. @return this. */
    public KiteFeedContext decoder(final TickerFrameDecoder decoder)
    {
        this.decoder = decoder;
        return this;
    }

    /** @return binary frame decoder. */
    public TickerFrameDecoder decoder()
    {
        return decoder;
    }

    /** @param textHandler text frame handler. @return this. */
    public KiteFeedContext textHandler(final TextFrameHandler textHandler)
    {
        this.textHandler = textHandler;
        return this;
    }

    /** @return text frame handler. */
    public TextFrameHandler textHandler()
    {
        return textHandler;
    }

    /** @param publisher the engine's ring. @return this. */
    public KiteFeedContext publisher(final CommandPublisher publisher)
    {
        this.publisher = publisher;
        return this;
    }

    /** @return the engine's ring. */
    public CommandPublisher publisher()
    {
        return publisher;
    }

    /**
     * @param eventLoop where the connections live, owned by the caller (the engine's core thread serves one:
     *                  {@code EnginePipeline.ioEventLoop()}); null (the default) starts a {@code kite-feed}
     *                  thread of the feed's own.
     * @return this.
     */
    public KiteFeedContext eventLoop(final EventLoop eventLoop)
    {
        this.eventLoop = eventLoop;
        return this;
    }

    /** @return the caller's event loop for the connections, or null for a thread of the feed's own. */
    public EventLoop eventLoop()
    {
        return eventLoop;
    }

    /** @param session the account's broker session. @return this. */
    public KiteFeedContext session(final BrokerSession session)
    {
        this.session = session;
        return this;
    }

    /**
     * @param reconnectListener told on the IO thread when a connection is open again after a loss (e.g. to
     *                          reconcile orders); must not block.
     * @return this.
     */
    public KiteFeedContext reconnectListener(final IntConsumer reconnectListener)
    {
        this.reconnectListener = reconnectListener;
        return this;
    }

    /** @return the reconnect listener. */
    public IntConsumer reconnectListener()
    {
        return reconnectListener;
    }

    /** @return the account's broker session. */
    public BrokerSession session()
    {
        return session;
    }
}
