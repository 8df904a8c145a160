package io.quantumleap.journal;

import io.quantumleap.engine.pipeline.Configuration;
import io.quantumleap.journal.internal.Pretoucher;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;

import static io.quantumleap.journal.JournalConfiguration.*;

/**
 * Settings of a {@link Journal}, read from system properties ({@link JournalConfiguration}) and
 * overridable by setters; {@link #conclude()} validates them once before the journal opens.
 */
public final class JournalContext
{
    private Path journalDir;
    private Durability durability;
    private int groupCommitMaxMessages;
    private int rollMinuteIst;
    private long blockSize;
    private boolean pretouch;
    private long pretouchIntervalMs;
    private long pretouchAheadBytes;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private boolean readOnly;
    private boolean concluded;

    /**
     * A context from the system properties; each number is checked against its range here
     * ({@link JournalConfiguration}), the settings together by {@link #conclude()}.
     *
     * @throws IllegalArgumentException naming a property that is not a number, or out of its range.
     */
    public JournalContext()
    {
        final String durabilityName = System.getProperty(DURABILITY_PROP_NAME);
        durability = null == durabilityName ? DURABILITY_DEFAULT : parseDurability(durabilityName);
        groupCommitMaxMessages = Configuration.intProperty(GROUP_COMMIT_MAX_MESSAGES_PROP_NAME,
            GROUP_COMMIT_MAX_MESSAGES_DEFAULT, 1, Integer.MAX_VALUE, "messages");
        rollMinuteIst = parseRollTime(System.getProperty(ROLL_TIME_IST_PROP_NAME, ROLL_TIME_IST_DEFAULT));
        blockSize = Configuration.longProperty(
            BLOCK_SIZE_PROP_NAME, BLOCK_SIZE_DEFAULT, BLOCK_SIZE_MIN, BLOCK_SIZE_MAX, "a power of two of bytes");
        pretouch = Configuration.booleanProperty(PRETOUCH_PROP_NAME, PRETOUCH_DEFAULT);
        pretouchIntervalMs = Configuration.longProperty(PRETOUCH_INTERVAL_MS_PROP_NAME, PRETOUCH_INTERVAL_MS_DEFAULT,
            1, PRETOUCH_INTERVAL_MS_MAX, "milliseconds");
        pretouchAheadBytes = Configuration.longProperty(PRETOUCH_AHEAD_BYTES_PROP_NAME, PRETOUCH_AHEAD_BYTES_DEFAULT,
            Pretoucher.PAGE_SIZE, BLOCK_SIZE_MAX, "bytes");
    }

    /**
     * Validates the settings and fills in defaults; idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting that is wrong.
     */
    public JournalContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (null == journalDir)
        {
            journalDir = defaultJournalDir();
        }
        if (groupCommitMaxMessages < 1)
        {
            throw new IllegalArgumentException(
                GROUP_COMMIT_MAX_MESSAGES_PROP_NAME + " must be at least 1, was " + groupCommitMaxMessages);
        }
        if (rollMinuteIst < ROLL_MINUTE_IST_MIN || rollMinuteIst >= ROLL_MINUTE_IST_MAX)
        {
            throw new IllegalArgumentException(ROLL_TIME_IST_PROP_NAME +
                " must be from 05:30 to before 09:00 IST, was " + formatMinute(rollMinuteIst));
        }
        if (blockSize < BLOCK_SIZE_MIN || Long.bitCount(blockSize) != 1)
        {
            throw new IllegalArgumentException(
                BLOCK_SIZE_PROP_NAME + " must be a power of two of at least 65536 bytes, was " + blockSize);
        }
        if (pretouchIntervalMs < 1)
        {
            throw new IllegalArgumentException(
                PRETOUCH_INTERVAL_MS_PROP_NAME + " must be at least 1, was " + pretouchIntervalMs);
        }
        if (pretouchAheadBytes < Pretoucher.PAGE_SIZE)
        {
            throw new IllegalArgumentException(PRETOUCH_AHEAD_BYTES_PROP_NAME + " must be at least " +
                Pretoucher.PAGE_SIZE + " (one page), was " + pretouchAheadBytes);
        }
        concluded = true;
        return this;
    }

    /** @return the journal directory holding {@code in/}, {@code out/} and {@code journal.properties}. */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * @param journalDir the journal directory.
     * @return this.
     */
    public JournalContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /** @return how durable an append is before it returns. */
    public Durability durability()
    {
        return durability;
    }

    /**
     * @param durability how durable an append is before it returns.
     * @return this.
     */
    public JournalContext durability(final Durability durability)
    {
        this.durability = durability;
        return this;
    }

    /** @return with {@link Durability#GROUP_FSYNC}, the most appends waiting for one sync within a batch. */
    public int groupCommitMaxMessages()
    {
        return groupCommitMaxMessages;
    }

    /**
     * @param groupCommitMaxMessages the most appends waiting for one sync within a batch.
     * @return this.
     */
    public JournalContext groupCommitMaxMessages(final int groupCommitMaxMessages)
    {
        this.groupCommitMaxMessages = groupCommitMaxMessages;
        return this;
    }

    /** @return minutes after midnight IST at which a new daily file starts. */
    public int rollMinuteIst()
    {
        return rollMinuteIst;
    }

    /**
     * @param rollMinuteIst minutes after midnight IST at which a new daily file starts.
     * @return this.
     */
    public JournalContext rollMinuteIst(final int rollMinuteIst)
    {
        this.rollMinuteIst = rollMinuteIst;
        return this;
    }

    /** @return Chronicle's roll epoch: milliseconds after 00:00 UTC at which a daily cycle starts. */
    public long rollEpochMs()
    {
        return rollMinuteIst * 60_000L - IST_OFFSET_MS;
    }

    /** @return size of each memory-mapped chunk, in bytes. */
    public long blockSize()
    {
        return blockSize;
    }

    /**
     * @param blockSize size of each memory-mapped chunk, a power of two.
     * @return this.
     */
    public JournalContext blockSize(final long blockSize)
    {
        this.blockSize = blockSize;
        return this;
    }

    /** @return whether a background thread pre-touches pages ahead of the appenders. */
    public boolean pretouch()
    {
        return pretouch;
    }

    /**
     * @param pretouch whether a background thread pre-touches pages ahead of the appenders.
     * @return this.
     */
    public JournalContext pretouch(final boolean pretouch)
    {
        this.pretouch = pretouch;
        return this;
    }

    /** @return interval between two pre-touch passes, in milliseconds. */
    public long pretouchIntervalMs()
    {
        return pretouchIntervalMs;
    }

    /**
     * @param pretouchIntervalMs interval between two pre-touch passes, in milliseconds.
     * @return this.
     */
    public JournalContext pretouchIntervalMs(final long pretouchIntervalMs)
    {
        this.pretouchIntervalMs = pretouchIntervalMs;
        return this;
    }

    /** @return how many bytes of each queue file ahead of its appender are kept touched. */
    public long pretouchAheadBytes()
    {
        return pretouchAheadBytes;
    }

    /**
     * @param pretouchAheadBytes how many bytes of each queue file ahead of its appender are kept touched.
     * @return this.
     */
    public JournalContext pretouchAheadBytes(final long pretouchAheadBytes)
    {
        this.pretouchAheadBytes = pretouchAheadBytes;
        return this;
    }

    /** @return the clock that decides the daily cycle of an append. */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * @param epochClock the clock that decides the daily cycle of an append (tests drive it by hand).
     * @return this.
     */
    public JournalContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** @return whether the journal is opened for reading only (replay, export). */
    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @param readOnly open for reading only: nothing is created, a missing journal is an error.
     * @return this.
     */
    public JournalContext readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * @param value a durability name, case-insensitive.
     * @return the durability.
     * @throws IllegalArgumentException naming the property and the accepted values.
     */
    public static Durability parseDurability(final String value)
    {
        for (final Durability durability : Durability.values())
        {
            if (durability.name().equalsIgnoreCase(value.trim()))
            {
                return durability;
            }
        }
        throw new IllegalArgumentException(
            DURABILITY_PROP_NAME + " must be PAGE_CACHE or GROUP_FSYNC, was '" + value + "'");
    }

    /**
     * @param value {@code HH:mm}.
     * @return minutes after midnight.
     * @throws IllegalArgumentException naming the property and the accepted format.
     */
    public static int parseRollTime(final String value)
    {
        final String trimmed = value.trim();
        final int colon = trimmed.indexOf(':');
        try
        {
            if (colon > 0)
            {
                final int hours = Integer.parseInt(trimmed.substring(0, colon));
                final int minutes = Integer.parseInt(trimmed.substring(colon + 1));
                if (hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60)
                {
                    return hours * 60 + minutes;
                }
            }
        }
        catch (final NumberFormatException ignore)
        {
            // falls through to the one error message below
        }
        throw new IllegalArgumentException(ROLL_TIME_IST_PROP_NAME + " must be HH:mm, was '" + value + "'");
    }

    private static String formatMinute(final int minuteOfDay)
    {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
