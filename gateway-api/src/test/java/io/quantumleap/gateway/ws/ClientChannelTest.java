package io.quantumleap.gateway.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.TickJson;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientChannelTest
{
    private static final long INFY = 408065;
    private static final long SBIN = 779521;
    private static final long STUCK_NS = 30_000_000_000L;

    private final long[] nowNs = {1_000_000_000L};
    private final LatencyRecorders latency = new LatencyRecorders(() -> nowNs[0], 1024);
    private final FanOutMetrics metrics = new FanOutMetrics(latency);
    private final Map<Long, TickJson> latest = new HashMap<>();
    private final FlushCounter flushes = new FlushCounter();
    private final EmbeddedChannel socket = new EmbeddedChannel(flushes);
    private long sequence;
    private ClientChannel client = client(1024, 16, 64);

    private ClientChannel client(final int inboxCapacity, final int maxQueued, final int conflateAbove)
    {
        final ClientChannel c = new ClientChannel(socket, "s1", Set.of(), inboxCapacity, maxQueued, conflateAbove,
            STUCK_NS, metrics, latest::get);
        c.modes().put(INFY, 2);
        c.modes().put(SBIN, 2);
        return c;
    }

    @Test
    void shouldWriteEveryTickInOrderUnmarkedToAClientThatKeepsUp()
    {
        client.offerTick(tick(INFY, "i1"));
        client.offerTick(tick(SBIN, "s1"));
        client.offerTick(tick(INFY, "i2"));
        socket.runPendingTasks();
        client.offerTick(tick(INFY, "i3"));
        socket.runPendingTasks();

        assertEquals(List.of("i1", "s1", "i2", "i3"), written());
        assertEquals(0, client.conflatedCount());
        assertEquals(0, metrics.conflated.sum());
        assertEquals(4, client.sentCount());
    }

    @Test
    void shouldFlushOnceForEverythingDrainedInOneTask()
    {
        for (int i = 0; i < 10; i++)
        {
            client.offerTick(tick(i % 2 == 0 ? INFY : SBIN, "t" + i));
        }
        client.offer("{\"v\":\"o1\"}");

        socket.runPendingTasks();

        assertEquals(11, written().size());
        assertEquals(1, flushes.count);
    }

    @Test
    void shouldSendOnlyTheLatestTickPerInstrumentInOrderWhileTheSocketIsStalledAndThenResume()
    {
        stall(true);
        client.offerTick(tick(INFY, "i1"));
        client.offerTick(tick(SBIN, "s1"));
        client.offerTick(tick(INFY, "i2"));
        client.offerTick(tick(INFY, "i3"));
        client.offerTick(tick(SBIN, "s2"));
        socket.runPendingTasks();
        assertEquals(List.of(), written());

        stall(false);
        client.offerTick(tick(INFY, "i4"));
        socket.runPendingTasks();

        assertEquals(List.of("i3,conflated", "s2,conflated", "i4"), written());
        assertEquals(3, client.conflatedCount());
        assertEquals(3, metrics.conflated.sum());

        client.offerTick(tick(SBIN, "s3"));
        socket.runPendingTasks();
        assertEquals(List.of("s3"), written());
    }

    @Test
    void shouldKeepEveryOrderUpdateInOrderWhileConflatingTicks()
    {
        stall(true);
        client.offer("{\"v\":\"o1\"}");
        client.offerTick(tick(INFY, "i1"));
        client.offer("{\"v\":\"o2\"}");
        client.offerTick(tick(INFY, "i2"));
        socket.runPendingTasks();

        stall(false);
        socket.runPendingTasks();

        assertEquals(List.of("o1", "o2", "i2,conflated"), written());
    }

    @Test
    void shouldStopWritingWithoutAnErrorPerMessageWhenTheSocketClosesPartWayThroughADrain()
    {
        final EmbeddedChannel closing = new EmbeddedChannel(new ClosesOnFirstWrite());
        final ClientChannel c = new ClientChannel(closing, "s3", Set.of(), 1024, 16, 64, STUCK_NS, metrics,
            latest::get);
        for (int i = 0; i < 5; i++)
        {
            c.offer("{\"v\":\"o" + i + "\"}");
        }

        closing.runPendingTasks();

        closing.checkException();
        assertFalse(closing.isOpen());
        assertEquals(1, c.sentCount());
        c.offer("{\"v\":\"late\"}");
        closing.runPendingTasks();
        closing.checkException();
        assertEquals(1, c.sentCount());
    }

    @Test
    void shouldTakeTheWritesAClosingSocketFailsQuietlyAndSendNothingMore()
    {
        final EmbeddedChannel failing = new EmbeddedChannel(new FailsWritesAsClosed());
        final ClientChannel c = new ClientChannel(failing, "s4", Set.of(), 1024, 16, 64, STUCK_NS, metrics,
            latest::get);
        c.offer("{\"v\":\"o1\"}");
        c.offer("{\"v\":\"o2\"}");
        c.offer("{\"v\":\"o3\"}");

        failing.runPendingTasks();

        failing.checkException();
        assertTrue(c.isClosed());
        assertEquals(1, c.sentCount());
    }

    @Test
    void shouldKeepSendingItsBacklogInOrderWhenAFlushMakesTheSocketWritableInsideTheLoop()
    {
        final WritableOnFlush handler = new WritableOnFlush();
        final EmbeddedChannel reentrant = new EmbeddedChannel(handler);
        final ClientChannel c = new ClientChannel(reentrant, "s2", Set.of(), 1024, 16, 64, STUCK_NS, metrics,
            latest::get);
        reentrant.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        c.offer("{\"v\":\"o1\"}");
        c.offer("{\"v\":\"o2\"}");
        c.offer("{\"v\":\"o3\"}");
        reentrant.runPendingTasks();
        assertEquals(0, c.sentCount());

        reentrant.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        handler.stallOnNextWrite = true;
        c.offer("{\"v\":\"o4\"}");
        reentrant.runPendingTasks();
        reentrant.checkException();

        final List<String> texts = new ArrayList<>();
        Object frame;
        while ((frame = reentrant.readOutbound()) != null)
        {
            texts.add(((TextWebSocketFrame)frame).text());
            ((TextWebSocketFrame)frame).release();
        }
        assertEquals(List.of("{\"v\":\"o1\"}", "{\"v\":\"o2\"}", "{\"v\":\"o3\"}", "{\"v\":\"o4\"}"), texts);
        assertEquals(4, c.sentCount());
        assertTrue(handler.madeWritable);
        assertTrue(reentrant.isOpen());
    }

    @Test
    void shouldCloseAndCountAClientThatStopsReadingForTooLong()
    {
        stall(true);
        client.offerTick(tick(INFY, "i1"));
        socket.runPendingTasks();
        nowNs[0] += STUCK_NS + 1;
        client.offerTick(tick(INFY, "i2"));
        socket.runPendingTasks();

        assertTrue(client.isClosed());
        assertEquals(1, metrics.disconnected.sum());
        final CloseWebSocketFrame close = socket.readOutbound();
        assertEquals(1013, close.statusCode());
        assertEquals("client stopped reading for too long", close.reasonText());
        close.release();

        client.offerTick(tick(INFY, "i3"));
        socket.runPendingTasks();
        assertFalse(socket.isActive());
        assertEquals(List.of(), written());
    }

    @Test
    void shouldCloseAClientWhoseUnconflatableBacklogOutgrowsTheBound()
    {
        stall(true);
        for (int i = 0; i < 20; i++)
        {
            client.offer("{\"v\":\"o" + i + "\"}");
        }
        socket.runPendingTasks();

        assertTrue(client.isClosed());
        assertEquals(1, metrics.disconnected.sum());
        final CloseWebSocketFrame close = socket.readOutbound();
        assertTrue(close.reasonText().startsWith("too far behind"), close.reasonText());
        close.release();
    }

    @Test
    void shouldLetAClientSeeAnAccountOnlyOnceItsAccountsAreSetAndCloseItWithTheReasonWhenAsked()
    {
        assertFalse(client.maySee(1));
        client.accountIds(Set.of(1L, 7L));
        assertTrue(client.maySee(1));
        assertTrue(client.maySee(7));
        assertFalse(client.maySee(2));

        client.closeSoon("your accounts cannot be read right now; reconnect shortly");
        socket.runPendingTasks();

        assertTrue(client.isClosed());
        final CloseWebSocketFrame close = socket.readOutbound();
        assertEquals(1013, close.statusCode());
        assertEquals("your accounts cannot be read right now; reconnect shortly", close.reasonText());
        assertEquals(0, metrics.disconnected.sum());
    }

    @Test
    void shouldLetAClientGoWithCode1001AfterItsPendingTicksAreDroppedAndNotCountItAsSlow()
    {
        client.offerTick(tick(INFY, "i1"));
        client.goAway("the server is stopping");
        socket.runPendingTasks();

        assertTrue(client.isClosed());
        final CloseWebSocketFrame close = socket.readOutbound();
        assertEquals(1001, close.statusCode());
        assertEquals("the server is stopping", close.reasonText());
        assertEquals(0, metrics.disconnected.sum());
        assertFalse(client.isConnected());
    }

    @Test
    void shouldResendTheLatestTickOfEachInstrumentMarkedConflatedWhenTheInboxOverflows()
    {
        client = client(4, 16, 64);
        for (int i = 1; i <= 6; i++)
        {
            client.offerTick(tick(INFY, "i" + i));
        }
        latest.put(INFY, tick(INFY, "i6"));

        socket.runPendingTasks();

        assertEquals(List.of("i1", "i2", "i3", "i4", "i6,conflated"), written());
        assertEquals(2, metrics.conflated.sum());
    }

    @Test
    void shouldConflateABatchLargerThanTheBoundWhenTheEventLoopFellBehind()
    {
        client = client(1024, 16, 4);
        client.offer("{\"v\":\"o1\"}");
        for (int i = 1; i <= 6; i++)
        {
            client.offerTick(tick(i % 2 == 0 ? INFY : SBIN, "t" + i));
        }

        socket.runPendingTasks();

        assertEquals(List.of("o1", "t5,conflated", "t6,conflated"), written());
        assertEquals(4, metrics.conflated.sum());
    }

    @Test
    void shouldNeverWriteATickOlderThanOneAlreadyWrittenForItsInstrument()
    {
        final TickJson older = tick(INFY, "i1");
        client.offerTick(tick(INFY, "i2"));
        client.offerTick(older);
        client.offerTick(tick(SBIN, "s1"));

        socket.runPendingTasks();

        assertEquals(List.of("i2", "s1"), written());
    }

    @Test
    void shouldNotWriteTicksOfAnInstrumentNoLongerSubscribed()
    {
        client.offerTick(tick(INFY, "i1"));
        client.modes().remove(INFY);
        client.offerTick(tick(SBIN, "s1"));

        socket.runPendingTasks();

        assertEquals(List.of("s1"), written());
    }

    @Test
    void shouldRecordTheWebSocketStagesOfTimedTicksWhenTheyAreFlushed()
    {
        client.offerTick(new TickJson(INFY, 1, "{\"v\":\"i1\"}", null, null, nowNs[0] - 300_000, nowNs[0] - 100_000));
        client.offerTick(tick(SBIN, "s1"));
        nowNs[0] += 50_000;

        socket.runPendingTasks();

        final Histogram wsWrite = latency.stage(LatencyStage.WS_WRITE).intervalHistogram(null);
        final Histogram tickToWs = latency.stage(LatencyStage.TICK_TO_WS).intervalHistogram(null);
        assertEquals(1, wsWrite.getTotalCount());
        assertTrue(wsWrite.valuesAreEquivalent(150_000, wsWrite.getMaxValue()));
        assertTrue(tickToWs.valuesAreEquivalent(350_000, tickToWs.getMaxValue()));
    }

    @Test
    void shouldTimeALiveTickButNotASnapshotThatWaitedForTheSocket()
    {
        final TickJson old = timed(INFY, "i1", 3_600_000_000_000L);
        final TickJson fresh = timed(SBIN, "s1", 300_000);
        final TickJson both = timed(INFY, "i2", 200_000);
        stall(true);
        client.offerSnapshot(old);
        client.offerSnapshot(fresh);
        client.offerTick(fresh);
        socket.runPendingTasks();
        stall(false);
        client.offerTick(both);
        client.offerSnapshot(both);
        socket.runPendingTasks();

        assertEquals(List.of("i1", "s1", "i2"), written());
        final Histogram tickToWs = latency.stage(LatencyStage.TICK_TO_WS).intervalHistogram(null);
        assertEquals(2, tickToWs.getTotalCount());
        assertTrue(tickToWs.valuesAreEquivalent(300_000, tickToWs.getMaxValue()), tickToWs.getMaxValue() + " ns");
        assertEquals(2, latency.stage(LatencyStage.WS_WRITE).intervalHistogram(null).getTotalCount());
    }

    @Test
    void shouldNotTimeTheLatestTicksResentAfterTheInboxOverflowed()
    {
        client = client(4, 16, 64);
        for (int i = 1; i <= 6; i++)
        {
            client.offerTick(timed(INFY, "i" + i, 100_000));
        }
        latest.put(INFY, timed(INFY, "i7", 3_600_000_000_000L));

        socket.runPendingTasks();

        assertEquals(List.of("i1", "i2", "i3", "i4", "i7,conflated"), written());
        final Histogram tickToWs = latency.stage(LatencyStage.TICK_TO_WS).intervalHistogram(null);
        assertEquals(4, tickToWs.getTotalCount());
        assertTrue(tickToWs.valuesAreEquivalent(100_000, tickToWs.getMaxValue()), tickToWs.getMaxValue() + " ns");
    }

    private void stall(final boolean stalled)
    {
        socket.unsafe().outboundBuffer().setUserDefinedWritability(1, !stalled);
    }

    private List<String> written()
    {
        final List<String> texts = new ArrayList<>();
        Object frame;
        while ((frame = socket.readOutbound()) != null)
        {
            final TextWebSocketFrame text = (TextWebSocketFrame)frame;
            texts.add(text.text().replace("{\"v\":\"", "").replace("\",\"conflated\":true}", ",conflated")
                .replace("\"}", ""));
            text.release();
        }
        return texts;
    }

    private TickJson timed(final long token, final String body, final long ageNs)
    {
        final String json = "{\"v\":\"" + body + "\"}";
        return new TickJson(token, ++sequence, json, json, json, nowNs[0] - ageNs, nowNs[0] - ageNs / 2);
    }

    private TickJson tick(final long token, final String body)
    {
        final String json = "{\"v\":\"" + body + "\"}";
        return new TickJson(token, ++sequence, json, json, json, 0, LiveState.UNMEASURED);
    }

    private static final class FailsWritesAsClosed extends ChannelOutboundHandlerAdapter
    {
        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
        }
    }

    private static final class ClosesOnFirstWrite extends ChannelOutboundHandlerAdapter
    {
        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            ctx.write(msg, promise);
            ctx.channel().close();
        }
    }

    private static final class WritableOnFlush extends ChannelOutboundHandlerAdapter
    {
        boolean stallOnNextWrite;
        boolean stalled;
        boolean madeWritable;

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            if (stallOnNextWrite)
            {
                stallOnNextWrite = false;
                stalled = true;
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            }
            ctx.write(msg, promise);
        }

        @Override
        public void flush(final ChannelHandlerContext ctx)
        {
            if (stalled)
            {
                stalled = false;
                madeWritable = true;
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, true);
                ctx.pipeline().fireChannelWritabilityChanged();
            }
            ctx.flush();
        }
    }

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter
    {
        int count;

        @Override
        public void flush(final ChannelHandlerContext ctx)
        {
            count++;
            ctx.flush();
        }
    }
}
