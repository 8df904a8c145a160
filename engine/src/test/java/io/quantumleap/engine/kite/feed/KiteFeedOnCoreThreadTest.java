package io.quantumleap.engine.kite.feed;

import io.netty.channel.EventLoop;
import io.quantumleap.engine.kite.rest.KiteMocks;
import io.quantumleap.engine.pipeline.EnginePipeline;
import io.quantumleap.engine.pipeline.PipelineContext;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteFeedOnCoreThreadTest extends KiteFeedLoopbackTest
{
    private final EnginePipeline pipeline = new EnginePipeline(
        new PipelineContext().journalThread("core").feedThread("core"), new InMemoryInputJournal(),
        (sequence, buffer, offset, length) -> { }, new CapturingEventSink());

    @Override
    EventLoop feedLoop()
    {
        return pipeline.ioEventLoop();
    }

    @Override
    void closeFeedLoop()
    {
        pipeline.close();
    }

    @Test
    void shouldReadFramesOnTheCoreThreadAndLeaveItsLoopServingWhenClosed()
    {
        session.rebind("good");
        feed.start();
        feed.subscribe(new long[]{ 884737 }, TickMode.FULL).join();
        await(() -> server.received().size() >= 2);
        server.sendBinary(KiteMocks.bytes("fullMode_binary.packet"));
        await(() -> capture.frames().size() == 1);

        feed.close();

        assertEquals(Set.of("qleap-core"), readOn);
        assertFalse(pipeline.ioEventLoop().isShuttingDown());
        final CompletableFuture<String> ranOn = new CompletableFuture<>();
        pipeline.ioEventLoop().execute(() -> ranOn.complete(Thread.currentThread().getName()));
        assertEquals("qleap-core", ranOn.join());
    }

    @Test
    void shouldCloseQuietlyAfterTheCoreThreadsLoopStoppedWithTheConnections()
    {
        session.rebind("good");
        feed.start();
        feed.subscribe(new long[]{ 884737 }, TickMode.LTP).join();
        await(() -> server.received().size() >= 2);

        pipeline.close();

        assertTrue(pipeline.ioEventLoop().isTerminated());
        assertTimeoutPreemptively(Duration.ofSeconds(1), feed::close);
    }
}
