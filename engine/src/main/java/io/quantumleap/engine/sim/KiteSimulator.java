package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Kite simulator: a paper-trading broker that speaks Kite Connect v3 (login redirect, session token, REST,
 * binary ticker WebSocket with order updates) on one loopback port. Embeddable: build a {@link Context},
 * {@link #start()}, read {@link #restBaseUrl()} and {@link #tickerUrl()}, {@link #close()}.
 *
 * <p>Threads: one simulator thread ("kite-sim") owns all state; one Netty acceptor and
 * {@link Context#ioThreads(int)} Netty I/O threads decode and encode.
 */
public final class KiteSimulator implements AutoCloseable
{
    /** Room for a quote request naming 1000 instruments in its query string. */
    private static final int MAX_REQUEST_LINE_BYTES = 64 * 1024;

    private final Context ctx;
    private SimAgent agent;
    private Thread agentThread;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private ChannelGroup channels;
    private int port;

    /**
     * Settings of a simulator; every setter returns this. Defaults suit a developer machine.
     */
    public static final class Context
    {
        /** Default API key the simulator accepts. */
        public static final String API_KEY_DEFAULT = "qleap_sim_key";
        /** Default API secret for the session checksum. */
        public static final String API_SECRET_DEFAULT = "qleap_sim_secret";
        /** Default number of NSE equities. */
        public static final int INSTRUMENT_COUNT_DEFAULT = 300;
        /**
         * Default market steps per second: with the default move probability an instrument ticks about once a
         * second and at most twice, as Kite's conflated feed does (at most one or two ticks a second).
         */
        public static final int TICK_RATE_DEFAULT = 2;
        /**
         * The rate a step made by hand ({@link KiteSimulator#step(int)}, tick rate 0) stands for: a quarter of a
         * second of market time.
         */
        public static final int HAND_STEP_RATE = 4;
        /** Default chance that an instrument moves in a step. */
        public static final double MOVE_PROBABILITY_DEFAULT = 0.5;
        /**
         * Default daily volatility of the live market: a session's change has a standard deviation of 1.5% of the
         * price, as in the historical candles, so the live minutes look like the ones before them.
         */
        public static final double VOLATILITY_DEFAULT = HistoricalCandles.DAILY_VOLATILITY;
        /** Default time constant, in minutes, of a live price's pull back to where its walk started: two sessions. */
        public static final double REVERSION_MINUTES_DEFAULT = 2.0 * HistoricalCandles.SESSION_MINUTES;

        private String bindAddress = "127.0.0.1";
        private int port;
        private int instrumentCount = INSTRUMENT_COUNT_DEFAULT;
        private int tickRatePerSecond = TICK_RATE_DEFAULT;
        private double moveProbability = MOVE_PROBABILITY_DEFAULT;
        private double volatility = VOLATILITY_DEFAULT;
        private double reversionMinutes = REVERSION_MINUTES_DEFAULT;
        private String apiKey = API_KEY_DEFAULT;
        private String apiSecret = API_SECRET_DEFAULT;
        private long seed = 42;
        private SimClock clock = SimClock.SYSTEM;
        private String redirectUrl;
        private String postbackUrl;
        private String userId = "QL0001";
        private int appId = 1001;
        private long openingBalancePaise = 10_00_000_00L;
        private long commodityBalancePaise = 5_00_000_00L;
        private boolean requireMarketProtection;
        private boolean idsFromTimeOfDay;
        private boolean enforceMarketHours;
        private int quoteRequestsPerSecond = 1;
        private int historicalRequestsPerSecond = 3;
        private int otherRequestsPerSecond = 10;
        private int ordersPerSecond = 10;
        private int ordersPerMinute = 200;
        private int ordersPerDay = 3000;
        private int maxTickerConnections = 3;
        private long heartbeatIntervalMs = 1000;
        private int ioThreads = 2;
        private Faults faults = new Faults();
        private TickScript tickScript;
        private java.nio.file.Path bookFile;
        private Set<String> usersWithoutHistoricalData = Set.of();

        /**
         * Check the settings.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public Context conclude()
        {
            check(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
            check(instrumentCount >= 1 && instrumentCount <= 20_000, "instrumentCount must be 1..20000: " +
                instrumentCount);
            check(tickRatePerSecond >= 0 && tickRatePerSecond <= 1000, "tickRatePerSecond must be 0..1000: " +
                tickRatePerSecond);
            check(moveProbability > 0 && moveProbability <= 1, "moveProbability must be in (0, 1]: " +
                moveProbability);
            check(volatility > 0 && volatility <= 1,
                "volatility must be in (0, 1] (a fraction: 0.015 is 1.5% a day): " + volatility);
            check(reversionMinutes > 0 && reversionMinutes <= 1e6, "reversionMinutes must be in (0, 1000000]: " +
                reversionMinutes);
            check(apiKey != null && !apiKey.isBlank(), "apiKey must not be blank");
            check(apiSecret != null && !apiSecret.isBlank(), "apiSecret must not be blank");
            check(clock != null, "clock must not be null");
            check(userId != null && PaperUser.USER_ID.matcher(userId).matches(),
                "userId must be capital letters and digits, starting with a letter, like QL0001");
            check(openingBalancePaise >= 0, "openingBalancePaise must be >= 0");
            check(commodityBalancePaise >= 0, "commodityBalancePaise must be >= 0");
            check(quoteRequestsPerSecond >= 0 && historicalRequestsPerSecond >= 0 && otherRequestsPerSecond >= 0 &&
                ordersPerSecond >= 0 && ordersPerMinute >= 0 && ordersPerDay >= 0,
                "rate limits must be >= 0 (0 disables)");
            check(maxTickerConnections >= 1, "maxTickerConnections must be >= 1");
            check(heartbeatIntervalMs >= 10, "heartbeatIntervalMs must be >= 10");
            check(ioThreads >= 1, "ioThreads must be >= 1");
            check(faults != null, "faults must not be null");
            check(usersWithoutHistoricalData.stream().allMatch(id -> PaperUser.USER_ID.matcher(id).matches()),
                "usersWithoutHistoricalData must be user ids like QL0001: " + usersWithoutHistoricalData);
            check(tickScript == null || tickRatePerSecond == 0,
                "tickRatePerSecond must be 0 when a tickScript sends the ticks: " + tickRatePerSecond);
            if (postbackUrl != null)
            {
                check(postbackUrl.startsWith("http://") || postbackUrl.startsWith("https://"),
                    "postbackUrl must be an http(s) URL: " + postbackUrl);
            }
            return this;
        }

        private static void check(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }

        /** @param address to bind, default 127.0.0.1. @return this. */
        public Context bindAddress(final String address)
        {
            this.bindAddress = address;
            return this;
        }

        /** @param port to listen on, 0 for an ephemeral port (the default). @return this. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @param count NSE equities in the universe (BSE lists a quarter of them; indices and NFO, BFO, CDS and MCX
         *              contracts come on top).
         * @return this.
         */
        public Context instrumentCount(final int count)
        {
            this.instrumentCount = count;
            return this;
        }

        /** @param perSecond market steps per second; 0 steps only on {@link KiteSimulator#step(int)}. @return this. */
        public Context tickRatePerSecond(final int perSecond)
        {
            this.tickRatePerSecond = perSecond;
            return this;
        }

        /** @param probability that an instrument moves in a step, default 0.5. @return this. */
        public Context moveProbability(final double probability)
        {
            this.moveProbability = probability;
            return this;
        }

        /**
         * @param dailyFraction the live market's daily volatility: the standard deviation of a session's change of an
         *                      instrument that walks on its own, as a fraction of its price (0.015, 1.5%, by default;
         *                      derivatives follow their underlying). It holds at any tick rate: more steps a second
         *                      make smaller moves. The seeded walk behind the candles before the
         *                      simulator's start keeps 1.5%.
         * @return this.
         */
        public Context volatility(final double dailyFraction)
        {
            this.volatility = dailyFraction;
            return this;
        }

        /**
         * @param minutes the time constant of a live price's pull back to where its walk started (the previous close,
         *                or the price taken up at the start): {@link #REVERSION_MINUTES_DEFAULT} by default, so a
         *                session is close to a free walk; a few minutes keep prices near it however fast they move.
         * @return this.
         */
        public Context reversionMinutes(final double minutes)
        {
            this.reversionMinutes = minutes;
            return this;
        }

        /** @param apiKey the one API key accepted. @return this. */
        public Context apiKey(final String apiKey)
        {
            this.apiKey = apiKey;
            return this;
        }

        /** @param apiSecret the secret of the checksums. @return this. */
        public Context apiSecret(final String apiSecret)
        {
            this.apiSecret = apiSecret;
            return this;
        }

        /** @param seed of the universe, prices, tokens; same seed and inputs give the same run. @return this. */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** @param clock wall clock for timestamps, token expiry and rate windows. @return this. */
        public Context clock(final SimClock clock)
        {
            this.clock = clock;
            return this;
        }

        /** @param url the app's redirect URL after login; default the simulator's own /__sim/redirect. @return this. */
        public Context redirectUrl(final String url)
        {
            this.redirectUrl = url;
            return this;
        }

        /** @param url where to POST order postbacks (raw JSON, Kite's shape), null for none. @return this. */
        public Context postbackUrl(final String url)
        {
            this.postbackUrl = url;
            return this;
        }

        /** @param userId the simulated Kite user id. @return this. */
        public Context userId(final String userId)
        {
            this.userId = userId;
            return this;
        }

        /** @param appId the app_id in order updates. @return this. */
        public Context appId(final int appId)
        {
            this.appId = appId;
            return this;
        }

        /** @param paise opening equity cash, default 10,00,000 rupees. @return this. */
        public Context openingBalancePaise(final long paise)
        {
            this.openingBalancePaise = paise;
            return this;
        }

        /**
         * @param paise opening cash of the commodity segment, which MCX orders and positions draw on, apart from the
         *              equity segment's as with Kite; default 5,00,000 rupees.
         * @return this.
         */
        public Context commodityBalancePaise(final long paise)
        {
            this.commodityBalancePaise = paise;
            return this;
        }

        /**
         * @param require enforce SEBI's 2026 rules for orders placed through the API, as Kite does: reject MARKET and
         *                SL-M orders without market_protection, and IOC orders on MCX.
         * @return this.
         */
        public Context requireMarketProtection(final boolean require)
        {
            this.requireMarketProtection = require;
            return this;
        }

        /**
         * Starts the order, exchange order and trade id sequences at the second of the IST day the simulator starts
         * (order ids 10,000 apart per second, trade ids 1,000), instead of at 1. A simulator started again the same
         * day (a paper broker behind an engine that was restarted) then never issues an id an earlier run issued, as
         * Kite never does, while the earlier run placed fewer orders and trades per second than that; off by
         * default, so that a seeded simulator issues the same ids every run.
         *
         * @param fromTimeOfDay whether ids start at the time of day.
         * @return this.
         */
        public Context idsFromTimeOfDay(final boolean fromTimeOfDay)
        {
            this.idsFromTimeOfDay = fromTimeOfDay;
            return this;
        }

        /**
         * @param enforce refuse orders and freeze prices outside 09:15-15:30 IST on NSE trading days, cancelling
         *                open orders at the close; off by default so the market is always open.
         * @return this.
         */
        public Context enforceMarketHours(final boolean enforce)
        {
            this.enforceMarketHours = enforce;
            return this;
        }

        /** @param perSecond /quote* requests per second, 0 for no limit. @return this. */
        public Context quoteRequestsPerSecond(final int perSecond)
        {
            this.quoteRequestsPerSecond = perSecond;
            return this;
        }

        /**
         * @param userIds paper users whose accounts lack Kite's historical data add-on: their
         *                {@code /instruments/historical} calls answer 403 {@code PermissionException}, as Kite's do;
         *                none by default. {@link KiteSimulator#historicalData} changes it while the simulator runs.
         * @return this.
         */
        public Context usersWithoutHistoricalData(final String... userIds)
        {
            this.usersWithoutHistoricalData = Set.of(userIds);
            return this;
        }

        /** @return the paper users whose accounts lack Kite's historical data add-on. */
        public Set<String> usersWithoutHistoricalData()
        {
            return usersWithoutHistoricalData;
        }

        /** @param perSecond historical candle requests per second, 0 for no limit. @return this. */
        public Context historicalRequestsPerSecond(final int perSecond)
        {
            this.historicalRequestsPerSecond = perSecond;
            return this;
        }

        /** @param perSecond other requests per second, 0 for no limit. @return this. */
        public Context otherRequestsPerSecond(final int perSecond)
        {
            this.otherRequestsPerSecond = perSecond;
            return this;
        }

        /** @param perSecond order placements per second, 0 for no limit. @return this. */
        public Context ordersPerSecond(final int perSecond)
        {
            this.ordersPerSecond = perSecond;
            return this;
        }

        /** @param perMinute order placements per minute, 0 for no limit. @return this. */
        public Context ordersPerMinute(final int perMinute)
        {
            this.ordersPerMinute = perMinute;
            return this;
        }

        /** @param perDay order placements per day, 0 for no limit. @return this. */
        public Context ordersPerDay(final int perDay)
        {
            this.ordersPerDay = perDay;
            return this;
        }

        /**
         * Turn every rate limit off (tests that make many calls in one window of a pinned clock).
         *
         * @return this.
         */
        public Context noRateLimits()
        {
            quoteRequestsPerSecond = 0;
            historicalRequestsPerSecond = 0;
            otherRequestsPerSecond = 0;
            ordersPerSecond = 0;
            ordersPerMinute = 0;
            ordersPerDay = 0;
            return this;
        }

        /** @param max ticker connections at once, default 3 as on Kite. @return this. */
        public Context maxTickerConnections(final int max)
        {
            this.maxTickerConnections = max;
            return this;
        }

        /** @param ms idle time after which a 1-byte heartbeat is sent, default 1000. @return this. */
        public Context heartbeatIntervalMs(final long ms)
        {
            this.heartbeatIntervalMs = ms;
            return this;
        }

        /** @param threads Netty I/O threads, default 2. @return this. */
        public Context ioThreads(final int threads)
        {
            this.ioThreads = threads;
            return this;
        }

        /** @param faults switches to share with a test. @return this. */
        public Context faults(final Faults faults)
        {
            this.faults = faults;
            return this;
        }

        /**
         * @param script ticks of a latency rig in place of the random walk, null (the default) for the simulated
         *               market; needs {@code tickRatePerSecond(0)}. Orders still match against the unmoved depth.
         * @return this.
         */
        public Context tickScript(final TickScript script)
        {
            this.tickScript = script;
            return this;
        }

        /**
         * @param file where the paper broker keeps its book (orders, trades, positions) so a restart within the
         *             trading day takes it back; null (the default) keeps it in memory only.
         * @return this.
         */
        public Context bookFile(final java.nio.file.Path file)
        {
            this.bookFile = file;
            return this;
        }

        /** @return where the paper broker keeps its book, null for nowhere. */
        public java.nio.file.Path bookFile()
        {
            return bookFile;
        }

        /** @return the bind address. */
        public String bindAddress()
        {
            return bindAddress;
        }

        /** @return the configured port. */
        public int port()
        {
            return port;
        }

        /** @return NSE equities in the universe. */
        public int instrumentCount()
        {
            return instrumentCount;
        }

        /** @return market steps per second. */
        public int tickRatePerSecond()
        {
            return tickRatePerSecond;
        }

        /** @return chance an instrument moves per step. */
        public double moveProbability()
        {
            return moveProbability;
        }

        /** @return the live market's daily volatility, a fraction of the price. */
        public double volatility()
        {
            return volatility;
        }

        /** @return the time constant of a live price's pull back to where its walk started, in minutes. */
        public double reversionMinutes()
        {
            return reversionMinutes;
        }

        /** @return the API key. */
        public String apiKey()
        {
            return apiKey;
        }

        /** @return the API secret. */
        public String apiSecret()
        {
            return apiSecret;
        }

        /** @return the seed. */
        public long seed()
        {
            return seed;
        }

        /** @return the clock. */
        public SimClock clock()
        {
            return clock;
        }

        /** @return the redirect URL, null for the built-in one. */
        public String redirectUrl()
        {
            return redirectUrl;
        }

        /** @return the postback URL, null for none. */
        public String postbackUrl()
        {
            return postbackUrl;
        }

        /** @return the user id. */
        public String userId()
        {
            return userId;
        }

        /** @return the app id. */
        public int appId()
        {
            return appId;
        }

        /** @return opening equity cash in paise. */
        public long openingBalancePaise()
        {
            return openingBalancePaise;
        }

        /** @return the commodity segment's opening cash. */
        public long commodityBalancePaise()
        {
            return commodityBalancePaise;
        }

        /** @return whether market orders need market_protection. */
        public boolean requireMarketProtection()
        {
            return requireMarketProtection;
        }

        /** @return whether id sequences start at the time of day the simulator starts. */
        public boolean idsFromTimeOfDay()
        {
            return idsFromTimeOfDay;
        }

        /** @return whether orders are refused outside market hours. */
        public boolean enforceMarketHours()
        {
            return enforceMarketHours;
        }

        /** @return quote requests per second. */
        public int quoteRequestsPerSecond()
        {
            return quoteRequestsPerSecond;
        }

        /** @return historical candle requests per second, 0 for no limit. */
        public int historicalRequestsPerSecond()
        {
            return historicalRequestsPerSecond;
        }

        /** @return other requests per second. */
        public int otherRequestsPerSecond()
        {
            return otherRequestsPerSecond;
        }

        /** @return order placements per second. */
        public int ordersPerSecond()
        {
            return ordersPerSecond;
        }

        /** @return order placements per minute. */
        public int ordersPerMinute()
        {
            return ordersPerMinute;
        }

        /** @return order placements per day. */
        public int ordersPerDay()
        {
            return ordersPerDay;
        }

        /** @return the ticker connection cap. */
        public int maxTickerConnections()
        {
            return maxTickerConnections;
        }

        /** @return the heartbeat interval in ms. */
        public long heartbeatIntervalMs()
        {
            return heartbeatIntervalMs;
        }

        /** @return Netty I/O threads. */
        public int ioThreads()
        {
            return ioThreads;
        }

        /** @return the fault switches. */
        public Faults faults()
        {
            return faults;
        }

        /** @return the rig's tick script, null for the simulated market. */
        public TickScript tickScript()
        {
            return tickScript;
        }
    }

    /**
     * @param ctx settings; concluded on {@link #start()}.
     */
    public KiteSimulator(final Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Build the market, bind the port and start the threads.
     *
     * @return this.
     * @throws IllegalStateException if the port cannot be bound.
     */
    public KiteSimulator start()
    {
        ctx.conclude();
        agent = new SimAgent(ctx, new ObjectMapper());
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kite-sim-accept", true),
            NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(ctx.ioThreads(), new DefaultThreadFactory("kite-sim-io", true),
            NioIoHandler.newFactory());
        channels = new DefaultChannelGroup("kite-sim", ImmediateEventExecutor.INSTANCE);
        final ChannelGroup group = channels;
        final SimAgent simAgent = agent;
        try
        {
            serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        group.add(ch);
                        ch.pipeline()
                            .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)))
                            .addLast("aggregator", new SimHttpHandler.BodyLimit(1 << 20))
                            .addLast("sim", new SimHttpHandler(simAgent, ctx.faults()));
                    }
                })
                .bind(new InetSocketAddress(ctx.bindAddress(), ctx.port()))
                .syncUninterruptibly()
                .channel();
        }
        catch (final Exception ex)
        {
            // Netty throws the bind's own java.net.BindException, a checked exception the signature does not declare.
            shutdownGroups();
            throw new IllegalStateException("cannot bind the Kite simulator to " + ctx.bindAddress() + ":" +
                ctx.port() + ": " + ex.getMessage(), ex);
        }
        port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
        agent.redirectUrl(ctx.redirectUrl() != null ? ctx.redirectUrl() : baseUrl("http") + "/__sim/redirect");
        agent.onDropConnections(() -> group.close());
        agentThread = new Thread(agent, "kite-sim");
        agentThread.setDaemon(true);
        agentThread.start();
        return this;
    }

    /** @return the bound port. */
    public int port()
    {
        return port;
    }

    /**
     * @return true when orders are refused outside the exchange's hours, false when the market is always open.
     */
    public boolean keepsMarketHours()
    {
        return ctx.enforceMarketHours();
    }

    /**
     * @return true when NSE's equity market is open now by the simulator's clock (09:15-15:30 IST on a trading day),
     * whether or not the simulator {@link #keepsMarketHours() keeps those hours}.
     */
    public boolean equityMarketOpenNow()
    {
        return MarketHours.isOpen(ctx.clock().epochMillis());
    }

    /** @return the REST root, e.g. {@code http://127.0.0.1:8790}, to use in place of https://api.kite.trade. */
    public String restBaseUrl()
    {
        return baseUrl("http");
    }

    /** @return the ticker URL without credentials, e.g. {@code ws://127.0.0.1:8790/}. */
    public String tickerUrl()
    {
        return baseUrl("ws") + "/";
    }

    /**
     * @return the login page for the configured API key. It logs in the first paper user ({@link #userId}), or the
     *     one its {@code user_id} parameter names (made on its first login, with a book of its own).
     */
    public String loginUrl()
    {
        return restBaseUrl() + "/connect/login?v=3&api_key=" + ctx.apiKey();
    }

    /** @return the first paper user's Kite user id, whom a login that names none logs in. */
    public String userId()
    {
        return ctx.userId();
    }

    private String baseUrl(final String scheme)
    {
        final String host = "0.0.0.0".equals(ctx.bindAddress()) ? "127.0.0.1" : ctx.bindAddress();
        return scheme + "://" + host + ":" + port;
    }

    /** @return the API key the simulator accepts. */
    public String apiKey()
    {
        return ctx.apiKey();
    }

    /** @return the API secret of the checksums. */
    public String apiSecret()
    {
        return ctx.apiSecret();
    }

    /** @return the fault switches. */
    public Faults faults()
    {
        return ctx.faults();
    }

    /**
     * Grants or withdraws a paper user's historical data add-on, which Kite sells apart from the trading API: without
     * it, the user's {@code /instruments/historical} calls answer 403 {@code PermissionException} ("Insufficient
     * permission for that call."), as Kite's do. Every user has it unless
     * {@link Context#usersWithoutHistoricalData} says otherwise.
     *
     * @param userId  the Kite user id, e.g. {@code QL0001}.
     * @param granted whether the user has the add-on.
     * @return this.
     */
    public KiteSimulator historicalData(final String userId, final boolean granted)
    {
        agent.historicalData(userId, granted);
        return this;
    }

    /**
     * Step the market {@code steps} times on the simulator thread and wait; deterministic for a given seed,
     * clock and sequence of calls.
     *
     * @param steps market steps to run.
     */
    public void step(final int steps)
    {
        agent.call(() ->
        {
            for (int i = 0; i < steps; i++)
            {
                agent.step();
            }
            return null;
        });
    }

    /**
     * Open an exchange auction in which holders of the instrument (any paper user's) may sell with the
     * {@code auction} variety; it ends after {@code durationMinutes} of the simulator's clock, when its orders execute
     * at their prices. {@code POST /__sim/auctions} and {@code ./qleap sim --auction} open one too.
     *
     * @param auctionNumber   Kite's auction number, e.g. "20", or null for the first whole number not used yet.
     * @param exchange        exchange of the instrument.
     * @param tradingsymbol   the instrument.
     * @param durationMinutes how long the auction stays open, 1 to 1440.
     * @return the auction's number.
     * @throws IllegalArgumentException for an unknown instrument or an index, a blank number or one an auction open
     *                                  now has, or a duration out of range.
     */
    public String openAuction(
        final String auctionNumber, final String exchange, final String tradingsymbol, final long durationMinutes)
    {
        final Instrument instrument = agent.universe().byKey(exchange, tradingsymbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("no instrument " + exchange + ":" + tradingsymbol);
        }
        if (auctionNumber != null && auctionNumber.isBlank())
        {
            throw new IllegalArgumentException("an auction number must not be blank");
        }
        final String[] opened = new String[1];
        final RuntimeException[] refused = new RuntimeException[1];
        agent.call(() ->
        {
            try
            {
                opened[0] = agent.market().openAuction(auctionNumber, instrument, ctx.clock().epochMillis(),
                    durationMinutes).auctionNumber();
            }
            catch (final IllegalArgumentException ex)
            {
                refused[0] = ex;
            }
            return null;
        });
        if (refused[0] != null)
        {
            throw refused[0];
        }
        return opened[0];
    }

    /**
     * Converts part of a day position at the paper broker as another app on the same account would (Kite's
     * {@code PUT /portfolio/positions}), with the same checks; no client is told, as Kite tells none.
     *
     * @param exchange      exchange of the instrument.
     * @param tradingsymbol the instrument.
     * @param buy           true to move bought quantity (a long position), false sold.
     * @param quantity      how much.
     * @param oldProduct    the position's product.
     * @param newProduct    the product it moves to.
     * @throws IllegalArgumentException for an unknown instrument.
     * @throws IllegalStateException when the paper broker refuses the conversion (its message is the cause's).
     */
    public void convertPosition(
        final String exchange, final String tradingsymbol, final boolean buy, final long quantity,
        final String oldProduct, final String newProduct)
    {
        final Instrument instrument = agent.universe().byKey(exchange, tradingsymbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("no instrument " + exchange + ":" + tradingsymbol);
        }
        agent.call(() ->
        {
            agent.broker().convertPosition(instrument, buy, quantity, oldProduct, newProduct, false);
            return null;
        });
    }

    /**
     * @param instrumentToken the instrument.
     * @param product         CNC, NRML, MIS, MTF or CO.
     * @return the paper broker's net quantity of that position, 0 when it has none.
     */
    public long netQuantity(final long instrumentToken, final String product)
    {
        return agent.call(() -> agent.broker().netQuantity(instrumentToken, product));
    }

    /** @return requests and messages answered with an error so far. */
    public long errorCount()
    {
        return agent.errorCount();
    }

    /**
     * @param httpStatus an HTTP status.
     * @return REST requests answered with that status so far (429: refused by the rate limits, 403: no usable
     * token).
     */
    public long restReplies(final int httpStatus)
    {
        return agent.replies(httpStatus);
    }

    SimAgent agent()
    {
        return agent;
    }

    /** Stop the threads and close every connection. */
    public void close()
    {
        if (agent != null)
        {
            agent.stop();
        }
        if (agentThread != null)
        {
            try
            {
                agentThread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        if (channels != null)
        {
            channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        shutdownGroups();
    }

    private void shutdownGroups()
    {
        if (bossGroup != null)
        {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        if (workerGroup != null)
        {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
