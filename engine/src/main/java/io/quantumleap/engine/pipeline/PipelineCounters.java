package io.quantumleap.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What went wrong in the pipeline, counted: read by any thread (metrics), written by producers and handlers.
 */
public final class PipelineCounters
{
    private final AtomicLong oversizedCommands = new AtomicLong();
    private final AtomicLong ringFull = new AtomicLong();
    private final AtomicLong journalFailures = new AtomicLong();
    private final AtomicLong coreFailures = new AtomicLong();
    private final AtomicLong leftOutForSpace = new AtomicLong();
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    void oversized()
    {
        oversizedCommands.incrementAndGet();
    }

    void ringFull()
    {
        ringFull.incrementAndGet();
    }

    void journalFailure(final Throwable ex)
    {
        journalFailures.incrementAndGet();
        lastFailure.set(ex);
    }

    void countLeftOutForSpace()
    {
        leftOutForSpace.incrementAndGet();
    }

    void coreFailure(final Throwable ex)
    {
        coreFailures.incrementAndGet();
        lastFailure.set(ex);
    }

    /** @return commands refused at ingress because they do not fit a slot. */
    public long oversizedCommands()
    {
        return oversizedCommands.get();
    }

    /** @return non-blocking publications refused because the ring was full. */
    public long ringFullCount()
    {
        return ringFull.get();
    }

    /** @return commands the journal failed to append (never handed to the core). */
    public long journalFailures()
    {
        return journalFailures.get();
    }

    /** @return market data commands left out of the journal (and the core) while its disk was short of space. */
    public long leftOutForSpace()
    {
        return leftOutForSpace.get();
    }

    /** @return exceptions that escaped the command handler or the sink. */
    public long coreFailures()
    {
        return coreFailures.get();
    }

    /** @return the most recent failure, or null. */
    public Throwable lastFailure()
    {
        return lastFailure.get();
    }
}
