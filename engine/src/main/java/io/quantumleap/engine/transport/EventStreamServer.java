package io.quantumleap.engine.transport;

import io.aeron.Aeron;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongCounterMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The engine's side of its stream: the event publication the core writes to (through {@link #newEventSink}), the
 * ingress that puts followers' commands into the ring, and catch-up sessions that send a follower the {@code out}
 * events it missed, read from the journal, until it has joined the live stream.
 *
 * <p>Runs as an agent on its own thread; the core thread only offers to the event publication and never waits for a
 * follower: a back-pressured event is dropped from the stream, and the follower sees the gap and catches up.
 *
 * <p>It counts the instruments each follower (each session of the control stream) has asked the feed to watch, so a
 * follower that goes away without releasing them, a gateway killed or cut off, does not keep them on the feed: once
 * its control stream's image is gone, what it still watched is released for it.
 */
public final class EventStreamServer implements Agent, AutoCloseable
{
    /** Where followers' commands go: the engine's ring. */
    @FunctionalInterface
    public interface CommandIngress
    {
        /** @return false when the ring is full (the command is offered again later). */
        boolean publish(DirectBuffer buffer, int offset, int length);
    }

    /** Subscribes the market-data feed to instruments a follower's clients watch, and takes them back. */
    public interface WatchHandler
    {
        /**
         * @param tokens instrument tokens.
         * @param mode   the SBE {@code TickMode} value.
         */
        void watch(long[] tokens, int mode);

        /** @param tokens instrument tokens the follower watched and no longer needs. */
        void release(long[] tokens);
    }

    private static final System.Logger LOG = System.getLogger(EventStreamServer.class.getName());
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int EVENTS_PER_SESSION_WORK = 256;
    private static final long FOLLOWER_CHECK_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final Aeron aeron;
    private final Publication events;
    private final Subscription ingress;
    private final Subscription control;
    private final CommandIngress commands;
    private final EventHistory history;
    private final WatchHandler watch;
    private final NanoClock clock;
    private final ControlledFragmentAssembler ingressAssembler = new ControlledFragmentAssembler(this::onCommand);
    private final FragmentAssembler controlAssembler = new FragmentAssembler(this::onControl);
    private final List<CatchUpSession> sessions = new ArrayList<>();
    private final StreamControl requestCodec = new StreamControl();
    private final StreamControl.Requests requests = new StreamControl.Requests()
    {
        @Override
        public void onCatchUp(final int streamId, final long afterIndex, final String channel)
        {
            stopSession(streamId);
            startSession(streamId, afterIndex, channel);
        }

        @Override
        public void onStop(final int streamId)
        {
            stopSession(streamId);
        }

        @Override
        public void onWatch(final long[] tokens, final int mode)
        {
            final Long2LongCounterMap counts = watchesBySession.computeIfAbsent(controlSession,
                (session) -> new Long2LongCounterMap(0));
            for (final long token : tokens)
            {
                counts.incrementAndGet(token);
            }
            watch.watch(tokens, mode);
        }

        @Override
        public void onRelease(final long[] tokens)
        {
            final Long2LongCounterMap counts = watchesBySession.get(controlSession);
            final LongArrayList held = new LongArrayList(tokens.length, LongArrayList.DEFAULT_NULL_VALUE);
            for (final long token : tokens)
            {
                if (counts != null && counts.get(token) > 0)
                {
                    counts.decrementAndGet(token);
                    held.addLong(token);
                }
            }
            if (!held.isEmpty())
            {
                watch.release(held.toLongArray());
            }
        }
    };
    /** Per control-stream session: how many times each instrument it watched is still watched. */
    private final Int2ObjectHashMap<Long2LongCounterMap> watchesBySession = new Int2ObjectHashMap<>();
    private int controlSession;
    private long nextFollowerCheckNs;
    private long watchesOfGoneFollowers;
    private long commandsIn;
    private long ringFull;
    private long malformedRequests;
    private long catchUpSessions;
    private long catchUpEvents;

    /**
     * @param aeron    the process's Aeron client.
     * @param channels the engine's channels.
     * @param commands the ring.
     * @param history  the {@code out} journal.
     * @param watch    the feed's instrument subscriptions.
     * @param clock    for session timeouts.
     */
    public EventStreamServer(final Aeron aeron, final StreamChannels channels, final CommandIngress commands,
        final EventHistory history, final WatchHandler watch, final NanoClock clock)
    {
        this.aeron = aeron;
        this.commands = commands;
        this.history = history;
        this.watch = watch;
        this.clock = clock;
        Publication events = null;
        Subscription ingress = null;
        try
        {
            events = aeron.addPublication(channels.eventsPublication(), StreamChannels.EVENTS_STREAM_ID);
            ingress = aeron.addSubscription(channels.ingress(), StreamChannels.INGRESS_STREAM_ID);
            this.control = aeron.addSubscription(channels.control(), StreamChannels.CONTROL_STREAM_ID);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(events, ingress);
            throw ex;
        }
        this.events = events;
        this.ingress = ingress;
    }

    /**
     * @param maxRetries    offers retried while back-pressured before an event is dropped from the stream.
     * @param outIndex      the {@code out} index of the event being published.
     * @param previousIndex the {@code out} index before the first event the sink will see.
     * @return the sink the core writes the stream through (core thread only).
     */
    public AeronEventSink newEventSink(final int maxRetries, final LongSupplier outIndex, final long previousIndex)
    {
        return new AeronEventSink(events, maxRetries, outIndex, previousIndex);
    }

    @Override
    public int doWork()
    {
        int work = ingress.controlledPoll(ingressAssembler, 256);
        work += control.poll(controlAssembler, 16);
        if (!watchesBySession.isEmpty())
        {
            work += releaseGoneFollowers();
        }
        if (!sessions.isEmpty())
        {
            final long nowNs = clock.nanoTime();
            for (int i = sessions.size() - 1; i >= 0; i--)
            {
                final CatchUpSession session = sessions.get(i);
                final int sent = session.doWork(nowNs);
                if (sent < 0)
                {
                    sessions.remove(i).close();
                }
                else
                {
                    work += sent;
                }
            }
        }
        return work;
    }

    private ControlledFragmentHandler.Action onCommand(
        final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (!commands.publish(buffer, offset, length))
        {
            ringFull++;
            return ControlledFragmentHandler.Action.ABORT;
        }
        commandsIn++;
        return ControlledFragmentHandler.Action.CONTINUE;
    }

    /**
     * About once a second: a follower whose control stream has no image any more (it closed, or Aeron's liveness
     * timeout took it) has what it still watched released for it.
     */
    private int releaseGoneFollowers()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs - nextFollowerCheckNs < 0)
        {
            return 0;
        }
        nextFollowerCheckNs = nowNs + FOLLOWER_CHECK_INTERVAL_NS;
        int released = 0;
        final Int2ObjectHashMap<Long2LongCounterMap>.EntryIterator sessionsLeft =
            watchesBySession.entrySet().iterator();
        while (sessionsLeft.hasNext())
        {
            sessionsLeft.next();
            final int session = sessionsLeft.getIntKey();
            if (control.imageBySessionId(session) != null)
            {
                continue;
            }
            final LongArrayList tokens = new LongArrayList();
            sessionsLeft.getValue().forEach((token, count) ->
            {
                for (long i = 0; i < count; i++)
                {
                    tokens.addLong(token);
                }
            });
            sessionsLeft.remove();
            if (!tokens.isEmpty())
            {
                watchesOfGoneFollowers += tokens.size();
                released++;
                watch.release(tokens.toLongArray());
                LOG.log(System.Logger.Level.INFO, "a follower's control stream (session " + session + ") is gone: " +
                    "released the " + tokens.size() + " instrument watches it still held");
            }
        }
        return released;
    }

    private void onControl(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        controlSession = header.sessionId();
        final String problem = requestCodec.decode(buffer, offset, length, requests);
        if (problem != null)
        {
            malformedRequests++;
            if (malformedRequests <= 10)
            {
                LOG.log(System.Logger.Level.WARNING,
                    "stream control from session " + header.sessionId() + ": " + problem + " (ignored)");
            }
        }
    }

    /** A catch-up or stop request ends the stream's session, if any; a catch-up then starts a new one. */
    private void stopSession(final int streamId)
    {
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            if (sessions.get(i).streamId == streamId)
            {
                sessions.remove(i).close();
            }
        }
    }

    private void startSession(final int streamId, final long afterIndex, final String channel)
    {
        EventHistory.Cursor cursor = history.openAfter(afterIndex);
        long previousIndex = afterIndex;
        if (cursor == null)
        {
            LOG.log(System.Logger.Level.WARNING, "catch-up after index " + afterIndex +
                " requested, which this journal does not have: sending from the start");
            cursor = history.openAfter(StreamFrame.NO_INDEX);
            previousIndex = StreamFrame.NO_INDEX;
        }
        final ExclusivePublication publication;
        try
        {
            publication = aeron.addExclusivePublication(channel, streamId);
        }
        catch (final RuntimeException ex)
        {
            cursor.close();
            malformedRequests++;
            LOG.log(System.Logger.Level.WARNING, "catch-up to " + channel + " stream " + streamId + " refused: " +
                ex.getMessage());
            return;
        }
        catchUpSessions++;
        sessions.add(new CatchUpSession(streamId, publication, cursor, previousIndex, clock.nanoTime()));
        LOG.log(System.Logger.Level.INFO,
            "catch-up session to " + channel + " stream " + streamId + " from after index " + afterIndex);
    }

    /** @return whether any follower receives the live events. */
    public boolean followersConnected()
    {
        return events.isConnected();
    }

    /** @return commands followers put into the ring. */
    public long commandsIn()
    {
        return commandsIn;
    }

    /** @return times a follower's command waited for a full ring. */
    public long ringFull()
    {
        return ringFull;
    }

    /** @return control requests refused as malformed. */
    public long malformedRequests()
    {
        return malformedRequests;
    }

    /** @return instrument watches released for followers that went away without releasing them. */
    public long watchesOfGoneFollowers()
    {
        return watchesOfGoneFollowers;
    }

    /** @return catch-up sessions started. */
    public long catchUpSessions()
    {
        return catchUpSessions;
    }

    /** @return events sent by catch-up sessions. */
    public long catchUpEvents()
    {
        return catchUpEvents;
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        sessions.forEach(CatchUpSession::close);
        sessions.clear();
        CloseHelper.quietCloseAll(control, ingress, events);
    }

    @Override
    public String roleName()
    {
        return "event-stream-server";
    }

    private final class CatchUpSession implements IndexedEventHandler
    {
        private final int streamId;
        private final ExclusivePublication publication;
        private final EventHistory.Cursor cursor;
        private final UnsafeBuffer frame = new UnsafeBuffer(new byte[StreamFrame.HEADER_LENGTH]);
        private long previousIndex;
        private long lastConnectedNs;
        private boolean refused;

        CatchUpSession(final int streamId, final ExclusivePublication publication, final EventHistory.Cursor cursor,
            final long previousIndex, final long nowNs)
        {
            this.streamId = streamId;
            this.publication = publication;
            this.cursor = cursor;
            this.previousIndex = previousIndex;
            this.lastConnectedNs = nowNs;
        }

        /** @return events sent, or -1 when the session is over. */
        int doWork(final long nowNs)
        {
            if (!publication.isConnected())
            {
                return nowNs - lastConnectedNs > CONNECT_TIMEOUT_NS ? -1 : 0;
            }
            lastConnectedNs = nowNs;
            int sent = 0;
            while (sent < EVENTS_PER_SESSION_WORK)
            {
                refused = false;
                if (!cursor.next(this))
                {
                    break;
                }
                if (refused)
                {
                    cursor.moveAfter(previousIndex);
                    break;
                }
                sent++;
            }
            catchUpEvents += sent;
            return sent;
        }

        @Override
        public void onEvent(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            StreamFrame.encode(frame, index, previousIndex);
            if (publication.offer(frame, 0, StreamFrame.HEADER_LENGTH, buffer, offset, length) > 0)
            {
                previousIndex = index;
            }
            else
            {
                refused = true;
            }
        }

        void close()
        {
            CloseHelper.quietCloseAll(cursor, publication);
        }
    }
}
