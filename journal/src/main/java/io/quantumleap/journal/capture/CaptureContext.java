package io.quantumleap.journal.capture;

import io.quantumleap.engine.pipeline.Configuration;
import io.quantumleap.journal.JournalConfiguration;
import io.quantumleap.journal.JournalContext;
import org.agrona.BitUtil;
import org.agrona.concurrent.EpochClock;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Settings of the raw frame capture: where the queue lives ({@code <journal>/capture}), the journal's roll time
 * and block size, and the ring between the feed and the writer thread. {@link #conclude()} validates.
 */
public final class CaptureContext
{
    /** Name of the queue directory inside the journal directory. */
    public static final String DIRECTORY_NAME = "capture";

    private Path dir;
    private long rollEpochMs;
    private long blockSize;
    private EpochClock epochClock;
    private BooleanSupplier shortOfSpace = () -> false;
    private int ringBytes = Configuration.intProperty(JournalConfiguration.CAPTURE_RING_BYTES_PROP_NAME,
        JournalConfiguration.CAPTURE_RING_BYTES_DEFAULT, 1 << 16, JournalConfiguration.CAPTURE_RING_BYTES_MAX,
        "a power of two of bytes");

    /**
     * @param journal the run's journal settings: the capture queue goes in its directory and rolls with it.
     * @return a context for {@code <journal>/capture}.
     */
    public static CaptureContext of(final JournalContext journal)
    {
        final CaptureContext context = new CaptureContext();
        context.dir = journal.journalDir().resolve(DIRECTORY_NAME);
        context.rollEpochMs = journal.rollEpochMs();
        context.blockSize = journal.blockSize();
        context.epochClock = journal.epochClock();
        return context;
    }

    /**
     * @return whether capture is on ({@value JournalConfiguration#CAPTURE_PROP_NAME}, default on).
     * @throws IllegalArgumentException naming the property when it is neither true nor false.
     */
    public static boolean enabledBySystemProperty()
    {
        return Configuration.booleanProperty(
            JournalConfiguration.CAPTURE_PROP_NAME, JournalConfiguration.CAPTURE_DEFAULT);
    }

    /**
     * @return this, validated.
     * @throws IllegalArgumentException naming the wrong setting.
     */
    public CaptureContext conclude()
    {
        if (!BitUtil.isPowerOfTwo(ringBytes) || ringBytes < (1 << 16))
        {
            throw new IllegalArgumentException(JournalConfiguration.CAPTURE_RING_BYTES_PROP_NAME +
                " must be a power of two of at least 65536 bytes, was " + ringBytes);
        }
        return this;
    }

    /** @return the capture queue's directory. */
    public Path dir()
    {
        return dir;
    }

    /** @return when daily files roll, as Chronicle's roll epoch. */
    public long rollEpochMs()
    {
        return rollEpochMs;
    }

    /** @return bytes per memory-mapped chunk. */
    public long blockSize()
    {
        return blockSize;
    }

    /** @return the clock that decides which daily file an excerpt goes to. */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /** @return bytes of the ring between the feed and the writer. */
    public int ringBytes()
    {
        return ringBytes;
    }

    /** @param ringBytes bytes of the ring, a power of two. @return this. */
    public CaptureContext ringBytes(final int ringBytes)
    {
        this.ringBytes = ringBytes;
        return this;
    }

    public BooleanSupplier shortOfSpace()
    {
        return shortOfSpace;
    }

    /**
     * @param shortOfSpace true while the journal's disk is short of space: frames are dropped (counted) then, so an
     *                     audit copy never takes the room the journal needs.
     * @return this.
     */
    public CaptureContext shortOfSpace(final BooleanSupplier shortOfSpace)
    {
        this.shortOfSpace = Objects.requireNonNull(shortOfSpace, "shortOfSpace");
        return this;
    }
}
