package io.quantumleap.engine.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronEventSinkTest
{
    @TempDir
    Path dir;

    private static void await(final BooleanSupplier condition, final Runnable work)
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            work.run();
            Thread.yield();
        }
    }

    @Test
    void shouldDeliverEveryEventByteIdenticalToAnIpcSubscriber()
    {
        final CoreHarness h = new CoreHarness();
        h.send(h.commands().account(1, 1, "AB1234"));
        h.send(h.commands().equity(1, 408_065, "INFY"));
        for (int i = 0; i < 200; i++)
        {
            h.send(h.commands().fullTick(2 + i, 408_065, 150_000 + 5 * i, i, 149_000, 5));
        }
        final CapturingEventSink expected = h.sink();

        try (AeronTransport transport = AeronTransport.launch(dir.resolve("aeron").toString(),
            AeronTransport.CHANNEL_DEFAULT, AeronTransport.STREAM_ID_DEFAULT, "sleeping");
            Subscription subscription = transport.aeron().addSubscription(
                AeronTransport.CHANNEL_DEFAULT, AeronTransport.STREAM_ID_DEFAULT))
        {
            await(() -> transport.publication().isConnected(), () -> { });
            final AeronEventSink sink = transport.newSink(100_000_000, () -> 0, StreamFrame.NO_INDEX);
            for (int i = 0; i < expected.count(); i++)
            {
                sink.onEvent(expected.inputSequence(i), expected.buffer(), expected.offset(i), expected.length(i));
            }
            assertEquals(0, sink.dropped(), "dropped");
            final CapturingEventSink received = new CapturingEventSink();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
                received.onEvent(expected.inputSequence(received.count()), buffer, offset + StreamFrame.HEADER_LENGTH,
                    length - StreamFrame.HEADER_LENGTH));
            await(() -> received.count() == expected.count(), () -> subscription.poll(assembler, 64));

            assertTrue(received.sameBytesAs(expected));
            assertEquals(expected.count(), sink.published());
            assertEquals(0, sink.dropped());
        }
    }

    @Test
    void shouldCountAndDropEventsWhenNoSubscriberIsConnectedWithoutBlocking()
    {
        try (AeronTransport transport = AeronTransport.launch(dir.resolve("aeron2").toString(),
            AeronTransport.CHANNEL_DEFAULT, 77, "backoff"))
        {
            final AeronEventSink sink = transport.newSink(1_000_000, () -> 0, StreamFrame.NO_INDEX);
            final UnsafeBuffer event = new UnsafeBuffer(new byte[64]);
            for (int i = 0; i < 10; i++)
            {
                sink.onEvent(i, event, 0, 64);
            }
            assertEquals(10, sink.notConnected());
            assertEquals(10, sink.dropped());
            assertEquals(0, sink.published());
        }
    }

    @Test
    void shouldRefuseBusySpinForTheDriver()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> AeronTransport.idleStrategy("busy-spin"));
        assertTrue(ex.getMessage().contains(AeronTransport.IDLE_STRATEGY_PROP_NAME));
    }

    @Test
    void shouldCarryMoreThanAPublicationWindowOverIpcWithTheDriverParkingLong() throws Exception
    {
        final int length = 1_024;
        final int messages = 64 * 1_024;
        try (AeronTransport transport = AeronTransport.launch(dir.resolve("aeron").toString(),
            AeronTransport.CHANNEL_DEFAULT, AeronTransport.STREAM_ID_DEFAULT, AeronTransport.IDLE_STRATEGY_IPC);
            Subscription subscription = transport.aeron().addSubscription(
                AeronTransport.CHANNEL_DEFAULT, AeronTransport.STREAM_ID_DEFAULT))
        {
            await(() -> transport.publication().isConnected(), () -> { });
            final long[] received = {0};
            final long[] outOfOrder = {0};
            final Thread reader = new Thread(() -> await(() -> received[0] == messages,
                () -> subscription.poll((buffer, offset, len, header) ->
                {
                    if (buffer.getLong(offset) != received[0])
                    {
                        outOfOrder[0]++;
                    }
                    received[0]++;
                }, 256)), "ipc-reader");
            reader.start();
            final UnsafeBuffer message = new UnsafeBuffer(new byte[length]);
            final long deadline = System.nanoTime() + 20_000_000_000L;
            for (long i = 0; i < messages; i++)
            {
                message.putLong(0, i);
                while (transport.publication().offer(message, 0, length) < 0)
                {
                    assertTrue(System.nanoTime() < deadline, "publication stuck at message " + i);
                    Thread.yield();
                }
            }
            reader.join(20_000);

            assertEquals(messages, received[0]);
            assertEquals(0, outOfOrder[0]);
        }
    }

    @Test
    void shouldNameTheIpcIdleStrategy()
    {
        assertTrue(AeronTransport.idleStrategy(AeronTransport.IDLE_STRATEGY_IPC) instanceof BackoffIdleStrategy);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AeronTransport.idleStrategy("nap"));
        assertTrue(ex.getMessage().contains("backoff, ipc or sleeping"), ex.getMessage());
        assertEquals(AeronTransport.IDLE_STRATEGY_IPC, StreamChannels.ipc().driverIdleStrategy());
        assertEquals(AeronTransport.IDLE_STRATEGY_DEFAULT,
            StreamChannels.engineUdp("localhost", 40_456).driverIdleStrategy());
        assertEquals(AeronTransport.IDLE_STRATEGY_DEFAULT,
            StreamChannels.followerUdp("localhost", 40_456, "localhost").driverIdleStrategy());
    }
}
