package io.quantumleap.journal.internal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Touches the pages ahead of the appenders, and creates the next daily file before it is needed, so an
 * append on the hot path does not take a page fault or a file creation.
 *
 * <p>Runs on its own daemon thread, {@value #THREAD_NAME}, with its own appenders (Chronicle appenders
 * belong to one thread). It sleeps between passes: it never spins on a shared 2-core machine.
 */
public final class Pretoucher implements AutoCloseable
{
    /** Name of the thread. */
    public static final String THREAD_NAME = "qleap-journal-pretouch";

    private final SingleChronicleQueue[] queues;
    private final long intervalNs;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param queues     queues to pretouch.
     * @param intervalMs pause between passes.
     */
    public Pretoucher(final SingleChronicleQueue[] queues, final long intervalMs)
    {
        this.queues = queues.clone();
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start()
    {
        thread.start();
    }

    private void run()
    {
        final ExcerptAppender[] appenders = new ExcerptAppender[queues.length];
        try
        {
            for (int i = 0; i < queues.length; i++)
            {
                appenders[i] = queues[i].createAppender();
            }
            while (running)
            {
                for (final ExcerptAppender appender : appenders)
                {
                    appender.pretouch();
                }
                LockSupport.parkNanos(intervalNs);
            }
        }
        catch (final RuntimeException ex)
        {
            if (running)
            {
                System.err.println("qleap journal: pretouching stopped, appends may page-fault: " + ex);
            }
        }
        finally
        {
            for (final ExcerptAppender appender : appenders)
            {
                if (null != appender)
                {
                    appender.close();
                }
            }
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
