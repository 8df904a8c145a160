package io.quantumleap.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.quantumleap.gateway.live.TickJson;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongFunction;

/**
 * One WebSocket client: its subscriptions and its outbound path. Owned by the client's Netty event loop; only the
 * {@code offer} methods may be called from other threads (the live-state follower above all), and they take no
 * lock and allocate nothing: they put the message in a bounded lock-free inbox and, when the client is not already
 * scheduled, schedule one drain task on its event loop.
 *
 * <p>The drain task writes everything the inbox holds without flushing, then flushes once. A client that keeps up
 * gets every tick, in order, unmarked. Only when the socket has a real backlog (the channel is not writable after
 * a flush: the kernel's buffer is full and the outbound bytes are above the high-water mark) do messages wait, and
 * while they wait a newer tick of an instrument replaces the older unsent one (sent with {@code "conflated":true}
 * once the socket drains); order updates and notices are never dropped. The same happens to a batch of more than
 * {@code conflateAbove} messages: the event loop fell that far behind the follower, and conflating is how it catches
 * up. A tick older than one already written for the same instrument is never written. A client that accepts nothing for
 * {@code stuckNanos}, or whose unconflatable backlog exceeds {@code maxQueued}, is closed with code 1013 and a
 * reason, and counted; a client the server lets go as it stops is closed with code 1001. When the inbox itself
 * overflows (the event loop is behind, not the socket), the dropped ticks are counted as conflated and the client is
 * resent the latest tick of each of its instruments.
 *
 * <p>The {@code ws_write} (published → flushed to the socket) and {@code tick_to_ws} (feed socket → flushed)
 * stages are recorded for each timed live tick (handed over by {@link #offerTick} because it arrived) after the flush
 * that wrote it; a conflated tick is timed by the newest update it carries. A tick sent as it was already known is
 * never timed, since its age says nothing of the path: the snapshot a subscription starts with
 * ({@link #offerSnapshot}) and the latest ticks resent after the inbox overflowed.
 */
final class ClientChannel
{
    private static final AtomicIntegerFieldUpdater<ClientChannel> SCHEDULED =
        AtomicIntegerFieldUpdater.newUpdater(ClientChannel.class, "scheduled");
    private static final byte[] CONFLATED_SUFFIX = ",\"conflated\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final long CLOSE_GRACE_MS = 1000;
    /**
     * The name of Micronaut's last inbound handler in the pipeline. The checks go just before it: after the frame
     * decoder and, when a client has {@code permessage-deflate}, after the decompressor, and before the WebSocket
     * handler Micronaut puts before it once the client is open.
     */
    private static final String MESSAGE_HANDLER = "micronaut-inbound-handler";
    /** Why a client that sent a binary frame is closed, as its close frame says. */
    private static final String NOT_TEXT =
        "a binary frame: /ws takes text frames of JSON, such as {\"a\":\"subscribe\",\"v\":[408065]}";
    /** The longest message a client may send, whole: as long as one frame may be ({@code LiveSocket}). */
    static final int MAX_MESSAGE_BYTES = 65536;

    private final Channel channel;
    private final String id;
    private volatile Set<Long> accountIds;
    private final int maxQueued;
    private final int conflateAbove;
    private final long stuckNanos;
    private final FanOutMetrics metrics;
    private final LongFunction<TickJson> latestTick;
    private final Map<Long, Integer> modes = new ConcurrentHashMap<>();
    private final ManyToOneConcurrentArrayQueue<Object> inbox;
    private final Runnable drainTask = this::drain;

    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    /** In {@link #sendBacklog}: a flush that makes the socket writable must not start a second loop inside it. */
    private boolean sendingBacklog;
    private final Long2ObjectHashMap<Unsent> unsentByToken = new Long2ObjectHashMap<>();
    private final Long2LongHashMap lastWrittenSequence = new Long2LongHashMap(Long.MIN_VALUE);
    private int supersededInBacklog;
    private boolean unflushed;
    private long lastProgressNs;
    private long[] batchReceivedNs = new long[64];
    private long[] batchPublishedNs = new long[64];
    private int batchSize;
    private long conflatedCount;
    private long sentCount;

    private volatile int scheduled;
    private volatile boolean closed;
    private volatile boolean overflowed;
    private volatile CloseRequest closeRequest;

    /** Why the event loop is to close the client; {@code slow} clients are counted as disconnected. */
    private record CloseRequest(WebSocketCloseStatus status, String reason, boolean slow)
    {
    }

    /** The newest unsent tick of one instrument while the socket has a backlog; {@code live} when it is timed. */
    private static final class Unsent
    {
        TickJson latest;
        boolean replacedOlder;
        boolean live;
    }

    /** The latest tick of an instrument a client has just subscribed to: written like a tick, never timed. */
    private record Snapshot(TickJson tick)
    {
    }

    /**
     * @param channel       the client's Netty channel, past the WebSocket handshake.
     * @param id            the session id.
     * @param accountIds    accounts whose orders and positions the client may see.
     * @param inboxCapacity messages the follower may hand over before the event loop takes them (a power of two).
     * @param maxQueued     messages (besides the latest tick per instrument) that may wait for a slow socket.
     * @param conflateAbove messages in one batch above which the batch is conflated (the event loop fell behind).
     * @param stuckNanos    how long a socket with a backlog may accept nothing before the client is closed.
     * @param metrics       shared counters and latency stages.
     * @param latestTick    the latest tick of an instrument, or null: what an overflowed client is resent.
     */
    ClientChannel(
        final Channel channel, final String id, final Set<Long> accountIds, final int inboxCapacity,
        final int maxQueued, final int conflateAbove, final long stuckNanos, final FanOutMetrics metrics,
        final LongFunction<TickJson> latestTick)
    {
        this.channel = channel;
        this.id = id;
        this.accountIds = Set.copyOf(accountIds);
        this.inbox = new ManyToOneConcurrentArrayQueue<>(inboxCapacity);
        this.maxQueued = maxQueued;
        this.conflateAbove = conflateAbove;
        this.stuckNanos = stuckNanos;
        this.metrics = metrics;
        this.latestTick = latestTick;
        this.lastProgressNs = metrics.clock.nanoTime();
        channel.pipeline().addFirst(new Watcher());
        final ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(CloseFrameDecoder.NAME) instanceof WebSocket08FrameDecoder decoder &&
            !(decoder instanceof CloseFrameDecoder))
        {
            // The client is opened as its handshake is handled, before a frame is read: no part of one is lost.
            // Netty's decoders for the protocol's versions 7, 8 and 13 read frames alike (7 and 13 only name 8's).
            pipeline.replace(CloseFrameDecoder.NAME, CloseFrameDecoder.NAME, new CloseFrameDecoder(MAX_MESSAGE_BYTES));
        }
        if (pipeline.get(MESSAGE_HANDLER) != null)
        {
            pipeline.addBefore(MESSAGE_HANDLER, "qleap-frame-check", new FrameCheck());
            pipeline.addBefore(MESSAGE_HANDLER, "qleap-utf8-check", new Utf8FrameValidator(false));
            pipeline.addBefore(MESSAGE_HANDLER, "qleap-message-limit", new MessageLimit());
            pipeline.addBefore(MESSAGE_HANDLER, "qleap-close", new CloseHandshake());
        }
    }

    String id()
    {
        return id;
    }

    boolean maySee(final long accountId)
    {
        return accountIds.contains(accountId);
    }

    /** Sets the accounts whose orders and positions the client may see, from any thread. */
    void accountIds(final Collection<Long> accountIds)
    {
        this.accountIds = Set.copyOf(accountIds);
    }

    /** Has the event loop close the client with code 1013 (try again later) and this reason, from any thread. */
    void closeSoon(final String why)
    {
        closeRequest = new CloseRequest(WebSocketCloseStatus.TRY_AGAIN_LATER, why, false);
        schedule();
    }

    /** Has the event loop close the client with code 1008 (policy violation) and this reason, from any thread. */
    void refuse(final String why)
    {
        closeRequest = new CloseRequest(WebSocketCloseStatus.POLICY_VIOLATION, why, false);
        schedule();
    }

    /**
     * Pings the client, from any thread. Its pong (browsers and WebSocket libraries answer by themselves) is a read:
     * the HTTP server closes a connection it has read nothing from for a while (Micronaut's
     * {@code micronaut.server.read-idle-timeout}, 5 minutes) with 1001, and a client that only listens, as a dashboard
     * left open, sends nothing else.
     */
    void ping()
    {
        if (!closed && channel.isActive())
        {
            channel.writeAndFlush(new PingWebSocketFrame());
        }
    }

    /** Has the event loop close the client with code 1001 (going away) and this reason, from any thread. */
    void goAway(final String why)
    {
        closeRequest = new CloseRequest(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, why, false);
        schedule();
    }

    /** @return whether the client's connection is still open (a close frame is flushed before it closes). */
    boolean isConnected()
    {
        return channel.isActive();
    }

    /** @return instrument token → mode (1 ltp, 2 quote, 3 full); written by the hub, read on the event loop. */
    Map<Long, Integer> modes()
    {
        return modes;
    }

    /** @return ticks this client did not get because a newer one of the same instrument replaced them. */
    long conflatedCount()
    {
        return conflatedCount;
    }

    /** @return messages written to this client's socket. */
    long sentCount()
    {
        return sentCount;
    }

    boolean isClosed()
    {
        return closed;
    }

    /** Hands a live tick (one that has just arrived) over from any thread; never blocks, allocates nothing. */
    void offerTick(final TickJson tick)
    {
        if (closed)
        {
            return;
        }
        if (!inbox.offer(tick))
        {
            overflowed = true;
            metrics.conflated.increment();
        }
        schedule();
    }

    /**
     * Hands over, from any thread, the latest tick of an instrument the client has just subscribed to: written like
     * a live tick (unless a newer one of the instrument was written first) but not timed, as it may be hours old.
     */
    void offerSnapshot(final TickJson tick)
    {
        if (closed)
        {
            return;
        }
        if (!inbox.offer(new Snapshot(tick)))
        {
            overflowed = true;
            metrics.conflated.increment();
        }
        schedule();
    }

    /** Hands a ready-made JSON message over from any thread; never dropped while the client is open. */
    void offer(final String json)
    {
        if (closed)
        {
            return;
        }
        if (!inbox.offer(json))
        {
            closeRequest = new CloseRequest(WebSocketCloseStatus.TRY_AGAIN_LATER,
                "too far behind: more than " + inbox.capacity() + " messages waiting for the event loop", true);
        }
        schedule();
    }

    private void schedule()
    {
        if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1))
        {
            try
            {
                channel.eventLoop().execute(drainTask);
            }
            catch (final RejectedExecutionException ex)
            {
                closed = true;
            }
        }
    }

    private void drain()
    {
        scheduled = 0;
        if (closed)
        {
            inbox.clear();
            return;
        }
        final CloseRequest close = closeRequest;
        if (close != null)
        {
            disconnect(close.status(), close.reason(), close.slow());
            return;
        }
        final boolean resync = overflowed;
        if (resync)
        {
            overflowed = false;
        }
        sendBacklog();
        final boolean behind = inbox.size() > conflateAbove;
        Object message;
        while ((message = inbox.poll()) != null && !closed)
        {
            if (behind)
            {
                queue(message);
            }
            else
            {
                accept(message);
            }
        }
        if (behind && !closed)
        {
            sendBacklog();
        }
        if (resync && !closed)
        {
            resync();
        }
        finish();
    }

    private void accept(final Object message)
    {
        if (backlog.isEmpty() && writable())
        {
            write(message, false);
        }
        else
        {
            queue(message);
        }
    }

    private void resync()
    {
        for (final Long token : modes.keySet())
        {
            final TickJson tick = latestTick.apply(token);
            if (tick != null)
            {
                queueTick(tick, true, false);
            }
        }
        sendBacklog();
    }

    private void queue(final Object message)
    {
        if (message instanceof TickJson tick)
        {
            queueTick(tick, false, true);
        }
        else if (message instanceof Snapshot snapshot)
        {
            queueTick(snapshot.tick(), false, false);
        }
        else if (!closed)
        {
            if (backlog.isEmpty())
            {
                supersededInBacklog = 0;
            }
            addToBacklog(message);
        }
    }

    /**
     * @param conflated marks the tick conflated when written.
     * @param live      the tick is timed when written (it arrived now; a snapshot or a resend is not).
     */
    private void queueTick(final TickJson tick, final boolean conflated, final boolean live)
    {
        if (closed)
        {
            return;
        }
        if (backlog.isEmpty())
        {
            supersededInBacklog = 0;
        }
        Unsent unsent = unsentByToken.get(tick.instrumentToken());
        if (unsent == null)
        {
            unsent = new Unsent();
            unsentByToken.put(tick.instrumentToken(), unsent);
        }
        if (unsent.latest == tick)
        {
            unsent.live |= live;
            return;
        }
        if (unsent.latest != null)
        {
            unsent.replacedOlder = true;
            supersededInBacklog++;
            conflatedCount++;
            metrics.conflated.increment();
        }
        unsent.replacedOlder |= conflated;
        unsent.latest = tick;
        unsent.live = live;
        addToBacklog(tick);
    }

    private void addToBacklog(final Object message)
    {
        backlog.add(message);
        final int live = backlog.size() - supersededInBacklog;
        if (live > maxQueued + modes.size())
        {
            disconnect(WebSocketCloseStatus.TRY_AGAIN_LATER,
                "too far behind: " + live + " messages waiting for the socket", true);
            return;
        }
        if (supersededInBacklog > 64 && supersededInBacklog > live)
        {
            compact();
        }
    }

    private void compact()
    {
        for (int i = backlog.size(); i > 0; i--)
        {
            final Object message = backlog.poll();
            if (!(message instanceof TickJson tick) || unsentByToken.get(tick.instrumentToken()).latest == tick)
            {
                backlog.add(message);
            }
        }
        supersededInBacklog = 0;
    }

    /**
     * Writes what waits while the socket takes it. Flushing (to see whether the socket is writable) can make it
     * writable at once, which calls {@link #onWritable} inside this loop: that call leaves the sending to this one, and
     * a connection that closed meanwhile (its backlog cleared) ends it.
     */
    private void sendBacklog()
    {
        if (sendingBacklog)
        {
            return;
        }
        sendingBacklog = true;
        try
        {
            sendWhileWritable();
        }
        finally
        {
            sendingBacklog = false;
        }
    }

    private void sendWhileWritable()
    {
        while (!closed && !backlog.isEmpty() && writable())
        {
            final Object message = backlog.poll();
            if (message == null)
            {
                return;
            }
            if (message instanceof TickJson tick)
            {
                final Unsent unsent = unsentByToken.get(tick.instrumentToken());
                if (unsent.latest != tick)
                {
                    supersededInBacklog--;
                    continue;
                }
                final boolean conflated = unsent.replacedOlder;
                final boolean live = unsent.live;
                unsent.latest = null;
                unsent.replacedOlder = false;
                unsent.live = false;
                writeTick(tick, conflated, live);
            }
            else
            {
                write(message, false);
            }
        }
    }

    private boolean writable()
    {
        if (channel.isWritable())
        {
            return true;
        }
        if (unflushed)
        {
            flush();
        }
        return channel.isWritable();
    }

    private void write(final Object message, final boolean conflated)
    {
        if (message instanceof TickJson tick)
        {
            writeTick(tick, conflated, true);
        }
        else if (message instanceof Snapshot snapshot)
        {
            writeTick(snapshot.tick(), conflated, false);
        }
        else
        {
            send(Unpooled.wrappedBuffer(((String)message).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** @param live the tick is timed (it arrived now; a snapshot or a resend is not). */
    private void writeTick(final TickJson tick, final boolean conflated, final boolean live)
    {
        final Integer mode = modes.get(tick.instrumentToken());
        if (mode == null || tick.sequence() < lastWrittenSequence.get(tick.instrumentToken()))
        {
            return;
        }
        lastWrittenSequence.put(tick.instrumentToken(), tick.sequence());
        final byte[] bytes = tick.bytesForMode(mode);
        final ByteBuf content = conflated ?
            Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1),
                Unpooled.wrappedBuffer(CONFLATED_SUFFIX)) :
            Unpooled.wrappedBuffer(bytes);
        if (live && tick.measured())
        {
            addToBatch(tick);
        }
        send(content);
    }

    private void send(final ByteBuf content)
    {
        if (!channel.isOpen())
        {
            // The socket closed under this drain (the peer went away and a write or flush failed): a write now only
            // fails, and a write with the void promise fails into the pipeline, where each is logged as an error.
            content.release();
            stopSending();
            return;
        }
        channel.write(new TextWebSocketFrame(content), channel.voidPromise());
        unflushed = true;
        sentCount++;
        metrics.sent.increment();
    }

    private void addToBatch(final TickJson tick)
    {
        if (batchSize == batchReceivedNs.length)
        {
            batchReceivedNs = Arrays.copyOf(batchReceivedNs, batchSize * 2);
            batchPublishedNs = Arrays.copyOf(batchPublishedNs, batchSize * 2);
        }
        batchReceivedNs[batchSize] = tick.receivedNs();
        batchPublishedNs[batchSize] = tick.publishedNs();
        batchSize++;
    }

    private void flush()
    {
        channel.flush();
        unflushed = false;
        final long nowNs = metrics.clock.nanoTime();
        lastProgressNs = nowNs;
        for (int i = 0; i < batchSize; i++)
        {
            metrics.wsWrite.record(batchPublishedNs[i], nowNs);
            metrics.tickToWs.record(batchReceivedNs[i], nowNs);
        }
        batchSize = 0;
    }

    private void finish()
    {
        if (unflushed)
        {
            flush();
        }
        if (!backlog.isEmpty() && !closed && metrics.clock.nanoTime() - lastProgressNs > stuckNanos)
        {
            disconnect(WebSocketCloseStatus.TRY_AGAIN_LATER, "client stopped reading for too long", true);
        }
    }

    private void onWritable()
    {
        if (!closed && !backlog.isEmpty() && !sendingBacklog)
        {
            sendBacklog();
            finish();
        }
    }

    /**
     * The client is sent nothing more: what waits for its socket is dropped, and so are the timings of ticks written
     * but not flushed, which no socket will take. On the event loop.
     */
    private void stopSending()
    {
        closed = true;
        backlog.clear();
        unsentByToken.clear();
        batchSize = 0;
    }

    private void disconnect(final WebSocketCloseStatus status, final String why, final boolean slow)
    {
        if (closed)
        {
            return;
        }
        stopSending();
        inbox.clear();
        if (slow)
        {
            metrics.disconnected.increment();
        }
        if (channel.isActive())
        {
            channel.writeAndFlush(new CloseWebSocketFrame(status.code(), why))
                .addListener(ChannelFutureListener.CLOSE);
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ends the connection on a client's Close frame as RFC 6455 asks: answered with one Close frame that echoes the
     * client's status code (none when it gave none), unless the server sent its own first, then the connection closed;
     * the client is sent nothing more. The frame goes no further: the WebSocket layer behind would answer it again,
     * with a code made from a missing one (65535). A Close frame with a code the client may not send, a reason that
     * is not UTF-8 or a body of one byte never gets here: the frame decoder refuses it as a broken frame, answered
     * with a Close frame saying why ({@link CloseFrameDecoder}).
     *
     * <p>A client that goes away in the middle of a message sent in fragments leaves nothing to answer: the
     * aggregator's complaint about it is not passed on as a fault.
     */
    private final class CloseHandshake extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) throws Exception
        {
            if (!(msg instanceof CloseWebSocketFrame frame))
            {
                super.channelRead(ctx, msg);
                return;
            }
            final int code = frame.statusCode();
            frame.release();
            final boolean answer = !closed;
            stopSending();
            if (answer)
            {
                ctx.writeAndFlush(code == -1 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""))
                    .addListener(ChannelFutureListener.CLOSE);
            }
            else
            {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) throws Exception
        {
            if (!(cause instanceof PrematureChannelClosureException))
            {
                super.exceptionCaught(ctx, cause);
            }
        }
    }

    /**
     * Refuses a frame with a reserved bit set: the WebSocket layer lets such frames through in case an extension
     * uses the bit, but the one extension the server may agree, {@code permessage-deflate}, clears it before this
     * point, so a bit still set is one no extension gave a meaning to (RFC 6455, 5.2): closed with 1002. And refuses
     * a binary frame, which the WebSocket layer would read as text: the protocol is text frames of JSON, so a client
     * that sends bytes is sending something else (RFC 6455, 7.4.1): closed with 1003.
     */
    private static final class FrameCheck extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) throws Exception
        {
            if (msg instanceof WebSocketFrame frame && frame.rsv() != 0)
            {
                final int rsv = frame.rsv();
                frame.release();
                ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "a frame with reserved bits " + Integer.toBinaryString(rsv) + " set, which no extension in use " +
                    "gives a meaning to"));
                return;
            }
            if (msg instanceof BinaryWebSocketFrame frame)
            {
                frame.release();
                ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    NOT_TEXT));
                return;
            }
            super.channelRead(ctx, msg);
        }
    }

    /**
     * Takes a message sent in fragments whole, up to {@link #MAX_MESSAGE_BYTES} in all: the frame decoder limits
     * each frame only, so a client could otherwise send one message of any length, frame after frame, all of it held
     * in memory. A longer one breaks the protocol as a frame too long does: refused, counted and closed with 1009.
     */
    private static final class MessageLimit extends WebSocketFrameAggregator
    {
        MessageLimit()
        {
            super(MAX_MESSAGE_BYTES);
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final WebSocketFrame oversized)
        {
            ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "a message of more than " + MAX_MESSAGE_BYTES + " bytes in its fragments"));
        }
    }

    /** Resumes a backlog when the socket drains, and stops taking messages when the connection is gone. */
    private final class Watcher extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
        {
            if (ctx.channel().isWritable())
            {
                onWritable();
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            stopSending();
            super.channelInactive(ctx);
        }

        /**
         * The writes a connection's close failed (those waiting when the peer went away): each fails into the
         * pipeline, as they carry no promise, and the WebSocket layer would log every one as an unexpected error.
         * The connection is gone; the client is sent nothing more.
         */
        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) throws Exception
        {
            if (cause instanceof ClosedChannelException)
            {
                stopSending();
                return;
            }
            super.exceptionCaught(ctx, cause);
        }
    }
}
