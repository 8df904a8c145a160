package io.quantumleap.gateway.runtime;

import io.netty.channel.EventLoop;
import io.netty.channel.ManualIoEventLoop;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.pipeline.CommandPublisher;
import io.quantumleap.engine.pipeline.EnginePipeline;
import io.quantumleap.engine.pipeline.PipelineContext;
import io.quantumleap.engine.protocol.FeedGapCommandEncoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandEncoder;
import io.quantumleap.engine.transport.AeronTransport;
import io.quantumleap.engine.transport.EventStreamServer;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.engine.kite.feed.TokenExpiry;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.StorageException;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.secret.SecretCipher;
import io.quantumleap.persistence.secret.SecretKeys;
import io.quantumleap.persistence.db.DatabaseContext;
import io.quantumleap.persistence.persister.ChronicleJournalSource;
import io.quantumleap.persistence.persister.Persister;
import io.quantumleap.persistence.persister.PersisterContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything behind the HTTP shell in one process: PostgreSQL (embedded unless a URL is given), the Chronicle
 * journal, the engine pipeline with its recovering core, the persister and the follower that keeps the
 * gateway's read model live. {@link #close()} stops them in reverse order: journal flushed, persister
 * checkpointed, PostgreSQL stopped.
 */
public final class EngineRuntime implements EngineLink
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);

    /**
     * Where the runtime keeps its data, which database it uses, and how its hot path runs.
     *
     * @param followerSpinNs how long the gateway follower, woken when a command enters the ring, waits on its event
     *                       loop for the core's events before it gives the loop back; 0 has it woken only when the
     *                       events are there ({@link EventLoopAgentRunner}).
     * @param coreReservation auto, off or a share of one CPU in percent ({@link CoreReservation#percent}).
     * @param diskReserveBytes the free space below which the data folder's disk is short of space
     *                         ({@link DiskReserve}); 0 for never.
     */
    public record Settings(Path dataDir, String dbUrl, String dbUser, String dbPassword, String waitStrategy,
        String journalThread, String feedThread, long followerSpinNs, int realtimePriority, String coreReservation,
        BrokerRuntime.Settings broker, Deployment deployment, long diskReserveBytes)
    {
    }

    /**
     * How often the follower looks at {@code out} unasked: a backstop only, since no signal of the core can be lost
     * ({@link EventLoopAgentRunner}), and rare, since each look wakes the event loop.
     */
    private static final long FOLLOWER_BACKSTOP_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Offers of one event to a back-pressured stream before it is dropped from it (followers catch up). */
    private static final int STREAM_MAX_RETRIES = 16;

    /** The exit status when a journal or core thread died ({@link #engineThreadDied}). */
    public static final int EXIT_STATUS_ENGINE_DIED = 70;

    /** How long the shutdown after an engine thread's death may take before the process halts. */
    private static final long EXIT_GRACE_S = 30;

    /** The paper-trading account every fresh install has (linked to the first admin). */
    public static final long DEFAULT_ACCOUNT_ID = 1;

    private final Database database;
    private final Journal journal;
    private final RecoveringCore core;
    private final EnginePipeline pipeline;
    private final CommandPublisher publisher;
    private final Persister persister;
    private final Storage storage;
    private final BrokerRuntime broker;
    private final SecretCipher cipher;
    private final EventLoopAgentRunner follower;
    private final AeronTransport transport;
    private final EventStreamServer streamServer;
    private final AgentRunner streamRunner;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final LatencyRecorders latency = new LatencyRecorders();
    private final CoreReservation coreReservation;
    private final List<ThreadTimes> threadTimes;
    private final DiskReserve diskReserve;
    private volatile boolean closed;

    private EngineRuntime(
        final Settings settings, final LiveState live, final Clock clock, final EventLoop followerLoop,
        final ManualIoEventLoop coreLoop)
    {
        this.clock = clock;
        // Checked before anything starts: a wrong priority, layout or reservation stops the start-up with nothing
        // left running.
        final RealtimeThreads realtime = settings.realtimePriority() == 0 ? null :
            new RealtimeThreads(settings.realtimePriority(), Path.of("/proc/self/task"));
        final PipelineContext pipelineContext =
            pipelineContext(settings.waitStrategy(), settings.journalThread(), settings.feedThread());
        final int reservedPercent = CoreReservation.percent(settings.coreReservation(),
            pipelineContext.coreThreadServesIo(), settings.realtimePriority());
        final DatabaseContext dbContext = new DatabaseContext().dataDir(settings.dataDir());
        if (settings.dbUrl() != null && !settings.dbUrl().isBlank())
        {
            dbContext.url(settings.dbUrl()).user(settings.dbUser()).password(settings.dbPassword());
        }
        database = Database.launch(dbContext);
        diskReserve = DiskReserve.of(settings.dataDir(), settings.diskReserveBytes());
        LOG.info("database: {} (user {})", database.dataSource().getJdbcUrl(), database.dataSource().getUsername());
        // What has started, to be stopped (last first) when a later step of the start fails: otherwise its threads
        // would outlive the failed start, and the embedded PostgreSQL would run until the JVM exits. Once all is up,
        // the database waits at exit for this runtime's close (after the persister's last batch).
        final Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(database);
        try
        {
            journal = Journal.open(new JournalContext().journalDir(settings.dataDir().resolve("journal")));
            started.push(journal);
            final long lastRecoveredInput = journal.lastIndex(JournalStream.IN);
            core = new RecoveringCore(journal, lastRecoveredInput);
            pipeline = new EnginePipeline(pipelineContext.latency(latency).ioLoop(coreLoop)
                .shortOfSpace(diskReserve::shortOfSpace).threadDied(EngineRuntime::engineThreadDied),
                journal.inputJournal(), core, core);
            started.push(pipeline);
            publisher = pipeline.publisher();
            threadTimes = pipeline.threads().stream().map(t -> new ThreadTimes(Path.of("/proc/self/task"), t.getName()))
                .toList();
            coreReservation = reservedPercent == 0 ? null : reserve(reservedPercent, pipeline.ioEventLoop());
            cipher = SecretKeys.load(settings.dataDir());
            storage = new Storage(database, cipher);
            final Deployment deployment = settings.deployment();
            transport = AeronTransport.launch(deployment.newAeronDir(settings.dataDir()),
                deployment.channels().driverIdleStrategy());
            started.push(transport);
            streamServer = new EventStreamServer(transport.aeron(), deployment.channels(), publisher::publish,
                new JournalHistory(journal), new EventStreamServer.WatchHandler()
                {
                    @Override
                    public void watch(final long[] tokens, final int mode)
                    {
                        watchFromStream(tokens, mode);
                    }

                    @Override
                    public void release(final long[] tokens)
                    {
                        EngineRuntime.this.release(tokens);
                    }
                }, SystemNanoClock.INSTANCE);
            // Before the first command: the stream must see every event appended to 'out' from now on.
            core.streamSink(streamServer.newEventSink(STREAM_MAX_RETRIES, journal::lastWrittenOutIndex,
                journal.lastIndex(JournalStream.OUT)));
            final java.util.SortedSet<Long> accounts = new java.util.TreeSet<>(List.of(DEFAULT_ACCOUNT_ID));
            storage.users().list().forEach(u -> u.engineAccountIds().forEach(id ->
            {
                if (EngineLink.isAccountId(id))
                {
                    accounts.add(id);
                }
                else
                {
                    LOG.warn("user {} names account {}, which is not an account id (1 to {}): left out; " +
                        "correct the user's account_ids", u.username(), id, EngineLink.MAX_ACCOUNT_ID);
                }
            }));
            // Accounts first: the broker sessions report their state as soon as they start.
            registerAccounts(accounts);
            failIfNotRecovered();
            endGapsLeftOpen(core.gapsLeftOpen());
            broker = BrokerRuntime.start(settings.broker(), publisher, pipeline.ioEventLoop(), accounts, latency,
                diskReserve::shortOfSpace);
            started.push(broker);
            core.liveSink(broker.routerSink());
            // Before the follower applies the first event: the positions of the day so far count too.
            live.addListener(new HeldInstruments(broker::watch, broker::release));
            restoreBrokerSessions(accounts);
            persister = new Persister(new PersisterContext()
                .dataSource(database.dataSource())
                .inSource(new ChronicleJournalSource(journal, JournalStream.IN))
                .outSource(new ChronicleJournalSource(journal, JournalStream.OUT))).start();
            started.push(persister);
            // On the HTTP server's event loop, woken when the core says a batch of events is in 'out' and, to overlap
            // the loop's wake-up with the core's work, as soon as a command enters the ring. When that loop is the core
            // thread's own, the follower runs after each batch on the same thread, so it must never wait for the core.
            final boolean followerOnCore = followerLoop == pipeline.ioEventLoop();
            final long followerSpinNs = followerOnCore ? 0 : settings.followerSpinNs();
            follower = new EventLoopAgentRunner(new EventFollower(journal, live, latency, lastRecoveredInput),
                followerLoop, FOLLOWER_BACKSTOP_NS, ex -> LOG.error("gateway follower failed", ex),
                () -> !pipeline.isDrained(), followerSpinNs);
            started.push(follower);
            core.onBatchAppended(follower::signal);
            if (followerSpinNs > 0)
            {
                publisher.onPublished(follower::signal);
            }
            LOG.info("engine threads: journal on {}, Kite feed on {}, HTTP server and gateway follower on {}",
                pipeline.threads().size() == 1 ? "the core thread" : "a thread of its own",
                pipeline.ioEventLoop() == null ? "a thread of its own" : "the core thread",
                followerOnCore ? "the core thread" : "event loops of their own");
            streamRunner = new AgentRunner(deployment.role() == Deployment.Role.ENGINE ?
                Idling.backoff(Idling.HOT_PATH_MAX_PARK_NS) : Idling.backoff(Idling.BACKGROUND_MAX_PARK_NS),
                ex -> LOG.error("event stream server failed", ex), null, streamServer);
            started.push(streamRunner);
            AgentRunner.startOnThread(streamRunner);
            if (deployment.role() == Deployment.Role.ENGINE)
            {
                LOG.info("serving gateways on Aeron UDP: events {}, commands {} (a gateway: QLEAP_ROLE=gateway " +
                    "QLEAP_STREAM_HOST={} QLEAP_STREAM_PORT={} QLEAP_DB_URL={} QLEAP_DB_USER={})",
                    deployment.channels().eventsPublication(), deployment.channels().ingress(), deployment.engineHost(),
                    deployment.port(), database.dataSource().getJdbcUrl(), database.dataSource().getUsername());
            }
            timer = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "qleap-timer");
                t.setDaemon(true);
                return t;
            });
            started.push(timer::shutdownNow);
            publishTimer();
            timer.scheduleAtFixedRate(this::publishTimer, 1, 1, TimeUnit.SECONDS);
            timer.scheduleAtFixedRate(diskReserve::check, DiskReserve.CHECK_INTERVAL_MS, DiskReserve.CHECK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
            final int positionsCheckS = settings.broker().positionsCheckSeconds();
            if (positionsCheckS > 0)
            {
                timer.scheduleAtFixedRate(broker::checkPositions, positionsCheckS, positionsCheckS, TimeUnit.SECONDS);
            }
            if (realtime != null)
            {
                timer.scheduleAtFixedRate(realtime::apply, 0, 1, TimeUnit.SECONDS);
            }
            if (coreReservation != null)
            {
                timer.scheduleAtFixedRate(coreReservation::tick, 0, 1, TimeUnit.SECONDS);
            }
            database.inService();
        }
        catch (final RuntimeException | Error ex)
        {
            while (!started.isEmpty())
            {
                try
                {
                    started.pop().close();
                }
                catch (final Exception closing)
                {
                    ex.addSuppressed(closing);
                }
            }
            throw ex;
        }
    }

    /**
     * Waits for the core to replay the journal (the accounts just registered are its first commands) and stops the
     * start when it could not: a damaged journal.
     */
    private void failIfNotRecovered()
    {
        final String damage;
        try
        {
            damage = core.awaitRecovery();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the core replayed the journal", ex);
        }
        if (damage != null)
        {
            throw new IllegalStateException("QuantumLeap cannot start: " + damage);
        }
    }

    /**
     * A journal or core thread ended with an error nothing could catch (a fault in a memory-mapped journal file, say):
     * no command can be journaled or handled any more, and the HTTP server may have been on that thread. Rather than
     * run on as a process that answers nothing, QuantumLeap says why and exits with status 70; its journal is kept
     * up to the last command appended, and the next start recovers from it. An exit that hangs in its shutdown (the
     * ring cannot drain without the thread) is cut short after {@link #EXIT_GRACE_S} s.
     */
    private static void engineThreadDied(final Throwable ex)
    {
        LOG.error("the engine's {} thread ended with {}: no command can be journaled or handled any more, so " +
            "QuantumLeap exits (status 70). The journal is kept; start again once the cause is mended (on a full " +
            "disk, free space in the data folder)", Thread.currentThread().getName(), ex.toString(), ex);
        final Thread exit = new Thread(() -> System.exit(EXIT_STATUS_ENGINE_DIED), "qleap-exit");
        final Thread halt = new Thread(() ->
        {
            try
            {
                Thread.sleep(TimeUnit.SECONDS.toMillis(EXIT_GRACE_S));
            }
            catch (final InterruptedException interrupted)
            {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_STATUS_ENGINE_DIED);
        }, "qleap-exit-backstop");
        halt.setDaemon(true);
        halt.start();
        exit.start();
    }

    /** @return the core thread's reservation, asked to learn which thread it is for. */
    private static CoreReservation reserve(final int percent, final EventLoop coreLoop)
    {
        final CoreReservation reservation = new CoreReservation(percent, Path.of("/proc/self/task"), coreLoop);
        coreLoop.execute(reservation::attachCurrentThread);
        return reservation;
    }

    /** @return the pipeline's settings: each one given keeps its value, a blank one the pipeline's own default. */
    static PipelineContext pipelineContext(
        final String waitStrategy, final String journalThread, final String feedThread)
    {
        final PipelineContext context = new PipelineContext();
        ifSet(waitStrategy, context::waitStrategy);
        ifSet(journalThread, context::journalThread);
        ifSet(feedThread, context::feedThread);
        return context;
    }

    private static void ifSet(final String value, final Consumer<String> setting)
    {
        if (value != null && !value.isBlank())
        {
            setting.accept(value);
        }
    }

    /**
     * Starts everything; the core recovers its state from the journal before the first new command.
     *
     * @param followerLoop where the follower that keeps {@code live} current runs: one of the HTTP server's event
     *                     loops, so that loop's WebSocket clients are written in the turn that applied the event.
     * @param coreLoop     the event loop the core thread is to serve, made before the engine so that the HTTP server
     *                     could be put on it ({@link HttpOnCoreThread}); null for one the pipeline makes itself.
     */
    public static EngineRuntime start(
        final Settings settings, final LiveState live, final Clock clock, final EventLoop followerLoop,
        final ManualIoEventLoop coreLoop)
    {
        return new EngineRuntime(settings, live, clock, followerLoop, coreLoop);
    }

    /** @return each engine pipeline thread's time on a CPU and time waiting for one. */
    public List<ThreadTimes> threadTimes()
    {
        return threadTimes;
    }

    /** @return the core thread's CPU reservation, or null when it has none ({@code QLEAP_CORE_RESERVATION}). */
    public CoreReservation coreReservation()
    {
        return coreReservation;
    }

    /** @return the process's per-stage latency recorders (engine, router and gateway stages). */
    public LatencyRecorders latency()
    {
        return latency;
    }

    /** @return the data folder's disk reserve. */
    public DiskReserve diskReserve()
    {
        return diskReserve;
    }

    /** @return the engine ring's failure counters. */
    public io.quantumleap.engine.pipeline.PipelineCounters pipelineCounters()
    {
        return pipeline.counters();
    }

    public Database database()
    {
        return database;
    }

    public Journal journal()
    {
        return journal;
    }

    public Persister persister()
    {
        return persister;
    }

    public BrokerRuntime broker()
    {
        return broker;
    }

    public Storage storage()
    {
        return storage;
    }

    /**
     * Keeps an access token the broker just issued, encrypted, so a restart can use it again (the caller has
     * already bound it).
     */
    public void rememberToken(final long accountId, final String accessToken, final String brokerUserId)
    {
        final Instant now = clock.instant();
        try
        {
            storage.saveAccessToken(accountId, accessToken, brokerUserId, now,
                Instant.ofEpochMilli(TokenExpiry.nextExpiryEpochMs(now.toEpochMilli())));
        }
        catch (final StorageException ex)
        {
            LOG.warn("the access token of account {} could not be stored; it works until a restart: {}", accountId,
                ex.getMessage());
        }
    }

    private void restoreBrokerSessions(final Collection<Long> accounts)
    {
        for (final long accountId : accounts)
        {
            try
            {
                storage.accessToken(accountId, clock.instant()).ifPresent(token ->
                {
                    if (broker.simulated())
                    {
                        broker.reconnectToSimulator(accountId).whenComplete((session, error) ->
                        {
                            if (error != null)
                            {
                                LOG.warn("account {} could not reconnect to the simulator: {}", accountId,
                                    error.getMessage());
                            }
                            else
                            {
                                rememberToken(accountId, session.accessToken(), session.userId());
                            }
                        });
                    }
                    else
                    {
                        broker.bind(accountId, token.accessToken(), token.brokerUserId());
                    }
                });
            }
            catch (final StorageException | IllegalStateException ex)
            {
                LOG.warn("stored broker session of account {} could not be restored: {}", accountId, ex.getMessage());
            }
        }
    }

    @Override
    public boolean publish(final DirectBuffer buffer, final int offset, final int length)
    {
        return !closed && publisher.publish(buffer, offset, length);
    }

    /**
     * A run that stopped while a feed gap was open (a connection down, or market data left out for space) never
     * journaled its end: the gap would stay open in the journal, the gap history and every dashboard. The new run's
     * feed starts afresh (its own connections open gaps of their own), so the old gaps end here, before the feed
     * starts. Their end carries no last message time (0).
     */
    private void endGapsLeftOpen(final int[] connections)
    {
        if (connections.length == 0)
        {
            return;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final FeedGapCommandEncoder encoder = new FeedGapCommandEncoder();
        for (final int connection : connections)
        {
            encoder.wrapAndApplyHeader(buffer, 0, header).timestampNs(nowNs()).connectionId((short)connection)
                .state(GapState.GAP_ENDED).lastMessageNs(0);
            if (!publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()))
            {
                LOG.warn("the engine refused the end of connection {}'s gap: it stays open until the next start " +
                    "ends it", connection);
            }
        }
        LOG.info("ended the feed gaps the previous run left open (connections {}): it stopped before they ended",
            java.util.Arrays.toString(connections));
    }

    private void publishTimer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final TimerCommandEncoder encoder = new TimerCommandEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .timestampNs(nowNs())
            .timerId(1);
        publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void watchFromStream(final long[] tokens, final int mode)
    {
        final TickMode tickMode = TickMode.get((short)mode);
        if (tickMode == TickMode.NULL_VAL)
        {
            LOG.warn("a gateway asked to watch {} instruments in unknown tick mode {}", tokens.length, mode);
            return;
        }
        broker.watch(tokens);
    }

    @Override
    public void watch(final long[] tokens, final TickMode mode)
    {
        broker.watch(tokens);
    }

    @Override
    public void release(final long[] tokens)
    {
        broker.release(tokens);
    }

    @Override
    public EngineRuntime local()
    {
        return this;
    }

    /** @return the engine's Aeron stream: followers, catch-up sessions, commands from gateways. */
    public EventStreamServer streamServer()
    {
        return streamServer;
    }

    @Override
    public long nowNs()
    {
        return latency.clock().nanoTime();
    }

    /** @return whether {@link #close()} has begun: the journal, the persister and the database may be gone. */
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        timer.shutdownNow();
        broker.close();
        pipeline.close();
        streamRunner.close();
        transport.close();
        follower.close();
        persister.close();
        journal.close();
        storage.stopListening();
        database.close();
        LOG.info("engine stopped: journal flushed, persister checkpointed, database closed");
    }
}
