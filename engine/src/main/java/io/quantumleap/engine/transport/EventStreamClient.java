package io.quantumleap.engine.transport;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A follower of an engine's stream in another process (a gateway): hands every core event to its handler exactly
 * once and in {@code out} order, whether it came live or from a catch-up session, and sends commands and watch
 * requests to the engine.
 *
 * <p>It starts with a catch-up from the last index it applied (everything, for a new follower), applies live events
 * as soon as one links to what it has, and catches up again whenever the live stream shows a gap. Runs as an agent
 * on its own thread; {@link #offerCommand}, {@link #offerWatch} and {@link #offerRelease} may be called from any
 * thread.
 *
 * <p>The instruments its callers watch are kept here, and the agent makes the engine's watches of this follower
 * match them: whenever they change, and again in full whenever the engine's control stream connects (the engine
 * started, or restarted and lost what this follower had asked for).
 */
public final class EventStreamClient implements Agent, AutoCloseable
{
    private static final long RETRY_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int COMMAND_OFFER_ATTEMPTS = 100;
    private static final long COMMAND_PATIENCE_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long COMMAND_PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Subscription live;
    private final Subscription catchUp;
    private final Publication control;
    private final Publication ingress;
    private final String catchUpChannel;
    private final IndexedEventHandler handler;
    private final NanoClock clock;
    private final int catchUpStreamId = ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30);
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[StreamControl.MAX_CATCH_UP_LENGTH]);
    private final StreamControl requestCodec = new StreamControl();
    private final FragmentAssembler liveAssembler = new FragmentAssembler(this::onLive);
    private final FragmentAssembler catchUpAssembler = new FragmentAssembler(this::onCatchUp);
    private long lastApplied;
    private volatile boolean catchingUp = true;
    private boolean stopPending;
    private boolean requestNow = true;
    private long progressNs;
    private volatile long applied;
    private volatile long gaps;
    private volatile long catchUps;
    private volatile long malformed;
    /** token to {count, mode}: what the callers watch, in the order they first asked. Guarded by itself. */
    private final Map<Long, long[]> wanted = new LinkedHashMap<>();
    /** token to count: what the engine's current control session holds. Agent thread only. */
    private final Map<Long, Long> sent = new HashMap<>();
    private volatile boolean watchesChanged;
    private boolean controlConnected;
    private volatile long controlConnections;

    /**
     * @param aeron       the process's Aeron client.
     * @param channels    the follower's channels.
     * @param handler     gets each event once, in order, on the agent's thread.
     * @param lastApplied the last {@code out} index already applied, or {@link StreamFrame#NO_INDEX}.
     * @param clock       for request retries.
     */
    public EventStreamClient(final Aeron aeron, final StreamChannels channels, final IndexedEventHandler handler,
        final long lastApplied, final NanoClock clock)
    {
        this.handler = handler;
        this.lastApplied = lastApplied;
        this.clock = clock;
        this.catchUpChannel = channels.catchUp();
        Subscription live = null;
        Subscription catchUp = null;
        Publication control = null;
        try
        {
            live = aeron.addSubscription(channels.eventsSubscription(), StreamChannels.EVENTS_STREAM_ID);
            catchUp = aeron.addSubscription(channels.catchUp(), catchUpStreamId);
            control = aeron.addPublication(channels.control(), StreamChannels.CONTROL_STREAM_ID);
            this.ingress = aeron.addPublication(channels.ingress(), StreamChannels.INGRESS_STREAM_ID);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(live, catchUp, control);
            throw ex;
        }
        this.live = live;
        this.catchUp = catchUp;
        this.control = control;
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        if (stopPending)
        {
            final int length = requestCodec.encodeStop(request, catchUpStreamId);
            stopPending = control.offer(request, 0, length) < 0;
        }
        if (catchingUp && (requestNow || nowNs - progressNs > RETRY_NS))
        {
            work += requestCatchUp(nowNs);
        }
        work += catchUp.poll(catchUpAssembler, 256);
        work += live.poll(liveAssembler, 256);
        work += syncWatches();
        return work;
    }

    /**
     * Makes the engine's watches of this follower what the callers want: a control stream that (re)connects is a
     * new engine session holding none, so everything wanted is sent again.
     */
    private int syncWatches()
    {
        final boolean connected = control.isConnected();
        if (connected != controlConnected)
        {
            controlConnected = connected;
            if (connected)
            {
                controlConnections++;
            }
            sent.clear();
            watchesChanged = connected;
        }
        if (!connected || !watchesChanged)
        {
            return 0;
        }
        watchesChanged = false;
        final Map<Integer, List<Long>> watches = new LinkedHashMap<>();
        final List<Long> releases = new ArrayList<>();
        synchronized (wanted)
        {
            for (final Map.Entry<Long, long[]> entry : wanted.entrySet())
            {
                final long more = entry.getValue()[0] - sent.getOrDefault(entry.getKey(), 0L);
                for (long i = 0; i < more; i++)
                {
                    watches.computeIfAbsent((int)entry.getValue()[1], (mode) -> new ArrayList<>()).add(entry.getKey());
                }
            }
            for (final Map.Entry<Long, Long> entry : sent.entrySet())
            {
                final long[] want = wanted.get(entry.getKey());
                for (long i = null == want ? 0 : want[0]; i < entry.getValue(); i++)
                {
                    releases.add(entry.getKey());
                }
            }
        }
        int work = 0;
        for (final Map.Entry<Integer, List<Long>> entry : watches.entrySet())
        {
            work += send(entry.getValue(), entry.getKey(), 1);
        }
        work += send(releases, 0, -1);
        return work;
    }

    /** Sends watches (step 1, of the mode) or releases (step -1) in requests of at most the largest size. */
    private int send(final List<Long> tokens, final int mode, final int step)
    {
        int requests = 0;
        for (int from = 0; from < tokens.size(); from += StreamControl.MAX_WATCH_TOKENS)
        {
            final int to = Math.min(tokens.size(), from + StreamControl.MAX_WATCH_TOKENS);
            final List<Long> part = tokens.subList(from, to);
            final long[] batch = part.stream().mapToLong(Long::longValue).toArray();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[step > 0 ?
                StreamControl.watchLength(batch.length) : StreamControl.releaseLength(batch.length)]);
            final int length = step > 0 ? requestCodec.encodeWatch(buffer, mode, batch) :
                requestCodec.encodeRelease(buffer, batch);
            if (!offer(control, buffer, 0, length))
            {
                watchesChanged = true;
                return requests;
            }
            for (final long token : batch)
            {
                sent.merge(token, (long)step, (a, b) -> a + b == 0 ? null : a + b);
            }
            requests++;
        }
        return requests;
    }

    private int requestCatchUp(final long nowNs)
    {
        final String channel = catchUpChannel.startsWith("aeron:ipc") ? catchUpChannel :
            catchUp.tryResolveChannelEndpointPort();
        if (channel == null || !control.isConnected())
        {
            return 0;
        }
        final int length = requestCodec.encodeCatchUp(request, catchUpStreamId, lastApplied, channel);
        if (control.offer(request, 0, length) > 0)
        {
            requestNow = false;
            progressNs = nowNs;
            catchUps++;
            return 1;
        }
        return 0;
    }

    private void onLive(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (isNext(buffer, offset, length))
        {
            // Live before the handler sees the event: it is the first of the live stream, not of the catch-up.
            joinedLive();
            apply(buffer, offset, length);
        }
        else if (length >= StreamFrame.HEADER_LENGTH)
        {
            if (buffer.getLong(offset + StreamFrame.INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN) <= lastApplied)
            {
                // The live stream carries what this follower already has: what comes next comes live.
                joinedLive();
            }
            else if (!catchingUp)
            {
                gaps++;
                catchingUp = true;
                requestNow = true;
                stopPending = false;
            }
        }
    }

    private void joinedLive()
    {
        if (catchingUp)
        {
            catchingUp = false;
            stopPending = true;
        }
    }

    private void onCatchUp(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (catchingUp && apply(buffer, offset, length))
        {
            progressNs = clock.nanoTime();
        }
    }

    /** @return whether the frame is the event after the last applied; a frame too short is counted as malformed. */
    private boolean isNext(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < StreamFrame.HEADER_LENGTH + Long.BYTES)
        {
            malformed++;
            return false;
        }
        return buffer.getLong(offset + StreamFrame.PREVIOUS_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN) == lastApplied;
    }

    /** @return true when the frame was the next event and was applied. */
    private boolean apply(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!isNext(buffer, offset, length))
        {
            return false;
        }
        final long index = buffer.getLong(offset + StreamFrame.INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN);
        handler.onEvent(index, buffer, offset + StreamFrame.HEADER_LENGTH, length - StreamFrame.HEADER_LENGTH);
        lastApplied = index;
        applied++;
        return true;
    }

    /**
     * Sends a command to the engine's ring. While the stream is back-pressured (the engine's ring is full, or its
     * media driver has not yet raised the publication's limit, as just after it connects) the command waits up to
     * 20 ms, pausing between tries, rather than being refused at once: commands are a user's orders, few and worth
     * the wait; the caller's thread is never the stream's.
     *
     * @return false when the engine is not reachable or stays back-pressured.
     */
    public boolean offerCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offer(ingress, buffer, offset, length))
        {
            return true;
        }
        final long deadlineNs = clock.nanoTime() + COMMAND_PATIENCE_NS;
        while (ingress.isConnected() && clock.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(COMMAND_PAUSE_NS);
            if (offer(ingress, buffer, offset, length))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean offer(final Publication publication, final DirectBuffer buffer, final int offset,
        final int length)
    {
        for (int attempt = 0; attempt < COMMAND_OFFER_ATTEMPTS; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Asks the engine to subscribe its market-data feed to instruments; kept here and sent by the agent, now or
     * when the engine is next reachable, and again whenever the engine restarts.
     *
     * @param tokens instrument tokens.
     * @param mode   the SBE {@code TickMode} value.
     * @return whether the engine is reachable now (when not, the watch waits for it).
     */
    public boolean offerWatch(final long[] tokens, final int mode)
    {
        synchronized (wanted)
        {
            for (final long token : tokens)
            {
                final long[] want = wanted.computeIfAbsent(token, (t) -> new long[2]);
                want[0]++;
                want[1] = mode;
            }
        }
        watchesChanged = true;
        return control.isConnected();
    }

    /**
     * Takes back one earlier {@link #offerWatch} of each instrument (those not watched are ignored): the engine's
     * feed drops those nobody else watches.
     *
     * @return whether the engine is reachable now.
     */
    public boolean offerRelease(final long[] tokens)
    {
        synchronized (wanted)
        {
            for (final long token : tokens)
            {
                final long[] want = wanted.get(token);
                if (null != want && --want[0] == 0)
                {
                    wanted.remove(token);
                }
            }
        }
        watchesChanged = true;
        return control.isConnected();
    }

    /**
     * @return times the engine's control stream connected (the engine started, or restarted); each time, every
     * instrument this follower watches was sent again.
     */
    public long controlConnections()
    {
        return controlConnections;
    }

    /** @return whether the follower has caught up and applies the live stream. */
    public boolean live()
    {
        return !catchingUp;
    }

    /** @return whether the engine's ingress has a subscriber (the engine is up). */
    public boolean connected()
    {
        return ingress.isConnected();
    }

    /** @return events applied. */
    public long applied()
    {
        return applied;
    }

    /** @return gaps seen on the live stream (each started a catch-up). */
    public long gaps()
    {
        return gaps;
    }

    /** @return catch-up sessions requested. */
    public long catchUps()
    {
        return catchUps;
    }

    /** @return frames too short to be an event. */
    public long malformed()
    {
        return malformed;
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(ingress, control, catchUp, live);
    }

    @Override
    public String roleName()
    {
        return "event-stream-client";
    }
}
