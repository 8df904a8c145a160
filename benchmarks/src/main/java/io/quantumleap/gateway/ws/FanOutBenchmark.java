package io.quantumleap.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.util.ReferenceCountUtil;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.TickJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket fan-out: one tick of an instrument to every client that watches it, from the hand-over to the bytes
 * each client's socket is given (frame header and payload, through Netty's WebSocket encoder), per tick.
 *
 * <ul>
 *   <li>{@code sharedAndBatched}, the gateway's fan-out: {@link TickFanOut#onTick} makes the tick's message bytes
 *   once and hands the tick to each client's lock-free inbox, scheduling one drain task per client on its event
 *   loop; each drain ({@link ClientChannel}) frames the shared bytes and flushes once.</li>
 *   <li>{@code perClient}, the baseline: what a server that sends to each session on its own does (a broadcaster
 *   calling each session's send): the message encoded to bytes for each client, framed, written and flushed.</li>
 * </ul>
 *
 * <p>Both start from the tick's JSON text, made once per tick (the gateway makes it from the read model; a baseline
 * serialising per session would also pay that per client, which this leaves out in the baseline's favour). The
 * baseline also writes straight from the event loop, without the hand-over between threads the gateway's follower
 * pays. The clients' sockets are Netty {@link EmbeddedChannel}s whose outbound end counts the encoded bytes and drops
 * them, so the kernel's part of a write is not in either; the tear-down fails the run unless every client was written
 * every tick once. The ticks are not timed ({@link LiveState#UNMEASURED}), so the latency stages are not recorded
 * either.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class FanOutBenchmark
{
    private static final long TOKEN = 408065;
    private static final int TICKS_PER_CALL = 16;

    @Param({"1", "10", "100", "1000"})
    public int clients;

    private EmbeddedChannel[] sockets;
    private TickFanOut fanOut;
    private String quote;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp()
    {
        final FanOutMetrics metrics = new FanOutMetrics(new LatencyRecorders());
        fanOut = new TickFanOut();
        sockets = new EmbeddedChannel[clients];
        for (int c = 0; c < clients; c++)
        {
            sockets[c] = new EmbeddedChannel(new Discard(), new WebSocket13FrameEncoder(false));
            final ClientChannel client = new ClientChannel(sockets[c], "s" + c, Set.of(), 1024, 4096, 64,
                Long.MAX_VALUE, metrics, token -> null);
            client.modes().put(TOKEN, 2);
            fanOut.add(TOKEN, client, 2);
        }
        quote = "{\"type\":\"tick\",\"data\":{\"tradable\":true,\"mode\":\"quote\",\"instrument_token\":408065," +
            "\"last_price\":1580.35,\"last_traded_quantity\":25,\"average_traded_price\":1578.92," +
            "\"volume_traded\":2746513,\"total_buy_quantity\":351278,\"total_sell_quantity\":498733," +
            "\"ohlc\":{\"open\":1571.0,\"high\":1589.9,\"low\":1568.15,\"close\":1569.4},\"change\":0.6977}}";
    }

    /** Fails the run unless every client was written every tick, once, whole. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        final int payload = quote.getBytes(StandardCharsets.UTF_8).length;
        final long frame = payload + (payload <= 125 ? 2 : payload <= 0xFFFF ? 4 : 10);
        for (int c = 0; c < clients; c++)
        {
            final long written = sockets[c].pipeline().get(Discard.class).bytes;
            sockets[c].finishAndReleaseAll();
            if (written != sequence * frame)
            {
                throw new IllegalStateException("client " + c + " was written " + written + " bytes for " + sequence +
                    " ticks of " + frame + " bytes each");
            }
        }
    }

    /** The gateway's fan-out: one encoding per tick, one flush per client per drain. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_CALL)
    public long sharedAndBatched()
    {
        for (int i = 0; i < TICKS_PER_CALL; i++)
        {
            fanOut.onTick(new TickJson(TOKEN, ++sequence, quote, quote, quote, 0, LiveState.UNMEASURED));
            for (final EmbeddedChannel socket : sockets)
            {
                socket.runPendingTasks();
            }
        }
        return sequence;
    }

    /** The baseline: each client's message encoded, framed, written and flushed on its own. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_CALL)
    public long perClient()
    {
        for (int i = 0; i < TICKS_PER_CALL; i++)
        {
            ++sequence;
            for (final EmbeddedChannel socket : sockets)
            {
                final byte[] bytes = quote.getBytes(StandardCharsets.UTF_8);
                socket.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)), socket.voidPromise());
            }
        }
        return sequence;
    }

    /** The outbound end of a client's socket: counts the encoded bytes and drops them. */
    private static final class Discard extends ChannelOutboundHandlerAdapter
    {
        long bytes;

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            bytes += ((ByteBuf)msg).readableBytes();
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        }
    }
}
