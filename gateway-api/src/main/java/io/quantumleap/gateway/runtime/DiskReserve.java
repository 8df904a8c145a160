package io.quantumleap.gateway.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Keeps room on the data folder's disk for what must never be lost. The journal writes through memory-mapped files,
 * and a write to a mapped page the file system cannot allocate is not an error a caller can handle: the JVM delivers
 * it as an {@link InternalError} at whatever the thread is doing, and the core thread dies of it. So before the disk
 * is full, below {@code QLEAP_DISK_RESERVE} of free space, the data folder is short of space: market data, nearly all
 * of what the journal and the capture write, is left out of both (a feed gap of connection 255 in the journal), while
 * orders, the broker's replies and order updates are journaled as ever, into the room the reserve keeps. It is no
 * longer short once a quarter of the reserve more is free again.
 *
 * <p>{@link #check()} runs on a timer every {@link #CHECK_INTERVAL_MS} ms; {@link #shortOfSpace()} is a volatile read
 * for the journaling thread.
 */
public final class DiskReserve
{
    /** How often the free space is looked at. */
    public static final long CHECK_INTERVAL_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);

    private final String where;
    private final long reserveBytes;
    private final long enoughBytes;
    private final LongSupplier freeBytes;
    private volatile boolean shortOfSpace;

    /**
     * @param where        the folder, for the log.
     * @param reserveBytes the free space below which the disk is short of space; 0 for never.
     * @param freeBytes    the free space now.
     */
    DiskReserve(final String where, final long reserveBytes, final LongSupplier freeBytes)
    {
        if (reserveBytes < 0)
        {
            throw new IllegalArgumentException("QLEAP_DISK_RESERVE must not be negative: " + reserveBytes);
        }
        this.where = where;
        this.reserveBytes = reserveBytes;
        this.enoughBytes = reserveBytes + Math.min(reserveBytes / 4, Long.MAX_VALUE - reserveBytes);
        this.freeBytes = freeBytes;
        check();
    }

    /**
     * @param dir          the data folder.
     * @param reserveBytes the free space below which its disk is short of space; 0 for never.
     * @return a reserve of {@code dir}'s file system, checked once already.
     */
    static DiskReserve of(final Path dir, final long reserveBytes)
    {
        final FileStore store;
        try
        {
            store = Files.getFileStore(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the file system of " + dir + ": " + ex.getMessage(), ex);
        }
        return new DiskReserve(dir.toString(), reserveBytes, () ->
        {
            try
            {
                return store.getUsableSpace();
            }
            catch (final IOException ex)
            {
                // Not knowing is not short: market data is not dropped for a failed look.
                return Long.MAX_VALUE;
            }
        });
    }

    /** Looks at the free space again. */
    public void check()
    {
        final long free = freeBytes.getAsLong();
        if (!shortOfSpace && free < reserveBytes)
        {
            shortOfSpace = true;
            LOG.error("the disk of {} has {} free, less than the {} QLEAP_DISK_RESERVE keeps: market data is left " +
                "out of the journal and the capture (a feed gap of connection 255) until {} is free; orders, the " +
                "broker's replies and order updates are journaled as ever. Free space on that disk", where,
                megabytes(free), megabytes(reserveBytes), megabytes(enoughBytes));
        }
        else if (shortOfSpace && free >= enoughBytes)
        {
            shortOfSpace = false;
            LOG.warn("the disk of {} has {} free again: market data is journaled again (the feed gap of connection " +
                "255 ends with the next tick)", where, megabytes(free));
        }
    }

    /** @return true while the disk has less free space than the reserve (and not yet a quarter more again). */
    public boolean shortOfSpace()
    {
        return shortOfSpace;
    }

    private static String megabytes(final long bytes)
    {
        return (bytes >> 20) + " MB";
    }
}
