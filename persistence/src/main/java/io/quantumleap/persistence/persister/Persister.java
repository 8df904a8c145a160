package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.persister.internal.MarketDataWriter;
import io.quantumleap.persistence.persister.internal.OutEventWriter;
import io.quantumleap.persistence.persister.internal.QueueWriter;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the journal into PostgreSQL, exactly once: the {@code in} queue's market data and the {@code out}
 * queue's orders, trades, positions and audit events. Each batch is written and its last journal index stored in
 * {@code journal_checkpoints} in one transaction, so after a crash or restart the persister resumes right after
 * the last committed message. When PostgreSQL fails it rolls back, waits (doubling the delay up to a cap),
 * rewinds to the stored checkpoint and tries again: the journal is the buffer and nothing is lost. The engine
 * never waits for it.
 *
 * <p>Commits are asynchronous ({@code SET LOCAL synchronous_commit = off}): PostgreSQL acknowledges a commit before
 * its WAL reaches the disk, so a PostgreSQL or host crash can lose the last few hundred milliseconds of commits.
 * That keeps exactly once, because each lost commit takes its own checkpoint with it (rows and checkpoint are one
 * WAL record stream, replayed in order up to some point or not at all), and the journal, which is the source of
 * truth, still holds the messages: the persister re-reads the checkpoint after any failure and re-applies from
 * there. A persister crash alone loses nothing PostgreSQL acknowledged.
 *
 * <p>When caught up (a {@link #doWork()} that stored nothing) it looks after the tick partitions at most once a
 * second (see {@link MarketDataPartitions}): it summarises the BRIN index of the open day's partition, and builds
 * the B-tree by instrument of one partition whose IST day is over (by the epoch clock), so an index build never
 * delays a backlog.
 *
 * <p>Single-threaded: {@link #doWork()} runs on the persister thread ({@link #start()}) or a test's thread. Its
 * {@link #metrics()} are read from any thread, and work out the lag at each read from the journal and what this
 * thread published, so a batch blocked on the database, or failing on one queue, never hides the lag of another.
 */
public final class Persister implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Persister.class);
    private static final long NOT_LOADED = Long.MIN_VALUE;
    private static final long RATE_WINDOW_NS = 100_000_000L;
    private static final long MAINTENANCE_INTERVAL_NS = 1_000_000_000L;
    private static final long MAINTENANCE_RETRY_NS = 60_000_000_000L;
    /** The longest a day's instrument index build may go without an answer from the database. */
    static final int INDEX_BUILD_TIMEOUT_MS = (int)TimeUnit.HOURS.toMillis(1);
    /** A batch may take this many network timeouts before the watchdog aborts its connection. */
    public static final int BATCH_TIMEOUT_NETWORK_TIMEOUTS = 2;
    private static final String LOAD_CHECKPOINT_SQL = "SELECT last_index FROM journal_checkpoints WHERE queue = ?";
    private static final String STORE_CHECKPOINT_SQL = "INSERT INTO journal_checkpoints (queue, last_index) " +
        "VALUES (?, ?) ON CONFLICT (queue) DO UPDATE SET last_index = EXCLUDED.last_index, updated_at = now() " +
        "WHERE journal_checkpoints.last_index < EXCLUDED.last_index";

    private final PersisterContext ctx;
    private final List<QueueLoop> queues = new ArrayList<>();
    private final int batchSize;
    private final int streamChunk;
    private final long retryMinNs;
    private final long retryMaxNs;
    private final long maxPerWindow;
    private long windowStartNs;
    private long storedInWindow;
    private long retryDelayNs;
    private long nextAttemptNs;
    private long nextMaintenanceNs;
    private long maintenanceFailures;
    private volatile long failures;
    private final long batchTimeoutNs;
    private final AtomicLong abortedBatches = new AtomicLong();
    private final ConnectionInUse batchConnection = new ConnectionInUse();
    private AgentRunner runner;
    private ScheduledExecutorService watchdog;
    private ExecutorService indexBuilder;
    private CompletableFuture<Void> indexBuild = CompletableFuture.completedFuture(null);
    private final ConnectionInUse indexBuildConnection = new ConnectionInUse();

    /**
     * @param ctx settings and sources; concluded here.
     */
    public Persister(final PersisterContext ctx)
    {
        this.ctx = ctx.conclude();
        this.batchSize = ctx.batchSize();
        // A tenth of a batch per part: small enough for PostgreSQL to start early, large enough to cost few calls.
        this.streamChunk = Math.max(1, batchSize / 10);
        this.retryMinNs = ctx.retryMinMs() * 1_000_000L;
        this.retryMaxNs = ctx.retryMaxMs() * 1_000_000L;
        this.retryDelayNs = retryMinNs;
        this.maxPerWindow = ctx.maxMessagesPerSecond() == 0 ? Long.MAX_VALUE : ctx.maxMessagesPerSecond() / 10;
        this.batchTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.networkTimeoutMs() * BATCH_TIMEOUT_NETWORK_TIMEOUTS);
        if (null != ctx.inSource())
        {
            final QueueMetrics metrics =
                new QueueMetrics(ctx.inSource().queueName(), ctx.inSource(), ctx.epochNanoClock());
            queues.add(new QueueLoop(ctx.inSource(),
                new MarketDataWriter(ctx.tickPolicy(), ctx.sampleIntervalMs(), metrics), metrics));
        }
        if (null != ctx.outSource())
        {
            final QueueMetrics metrics =
                new QueueMetrics(ctx.outSource().queueName(), ctx.outSource(), ctx.epochNanoClock());
            queues.add(new QueueLoop(ctx.outSource(), new OutEventWriter(metrics), metrics));
        }
    }

    @Override
    public String roleName()
    {
        return "persister";
    }

    /**
     * Runs the persister on its own thread ("persister"), with a watchdog ("persister-watchdog") that aborts the
     * connection of a batch that takes longer than {@link #BATCH_TIMEOUT_NETWORK_TIMEOUTS} network timeouts: the
     * network timeout bounds reads only, and a write the database stopped reading (a backend ending in a shutdown)
     * would otherwise block the persister for good. The aborted batch fails like any other and is retried. The
     * instrument index of a day that is over is built on a thread of its own ("persister-index-builder"), so batches
     * go on while it runs. It goes straight on while a pass stores a whole batch
     * (a backlog) and otherwise sleeps the context's linger: caught up, it stores what came meanwhile in one
     * transaction instead of one per message.
     *
     * @return this.
     */
    public synchronized Persister start()
    {
        if (null == runner)
        {
            final ErrorHandler errorHandler = (throwable) -> LOG.error("persister thread failed", throwable);
            watchdog = Executors.newSingleThreadScheduledExecutor((task) ->
            {
                final Thread thread = new Thread(task, "persister-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            final long periodMs = Math.max(100, ctx.networkTimeoutMs() / 4);
            watchdog.scheduleAtFixedRate(this::abortOverdueBatch, periodMs, periodMs, TimeUnit.MILLISECONDS);
            indexBuilder = Executors.newSingleThreadExecutor((task) ->
            {
                final Thread thread = new Thread(task, "persister-index-builder");
                thread.setDaemon(true);
                return thread;
            });
            runner = new AgentRunner(new Linger(batchSize, ctx.lingerMs()), errorHandler, null, this);
            AgentRunner.startOnThread(runner);
        }
        return this;
    }

    /**
     * Reads one batch from each queue and stores it; after a database failure, waits out the retry delay first.
     *
     * @return messages stored, 0 when idle or waiting to retry.
     */
    @Override
    public int doWork()
    {
        final long nowNs = ctx.nanoClock().nanoTime();
        int work = 0;
        if (nowNs - nextAttemptNs >= 0)
        {
            try
            {
                if (nowNs - windowStartNs >= RATE_WINDOW_NS)
                {
                    windowStartNs = nowNs;
                    storedInWindow = 0;
                }
                for (int i = 0, size = queues.size(); i < size; i++)
                {
                    final int stored = persistBatch(queues.get(i));
                    storedInWindow += stored;
                    work += stored;
                }
                retryDelayNs = retryMinNs;
            }
            catch (final SQLException | RuntimeException | AssertionError ex)
            {
                // AssertionError: the PostgreSQL driver asserts on some paths of a connection that died mid-call.
                onFailure(nowNs, ex);
            }
        }
        if (0 == work && null != ctx.inSource() && nowNs - nextAttemptNs >= 0 && nowNs - nextMaintenanceNs >= 0)
        {
            nextMaintenanceNs = nowNs + MAINTENANCE_INTERVAL_NS;
            maintainPartitions(nowNs);
        }
        return work;
    }

    private int persistBatch(final QueueLoop queue) throws SQLException
    {
        if (NOT_LOADED == queue.lastApplied)
        {
            queue.lastApplied = loadCheckpoint(queue.source.queueName());
            queue.metrics.lastAppliedIndex(queue.lastApplied);
            queue.source.resumeAfter(queue.lastApplied);
        }
        final QueueWriter writer = queue.writer;
        final long budget = maxPerWindow - storedInWindow;
        final int limit = (int)Math.min(batchSize, Math.max(0, budget));
        if (0 == writer.messages())
        {
            if (0 == limit)
            {
                return 0;
            }
            queue.source.read(writer, Math.min(streamChunk, limit));
        }
        if (0 == writer.messages())
        {
            queue.metrics.onCaughtUp(ctx.epochNanoClock().nanoTime());
            return 0;
        }

        try (Connection connection = connect())
        {
            batchConnection.hold(connection, ctx.nanoClock().nanoTime() + batchTimeoutNs);
            try
            {
                connection.setAutoCommit(false);
                relaxCommitDurability(connection);
                while (writer.messages() < limit)
                {
                    writer.stream(connection);
                    if (0 == queue.source.read(writer, Math.min(streamChunk, limit - writer.messages())))
                    {
                        break;
                    }
                }
                writer.write(connection);
                storeCheckpoint(connection, queue.source.queueName(), writer.lastIndex());
                ctx.batchHook().beforeCommit(queue.source.queueName(), writer.firstIndex(), writer.lastIndex(),
                    writer.rows());
                connection.commit();
            }
            catch (final Throwable ex)
            {
                writer.abort();
                rollbackQuietly(connection);
                throw ex;
            }
            finally
            {
                batchConnection.release();
            }
        }
        final int messages = writer.messages();

        queue.lastApplied = writer.lastIndex();
        queue.metrics.onCommitted(writer.lastIndex(), writer.lastTimestampNs(), messages, writer.rows());
        writer.committed();
        return messages;
    }

    private static void relaxCommitDurability(final Connection connection) throws SQLException
    {
        // Safe for exactly-once: rows and checkpoint commit together, so a PostgreSQL crash can only lose both,
        // and the persister re-reads the checkpoint after any failure and replays from the journal.
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET LOCAL synchronous_commit = off");
        }
    }

    private void maintainPartitions(final long nowNs)
    {
        final long today = MarketDataPartitions.istDay(ctx.epochNanoClock().nanoTime());
        try (Connection connection = connect();
            Statement statement = connection.createStatement())
        {
            final List<String> open = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(MarketDataPartitions.partitionsWithoutBtreeSql()))
            {
                while (rs.next())
                {
                    open.add(rs.getString(1));
                }
            }
            boolean built = false;
            for (final String partition : open)
            {
                final long day = MarketDataPartitions.istDayOf(partition);
                if (Long.MIN_VALUE == day)
                {
                    continue;
                }
                if (day < today)
                {
                    if (!built)
                    {
                        built = true;
                        closeDay(partition, day);
                    }
                }
                else
                {
                    statement.execute(MarketDataPartitions.summariseSql(day));
                }
            }
        }
        catch (final SQLException | RuntimeException ex)
        {
            maintenanceFailures++;
            nextMaintenanceNs = nowNs + MAINTENANCE_RETRY_NS;
            if (maintenanceFailures <= 3 || Long.bitCount(maintenanceFailures) == 1)
            {
                LOG.warn("tick partition upkeep failed ({} failures so far), next try in 60 s: {}",
                    maintenanceFailures, ex.toString());
            }
        }
    }

    /**
     * Builds the instrument index of a day that is over, one at a time, on a connection of its own. Started, the
     * persister hands the build to its index builder thread, so batches go on while it runs; driven by its caller's
     * {@link #doWork()}, it builds here.
     */
    private void closeDay(final String partition, final long day)
    {
        if (indexBuild.isDone())
        {
            final Executor builder = null == indexBuilder ? Runnable::run : indexBuilder;
            indexBuild = CompletableFuture.runAsync(() -> buildIndex(partition, day), builder);
        }
    }

    private void buildIndex(final String partition, final long day)
    {
        try (Connection connection = connect();
            Statement statement = connection.createStatement())
        {
            final long startNs = ctx.nanoClock().nanoTime();
            if (!indexBuildConnection.hold(connection, Long.MAX_VALUE))
            {
                return;
            }
            try
            {
                // An index build sends nothing until it is done: it may take far longer than the network timeout,
                // which bounds every other call (a database that stops answering fails them).
                connection.setNetworkTimeout(Runnable::run, INDEX_BUILD_TIMEOUT_MS);
                statement.execute(MarketDataPartitions.closeSql(day));
            }
            finally
            {
                indexBuildConnection.release();
            }
            LOG.info("built the instrument index of {} (its day is over) in {} ms", partition,
                (ctx.nanoClock().nanoTime() - startNs) / 1_000_000);
        }
        catch (final SQLException | RuntimeException ex)
        {
            LOG.warn("building the instrument index of {} failed, tried again at the next upkeep: {}", partition,
                ex.toString());
        }
    }

    /** A pooled connection on which no call waits longer than the network timeout (the pool resets it on return). */
    private Connection connect() throws SQLException
    {
        final Connection connection = ctx.dataSource().getConnection();
        try
        {
            connection.setNetworkTimeout(Runnable::run, (int)ctx.networkTimeoutMs());
            return connection;
        }
        catch (final SQLException | RuntimeException ex)
        {
            connection.close();
            throw ex;
        }
    }

    private long loadCheckpoint(final String queueName) throws SQLException
    {
        try (Connection connection = connect();
            PreparedStatement statement = connection.prepareStatement(LOAD_CHECKPOINT_SQL))
        {
            statement.setString(1, queueName);
            try (ResultSet rs = statement.executeQuery())
            {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static void storeCheckpoint(final Connection connection, final String queueName, final long lastIndex)
        throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(STORE_CHECKPOINT_SQL))
        {
            statement.setString(1, queueName);
            statement.setLong(2, lastIndex);
            if (1 != statement.executeUpdate())
            {
                throw new SQLException("checkpoint of queue '" + queueName + "' is already at or past " + lastIndex +
                    ": is another persister writing to this database?");
            }
        }
    }

    private void onFailure(final long nowNs, final Throwable ex)
    {
        failures++;
        final long delayNs = retryDelayNs;
        nextAttemptNs = nowNs + delayNs;
        retryDelayNs = Math.min(retryDelayNs * 2, retryMaxNs);
        for (int i = 0, size = queues.size(); i < size; i++)
        {
            final QueueLoop queue = queues.get(i);
            queue.writer.discard();
            queue.lastApplied = NOT_LOADED;
        }
        if (failures <= 3 || Long.bitCount(failures) == 1 || delayNs == retryMaxNs && failures % 10 == 0)
        {
            LOG.warn("persister failed to store a batch ({} failures so far), retrying in {} ms: {}",
                failures, delayNs / 1_000_000, ex.toString());
        }
    }

    private static void rollbackQuietly(final Connection connection)
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException | RuntimeException | AssertionError ignore)
        {
            // The connection is broken; PostgreSQL aborts the transaction when the session ends.
        }
    }

    /** Progress and lag of each queue, in the order in, out. */
    public List<QueueMetrics> metrics()
    {
        final List<QueueMetrics> metrics = new ArrayList<>(queues.size());
        for (final QueueLoop queue : queues)
        {
            metrics.add(queue.metrics);
        }
        return metrics;
    }

    /** Progress of the named queue, or null when not persisted. */
    public QueueMetrics metrics(final String queueName)
    {
        for (final QueueLoop queue : queues)
        {
            if (queue.metrics.queueName().equals(queueName))
            {
                return queue.metrics;
            }
        }
        return null;
    }

    /** Watchdog: aborts the connection of a batch past its deadline, so the blocked call fails and is retried. */
    private void abortOverdueBatch()
    {
        try
        {
            if (batchConnection.abortIfOverdue(ctx.nanoClock().nanoTime()))
            {
                abortedBatches.incrementAndGet();
                LOG.warn("persister batch still running after {} ms: aborted its database connection",
                    TimeUnit.NANOSECONDS.toMillis(batchTimeoutNs));
            }
        }
        catch (final SQLException | RuntimeException ex)
        {
            abortedBatches.incrementAndGet();
            LOG.warn("persister could not abort the overdue batch's connection: {}", ex.toString());
        }
    }

    /** @return batches the watchdog aborted because they ran past their deadline. */
    public long abortedBatches()
    {
        return abortedBatches.get();
    }

    /** Database failures since start (each one a rolled-back attempt). */
    public long failures()
    {
        return failures;
    }

    /** Stops the thread (if started) after its current batch. Sources are not closed: their owner closes them. */
    @Override
    public synchronized void close()
    {
        if (null != runner)
        {
            // The watchdog outlives the runner's close, so a batch blocked in a call is aborted and the thread ends.
            runner.close();
            runner = null;
            watchdog.shutdownNow();
            watchdog = null;
            // A build still running is given up, and one not started yet does not start: the next start builds the
            // index again.
            indexBuilder.shutdownNow();
            indexBuilder = null;
            try
            {
                indexBuildConnection.shut();
            }
            catch (final SQLException | RuntimeException ex)
            {
                LOG.warn("could not abort the running index build's connection: {}", ex.toString());
            }
        }
    }

    private static final class QueueLoop
    {
        final JournalSource source;
        final QueueWriter writer;
        final QueueMetrics metrics;
        long lastApplied = NOT_LOADED;

        QueueLoop(final JournalSource source, final QueueWriter writer, final QueueMetrics metrics)
        {
            this.source = source;
            this.writer = writer;
            this.metrics = metrics;
        }
    }

    /** Idles the persister: not at all after a whole batch, the linger after anything less. */
    static final class Linger implements IdleStrategy
    {
        private final int batchSize;
        private final long lingerMs;

        Linger(final int batchSize, final long lingerMs)
        {
            this.batchSize = batchSize;
            this.lingerMs = lingerMs;
        }

        /** @return whether a pass that stored {@code workCount} messages is followed by the linger. */
        boolean lingersAfter(final int workCount)
        {
            return workCount < batchSize;
        }

        @Override
        public void idle(final int workCount)
        {
            if (lingersAfter(workCount))
            {
                idle();
            }
        }

        @Override
        public void idle()
        {
            try
            {
                Thread.sleep(lingerMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reset()
        {
        }

        @Override
        public String alias()
        {
            return "linger";
        }
    }
}
