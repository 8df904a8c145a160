package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.transport.AeronTransport;
import io.quantumleap.engine.transport.EventStreamClient;
import io.quantumleap.engine.transport.StreamFrame;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.DatabaseContext;
import io.quantumleap.persistence.secret.SecretKeys;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The engine of a split deployment, seen from a gateway process (role {@code gateway}): its events arrive over
 * Aeron UDP (history through a catch-up session from the engine's journal, then live) and keep this gateway's
 * {@link LiveState} current; commands and instrument watches go back over Aeron; users, sessions and history come
 * from the engine's PostgreSQL ({@code QLEAP_DB_URL}). The journal, the core, the broker and the persister stay in
 * the engine process.
 */
public final class RemoteEngine implements EngineLink
{
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEngine.class);

    private final LatencyRecorders latency = new LatencyRecorders();
    private final Database database;
    private final Storage storage;
    private final AeronTransport transport;
    private final EventStreamClient client;
    private final AgentRunner runner;
    private boolean ownEvents;
    private volatile boolean closed;

    private RemoteEngine(
        final Path dataDir, final DatabaseContext db, final Deployment deployment, final LiveState live)
    {
        database = Database.launch(db);
        AeronTransport transport = null;
        try
        {
            storage = new Storage(database, SecretKeys.load(dataDir));
            transport = AeronTransport.launch(deployment.newAeronDir(dataDir),
                deployment.channels().driverIdleStrategy());
            client = new EventStreamClient(transport.aeron(), deployment.channels(),
                (index, buffer, offset, length) -> apply(live, buffer, offset, length), StreamFrame.NO_INDEX,
                SystemNanoClock.INSTANCE);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(transport, database);
            throw ex;
        }
        this.transport = transport;
        runner = new AgentRunner(Idling.backoff(Idling.HOT_PATH_MAX_PARK_NS),
            ex -> LOG.error("following the engine's stream failed", ex), null, client);
        AgentRunner.startOnThread(runner);
        LOG.info("following the engine at {}:{} over Aeron UDP (events {}, media driver in {})",
            deployment.engineHost(), deployment.port(), deployment.channels().eventsSubscription(),
            transport.aeronDirectoryName());
    }

    /**
     * @param dataDir    this gateway's own folder (its secrets key must be the engine's: copy it or set
     *                   {@code QLEAP_SECRET_KEY}).
     * @param db         the engine's PostgreSQL; a URL is required.
     * @param deployment where the engine is.
     * @param live       the read model to keep current.
     */
    public static RemoteEngine start(final Path dataDir, final DatabaseContext db, final Deployment deployment,
        final LiveState live)
    {
        return new RemoteEngine(dataDir, db, deployment, live);
    }

    /** This gateway's own events start once it has caught up with the engine's stream (its catch-up left out). */
    private void apply(final LiveState live, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!ownEvents && client.live())
        {
            ownEvents = true;
            live.ownEventsStart();
        }
        live.onEvent(buffer, offset, length, latency.clock().nanoTime());
    }

    /** @return the follower: events applied, gaps, catch-up sessions. */
    public EventStreamClient stream()
    {
        return client;
    }

    @Override
    public boolean publish(final DirectBuffer buffer, final int offset, final int length)
    {
        return client.offerCommand(buffer, offset, length);
    }

    @Override
    public long nowNs()
    {
        return latency.clock().nanoTime();
    }

    @Override
    public LatencyRecorders latency()
    {
        return latency;
    }

    @Override
    public Storage storage()
    {
        return storage;
    }

    @Override
    public void watch(final long[] tokens, final TickMode mode)
    {
        if (!client.offerWatch(tokens, mode.value()))
        {
            LOG.info("the engine is not reachable: the watch of {} instruments is sent when it is", tokens.length);
        }
    }

    @Override
    public void release(final long[] tokens)
    {
        if (!client.offerRelease(tokens))
        {
            LOG.info("the engine is not reachable: {} instruments are released when it is", tokens.length);
        }
    }

    @Override
    public EngineRuntime local()
    {
        return null;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(runner, transport, database);
        LOG.info("stopped following the engine: stream closed, media driver and database pool shut down");
    }
}
