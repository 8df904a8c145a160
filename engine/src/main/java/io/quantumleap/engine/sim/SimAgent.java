package io.quantumleap.engine.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quantumleap.engine.kite.InstrumentTokens;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The simulator thread ("kite-sim"): the single owner of the market, the broker, sessions, rate limits and ticker
 * subscriptions. Netty threads hand it work through a queue; it steps the market at the configured tick rate,
 * sends ticks, order updates and heartbeats, and parks in between (never spins).
 */
final class SimAgent implements Runnable
{
    /** How often the market's day goes into the paper broker's book. */
    private static final long MARKET_SAVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(5);
    private static final System.Logger LOGGER = System.getLogger(SimAgent.class.getName());

    private final KiteSimulator.Context ctx;
    private final ObjectMapper mapper;
    private final InstrumentUniverse universe;
    private final Market market;
    private final IdSequences ids = new IdSequences();
    /** The paper broker's users by Kite user id, the first ({@code ctx.userId()}) first; each logs in on its own. */
    private final Map<String, PaperUser> users = new LinkedHashMap<>();
    private final PaperUser firstUser;
    /** The users whose accounts lack Kite's historical data add-on; set from the test thread, read on this one. */
    private final Set<String> withoutHistoricalData = ConcurrentHashMap.newKeySet();
    private final Sessions sessions;
    /** The limits of the calls made before a session (the token exchange, its renewal, the instruments dump). */
    private final RateLimiter rateLimiter;
    private final RestApi restApi;
    private final TickFrames frames;
    private final List<TickerSession> tickers = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final AtomicLong errorCount = new AtomicLong();
    /** REST replies by HTTP status. */
    private final AtomicLongArray repliesByStatus = new AtomicLongArray(600);
    private final AtomicLong stepCount = new AtomicLong();
    private final long tickIntervalNs;
    private final long heartbeatIntervalNs;
    private volatile boolean running = true;
    private volatile Thread thread;
    private Runnable onDropConnections = () -> { };
    private String redirectUrl;
    private long lastExpirySweepNs;
    private final Postbacks postbacks;
    private final TickScript script;
    private final TickScript.TickSink scriptSink = this::scriptTick;
    private final Instrument[] scripted;
    private final boolean[] scriptedPending;
    private int scriptedCount;
    private final boolean[] openSegments = new boolean[10];
    private long lastMarketSaveNs = System.nanoTime();
    private final LocalDate startDate;
    /** The day the users' books keep: the start's, then each new IST day's ({@link #rollOver}). */
    private LocalDate bookDate;

    SimAgent(final KiteSimulator.Context ctx, final ObjectMapper mapper)
    {
        this.ctx = ctx;
        this.mapper = mapper;
        withoutHistoricalData.addAll(ctx.usersWithoutHistoricalData());
        final long nowMs = ctx.clock().epochMillis();
        this.universe = InstrumentUniverse.generate(ctx.seed(), ctx.instrumentCount(), KiteTime.date(nowMs));
        this.market = new Market(universe, ctx.seed(), nowMs / 1000, KiteTime.date(nowMs).toEpochDay());
        final int stepsPerSecond = ctx.tickRatePerSecond() > 0 ? ctx.tickRatePerSecond() :
            KiteSimulator.Context.HAND_STEP_RATE;
        market.pace(ctx.volatility(), ctx.reversionMinutes(), stepsPerSecond * 60.0 * ctx.moveProbability());
        final HistoricalCandles history = new HistoricalCandles(ctx.seed());
        final LocalDate anchorDay = MarketHours.previousTradingDay(KiteTime.date(nowMs).minusDays(1));
        market.continueTodaysSessions(history, nowMs, anchorDay);
        if (ctx.enforceMarketHours())
        {
            market.showLastSessions(history, nowMs, anchorDay);
        }
        this.sessions = new Sessions(ctx.apiKey(), ctx.apiSecret());
        if (ctx.idsFromTimeOfDay())
        {
            ids.startAt(KiteTime.secondOfDay(nowMs));
        }
        this.startDate = KiteTime.date(nowMs);
        this.bookDate = startDate;
        this.firstUser = user(ctx.userId());
        for (final String userId : keptUsers())
        {
            user(userId);
        }
        this.rateLimiter = newRateLimiter();
        this.restApi = new RestApi(this, mapper);
        this.frames = new TickFrames(market);
        this.tickIntervalNs = ctx.tickRatePerSecond() > 0 ? TimeUnit.SECONDS.toNanos(1) / ctx.tickRatePerSecond() : 0;
        this.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.heartbeatIntervalMs());
        this.redirectUrl = ctx.redirectUrl();
        this.postbacks = ctx.postbackUrl() == null ? null : new Postbacks(ctx.postbackUrl());
        this.script = ctx.tickScript();
        this.scripted = new Instrument[script == null ? 0 : universe.size()];
        this.scriptedPending = new boolean[scripted.length];
    }

    void onDropConnections(final Runnable action)
    {
        onDropConnections = action;
    }

    void redirectUrl(final String url)
    {
        redirectUrl = url;
    }

    /** Hand work to the simulator thread; safe from any thread. */
    void submit(final Runnable command)
    {
        commands.offer(command);
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    /** Run {@code command} on the simulator thread and wait for it; for tests and the embedding API. */
    <T> T call(final java.util.function.Supplier<T> command)
    {
        if (Thread.currentThread() == thread)
        {
            return command.get();
        }
        final CompletableFuture<T> result = new CompletableFuture<>();
        submit(() ->
        {
            try
            {
                result.complete(command.get());
            }
            catch (final Throwable t)
            {
                result.completeExceptionally(t);
            }
        });
        try
        {
            return result.get(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("simulator call failed", ex);
        }
    }

    public void run()
    {
        thread = Thread.currentThread();
        long nextTickNs = System.nanoTime() + tickIntervalNs;
        long nextScriptNs = System.nanoTime();
        while (running)
        {
            drainCommands();
            saveBook();
            final long nowNs = System.nanoTime();
            if (tickIntervalNs > 0 && nowNs - nextTickNs >= 0)
            {
                try
                {
                    step();
                }
                catch (final RuntimeException ex)
                {
                    errorCount.incrementAndGet();
                    System.err.println("kite-sim: market step failed: " + ex);
                }
                saveBook();
                nextTickNs += tickIntervalNs;
                if (nowNs - nextTickNs > tickIntervalNs * 4)
                {
                    nextTickNs = nowNs + tickIntervalNs;
                }
            }
            if (script != null && nowNs - nextScriptNs >= 0)
            {
                nextScriptNs = runScript(nowNs);
            }
            heartbeats(nowNs);
            if (firstUser.book != null && nowNs - lastMarketSaveNs >= MARKET_SAVE_INTERVAL_NS)
            {
                lastMarketSaveNs = nowNs;
                firstUser.book.saveMarket(market);
            }
            if (nowNs - lastExpirySweepNs >= TimeUnit.SECONDS.toNanos(1))
            {
                lastExpirySweepNs = nowNs;
                closeExpiredTickers();
            }
            long parkNs = heartbeatIntervalNs / 4;
            if (tickIntervalNs > 0)
            {
                parkNs = Math.min(parkNs, Math.max(0, nextTickNs - System.nanoTime()));
            }
            if (script != null)
            {
                parkNs = Math.min(parkNs, Math.max(0, nextScriptNs - System.nanoTime()));
            }
            if (commands.isEmpty() && parkNs > 0)
            {
                LockSupport.parkNanos(this, parkNs);
            }
        }
        drainCommands();
        saveBook();
        if (firstUser.book != null)
        {
            firstUser.book.saveMarket(market);
        }
        for (final PaperUser user : users.values())
        {
            user.close();
        }
        for (final TickerSession session : tickers)
        {
            session.channel.close();
        }
        tickers.clear();
    }

    void stop()
    {
        running = false;
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    private void drainCommands()
    {
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            try
            {
                command.run();
            }
            catch (final RuntimeException ex)
            {
                errorCount.incrementAndGet();
                LOGGER.log(System.Logger.Level.ERROR, "kite-sim: command failed (a simulator bug)", ex);
            }
        }
    }

    private static boolean anyOpen(final boolean[] open)
    {
        for (final boolean segment : open)
        {
            if (segment)
            {
                return true;
            }
        }
        return false;
    }

    /** One market step: move prices, trigger and match orders, send ticks to subscribers. */
    void step()
    {
        final long nowMs = ctx.clock().epochMillis();
        market.tradingEpochDay(KiteTime.epochDay(nowMs));
        boolean[] open = null;
        if (ctx.enforceMarketHours())
        {
            MarketHours.openSegments(nowMs, openSegments);
            if (!anyOpen(openSegments))
            {
                usersStep();
                return;
            }
            open = openSegments;
        }
        market.step(nowMs / 1000, ctx.moveProbability(), open);
        usersStep();
        stepCount.incrementAndGet();
        if (ctx.faults().tickerStalled())
        {
            return;
        }
        final long nowNs = System.nanoTime();
        for (final TickerSession session : tickers)
        {
            if (!session.channel.isActive() || !session.channel.isWritable())
            {
                continue;
            }
            frames.begin();
            for (final java.util.Map.Entry<Long, Integer> entry : session.modes.entrySet())
            {
                final Instrument instrument = universe.byToken(entry.getKey());
                if (instrument != null && market.changed[instrument.index])
                {
                    frames.add(instrument, entry.getValue(), nowMs / 1000);
                }
            }
            if (frames.count() > 0)
            {
                sendFrame(session, nowNs);
            }
        }
    }

    /** Each user's orders and triggers meet the market's new prices, in a book rolled over to a new day first. */
    private void usersStep()
    {
        final long today = KiteTime.epochDay(ctx.clock().epochMillis());
        if (today > bookDate.toEpochDay())
        {
            rollOver(LocalDate.ofEpochDay(today));
        }
        for (final PaperUser user : users.values())
        {
            user.broker.onMarketStep();
            user.gtts.onMarketStep();
        }
    }

    /**
     * A new IST day while running: the market's day closes at its last prices ({@link Market#rollOver}), and each
     * user's book rolls over as a start on that day would roll it (orders and trades of the ended day out, positions
     * and holdings carried and marked from that close, its cash settled; {@link Broker#rollOver}) before the day's
     * first step; an order of the ended day still live then stays, and that step ends it if its session has ended.
     */
    private void rollOver(final LocalDate today)
    {
        market.rollOver(today.toEpochDay());
        for (final PaperUser user : users.values())
        {
            if (user.book != null)
            {
                user.book.saveIfChanged(user.broker);
            }
            final int carried = user.broker.rollOver(universe, today.toEpochDay());
            if (user.book != null)
            {
                user.book.rollOver(user.broker, user == firstUser ? market : null, bookDate, today);
            }
            System.err.println("kite-sim: " + user.userId + "'s book rolled over from " + bookDate + " to " + today +
                ": " + PaperBrokerState.count(carried, "overnight position") + ", " +
                PaperBrokerState.count(user.broker.holdings().size(), "holding") + ", " +
                PaperBrokerState.count(user.broker.liveOrders.size(), "live order") + " kept, " +
                PaperBrokerState.openingBalances(user.broker));
        }
        bookDate = today;
    }

    private long runScript(final long nowNs)
    {
        long nextNs;
        try
        {
            nextNs = script.emitDue(nowNs, scriptSink);
        }
        catch (final RuntimeException ex)
        {
            errorCount.incrementAndGet();
            System.err.println("kite-sim: tick script failed: " + ex);
            nextNs = nowNs + heartbeatIntervalNs;
        }
        flushScripted();
        return nextNs;
    }

    private boolean scriptTick(final long instrumentToken, final long volume)
    {
        final Instrument instrument = universe.byToken(instrumentToken);
        if (instrument == null || volume < 0 || volume > 0xFFFF_FFFFL)
        {
            return false;
        }
        if (scriptedPending[instrument.index])
        {
            flushScripted();
        }
        market.volume[instrument.index] = volume;
        scriptedPending[instrument.index] = true;
        scripted[scriptedCount++] = instrument;
        return true;
    }

    /** Sends the script's pending ticks, one frame per subscribed connection, then clears them. */
    private void flushScripted()
    {
        if (scriptedCount == 0)
        {
            return;
        }
        if (!ctx.faults().tickerStalled())
        {
            final long nowS = ctx.clock().epochMillis() / 1000;
            final long nowNs = System.nanoTime();
            for (final TickerSession session : tickers)
            {
                if (!session.channel.isActive() || !session.channel.isWritable())
                {
                    continue;
                }
                frames.begin();
                for (int i = 0; i < scriptedCount; i++)
                {
                    final Integer mode = session.modes.get(scripted[i].token);
                    if (mode != null)
                    {
                        frames.add(scripted[i], mode, nowS);
                    }
                }
                if (frames.count() > 0)
                {
                    sendFrame(session, nowNs);
                }
            }
        }
        for (int i = 0; i < scriptedCount; i++)
        {
            scriptedPending[scripted[i].index] = false;
            scripted[i] = null;
        }
        scriptedCount = 0;
    }

    private void sendFrame(final TickerSession session, final long nowNs)
    {
        final ByteBuf buf = session.channel.alloc().buffer(frames.length());
        buf.writeBytes(frames.buffer().byteArray(), 0, frames.length());
        session.channel.writeAndFlush(new BinaryWebSocketFrame(buf));
        session.lastSentNs = nowNs;
    }

    private void heartbeats(final long nowNs)
    {
        if (tickers.isEmpty() || ctx.faults().tickerStalled())
        {
            return;
        }
        for (int i = tickers.size() - 1; i >= 0; i--)
        {
            final TickerSession session = tickers.get(i);
            if (!session.channel.isActive())
            {
                tickers.remove(i);
                continue;
            }
            if (nowNs - session.lastSentNs >= heartbeatIntervalNs)
            {
                session.channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 0 })));
                session.lastSentNs = nowNs;
            }
        }
    }

    /**
     * The paper user with this Kite user id, made on its first login (with its book taken back when the simulator
     * keeps books): orders, trades, positions, holdings, funds and triggers of its own, as separate Kite users have.
     */
    PaperUser user(final String userId)
    {
        final PaperUser known = users.get(userId);
        if (known != null)
        {
            return known;
        }
        final boolean first = userId.equals(ctx.userId());
        final Broker broker = new Broker(mapper, universe, market, ctx.clock(), userId, ctx.openingBalancePaise(),
            ctx.commodityBalancePaise(), ctx.requireMarketProtection(), ctx.enforceMarketHours(), ids,
            (order, snapshot) -> onOrderUpdate(userId, order, snapshot));
        final Gtts gtts = new Gtts(mapper, universe, market, broker, ctx.clock(), userId, ctx.appId());
        PaperBrokerState book = null;
        GttState gttBook = null;
        if (ctx.bookFile() != null)
        {
            final Path bookFile = first ? ctx.bookFile() : PaperUser.bookOf(ctx.bookFile(), userId);
            final String whose = first ? "the paper broker's" : userId + "'s";
            book = new PaperBrokerState(bookFile, mapper);
            final int orders = book.restore(broker, universe, first ? market : null, bookDate,
                (date) -> InstrumentUniverse.generate(ctx.seed(), ctx.instrumentCount(), date));
            System.err.println("kite-sim: " + whose + " book is kept in " + bookFile +
                (orders > 0 ? "; " + orders + " orders of " + bookDate + " taken back" : ""));
            gttBook = new GttState(GttState.besideBook(bookFile), mapper);
            final int triggers = gttBook.restore(gtts, universe, ctx.clock().epochMillis());
            System.err.println("kite-sim: " + whose + " GTT triggers are kept in " + GttState.besideBook(bookFile) +
                (triggers > 0 ? "; " + triggers + " taken back" : ""));
        }
        final PaperUser user = new PaperUser(userId, broker, gtts, book, gttBook, newRateLimiter());
        users.put(userId, user);
        return user;
    }

    /** @return the users other than the first whose books are beside the first's, to be taken back at start. */
    private List<String> keptUsers()
    {
        final List<String> kept = new ArrayList<>();
        if (ctx.bookFile() == null || !Files.isDirectory(ctx.bookFile().toAbsolutePath().getParent()))
        {
            return kept;
        }
        try (Stream<Path> files = Files.list(ctx.bookFile().toAbsolutePath().getParent()))
        {
            files.map(file -> PaperUser.userOfBook(ctx.bookFile(), file))
                .filter(userId -> userId != null && !userId.equals(ctx.userId()))
                .sorted()
                .forEach(kept::add);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the paper broker's books beside " + ctx.bookFile() +
                " cannot be listed: " + ex.getMessage(), ex);
        }
        return kept;
    }

    private void onOrderUpdate(final String userId, final Order order, final ObjectNode snapshot)
    {
        if (tickers.isEmpty() && postbacks == null)
        {
            return;
        }
        final ObjectNode payload = KiteJson.postback(mapper, order, snapshot, userId, ctx.appId(),
            ctx.apiSecret());
        if (postbacks != null && Postbacks.isPostbackStatus(order, snapshot))
        {
            postbacks.post(payload.deepCopy().put("status", Postbacks.postbackStatus(payload.path("status").asText()))
                .toString());
        }
        if (tickers.isEmpty())
        {
            return;
        }
        final ObjectNode message = mapper.createObjectNode();
        message.put("type", "order");
        message.set("data", payload);
        final String text;
        try
        {
            text = mapper.writeValueAsString(message);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("JSON rendering failed", ex);
        }
        final long nowNs = System.nanoTime();
        for (final TickerSession session : tickers)
        {
            if (session.channel.isActive() && !ctx.faults().tickerStalled() && userId.equals(session.userId))
            {
                session.channel.writeAndFlush(new TextWebSocketFrame(text));
                session.lastSentNs = nowNs;
            }
        }
    }

    // Ticker connections, all on this thread.

    /** Check a ticker handshake's credentials; returns null when accepted, else the error. */
    KiteError checkTicker(final String apiKey, final String accessToken)
    {
        final String userId;
        try
        {
            userId = sessions.check(apiKey, accessToken, ctx.clock().epochMillis()).userId;
        }
        catch (final KiteError error)
        {
            return error;
        }
        int open = 0;
        for (final TickerSession session : tickers)
        {
            if (session.channel.isActive() && userId.equals(session.userId))
            {
                open++;
            }
        }
        if (open >= ctx.maxTickerConnections())
        {
            return new KiteError(429, "NetworkException", "Too many ticker connections: at most " +
                ctx.maxTickerConnections() + " per api_key for each user.");
        }
        return null;
    }

    /** Registers a ticker connection whose credentials {@link #checkTicker} has just accepted. */
    void addTicker(final Channel channel, final String accessToken)
    {
        final TickerSession session = new TickerSession(channel, accessToken,
            sessions.userOf(accessToken, ctx.clock().epochMillis()), System.nanoTime());
        tickers.add(session);
        channel.closeFuture().addListener((ChannelFutureListener)f -> submit(() -> tickers.remove(session)));
    }

    void onTickerText(final Channel channel, final String text)
    {
        final TickerSession session = find(channel);
        if (session == null)
        {
            return;
        }
        final String error = applyTickerMessage(session, text);
        if (error != null)
        {
            errorCount.incrementAndGet();
            final ObjectNode message = mapper.createObjectNode().put("type", "error").put("data", error);
            channel.writeAndFlush(new TextWebSocketFrame(message.toString()));
        }
    }

    private String applyTickerMessage(final TickerSession session, final String text)
    {
        final JsonNode json;
        try
        {
            // One message a frame, read whole: a frame holding two is refused, not taken for its first.
            json = JsonInput.read(mapper, text, "message");
        }
        catch (final KiteError error)
        {
            return error.getMessage() + ".";
        }
        if (json == null || !json.isObject())
        {
            return "Malformed message: expected an object like {\"a\":\"subscribe\",\"v\":[408065]}.";
        }
        final JsonNode action = json.get("a");
        final JsonNode value = json.get("v");
        if (action == null || !action.isTextual())
        {
            return "Missing `a`: one of subscribe, unsubscribe, mode.";
        }
        final List<Long> tokens = new ArrayList<>();
        int mode = TickerSession.MODE_QUOTE;
        switch (action.asText())
        {
            case "subscribe":
            case "unsubscribe":
            {
                final String error = tokens(value, tokens);
                if (error != null)
                {
                    return error;
                }
                break;
            }
            case "mode":
            {
                if (value == null || !value.isArray() || value.size() != 2 || !value.get(0).isTextual())
                {
                    return "Invalid `v` for mode: expected [\"ltp\"|\"quote\"|\"full\", [tokens]].";
                }
                mode = TickerSession.parseMode(value.get(0).asText());
                if (mode < 0)
                {
                    return "Invalid mode `" + value.get(0).asText() + "`: accepted ltp, quote, full.";
                }
                final String error = tokens(value.get(1), tokens);
                if (error != null)
                {
                    return error;
                }
                break;
            }
            default:
                return "Unknown action `" + action.asText() + "`: accepted subscribe, unsubscribe, mode.";
        }
        if ("unsubscribe".equals(action.asText()))
        {
            for (final Long token : tokens)
            {
                session.modes.remove(token);
            }
            return null;
        }
        String error = null;
        final long nowMs = ctx.clock().epochMillis();
        frames.begin();
        for (final Long token : tokens)
        {
            if (!session.modes.containsKey(token) && session.modes.size() >= TickerSession.MAX_TOKENS)
            {
                error = "Subscription limit reached: at most " + TickerSession.MAX_TOKENS + " instruments per " +
                    "connection.";
                break;
            }
            if ("mode".equals(action.asText()) || !session.modes.containsKey(token))
            {
                session.modes.put(token, mode);
            }
            final Instrument instrument = universe.byToken(token);
            if (instrument != null)
            {
                frames.add(instrument, session.modes.get(token), nowMs / 1000);
            }
        }
        if (frames.count() > 0 && !ctx.faults().tickerStalled())
        {
            sendFrame(session, System.nanoTime());
        }
        return error;
    }

    private static String tokens(final JsonNode value, final List<Long> tokens)
    {
        if (value == null || !value.isArray())
        {
            return "Invalid `v`: expected a list of instrument tokens.";
        }
        for (final JsonNode token : value)
        {
            if (!token.isIntegralNumber() || token.asLong() < 0 || token.asLong() > InstrumentTokens.MAX)
            {
                return "Invalid instrument token " + token + " in `v`: expected unsigned 32-bit integers.";
            }
            tokens.add(token.asLong());
        }
        return null;
    }

    private TickerSession find(final Channel channel)
    {
        for (final TickerSession session : tickers)
        {
            if (session.channel == channel)
            {
                return session;
            }
        }
        return null;
    }

    /** Kite invalidates access tokens at 06:00 IST; ticker connections on such tokens are closed then. */
    private void closeExpiredTickers()
    {
        final long nowMs = ctx.clock().epochMillis();
        for (final TickerSession session : new ArrayList<>(tickers))
        {
            if (!sessions.isValid(session.accessToken, nowMs))
            {
                tickers.remove(session);
                session.channel.writeAndFlush(new CloseWebSocketFrame(1000, "access token expired"))
                    .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    void closeTickers(final String accessToken)
    {
        for (final TickerSession session : new ArrayList<>(tickers))
        {
            if (accessToken == null || accessToken.equals(session.accessToken))
            {
                session.channel.writeAndFlush(new CloseWebSocketFrame(1000, "session ended"))
                    .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** Close every connection, after the reply to the request asking for it has been written. */
    void dropConnections()
    {
        submit(onDropConnections);
    }

    void expireTokens()
    {
        sessions.invalidateAll();
        closeTickers(null);
    }

    void countError()
    {
        errorCount.incrementAndGet();
    }

    void countStatus(final int status)
    {
        if (status >= 100 && status < 600)
        {
            repliesByStatus.incrementAndGet(status);
        }
    }

    long replies(final int status)
    {
        return status >= 100 && status < 600 ? repliesByStatus.get(status) : 0;
    }

    long errorCount()
    {
        return errorCount.get();
    }

    long stepCount()
    {
        return stepCount.get();
    }

    RestReply handle(final RestRequest request)
    {
        final RestReply reply = restApi.handle(request);
        saveBook();
        return reply;
    }

    /** Writes the paper broker's book if it changed, before the reply or update that tells of the change. */
    void saveBook()
    {
        for (final PaperUser user : users.values())
        {
            user.save();
        }
    }

    RestReply handleError(final KiteError error)
    {
        return restApi.error(error);
    }

    /**
     * The 500 for a request the simulator failed to answer: a simulator bug, logged once here with its stack trace;
     * the client is told which request failed and nothing of the simulator's insides.
     */
    RestReply internalError(final RestRequest request, final RuntimeException ex)
    {
        errorCount.incrementAndGet();
        LOGGER.log(System.Logger.Level.ERROR, "kite-sim: internal error (a simulator bug) answering " +
            request.method + " " + request.path, ex);
        return restApi.error(new KiteError(500, "GeneralException", "Internal error in the simulator answering " +
            request.method + " " + request.path + "; the simulator's log has the details."));
    }

    /** Grants or withdraws a user's historical data add-on ({@link KiteSimulator#historicalData}). */
    void historicalData(final String userId, final boolean granted)
    {
        if (granted)
        {
            withoutHistoricalData.remove(userId);
        }
        else
        {
            withoutHistoricalData.add(userId);
        }
    }

    /** @return whether the user's account has Kite's historical data add-on. */
    boolean hasHistoricalData(final String userId)
    {
        return !withoutHistoricalData.contains(userId);
    }

    Faults faults()
    {
        return ctx.faults();
    }

    SimClock clock()
    {
        return ctx.clock();
    }

    Sessions sessions()
    {
        return sessions;
    }

    /** @return the limits of the calls made before a session; a user's calls count in {@link PaperUser#rateLimiter}. */
    RateLimiter rateLimiter()
    {
        return rateLimiter;
    }

    private RateLimiter newRateLimiter()
    {
        return new RateLimiter(ctx.quoteRequestsPerSecond(), ctx.historicalRequestsPerSecond(),
            ctx.otherRequestsPerSecond(), ctx.ordersPerSecond(), ctx.ordersPerMinute(), ctx.ordersPerDay());
    }

    long seed()
    {
        return ctx.seed();
    }

    /** @return the trading day the simulator started in (its universe's and its book's). */
    LocalDate startDate()
    {
        return startDate;
    }

    InstrumentUniverse universe()
    {
        return universe;
    }

    Market market()
    {
        return market;
    }

    /** @return the first user's broker (the embedding API's and the tests'). */
    Broker broker()
    {
        return firstUser.broker;
    }

    /** @return the first user's triggers. */
    Gtts gtts()
    {
        return firstUser.gtts;
    }

    /** @return the first user's id: the one a login that names none is of. */
    String userId()
    {
        return ctx.userId();
    }

    String redirectUrl()
    {
        return redirectUrl;
    }
}
