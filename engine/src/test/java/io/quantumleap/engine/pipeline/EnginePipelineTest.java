package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandDecoder;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePipelineTest
{
    private static void awaitDrained(final EnginePipeline pipeline)
    {
        while (!pipeline.isDrained())
        {
            Thread.yield();
        }
    }

    static PipelineContext layout(final String layout)
    {
        return new PipelineContext()
            .journalThread(layout.startsWith("core") ? "core" : "own")
            .feedThread(layout.endsWith("+feed") ? "core" : "own");
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "core", "core+feed"})
    void shouldHandCommandsFromSeveralProducersToTheCoreInJournalOrderOnlyAfterAppending(final String layout)
        throws Exception
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final AtomicLong appended = new AtomicLong(-1);
        final InputJournal observed = new InputJournal()
        {
            @Override
            public long append(final DirectBuffer buffer, final int offset, final int length)
            {
                final long index = journal.append(buffer, offset, length);
                appended.set(index);
                return index;
            }

            @Override
            public long lastIndex()
            {
                return journal.lastIndex();
            }
        };
        final LongArrayList seen = new LongArrayList();
        final long[] notYetJournaled = new long[1];
        try (EnginePipeline pipeline = new EnginePipeline(
            layout(layout).ringSize(256), observed,
            (sequence, buffer, offset, length) ->
            {
                if (appended.get() < sequence)
                {
                    notYetJournaled[0]++;
                }
                seen.addLong(sequence);
            },
            new CapturingEventSink()))
        {
            final Thread[] producers = new Thread[2];
            for (int p = 0; p < producers.length; p++)
            {
                final int id = p;
                producers[p] = new Thread(() ->
                {
                    final Commands commands = new Commands();
                    for (int i = 0; i < 5_000; i++)
                    {
                        pipeline.publisher().publish(commands.buffer(), 0, commands.timer(i, id));
                    }
                });
                producers[p].start();
            }
            for (final Thread producer : producers)
            {
                producer.join();
            }
            awaitDrained(pipeline);
        }
        assertEquals(10_000, journal.count());
        assertEquals(10_000, seen.size());
        for (int i = 0; i < seen.size(); i++)
        {
            assertEquals(i, seen.getLong(i));
        }
        assertEquals(0, notYetJournaled[0]);
    }

    @Test
    void shouldRefuseCommandsLargerThanASlotAndCountThem()
    {
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().ringSize(64).slotSize(128),
            new InMemoryInputJournal(), (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertFalse(pipeline.publisher().publish(new UnsafeBuffer(new byte[256]), 0, 256));
            assertFalse(pipeline.publisher().tryPublish(new UnsafeBuffer(new byte[256]), 0, 0));
            assertEquals(2, pipeline.counters().oversizedCommands());
        }
    }

    @Test
    void shouldReportFullRingToNonBlockingProducers()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final Object gate = new Object();
        final boolean[] open = {false};
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().ringSize(4), journal,
            (sequence, buffer, offset, length) ->
            {
                synchronized (gate)
                {
                    while (!open[0])
                    {
                        try
                        {
                            gate.wait();
                        }
                        catch (final InterruptedException ex)
                        {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }, new CapturingEventSink()))
        {
            final Commands commands = new Commands();
            int published = 0;
            for (int i = 0; i < 10; i++)
            {
                if (pipeline.publisher().tryPublish(commands.buffer(), 0, commands.timer(i, 0)))
                {
                    published++;
                }
            }
            assertTrue(published <= 5, "published " + published);
            assertEquals(10 - published, pipeline.counters().ringFullCount());
            synchronized (gate)
            {
                open[0] = true;
                gate.notifyAll();
            }
            awaitDrained(pipeline);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "core", "core+feed"})
    void shouldNeverHandTheCoreACommandTheJournalFailedToAppend(final String layout)
    {
        final LongArrayList seen = new LongArrayList();
        final InputJournal failing = new InputJournal()
        {
            private long next;

            @Override
            public long append(final DirectBuffer buffer, final int offset, final int length)
            {
                if (next == 1)
                {
                    next++;
                    throw new IllegalStateException("disk full");
                }
                return next++;
            }

            @Override
            public long lastIndex()
            {
                return next - 1;
            }
        };
        try (EnginePipeline pipeline = new EnginePipeline(
            layout(layout).ringSize(64), failing,
            (sequence, buffer, offset, length) -> seen.addLong(sequence), new CapturingEventSink()))
        {
            final Commands commands = new Commands();
            for (int i = 0; i < 3; i++)
            {
                pipeline.publisher().publish(commands.buffer(), 0, commands.timer(i, 0));
            }
            awaitDrained(pipeline);
            assertEquals(1, pipeline.counters().journalFailures());
        }
        assertEquals(2, seen.size());
        assertEquals(0, seen.getLong(0));
        assertEquals(2, seen.getLong(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "core", "core+feed"})
    void shouldTellTheSinkAtTheEndOfEachBatch(final String layout)
    {
        final CapturingEventSink sink = new CapturingEventSink();
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        try (EnginePipeline pipeline = new EnginePipeline(layout(layout), journal,
            (sequence, buffer, offset, length) -> { }, sink))
        {
            final Commands commands = new Commands();
            pipeline.publisher().publish(commands.buffer(), 0, commands.timer(1, 0));
            awaitDrained(pipeline);
        }
        assertTrue(sink.batches() >= 1);
        assertTrue(journal.batches() >= 1);
    }

    @Test
    void shouldRefuseBadSettingsNamingTheProperty()
    {
        final IllegalArgumentException ring = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().ringSize(1000).conclude());
        assertTrue(ring.getMessage().contains(Configuration.RING_SIZE_PROP_NAME));
        final IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().waitStrategy("spin-forever").conclude());
        assertTrue(wait.getMessage().contains("busy-spin"));
        final IllegalArgumentException journalThread = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().journalThread("disk").conclude());
        assertTrue(journalThread.getMessage().contains(Configuration.JOURNAL_THREAD_PROP_NAME));
    }

    @Test
    void shouldAppendOnTheCoreThreadOnlyWhenToldOrOnFewerThanFourCpus()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().journalThread("own"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertEquals(List.of("qleap-journal", "qleap-core"),
                pipeline.threads().stream().map(Thread::getName).toList());
        }
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().journalThread("core"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertEquals(List.of("qleap-core"), pipeline.threads().stream().map(Thread::getName).toList());
        }
        assertEquals("auto", new PipelineContext().conclude().journalThread());
        assertTrue(Configuration.journalOnCoreThread("auto", 2));
        assertTrue(Configuration.journalOnCoreThread("auto", 3));
        assertFalse(Configuration.journalOnCoreThread("auto", 4));
        assertFalse(Configuration.journalOnCoreThread("own", 2));
        assertTrue(Configuration.journalOnCoreThread("core", 64));
    }

    @Test
    void shouldServeTheFeedLoopOnTheCoreThreadWhenTheJournalIsThereAndTheRingParks()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        try (EnginePipeline pipeline = new EnginePipeline(layout("core"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertNull(pipeline.ioEventLoop());
        }
        try (EnginePipeline pipeline = new EnginePipeline(layout("own"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertNull(pipeline.ioEventLoop());
        }
        try (EnginePipeline pipeline = new EnginePipeline(layout("core+feed"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertEquals(List.of("qleap-core"), pipeline.threads().stream().map(Thread::getName).toList());
            final CompletableFuture<String> ranOn = new CompletableFuture<>();
            pipeline.ioEventLoop().execute(() -> ranOn.complete(Thread.currentThread().getName()));
            assertEquals("qleap-core", ranOn.join());
        }
        assertEquals("auto", new PipelineContext().conclude().feedThread());
        assertTrue(Configuration.feedOnCoreThread("auto", true, "parking"));
        assertFalse(Configuration.feedOnCoreThread("auto", false, "parking"));
        assertFalse(Configuration.feedOnCoreThread("auto", true, "busy-spin"));
        assertFalse(Configuration.feedOnCoreThread("own", true, "parking"));
        assertTrue(Configuration.feedOnCoreThread("core", true, "parking"));
        final IllegalArgumentException ownJournal = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().journalThread("own").feedThread("core").conclude());
        assertTrue(ownJournal.getMessage().contains(Configuration.JOURNAL_THREAD_PROP_NAME + "=core"));
        final IllegalArgumentException spinning = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().journalThread("core").waitStrategy("busy-spin").feedThread("core").conclude());
        assertTrue(spinning.getMessage().contains("busy-spin"));
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> new PipelineContext().feedThread("gpu").conclude());
        assertTrue(unknown.getMessage().contains(Configuration.FEED_THREAD_PROP_NAME));
    }

    @Test
    void shouldTellThePublishListenerOfEachCommandPutInTheRingOnThePublishingThread()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final Commands commands = new Commands();
        final int length = commands.timer(1, 0);
        final List<String> toldOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EnginePipeline pipeline = new EnginePipeline(layout("own"), journal,
            (sequence, buffer, offset, commandLength) -> { }, new CapturingEventSink()))
        {
            pipeline.publisher().onPublished(() -> toldOn.add(Thread.currentThread().getName()));
            assertTrue(pipeline.publisher().publish(commands.buffer(), 0, length));
            assertTrue(pipeline.publisher().tryPublish(commands.buffer(), 0, length));
            assertFalse(pipeline.publisher().publish(commands.buffer(), 0, 0));
            awaitDrained(pipeline);
            final String me = Thread.currentThread().getName();
            assertEquals(List.of(me, me), toldOn);
        }
    }

    @Test
    void shouldNotWaitForItselfWhenTheCoreThreadPublishesIntoAFullRing()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final Commands commands = new Commands();
        final int length = commands.timer(1, 0);
        final AtomicLong handled = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            try (EnginePipeline pipeline = new EnginePipeline(layout("core+feed").ringSize(8), journal,
                (sequence, buffer, offset, commandLength) -> handled.incrementAndGet(), new CapturingEventSink()))
            {
                final CompletableFuture<Integer> published = new CompletableFuture<>();
                pipeline.ioEventLoop().execute(() ->
                {
                    int accepted = 0;
                    for (int i = 0; i < 20; i++)
                    {
                        accepted += pipeline.publisher().publish(commands.buffer(), 0, length) ? 1 : 0;
                    }
                    published.complete(accepted);
                });
                assertEquals(8, published.join());
                assertEquals(12, pipeline.counters().ringFullCount());
                awaitDrained(pipeline);
                assertTrue(pipeline.publisher().publish(commands.buffer(), 0, length));
                awaitDrained(pipeline);
            }
        });
        assertEquals(9, handled.get());
    }

    @Test
    void shouldCloseTheChannelsOfTheCoreThreadsLoopWhenThePipelineCloses()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final Channel server;
        final EventLoop loop;
        try (EnginePipeline pipeline = new EnginePipeline(layout("core+feed"), journal,
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            loop = pipeline.ioEventLoop();
            assertNotNull(loop);
            server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
            assertTrue(server.isOpen());
        }
        assertTrue(loop.isTerminated());
        assertTrue(server.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
        assertFalse(server.isOpen());
    }

    @Test
    void shouldServeALoopGivenBeforeItStartsRunningWhatWasQueuedOnItThenShutItDownWithTheCore()
    {
        final ManualIoEventLoop given = new ManualIoEventLoop(null, null, NioIoHandler.newFactory());
        final CompletableFuture<String> queuedEarly = new CompletableFuture<>();
        given.execute(() -> queuedEarly.complete(Thread.currentThread().getName()));
        final Channel server = new ServerBootstrap().group(given).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress("127.0.0.1", 0)).channel();
        try (EnginePipeline pipeline = new EnginePipeline(layout("core+feed").ioLoop(given), new InMemoryInputJournal(),
            (sequence, buffer, offset, length) -> { }, new CapturingEventSink()))
        {
            assertSame(given, pipeline.ioEventLoop());
            assertEquals("qleap-core", queuedEarly.join());
            assertTrue(server.isOpen());
            assertTrue(given.inEventLoop(pipeline.threads().get(0)));
        }
        assertTrue(given.isTerminated());
        assertTrue(server.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldRefuseALoopGivenForACoreThreadThatServesNone()
    {
        final ManualIoEventLoop given = new ManualIoEventLoop(null, null, NioIoHandler.newFactory());
        final IllegalArgumentException ownFeed = assertThrows(IllegalArgumentException.class,
            () -> layout("core").ioLoop(given).conclude());
        assertTrue(ownFeed.getMessage().contains(Configuration.FEED_THREAD_PROP_NAME + "=own"));
        assertFalse(layout("core").coreThreadServesIo());
        assertFalse(layout("own").coreThreadServesIo());
        assertTrue(layout("core+feed").coreThreadServesIo());
    }

    @Test
    void shouldDefaultToAParkingWaitStrategyAndOfferBusySpinAsASetting()
    {
        assertEquals("parking", new PipelineContext().conclude().waitStrategy());
        assertEquals("ParkingWaitStrategy", Configuration.waitStrategy("parking").getClass().getSimpleName());
        assertEquals("SleepingWaitStrategy", Configuration.waitStrategy("sleeping").getClass().getSimpleName());
        assertEquals("LiteBlockingWaitStrategy",
            Configuration.waitStrategy("lite-blocking").getClass().getSimpleName());
        assertEquals("BusySpinWaitStrategy", Configuration.waitStrategy("busy-spin").getClass().getSimpleName());
        assertEquals("YieldingWaitStrategy", Configuration.waitStrategy("yielding").getClass().getSimpleName());
        assertEquals("BlockingWaitStrategy", Configuration.waitStrategy("blocking").getClass().getSimpleName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "core"})
    void shouldLeaveMarketDataOutOfTheJournalWhileShortOfSpaceMarkingTheGapAndKeepOtherCommands(final String layout)
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final AtomicBoolean shortOfSpace = new AtomicBoolean();
        final List<String> handled = new ArrayList<>();
        final Commands commands = new Commands();
        try (EnginePipeline pipeline = new EnginePipeline(
            layout(layout).ringSize(64).shortOfSpace(shortOfSpace::get), journal,
            (sequence, buffer, offset, length) -> handled.add(describe(buffer, offset)),
            new CapturingEventSink()))
        {
            final LongConsumer tick = ts -> pipeline.publisher().publish(
                commands.buffer(), 0, commands.tick(ts, 408065, TickMode.LTP, 100 + ts, ts, 1));
            final Runnable[] steps = {
                () -> tick.accept(1),
                () -> shortOfSpace.set(true),
                () -> tick.accept(2),
                () -> tick.accept(3),
                () -> pipeline.publisher().publish(commands.buffer(), 0, commands.timer(4, 7)),
                () -> tick.accept(5),
                () -> shortOfSpace.set(false),
                () -> tick.accept(6),
                () -> tick.accept(7),
            };
            for (final Runnable step : steps)
            {
                step.run();
                awaitDrained(pipeline);
            }
            assertEquals(4, pipeline.counters().leftOutForSpace());
        }
        final List<String> journaled = new ArrayList<>();
        journal.replay((sequence, buffer, offset, length) -> journaled.add(describe(buffer, offset)));
        final List<String> expected = List.of(
            "tick at 1", "GAP_STARTED of connection 255 at 2", "timer at 4", "GAP_ENDED of connection 255 at 6",
            "tick at 7");
        assertEquals(expected, journaled);
        assertEquals(expected, handled);
    }

    @Test
    void shouldTellWhenAPipelineThreadEndsWithAnErrorItsHandlersCouldNotCatch()
    {
        final List<Throwable> told = new ArrayList<>();
        final InternalError fault = new InternalError("a fault occurred in a recent unsafe memory access operation");
        final InternalError thrown = assertThrows(InternalError.class, () -> EnginePipeline.runOrTell(() ->
        {
            throw fault;
        }, told::add));
        assertSame(fault, thrown);
        assertEquals(List.of(fault), told);
        EnginePipeline.runOrTell(() -> { }, told::add);
        assertEquals(1, told.size());
    }

    private static String describe(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        return switch (header.templateId())
        {
            case MarketDataCommandDecoder.TEMPLATE_ID -> "tick at " +
                new MarketDataCommandDecoder().wrap(buffer, body, header.blockLength(), header.version()).timestampNs();
            case TimerCommandDecoder.TEMPLATE_ID -> "timer at " +
                new TimerCommandDecoder().wrap(buffer, body, header.blockLength(), header.version()).timestampNs();
            case FeedGapCommandDecoder.TEMPLATE_ID ->
            {
                final FeedGapCommandDecoder gap =
                    new FeedGapCommandDecoder().wrap(buffer, body, header.blockLength(), header.version());
                yield gap.state() + " of connection " + gap.connectionId() + " at " + gap.timestampNs();
            }
            default -> "template " + header.templateId();
        };
    }
}
