package io.quantumleap.gateway.runtime;

import io.netty.channel.EventLoop;
import io.quantumleap.engine.kite.feed.BrokerSession;
import io.quantumleap.engine.kite.feed.KiteFeed;
import io.quantumleap.engine.kite.feed.KiteFeedContext;
import io.quantumleap.engine.kite.feed.KiteTextFrameHandler;
import io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder;
import io.quantumleap.engine.kite.feed.RawFrameCapture;
import io.quantumleap.engine.kite.rest.FreezeLimits;
import io.quantumleap.engine.kite.rest.InstrumentsCsvParser;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteOrderParams;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.rest.KiteRestContext;
import io.quantumleap.engine.kite.rest.KiteSession;
import io.quantumleap.engine.kite.rest.RateLimiter;
import io.quantumleap.engine.kite.router.KiteBroker;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.pipeline.CommandPublisher;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.router.CommandReplies;
import io.quantumleap.engine.router.OrderRouter;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.capture.CaptureContext;
import io.quantumleap.journal.capture.FrameCapture;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The link to the broker: the Kite simulator in-process when no Kite credentials are configured, one REST client
 * and broker session per account, the order router on its own thread, and the ticker feed (bound to the
 * market-data account, the lowest account id at start, or the first one linked). A login (the Kite connect flow)
 * re-binds everything without a restart; the instruments dump is loaded into the engine after each login. An
 * account linked after start ({@link #addAccount}) gets its client and session at once. Kite sends a user's order
 * updates on that user's ticker connections only, so every other account has a ticker connection of its own that
 * carries no instruments, only its order updates. An order update is credited to the account that placed the order
 * (accounts connected to the same Kite user all see it). The feed's raw frames go to the journal's capture queue
 * unless capture is off.
 *
 * <p>Thread safe: accounts are added from HTTP threads while the router and the feed work.
 */
public final class BrokerRuntime implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRuntime.class);

    /**
     * Kite connection settings; a blank API key means "run the simulator", which keeps its paper broker's book in
     * {@code simulatorBookFile} (null: in memory only) and moves its market by {@code simulatorVolatility}, a
     * fraction of the price a day, pulled back over {@code simulatorReversionMinutes}. {@code captureJournalDir} is
     * the journal whose {@code capture} queue keeps the feed's raw frames, null to keep none.
     */
    public record Settings(String apiKey, String apiSecret, String apiUrl, String wsUrl, String loginUrl,
        String redirectUrl, int simulatorPort, int simulatorInstruments, int simulatorTickRate,
        double simulatorVolatility, double simulatorReversionMinutes, boolean simulatorMarketHours,
        Path simulatorBookFile, Path captureJournalDir, int positionsCheckSeconds, FreezeLimits freezeLimits)
    {
        public boolean simulated()
        {
            return apiKey == null || apiKey.isBlank();
        }
    }

    /** Where one account stands with the broker. */
    @io.micronaut.serde.annotation.Serdeable
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
        com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountStatus(long accountId, String state,
        @io.micronaut.core.annotation.Nullable String brokerUserId, long tokenExpiryEpochMs)
    {
    }

    private final KiteSimulator simulator;
    private final FreezeLimits freezeLimits;
    private final String apiKey;
    private final String apiSecret;
    private final String apiUrl;
    private final String loginUrl;
    private final URI wsUrl;
    private final Map<Long, KiteRestClient> clients = new ConcurrentSkipListMap<>();
    private final Map<Long, BrokerSession> sessions = new ConcurrentSkipListMap<>();
    private final Map<Long, String> brokerUserIds = new ConcurrentHashMap<>();
    private final EpochClock epochClock = SystemEpochClock.INSTANCE;
    private final KiteBroker broker;
    private final OrderRouter router;
    private final AgentRunner routerRunner;
    private final FrameCapture capture;
    private final CommandPublisher publisher;
    private final EventLoop feedLoop;
    private final EpochNanoClock nanoClock;
    private final AtomicBoolean instrumentsLoaded = new AtomicBoolean();
    /** Kite counts calls per API key, so every account's client draws from this one limiter. */
    private final RateLimiter rateLimiter;
    private volatile KiteFeed feed;
    /** The order-update connections of the accounts other than the market-data account's, by account. */
    private final Map<Long, KiteFeed> orderFeeds = new ConcurrentHashMap<>();
    private final FeedDemand demand = new FeedDemand();
    private boolean closed;

    private BrokerRuntime(
        final Settings settings,
        final CommandPublisher publisher,
        final EventLoop feedLoop,
        final Collection<Long> accountIds,
        final LatencyRecorders latency,
        final BooleanSupplier shortOfSpace)
    {
        this.publisher = publisher;
        this.feedLoop = feedLoop;
        this.nanoClock = latency.clock();
        this.freezeLimits = settings.freezeLimits();
        if (settings.simulated())
        {
            final KiteSimulator.Context simulatorContext = new KiteSimulator.Context()
                .port(settings.simulatorPort())
                .instrumentCount(settings.simulatorInstruments())
                .tickRatePerSecond(settings.simulatorTickRate())
                .volatility(settings.simulatorVolatility())
                .reversionMinutes(settings.simulatorReversionMinutes())
                .enforceMarketHours(settings.simulatorMarketHours())
                .requireMarketProtection(true)
                .bookFile(settings.simulatorBookFile())
                .redirectUrl(settings.redirectUrl())
                .idsFromTimeOfDay(true);
            simulator = new KiteSimulator(simulatorContext).start();
            rateLimiter = RateLimiter.kiteDefaults(SystemNanoClock.INSTANCE, simulatorContext.ordersPerMinute());
            apiKey = simulator.apiKey();
            apiSecret = simulator.apiSecret();
            apiUrl = simulator.restBaseUrl();
            wsUrl = URI.create(simulator.tickerUrl());
            loginUrl = simulator.loginUrl();
            LOG.info("Kite simulator (paper broker) on {} — no KITE_API_KEY set; {}", apiUrl,
                settings.simulatorMarketHours() ? "it trades 09:15-15:30 IST on NSE trading days, with the " +
                    "pre-open from 09:00 and the square-off of intraday positions at 15:20" :
                    "its market is always open (QLEAP_SIM_MARKET_HOURS=true keeps the exchange's hours)");
        }
        else
        {
            simulator = null;
            apiKey = settings.apiKey();
            apiSecret = settings.apiSecret();
            apiUrl = settings.apiUrl();
            wsUrl = URI.create(settings.wsUrl());
            loginUrl = settings.loginUrl();
            rateLimiter = RateLimiter.kiteDefaults(SystemNanoClock.INSTANCE,
                KiteRestContext.ORDERS_PER_MINUTE_DEFAULT);
        }
        capture = settings.captureJournalDir() == null ? null :
            FrameCapture.start(CaptureContext.of(new JournalContext().journalDir(settings.captureJournalDir()))
                .shortOfSpace(shortOfSpace));
        for (final long accountId : accountIds)
        {
            final BrokerSession session = new BrokerSession(accountId, epochClock, publisher::publish);
            sessions.put(accountId, session);
            clients.put(accountId, newClient(session));
        }
        broker = new KiteBroker(clients, publisher::publish, nanoClock);
        sessions.forEach(broker::bindSession);
        // Parks when idle until the core queues a request for the broker.
        final WakeableIdleStrategy routerIdle = new WakeableIdleStrategy(Idling.BACKGROUND_MAX_PARK_NS);
        router = new OrderRouter(broker, new CommandReplies(publisher), 1 << 20, latency)
            .onRequestQueued(routerIdle::signal);
        routerRunner = new AgentRunner(routerIdle,
            ex -> LOG.error("order router failed", ex), null, router);
        AgentRunner.startOnThread(routerRunner);
        if (!sessions.isEmpty())
        {
            final long feedAccountId = sessions.keySet().iterator().next();
            startFeed(feedAccountId);
            sessions.keySet().stream().filter(accountId -> accountId != feedAccountId).forEach(this::startOrderFeed);
        }
        sessions.values().forEach(BrokerSession::announce);
    }

    private KiteRestClient newClient(final BrokerSession session)
    {
        return new KiteRestClient(new KiteRestContext()
            .apiKey(apiKey).apiSecret(apiSecret).apiUrl(URI.create(apiUrl)).loginUrl(loginUrl)
            .rateLimiter(rateLimiter)
            .sessionListener(session));
    }

    /**
     * What the market feed and an account's order-update connection share: the account's session, its order updates
     * (with the fills they tell of fetched), and its orders reconciled when a lost connection is back, since updates
     * may have been missed meanwhile.
     */
    private KiteFeedContext feedContext(final long accountId)
    {
        return new KiteFeedContext()
            .clock(nanoClock)
            .apiKey(apiKey)
            .wsUrl(wsUrl)
            .session(sessions.get(accountId))
            .eventLoop(feedLoop)
            .textHandler(new FillFollower(accountId,
                new KiteTextFrameHandler(accountId, publisher::publish, broker::accountOf), broker))
            .reconnectListener(connectionId ->
                broker.requestReconcile(accountId, KiteBroker.ReconcileReason.RECONNECT));
    }

    /** The ticker feed on the market-data account's session; its raw frames go to the capture queue. */
    private void startFeed(final long feedAccountId)
    {
        final BrokerSession feedSession = sessions.get(feedAccountId);
        final KiteFeed started = new KiteFeed(feedContext(feedAccountId)
            .capture(capture == null ? RawFrameCapture.NO_OP : capture)
            .publisher(publisher::tryPublish)
            .decoder(new KiteTickerFrameDecoder(publisher::tryPublish)));
        started.start();
        feedSession.onRebind(token -> loadInstruments(feedAccountId));
        synchronized (demand)
        {
            feed = started;
            // With the feed visible: a watch that did not see it is in these lists, and a later one sees it.
            subscribe(started, demand.watched(true), TickMode.FULL);
            subscribe(started, demand.watched(false), TickMode.QUOTE);
        }
    }

    /** The ticker connection of an account other than the market-data account: no instruments, its order updates. */
    private void startOrderFeed(final long accountId)
    {
        final KiteFeed started = new KiteFeed(feedContext(accountId)
            .orderUpdatesOnly(true)
            .publisher(BrokerRuntime::noMarketData)
            .decoder(new KiteTickerFrameDecoder(BrokerRuntime::noMarketData)));
        orderFeeds.put(accountId, started);
        started.start();
    }

    /**
     * Where an order-update connection's market data commands go: nowhere. It carries no instruments, and its gaps are
     * not the market data's (its reconnection reconciles the account's orders instead).
     */
    private static boolean noMarketData(final DirectBuffer buffer, final int offset, final int length)
    {
        return true;
    }

    /**
     * Links an account to the broker after start: its REST client and broker session, announced to the engine (the
     * caller has registered the account with the engine first), and the ticker feed when it is the first account.
     * The account then connects through the Kite connect flow like any other.
     *
     * @return false when the account was already linked.
     */
    public synchronized boolean addAccount(final long accountId)
    {
        if (closed || sessions.containsKey(accountId))
        {
            return false;
        }
        final BrokerSession session = new BrokerSession(accountId, epochClock, publisher::publish);
        final KiteRestClient client = newClient(session);
        clients.put(accountId, client);
        broker.useClient(accountId, client);
        sessions.put(accountId, session);
        broker.bindSession(accountId, session);
        if (feed == null)
        {
            startFeed(accountId);
        }
        else
        {
            startOrderFeed(accountId);
        }
        session.announce();
        LOG.info("account {} linked to the broker", accountId);
        return true;
    }

    /**
     * @param feedLoop     where the ticker feed's connections live: the engine core thread's event loop
     *                     ({@code EnginePipeline.ioEventLoop()}), or null for a feed thread of their own.
     * @param shortOfSpace true while the data folder's disk is short of space: the raw frame capture drops frames.
     */
    public static BrokerRuntime start(
        final Settings settings,
        final CommandPublisher publisher,
        final EventLoop feedLoop,
        final Collection<Long> accountIds,
        final LatencyRecorders latency,
        final BooleanSupplier shortOfSpace)
    {
        return new BrokerRuntime(settings, publisher, feedLoop, accountIds, latency, shortOfSpace);
    }

    /** The core-side sink that hands broker requests to the order router. */
    public EventSink routerSink()
    {
        return router.sink();
    }

    public boolean simulated()
    {
        return simulator != null;
    }

    public KiteSimulator simulator()
    {
        return simulator;
    }

    /**
     * @param accountId the account.
     * @return where its broker session stands, or null when the account has no broker link.
     */
    public BrokerSessionState sessionState(final long accountId)
    {
        final BrokerSession session = sessions.get(accountId);
        return session == null ? null : session.state();
    }

    public boolean knowsAccount(final long accountId)
    {
        return sessions.containsKey(accountId);
    }

    /**
     * Kite's login page for this app, echoing {@code state} back to the callback through redirect_params. With the
     * paper broker, the page logs the account in as its own paper user ({@link #paperUserId}).
     */
    public String loginUrl(final long accountId, final String state)
    {
        final String base = loginUrl.contains("api_key=") ? loginUrl :
            loginUrl + (loginUrl.contains("?") ? "&" : "?") + "v=3&api_key=" + apiKey;
        return base + (simulator == null ? "" : "&user_id=" + paperUserId(accountId)) + "&redirect_params=" +
            java.net.URLEncoder.encode("state=" + state, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @return the paper broker's user an account logs in as: account 1 the simulator's first user ({@code QL0001}),
     *     account N {@code QL} and N in four digits or more, so each account has a book, funds and holdings of its own
     *     as separate Kite users do.
     */
    public String paperUserId(final long accountId)
    {
        return accountId == 1 ? simulator.userId() : String.format(java.util.Locale.ROOT, "QL%04d", accountId);
    }

    /** Exchanges a request token (checksum signed) for an access token and re-binds the account with it. */
    public CompletableFuture<KiteSession> completeLogin(final long accountId, final String requestToken)
    {
        final KiteRestClient client = clients.get(accountId);
        if (client == null)
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("account " + accountId +
                " has no broker link; link it to a user first"));
        }
        return client.generateSession(requestToken).thenApply(session ->
        {
            bind(accountId, session.accessToken(), session.userId());
            return session;
        });
    }

    /**
     * The paper broker forgets its sessions when it restarts with the process, so an account that was connected
     * before logs in to it again by itself: the same login redirect a person follows, taken programmatically.
     */
    public CompletableFuture<KiteSession> reconnectToSimulator(final long accountId)
    {
        if (simulator == null)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("not running the simulator"));
        }
        final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();
        return http.sendAsync(java.net.http.HttpRequest.newBuilder(URI.create(loginUrl(accountId, "restart")))
                .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
            .thenCompose(response ->
            {
                final String location = response.headers().firstValue("Location").orElse("");
                final java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("request_token=([A-Za-z0-9]+)").matcher(location);
                if (!m.find())
                {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                        "the simulator's login answered " + response.statusCode() + " without a request token"));
                }
                return completeLogin(accountId, m.group(1));
            });
    }

    /** Re-binds an account with a stored, still valid access token (after a restart). */
    public void bind(final long accountId, final String accessToken, final String brokerUserId)
    {
        final BrokerSession session = sessions.get(accountId);
        if (session == null)
        {
            return;
        }
        if (brokerUserId != null)
        {
            brokerUserIds.put(accountId, brokerUserId);
        }
        clients.get(accountId).accessToken(accessToken);
        session.rebind(accessToken);
        LOG.info("account {} connected to the broker as {}", accountId, brokerUserId);
    }

    public List<AccountStatus> status()
    {
        return sessions.entrySet().stream().map(e -> new AccountStatus(e.getKey(),
            e.getValue().state().name().toLowerCase(java.util.Locale.ROOT), brokerUserIds.get(e.getKey()),
            e.getValue().state() == BrokerSessionState.CONNECTED ?
                io.quantumleap.engine.kite.feed.TokenExpiry.nextExpiryEpochMs(System.currentTimeMillis()) : 0))
            .collect(Collectors.toList());
    }

    /**
     * @param type why a call failed.
     * @return Kite REST calls of every account that failed so, since start.
     */
    public long restErrors(final KiteErrorType type)
    {
        return clients.values().stream().mapToLong(client -> client.errorCount(type)).sum();
    }

    /** @return reconciliations with Kite started, retries included. */
    public long reconcileRuns()
    {
        return broker.reconcileRuns();
    }

    /** @return reconciliations retried after a failure that passes (rate limit, timeout, 5xx). */
    public long reconcileRetries()
    {
        return broker.reconcileRetries();
    }

    /** @return reconciliations that failed for good. */
    public long reconcileFailures()
    {
        return broker.reconcileFailures();
    }

    /** Feed connections (state, instruments carried), by connection id; none before the feed starts. */
    public List<KiteFeed.ConnectionStatus> feedStatus()
    {
        final KiteFeed feed = this.feed;
        return feed == null ? List.of() : feed.statuses();
    }

    /** The account's holdings straight from the broker (holdings live there, not in the day's journal). */
    public CompletableFuture<List<io.quantumleap.engine.kite.rest.KiteHolding>> holdings(final long accountId)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ?
            CompletableFuture.failedFuture(
                new IllegalArgumentException("account " + accountId + " has no broker link")) :
            client.holdings();
    }

    /** The account's holdings that an auction open now may buy, with the auction's number, from the broker. */
    public CompletableFuture<List<io.quantumleap.engine.kite.rest.KiteHolding>> holdingsAuctions(final long accountId)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) : client.holdingsAuctions();
    }

    /** The account's funds and margins by segment, as the broker has them ({@code GET /user/margins}). */
    public CompletableFuture<Map<String, io.quantumleap.engine.kite.rest.KiteSegmentMargins>> margins(
        final long accountId)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) : client.margins();
    }

    /**
     * What one order would need of the account's margin if placed now, and its charges, by the broker's margin
     * calculator ({@code POST /margins/orders}); nothing is placed.
     */
    public CompletableFuture<io.quantumleap.engine.kite.rest.KiteOrderMargin> orderMargin(
        final long accountId, final String variety, final KiteOrderParams order)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) :
            client.orderMargins(variety, List.of(order)).thenApply((rows) -> rows.get(0));
    }

    /**
     * A call to the account's broker link for what lives only at the broker, such as its GTT triggers
     * ({@code /gtt/triggers}); fails when the account has no link.
     */
    public <T> CompletableFuture<T> call(
        final long accountId, final Function<KiteRestClient, CompletableFuture<T>> call)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) : call.apply(client);
    }

    /** The account's positions as the broker holds them ({@code GET /portfolio/positions}). */
    public CompletableFuture<io.quantumleap.engine.kite.rest.KitePositions> positions(final long accountId)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) : client.positions();
    }

    /**
     * Converts part of one of the account's positions to another product at the broker (Kite's
     * {@code PUT /portfolio/positions}); completes with Kite's answer or fails with its error.
     */
    public CompletableFuture<Boolean> convertPosition(
        final long accountId, final String exchange, final String tradingsymbol, final String transactionType,
        final String positionType, final long quantity, final String oldProduct, final String newProduct)
    {
        final KiteRestClient client = clients.get(accountId);
        return client == null ? CompletableFuture.failedFuture(
            new IllegalArgumentException("account " + accountId + " has no broker link")) :
            client.convertPosition(exchange, tradingsymbol, transactionType, positionType, quantity, oldProduct,
                newProduct);
    }

    /**
     * Checks every connected account's positions against the broker's ({@link KiteBroker#reconcilePositions}):
     * a conversion made in another app reaches the engine. Failures are logged; the next check tries again.
     */
    public void checkPositions()
    {
        for (final long accountId : sessions.keySet())
        {
            try
            {
                broker.reconcilePositions(accountId).whenComplete((published, ex) ->
                {
                    if (ex != null)
                    {
                        LOG.debug("account {}: positions not checked against the broker's: {}", accountId,
                            ex.getMessage());
                    }
                });
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("account {}: positions not checked against the broker's", accountId, ex);
            }
        }
    }

    /** @see KiteBroker#conversionUnderWay */
    public Runnable conversionUnderWay(final long accountId, final long instrumentToken)
    {
        return broker.conversionUnderWay(accountId, instrumentToken);
    }

    public KiteFeed.Counters feedCounters()
    {
        final KiteFeed feed = this.feed;
        return feed == null ? null : feed.counters();
    }

    /** @return the raw frame capture, or null when capture is off. */
    public FrameCapture capture()
    {
        return capture;
    }

    /**
     * Counts one more full-mode watch of each instrument and asks the feed to stream in full mode (which carries every
     * mode's fields) those it did not stream so yet. Each watch is taken back by one {@link #release}.
     */
    public void watch(final long[] tokens)
    {
        synchronized (demand)
        {
            // Under the lock from count to request, so the feed hears of the changes of one instrument in order.
            subscribe(feed, demand.watch(tokens), TickMode.FULL);
        }
    }

    /**
     * Takes back one full-mode watch of each instrument: the feed stops streaming those nobody watches any more, and
     * streams those only the simulator's whole list still watches in quote mode.
     */
    public void release(final long[] tokens)
    {
        synchronized (demand)
        {
            final FeedDemand.Released released = demand.release(tokens);
            final KiteFeed feed = this.feed;
            if (feed != null && released.gone().length > 0)
            {
                final long[] gone = released.gone();
                LOG.debug("the feed stops streaming {} instruments nobody watches any more", gone.length);
                feed.unsubscribe(gone).exceptionally(ex ->
                {
                    LOG.warn("could not unsubscribe {} instruments: {}", gone.length, ex.getMessage());
                    return null;
                });
            }
            subscribe(feed, released.toQuote(), TickMode.QUOTE);
        }
    }

    /** @return how many watches the instrument has (clients' gateways, positions, the simulator's whole list). */
    public long watches(final long token)
    {
        return demand.watches(token);
    }

    /** @return how many of its watches want it in full mode (all but the simulator's whole list). */
    public long fullWatches(final long token)
    {
        return demand.fullWatches(token);
    }

    private static void subscribe(final KiteFeed feed, final long[] tokens, final TickMode mode)
    {
        if (feed == null || tokens.length == 0)
        {
            return;
        }
        feed.subscribe(tokens, mode).exceptionally(ex ->
        {
            LOG.warn("could not subscribe {} instruments in {} mode: {}", tokens.length, mode, ex.getMessage());
            return null;
        });
    }

    private void loadInstruments(final long accountId)
    {
        clients.get(accountId).instrumentsCsv(null).whenComplete((csv, error) ->
        {
            if (error != null)
            {
                LOG.warn("instruments dump could not be loaded: {}", error.getMessage());
                return;
            }
            final InstrumentsCsvParser parser = new InstrumentsCsvParser(freezeLimits);
            final InstrumentsCsvParser.Result result = parser.parse(csv, nanoClock.nanoTime(), publisher::publish);
            LOG.info("instruments dump: {} rows, {} loaded into the engine, {} rejected", result.rows(),
                result.published(), result.rejected());
            if (result.dropped() > 0 || !result.ended())
            {
                LOG.warn("instruments dump: the engine's ring refused {} rows{}", result.dropped(),
                    result.ended() ? "" : " and its end (the default watchlist shows as loading until the next load)");
            }
            if (simulated() && instrumentsLoaded.compareAndSet(false, true))
            {
                synchronized (demand)
                {
                    subscribe(feed, demand.watchQuotes(result.tokens()), TickMode.QUOTE);
                }
            }
        });
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            closed = true;
        }
        broker.close();
        final KiteFeed feed = this.feed;
        if (feed != null)
        {
            feed.close();
        }
        orderFeeds.values().forEach(KiteFeed::close);
        if (capture != null)
        {
            capture.close();
        }
        routerRunner.close();
        clients.values().forEach(KiteRestClient::close);
        if (simulator != null)
        {
            simulator.close();
        }
    }
}
