package io.quantumleap.journal.capture;

import io.quantumleap.engine.kite.feed.RawFrameCapture;
import io.quantumleap.journal.JournalException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Keeps every raw Kite ticker frame in the Chronicle queue {@code <journal>/capture} (layout: {@link CapturedFrame}),
 * off the feed's hot path: {@link #onFrame} copies the frame and its header into an Agrona many-to-one ring and
 * returns; the {@code qleap-capture} thread drains the ring into the queue. Neither side allocates after warm-up.
 * A frame that finds the ring full (the disk fell behind) is left out of the capture and counted
 * ({@link #droppedFrames()}), never waited for: an audit copy must not stall the feed. So is every frame while the
 * journal's disk is short of space ({@link CaptureContext#shortOfSpace}).
 *
 * <p>Threads: {@link #onFrame} from any feed IO thread; {@link #drain} from the writer thread only (the one
 * {@link #start} runs, or the caller's when opened without one). After a kill -9 the frames still in the ring are
 * lost (milliseconds' worth), every frame appended to the queue is kept, a torn last excerpt is never read, and the
 * next run appends after it.
 */
public final class FrameCapture implements RawFrameCapture, AutoCloseable
{
    private static final int FRAME_MSG_TYPE = 1;
    private static final int DRAIN_LIMIT = 256;

    private final SingleChronicleQueue queue;
    private final ManyToOneRingBuffer ring;
    private final AtomicLong dropped = new AtomicLong();
    private final BooleanSupplier shortOfSpace;
    private final MessageHandler appendHandler = this::append;
    private ExcerptAppender appender;
    private volatile long captured;
    private volatile long failed;
    private AgentRunner runner;

    private FrameCapture(final CaptureContext context)
    {
        context.conclude();
        shortOfSpace = context.shortOfSpace();
        try
        {
            Files.createDirectories(context.dir());
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create the capture queue " + context.dir() + ": " + ex.getMessage(), ex);
        }
        queue = SingleChronicleQueueBuilder.binary(context.dir())
            .rollCycle(RollCycles.FAST_DAILY)
            .epoch(context.rollEpochMs())
            .timeProvider(context.epochClock()::time)
            .blockSize(context.blockSize())
            .build();
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(context.ringBytes() + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Opens (creating it) the capture queue and starts the {@code qleap-capture} writer thread.
     *
     * @param context where and how.
     * @return the capture, to hand to the feed as its {@link RawFrameCapture}.
     */
    public static FrameCapture start(final CaptureContext context)
    {
        final FrameCapture capture = new FrameCapture(context);
        // Nothing waits on the copy: idle, the writer sleeps 10 ms, a small part of what the ring holds.
        capture.runner = new AgentRunner(new SleepingMillisIdleStrategy(10),
            ex -> System.err.println("qleap capture: writer failed: " + ex), null, capture.new Writer());
        AgentRunner.startOnThread(capture.runner);
        return capture;
    }

    /**
     * Opens the capture queue without a writer thread: the caller drains (tests, tools).
     *
     * @param context where and how.
     * @return the capture.
     */
    public static FrameCapture open(final CaptureContext context)
    {
        return new FrameCapture(context);
    }

    @Override
    public void onFrame(
        final int connectionId,
        final long receiveNs,
        final boolean binary,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int total = CapturedFrame.HEADER_LENGTH + length;
        if (total > ring.maxMsgLength() || shortOfSpace.getAsBoolean())
        {
            dropped.incrementAndGet();
            return;
        }
        final int index = ring.tryClaim(FRAME_MSG_TYPE, total);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final AtomicBuffer claimed = ring.buffer();
        CapturedFrame.writeHeader(claimed, index, binary, connectionId, receiveNs);
        claimed.putBytes(index + CapturedFrame.HEADER_LENGTH, buffer, offset, length);
        ring.commit(index);
    }

    /**
     * Appends what the ring holds to the queue; writer thread only.
     *
     * @param limit most frames to append.
     * @return frames appended.
     */
    public int drain(final int limit)
    {
        return ring.read(appendHandler, limit);
    }

    /** @return frames appended to the queue by this process. */
    public long capturedFrames()
    {
        return captured;
    }

    /** @return frames left out because the ring was full or the frame was larger than the ring allows. */
    public long droppedFrames()
    {
        return dropped.get();
    }

    /** @return frames the queue refused (an I/O error, e.g. a full disk). */
    public long failedFrames()
    {
        return failed;
    }

    /** Stops the writer thread after it has appended everything in the ring, then closes the queue. */
    @Override
    public void close()
    {
        if (null != runner)
        {
            runner.close();
        }
        else
        {
            drainAndRelease();
        }
        queue.close();
    }

    private void append(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        try
        {
            if (null == appender)
            {
                appender = queue.createAppender();
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().unsafeWrite(buffer.addressOffset() + index, length);
            }
            captured = captured + 1;
        }
        catch (final RuntimeException ex)
        {
            final long count = failed + 1;
            failed = count;
            if (0 == (count & (count - 1)))
            {
                System.err.println("qleap capture: a frame could not be appended to " + queue.file() + " (" + count +
                    " so far): " + ex);
            }
        }
    }

    private void drainAndRelease()
    {
        int drained;
        do
        {
            drained = drain(DRAIN_LIMIT);
        }
        while (drained > 0);
        if (null != appender)
        {
            appender.close();
            appender = null;
        }
    }

    /** The {@code qleap-capture} thread: drains the ring into the queue, and empties it on close. */
    private final class Writer implements Agent
    {
        @Override
        public int doWork()
        {
            return drain(DRAIN_LIMIT);
        }

        @Override
        public void onClose()
        {
            drainAndRelease();
        }

        @Override
        public String roleName()
        {
            return "qleap-capture";
        }
    }
}
