package io.quantumleap.journal.internal;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps page faults and the file system's block allocation off the appending threads: this thread,
 * {@value #THREAD_NAME}, writes every page from each writer's position up to {@code aheadBytes} beyond it into
 * the page cache before the writer gets there, so an append only ever stores into memory that is already mapped
 * and dirty.
 *
 * <p>Why a thread of our own: the first write to a page of a file mapping faults, and on ext4 every few MiB
 * one of those faults waits 10-25 ms for the file system (measured on this project's machine, with and
 * without Chronicle: see benchmarks/README.md, Journal). Chronicle's own answer, a micro-touch of the next
 * page after each append, still takes that fault on the appending thread, and the open-source
 * {@code ExcerptAppender.pretouch()} of 2026.4 recurses until the stack overflows.
 *
 * <p>How a page is touched: a compare-and-set of its first 8 bytes from 0 to 0, through the very mapping the
 * writer uses (Chronicle maps each chunk of a file once and shares it; this thread holds a reference to the
 * chunk it touches, so it is never unmapped under it). It is a write for the kernel, so the page is allocated,
 * dirtied and mapped writable for the writer too, but it can never change the file: if the writer got there
 * first the value is not 0 and the same value is stored back in the same atomic step. Reaching the next chunk
 * first, this thread also takes its mapping and the file's growth off the writer. It sleeps between passes: it
 * never spins on a shared 2-core machine.
 *
 * <p>Touched once is not enough: the kernel writes dirty pages back (those dirty for 30 s, every 5 s by default)
 * and write-protects each page it cleans, so the next write to it faults again. At a few hundred appends a second
 * the writer reaches a page minutes after it was first touched, long after that, and without more it would take
 * one such fault on every page it enters. So every pass also touches again the pages the writer reaches next, up
 * to {@value #RETOUCH_BYTES} bytes past its position (far more than it appends between two passes): a page
 * cleaned since takes its fault here, one still dirty costs the compare-and-set alone.
 */
public final class Pretoucher implements AutoCloseable
{
    /** Name of the thread. */
    public static final String THREAD_NAME = "qleap-journal-pretouch";
    /** Granularity of touching. */
    public static final int PAGE_SIZE = 4096;
    /** How far past the writer's position each pass touches pages again, however long ago they were touched. */
    public static final long RETOUCH_BYTES = 4L << 20;

    private final CopyOnWriteArrayList<Lookahead> lookaheads = new CopyOnWriteArrayList<>();
    private final long intervalNs;
    private final long aheadBytes;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean reported;
    private volatile long passes;

    /**
     * @param intervalMs pause between passes.
     * @param aheadBytes how far beyond each writer's position pages are kept touched.
     */
    public Pretoucher(final long intervalMs, final long aheadBytes)
    {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.aheadBytes = aheadBytes;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * @param writer whose pages to touch from now on.
     * @return the writer.
     */
    public ExcerptWriter register(final ExcerptWriter writer)
    {
        lookaheads.add(new Lookahead(writer));
        return writer;
    }

    /** Starts the thread. */
    public void start()
    {
        thread.start();
    }

    /**
     * @param writer a registered writer.
     * @return the end of the touched pages in the writer's current file, or -1 before its first append.
     */
    public long touchedUpTo(final ExcerptWriter writer)
    {
        for (final Lookahead lookahead : lookaheads)
        {
            if (lookahead.writer == writer)
            {
                return lookahead.touchedUpTo;
            }
        }
        throw new IllegalArgumentException("writer is not registered with this pretoucher");
    }

    /** @return passes over the writers completed so far. */
    long passes()
    {
        return passes;
    }

    private void run()
    {
        while (running)
        {
            for (final Lookahead lookahead : lookaheads)
            {
                try
                {
                    lookahead.pass(aheadBytes);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The file closed or could not be grown: start again from the writer's position on the next
                    // pass, and say so once.
                    lookahead.release();
                    if (running && !reported)
                    {
                        reported = true;
                        System.err.println("qleap journal: pretouching failed, appends may page-fault: " + ex);
                    }
                }
            }
            passes++;
            LockSupport.parkNanos(intervalNs);
        }
        for (final Lookahead lookahead : lookaheads)
        {
            lookahead.release();
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

    /** One writer's queue file as this thread sees it: the chunk it holds and how far it has been touched. */
    private static final class Lookahead implements ReferenceOwner
    {
        private final ExcerptWriter writer;
        private MappedFile file;
        private MappedBytesStore chunk;
        private volatile long touchedUpTo = -1;

        Lookahead(final ExcerptWriter writer)
        {
            this.writer = writer;
        }

        void pass(final long aheadBytes) throws IOException
        {
            final MappedFile current = writer.mappedFile();
            if (null == current)
            {
                return;
            }
            if (current != file)
            {
                // The writer rolled to a new file: its position may still be the old file's until its next
                // append, so touching starts on the next pass.
                release();
                file = current;
                return;
            }
            final long position = writer.writtenUpTo();
            final long page = position & -PAGE_SIZE;
            final long retouchEnd = Math.min(touchedUpTo, page + Math.min(aheadBytes, RETOUCH_BYTES));
            for (long again = page; again < retouchEnd; again += PAGE_SIZE)
            {
                touch(again);
            }
            long touched = Math.max(touchedUpTo, page);
            final long target = (position + aheadBytes) & -PAGE_SIZE;
            while (touched < target)
            {
                touch(touched);
                touched += PAGE_SIZE;
                touchedUpTo = touched;
            }
        }

        private void touch(final long page) throws IOException
        {
            if (null == chunk || page < chunk.start() || page >= chunk.safeLimit())
            {
                // The same mapping of this chunk the writer gets (Chronicle keeps one per chunk), mapped and the
                // file grown here if the writer has not got that far yet.
                final MappedBytesStore next = file.acquireByteStore(this, page);
                releaseChunk();
                chunk = next;
            }
            chunk.compareAndSwapLong(page, 0, 0);
        }

        private void releaseChunk()
        {
            if (null != chunk)
            {
                chunk.release(this);
                chunk = null;
            }
        }

        void release()
        {
            releaseChunk();
            file = null;
            touchedUpTo = -1;
        }
    }
}
