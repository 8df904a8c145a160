package io.quantumleap.journal.internal;

import net.openhft.chronicle.queue.util.MicroTouched;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps page faults and write-back stalls away from the appends, with Chronicle's micro-touch: after each
 * append the writer touches the next page of the file (so the fault is taken right after an append, not in
 * the middle of the next one), and this thread, {@value #THREAD_NAME}, msyncs asynchronously up to 8 MiB
 * behind the writer so the kernel's write-back never blocks it on dirty pages. A thread that faults pages
 * in far ahead of the writer is Chronicle Enterprise's pretoucher; the open-source
 * {@code ExcerptAppender.pretouch()} of 2026.4 recurses until the stack overflows, so it is not used.
 * The thread sleeps between passes: it never spins on a shared 2-core machine.
 */
public final class Pretoucher implements AutoCloseable
{
    /** Name of the thread. */
    public static final String THREAD_NAME = "qleap-journal-pretouch";

    private final CopyOnWriteArrayList<ExcerptWriter> writers = new CopyOnWriteArrayList<>();
    private final long intervalNs;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param intervalMs pause between passes. */
    public Pretoucher(final long intervalMs)
    {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * @param writer whose pages to touch from now on.
     * @return the writer.
     */
    public ExcerptWriter register(final ExcerptWriter writer)
    {
        writers.add(writer);
        return writer;
    }

    /** Starts the thread. */
    public void start()
    {
        thread.start();
    }

    private void run()
    {
        boolean reported = false;
        while (running)
        {
            for (final ExcerptWriter writer : writers)
            {
                final MicroTouched toucher = writer.toucher();
                if (null == toucher)
                {
                    continue;
                }
                try
                {
                    toucher.bgMicroTouch();
                }
                catch (final RuntimeException ex)
                {
                    if (running && !reported)
                    {
                        reported = true;
                        System.err.println("qleap journal: pretouching failed, appends may page-fault: " + ex);
                    }
                }
            }
            LockSupport.parkNanos(intervalNs);
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
