package io.quantumleap.engine.transport;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventStreamTest
{
    @TempDir
    Path dir;

    private AeronTransport transport;
    private EventStreamServer server;
    private EventStreamClient client;
    private final MemoryHistory history = new MemoryHistory();
    private final List<Long> receivedIndices = new ArrayList<>();
    private final List<byte[]> receivedEvents = new ArrayList<>();
    private final List<Boolean> liveWhenApplied = new ArrayList<>();
    private final List<byte[]> ring = new ArrayList<>();
    private final List<long[]> watched = new ArrayList<>();
    private final List<long[]> released = new CopyOnWriteArrayList<>();
    private int ringRefusals;

    @AfterEach
    void close()
    {
        if (client != null)
        {
            client.close();
        }
        if (server != null)
        {
            server.close();
        }
        if (transport != null)
        {
            transport.close();
        }
    }

    private void start(final StreamChannels engine, final StreamChannels follower)
    {
        transport = AeronTransport.launch(dir.resolve("aeron").toString(), "sleeping");
        server = newServer(engine);
        client = new EventStreamClient(transport.aeron(), follower, (index, buffer, offset, length) ->
        {
            final byte[] event = new byte[length];
            buffer.getBytes(offset, event);
            receivedIndices.add(index);
            receivedEvents.add(event);
            liveWhenApplied.add(client.live());
        }, StreamFrame.NO_INDEX, SystemNanoClock.INSTANCE);
    }

    private EventStreamServer newServer(final StreamChannels engine)
    {
        return new EventStreamServer(transport.aeron(), engine, (buffer, offset, length) ->
        {
            if (ringRefusals > 0)
            {
                ringRefusals--;
                return false;
            }
            final byte[] command = new byte[length];
            buffer.getBytes(offset, command);
            ring.add(command);
            return true;
        }, history, new EventStreamServer.WatchHandler()
        {
            @Override
            public void watch(final long[] tokens, final int mode)
            {
                watched.add(append(tokens, mode));
            }

            @Override
            public void release(final long[] tokens)
            {
                released.add(tokens);
            }
        }, SystemNanoClock.INSTANCE);
    }

    private static long[] append(final long[] tokens, final int mode)
    {
        final long[] all = new long[tokens.length + 1];
        System.arraycopy(tokens, 0, all, 0, tokens.length);
        all[tokens.length] = mode;
        return all;
    }

    private void awaitUpTo(final long nanos, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + nanos;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            if (server.doWork() + client.doWork() == 0)
            {
                Thread.yield();
            }
        }
    }

    private void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        final List<Agent> agents = List.of(server, client);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, () -> "timed out: received " + receivedEvents.size() + ", live " +
                client.live() + ", gaps " + client.gaps() + ", catch-ups " + client.catchUps() + ", sent by catch-up " +
                server.catchUpEvents() + ", sessions " + server.catchUpSessions());
            int work = 0;
            for (final Agent agent : agents)
            {
                try
                {
                    work += agent.doWork();
                }
                catch (final Exception ex)
                {
                    throw new AssertionError(ex);
                }
            }
            if (work == 0)
            {
                Thread.yield();
            }
        }
    }

    private void followHistoryLiveEventsAndGaps()
    {
        for (int i = 0; i < 50; i++)
        {
            history.add(event(i));
        }
        final AeronEventSink sink = server.newEventSink(1000, history::lastIndex, history.lastIndex());
        await(() -> receivedEvents.size() == 50 && server.followersConnected());
        int next = 50;
        while (!client.live())
        {
            assertTrue(next < 1_000, "the follower never joined the live stream");
            history.add(event(next));
            sink.onEvent(next, new UnsafeBuffer(event(next)), 0, event(next).length);
            next++;
            awaitUpTo(200_000_000L, client::live);
        }

        final int dropFrom = next + 70;
        for (int i = next; i < dropFrom; i++)
        {
            history.add(event(i));
            sink.onEvent(i, new UnsafeBuffer(event(i)), 0, event(i).length);
        }
        for (int i = dropFrom; i < dropFrom + 5; i++)
        {
            history.add(event(i));
        }
        final AeronEventSink afterDrop = server.newEventSink(1000, history::lastIndex, history.lastIndex());
        final int total = dropFrom + 180;
        for (int i = dropFrom + 5; i < total; i++)
        {
            history.add(event(i));
            afterDrop.onEvent(i, new UnsafeBuffer(event(i)), 0, event(i).length);
        }
        await(() -> receivedEvents.size() == total);
        for (int i = 0; i < total; i++)
        {
            assertEquals(history.indices.get(i), receivedIndices.get(i), "index of event " + i);
            assertArrayEquals(history.events.get(i), receivedEvents.get(i), "bytes of event " + i);
        }
        assertTrue(client.gaps() >= 1, "the dropped events were seen as a gap");
        assertTrue(server.catchUpEvents() >= 55, "history and the gap came through catch-up");
    }

    @Test
    void shouldHandAFollowerTheHistoryThenTheLiveEventsAndTheDroppedOnesExactlyOnceInOrderOverIpc()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        followHistoryLiveEventsAndGaps();
    }

    @Test
    void shouldDoTheSameOverUdpWithTheEngineAndTheFollowerOnSeparateChannels()
    {
        final int port = ThreadLocalRandom.current().nextInt(42_000, 48_000);
        start(StreamChannels.engineUdp("localhost", port), StreamChannels.followerUdp("localhost", port, "localhost"));
        followHistoryLiveEventsAndGaps();
    }

    @Test
    void shouldBeLiveWhenItAppliesTheEventThatJoinsItToTheLiveStream()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        final long[] index = {StreamFrame.NO_INDEX};
        final AeronEventSink sink = server.newEventSink(1000, () -> index[0], StreamFrame.NO_INDEX);
        await(() -> client.connected() && server.followersConnected());

        for (int i = 0; i < 3; i++)
        {
            index[0] = 10 + i;
            sink.onEvent(i, new UnsafeBuffer(event(i)), 0, event(i).length);
        }
        await(() -> receivedEvents.size() == 3);

        assertEquals(List.of(10L, 11L, 12L), receivedIndices);
        assertEquals(List.of(true, true, true), liveWhenApplied);
    }

    @Test
    void shouldPutAFollowersCommandsIntoTheRingInOrderWaitingWhileTheRingIsFull()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        await(client::connected);
        ringRefusals = 3;
        for (int i = 0; i < 20; i++)
        {
            final byte[] command = event(i);
            assertTrue(client.offerCommand(new UnsafeBuffer(command), 0, command.length));
        }
        await(() -> ring.size() == 20);
        for (int i = 0; i < 20; i++)
        {
            assertArrayEquals(event(i), ring.get(i));
        }
        assertEquals(3, server.ringFull());
        assertEquals(20, server.commandsIn());
    }

    @Test
    void shouldPassWatchAndReleaseRequestsAndCountMalformedControlRequestsWithoutStopping()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        await(client::connected);
        final io.aeron.Publication raw =
            transport.aeron().addPublication("aeron:ipc", StreamChannels.CONTROL_STREAM_ID);
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[]{9, 0, 0, 0, 1, 2, 3, 4, 5});
        final UnsafeBuffer tooManyTokens =
            new UnsafeBuffer(new byte[StreamControl.watchLength(StreamControl.MAX_WATCH_TOKENS + 1)]);
        final int tooManyLength =
            new StreamControl().encodeWatch(tooManyTokens, 2, new long[StreamControl.MAX_WATCH_TOKENS + 1]);
        await(() -> raw.offer(garbage, 0, 9) > 0);
        await(() -> raw.offer(tooManyTokens, 0, tooManyLength) > 0);
        assertTrue(client.offerWatch(new long[]{408_065, 256_265}, 2));
        await(() -> watched.size() == 1);

        assertArrayEquals(new long[]{408_065, 256_265, 2}, watched.get(0));
        assertTrue(client.offerRelease(new long[]{256_265}));
        await(() -> released.size() == 1);
        assertArrayEquals(new long[]{256_265}, released.get(0));
        assertEquals(2, server.malformedRequests());
        raw.close();
    }

    @Test
    void shouldReleaseWhatAFollowerStillWatchedWhenItGoesAwayWithoutReleasingIt()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        await(client::connected);
        assertTrue(client.offerWatch(new long[]{408_065, 256_265}, 2));
        await(() -> watched.size() == 1);
        assertTrue(client.offerWatch(new long[]{408_065}, 2));
        await(() -> watched.size() == 2);
        assertTrue(client.offerRelease(new long[]{256_265, 738_561}));
        await(() -> released.size() == 1);
        assertArrayEquals(new long[]{256_265}, released.get(0));

        client.close();
        client = null;
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (released.size() < 2)
        {
            assertTrue(System.nanoTime() < deadline, "the gone follower's watches were not released");
            if (server.doWork() == 0)
            {
                Thread.yield();
            }
        }

        assertArrayEquals(new long[]{408_065, 408_065}, released.get(1));
        assertEquals(2, server.watchesOfGoneFollowers());
    }

    @Test
    void shouldWatchAgainWhatItStillWatchesWhenTheEngineRestartsAndWhatItAskedForWhileTheEngineWasDown()
    {
        start(StreamChannels.ipc(), StreamChannels.ipc());
        await(client::connected);
        assertTrue(client.offerWatch(new long[]{408_065, 256_265}, 2));
        assertTrue(client.offerRelease(new long[]{256_265}));
        assertTrue(client.offerWatch(new long[]{738_561}, 3));
        await(() -> watched.size() == 2);
        assertArrayEquals(new long[]{408_065, 2}, watched.get(0));
        assertArrayEquals(new long[]{738_561, 3}, watched.get(1));
        assertEquals(0, released.size());

        server.close();
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (client.offerRelease(new long[0]))
        {
            assertTrue(System.nanoTime() < deadline, "the follower did not see the engine go");
            client.doWork();
            Thread.yield();
        }
        client.doWork();
        assertFalse(client.offerWatch(new long[]{260_105}, 1));
        assertFalse(client.offerRelease(new long[]{738_561}));
        watched.clear();
        server = newServer(StreamChannels.ipc());
        await(() -> watched.size() == 2);

        assertArrayEquals(new long[]{408_065, 2}, watched.get(0));
        assertArrayEquals(new long[]{260_105, 1}, watched.get(1));
        assertEquals(0, released.size());
        assertEquals(2, client.controlConnections());
    }

    private static byte[] event(final int i)
    {
        final byte[] event = new byte[24 + i % 40];
        final UnsafeBuffer buffer = new UnsafeBuffer(event);
        buffer.putLong(0, i, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(8, 7L * i, ByteOrder.LITTLE_ENDIAN);
        return event;
    }

    private static final class MemoryHistory implements EventHistory
    {
        private final List<Long> indices = new ArrayList<>();
        private final List<byte[]> events = new ArrayList<>();

        void add(final byte[] event)
        {
            indices.add(indices.isEmpty() ? 1_000 : lastIndex() + 1 + indices.size() % 3);
            events.add(event);
        }

        long lastIndex()
        {
            return indices.isEmpty() ? StreamFrame.NO_INDEX : indices.get(indices.size() - 1);
        }

        @Override
        public Cursor openAfter(final long index)
        {
            final int position = index == StreamFrame.NO_INDEX ? 0 : indices.indexOf(index) + 1;
            if (position == 0 && index != StreamFrame.NO_INDEX)
            {
                return null;
            }
            return new Cursor()
            {
                private int next = position;

                @Override
                public boolean next(final IndexedEventHandler handler)
                {
                    if (next >= events.size())
                    {
                        return false;
                    }
                    final byte[] event = events.get(next);
                    handler.onEvent(indices.get(next), new UnsafeBuffer(event), 0, event.length);
                    next++;
                    return true;
                }

                @Override
                public void moveAfter(final long index)
                {
                    next = index == StreamFrame.NO_INDEX ? 0 : indices.indexOf(index) + 1;
                }

                @Override
                public void close()
                {
                }
            };
        }
    }
}
