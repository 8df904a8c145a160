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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A follower of an engine's stream in another process (a gateway): hands every core event to its handler exactly
 * once and in {@code out} order, whether it came live or from a catch-up session, and sends commands and watch
 * requests to the engine.
 *
 * <p>It starts with a catch-up from the last index it applied (everything, for a new follower), applies live events
 * as soon as one links to what it has, and catches up again whenever the live stream shows a gap. Runs as an agent
 * on its own thread; {@link #offerCommand}, {@link #offerWatch} and {@link #offerRelease} may be called from any
 * thread.
 */
public final class EventStreamClient implements Agent, AutoCloseable
{
    private static final long RETRY_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int COMMAND_OFFER_ATTEMPTS = 100;

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
        return work;
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
        if (apply(buffer, offset, length))
        {
            joinedLive();
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

    /** @return true when the frame was the next event and was applied. */
    private boolean apply(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < StreamFrame.HEADER_LENGTH + Long.BYTES)
        {
            malformed++;
            return false;
        }
        final long previous = buffer.getLong(offset + StreamFrame.PREVIOUS_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (previous != lastApplied)
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
     * Sends a command to the engine's ring, retrying briefly while the stream is back-pressured.
     *
     * @return false when the engine is not reachable or stays back-pressured.
     */
    public boolean offerCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(ingress, buffer, offset, length);
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
     * Asks the engine to subscribe its market-data feed to instruments.
     *
     * @param tokens instrument tokens (at most {@link StreamControl#MAX_WATCH_TOKENS}).
     * @param mode   the SBE {@code TickMode} value.
     * @return false when the engine is not reachable.
     */
    public boolean offerWatch(final long[] tokens, final int mode)
    {
        if (tokens.length > StreamControl.MAX_WATCH_TOKENS)
        {
            throw new IllegalArgumentException(tokens.length + " instruments in one watch request; at most " +
                StreamControl.MAX_WATCH_TOKENS);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[StreamControl.watchLength(tokens.length)]);
        return offer(control, buffer, 0, new StreamControl().encodeWatch(buffer, mode, tokens));
    }

    /**
     * Takes back one earlier {@link #offerWatch} of each instrument: the engine's feed drops those nobody else
     * watches.
     *
     * @return false when the engine cannot be reached.
     */
    public boolean offerRelease(final long[] tokens)
    {
        if (tokens.length > StreamControl.MAX_WATCH_TOKENS)
        {
            throw new IllegalArgumentException(tokens.length + " instruments in one release request; at most " +
                StreamControl.MAX_WATCH_TOKENS);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[StreamControl.releaseLength(tokens.length)]);
        return offer(control, buffer, 0, new StreamControl().encodeRelease(buffer, tokens));
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
