package io.quantumleap.persistence.copy;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format, built in a reusable growable array (big-endian, as the format
 * requires). Owned by the persister thread; after warm-up it grows no more and allocates nothing per row.
 */
public final class BinaryCopyBuffer
{
    /** Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01 UTC. */
    public static final long PG_EPOCH_OFFSET_US = 946_684_800_000_000L;

    /** Bytes of the COPY file header at the start of the buffer. */
    public static final int HEADER_LENGTH = 19;

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte)0xFF, '\r', '\n', 0,
        0, 0, 0, 0,
        0, 0, 0, 0
    };

    private static final byte[] TRAILER = {(byte)0xFF, (byte)0xFF};

    private byte[] bytes;
    private int position;
    private int rows;

    /**
     * @param initialCapacity bytes to reserve up front.
     */
    public BinaryCopyBuffer(final int initialCapacity)
    {
        bytes = new byte[Math.max(initialCapacity, 64)];
        reset();
    }

    /** Empties the buffer and writes the file header. */
    public void reset()
    {
        position = 0;
        rows = 0;
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        position = HEADER.length;
    }

    /** Rows written since the last reset. */
    public int rows()
    {
        return rows;
    }

    /** Starts a row of {@code fieldCount} fields. */
    public void startRow(final int fieldCount)
    {
        ensure(2);
        putShort(fieldCount);
        rows++;
    }

    /** A bigint field. */
    public void int8(final long value)
    {
        ensure(12);
        putInt(8);
        putLong(value);
    }

    /** A smallint field. */
    public void int2(final int value)
    {
        ensure(6);
        putInt(2);
        putShort(value);
    }

    /** An integer field. */
    public void int4(final int value)
    {
        ensure(8);
        putInt(4);
        putInt(value);
    }

    /** A timestamptz field from Unix epoch nanoseconds. */
    public void timestampNs(final long epochNs)
    {
        int8(Math.floorDiv(epochNs, 1000L) - PG_EPOCH_OFFSET_US);
    }

    /** A timestamptz field from Unix epoch seconds. */
    public void timestampS(final long epochS)
    {
        int8(epochS * 1_000_000L - PG_EPOCH_OFFSET_US);
    }

    /** A NULL field. */
    public void nullField()
    {
        ensure(4);
        putInt(-1);
    }

    /** Bytes used, trailer excluded. */
    public int length()
    {
        return position;
    }

    /**
     * Sends the rows through one COPY statement and ends it.
     *
     * @param copySql e.g. {@code COPY t (a, b) FROM STDIN (FORMAT binary)}.
     * @return rows the server reports as copied.
     */
    public long copyTo(final CopyManager copyManager, final String copySql) throws SQLException
    {
        ensure(2);
        putShort(-1);
        final CopyIn copyIn = copyManager.copyIn(copySql);
        try
        {
            copyIn.writeToCopy(bytes, 0, position);
            return copyIn.endCopy();
        }
        finally
        {
            position -= 2;
            if (copyIn.isActive())
            {
                cancelQuietly(copyIn);
            }
        }
    }

    /**
     * Sends the bytes written since the last {@link #reset()} or {@code streamTo} into an open COPY and empties the
     * buffer of them; {@link #rows()} keeps counting. The first call on a COPY sends the file header too.
     *
     * @param startOfCopy whether this is the first part sent to {@code copyIn}.
     */
    public void streamTo(final CopyIn copyIn, final boolean startOfCopy) throws SQLException
    {
        final int from = startOfCopy ? 0 : HEADER.length;
        if (position > from)
        {
            copyIn.writeToCopy(bytes, from, position - from);
        }
        position = HEADER.length;
    }

    /**
     * Ends a COPY that {@link #streamTo} fed: sends the file trailer and waits for the server's answer.
     *
     * @return rows the server reports as copied.
     */
    public static long endStream(final CopyIn copyIn) throws SQLException
    {
        try
        {
            copyIn.writeToCopy(TRAILER, 0, TRAILER.length);
            return copyIn.endCopy();
        }
        catch (final SQLException | RuntimeException ex)
        {
            // The driver keeps its connection locked to a COPY whose write or end failed on a broken connection, and
            // any later call on it, the rollback first, would wait for that lock for good: cancelling releases it.
            if (copyIn.isActive())
            {
                cancelQuietly(copyIn);
            }
            throw ex;
        }
    }

    /** Cancels a COPY in progress, ignoring errors: the transaction it belongs to is being rolled back anyway. */
    public static void cancelQuietly(final CopyIn copyIn)
    {
        try
        {
            copyIn.cancelCopy();
        }
        catch (final SQLException ignore)
        {
            // The COPY already failed with the error being propagated; the transaction is rolled back anyway.
        }
    }

    private void ensure(final int extra)
    {
        if (position + extra > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + extra));
        }
    }

    private void putShort(final int value)
    {
        bytes[position++] = (byte)(value >>> 8);
        bytes[position++] = (byte)value;
    }

    private void putInt(final int value)
    {
        bytes[position++] = (byte)(value >>> 24);
        bytes[position++] = (byte)(value >>> 16);
        bytes[position++] = (byte)(value >>> 8);
        bytes[position++] = (byte)value;
    }

    private void putLong(final long value)
    {
        putInt((int)(value >>> 32));
        putInt((int)value);
    }
}
