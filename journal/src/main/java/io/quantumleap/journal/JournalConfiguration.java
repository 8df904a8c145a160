package io.quantumleap.journal;

/**
 * Every system property the journal reads, with its default. Environment variables reach these through
 * the launcher; {@link JournalContext} reads them once and validates them in {@link JournalContext#conclude()}.
 */
public final class JournalConfiguration
{
    /** Data folder of a run: the journal lives in {@code <data>/journal}. */
    public static final String DATA_DIR_PROP_NAME = "qleap.data.dir";

    /** Environment variable for the data folder, used when the property is not set. */
    public static final String DATA_DIR_ENV_NAME = "QLEAP_DATA_DIR";

    /** Default data folder, relative to the working directory. */
    public static final String DATA_DIR_DEFAULT = "data";

    /** Journal directory; overrides {@code <data>/journal}. */
    public static final String JOURNAL_DIR_PROP_NAME = "qleap.journal.dir";

    /** {@link Durability} of appends: {@code PAGE_CACHE} or {@code GROUP_FSYNC}. */
    public static final String DURABILITY_PROP_NAME = "qleap.journal.durability";

    /** Default durability. */
    public static final Durability DURABILITY_DEFAULT = Durability.PAGE_CACHE;

    /** With {@code GROUP_FSYNC}: most appends that may wait for one sync within a single batch; at least 1. */
    public static final String GROUP_COMMIT_MAX_MESSAGES_PROP_NAME = "qleap.journal.group.commit.max.messages";

    /** Default for {@link #GROUP_COMMIT_MAX_MESSAGES_PROP_NAME}. */
    public static final int GROUP_COMMIT_MAX_MESSAGES_DEFAULT = 256;

    /**
     * Time of day (IST, {@code HH:mm}) at which a new daily file starts. Between 05:30 and 09:00 IST the
     * file name (the UTC date the cycle starts) is the Indian trading date; the default, 06:00 IST, is when
     * Kite access tokens expire: every exchange is closed (MCX closes by 23:55) and pre-open is at 09:00.
     */
    public static final String ROLL_TIME_IST_PROP_NAME = "qleap.journal.roll.time.ist";

    /** Default for {@link #ROLL_TIME_IST_PROP_NAME}. */
    public static final String ROLL_TIME_IST_DEFAULT = "06:00";

    /** Earliest accepted roll time, minutes after midnight IST (00:00 UTC). */
    public static final int ROLL_MINUTE_IST_MIN = 5 * 60 + 30;

    /** Latest accepted roll time (exclusive), minutes after midnight IST: the pre-open. */
    public static final int ROLL_MINUTE_IST_MAX = 9 * 60;

    /**
     * Size of each memory-mapped chunk of a queue file, in bytes: a power of two from {@link #BLOCK_SIZE_MIN} to
     * {@link #BLOCK_SIZE_MAX}.
     */
    public static final String BLOCK_SIZE_PROP_NAME = "qleap.journal.block.size";

    /** Smallest block: an excerpt (up to a quarter of a block in Chronicle) must hold the largest command. */
    public static final long BLOCK_SIZE_MIN = 1L << 16;

    /**
     * Largest block, and largest pre-touch reach: every appender and reader of the journal's queues maps a whole
     * block, and the capture and the pre-toucher more, on machines of a few GiB.
     */
    public static final long BLOCK_SIZE_MAX = 1L << 30;

    /** Default block size: 64 MiB. */
    public static final long BLOCK_SIZE_DEFAULT = 64L << 20;

    /**
     * Whether a background thread writes the pages ahead of each appender into the page cache (see the
     * Pretoucher), so appends never take the page fault or the file system's block allocation themselves.
     */
    public static final String PRETOUCH_PROP_NAME = "qleap.journal.pretouch";

    /** Default for {@link #PRETOUCH_PROP_NAME}. */
    public static final boolean PRETOUCH_DEFAULT = true;

    /** Interval between two pre-touch passes, in milliseconds: 1 to {@link #PRETOUCH_INTERVAL_MS_MAX}. */
    public static final String PRETOUCH_INTERVAL_MS_PROP_NAME = "qleap.journal.pretouch.interval.ms";

    /** A pass less often than once a minute falls behind the appends it is there to stay ahead of. */
    public static final long PRETOUCH_INTERVAL_MS_MAX = 60_000;

    /** Default for {@link #PRETOUCH_INTERVAL_MS_PROP_NAME}. */
    public static final long PRETOUCH_INTERVAL_MS_DEFAULT = 50;

    /** How many bytes of each queue file ahead of its appender are kept touched: a page to {@link #BLOCK_SIZE_MAX}. */
    public static final String PRETOUCH_AHEAD_BYTES_PROP_NAME = "qleap.journal.pretouch.ahead.bytes";

    /** Default for {@link #PRETOUCH_AHEAD_BYTES_PROP_NAME}: 32 MiB, over a second of appends at 100k/s. */
    public static final long PRETOUCH_AHEAD_BYTES_DEFAULT = 32L << 20;

    /**
     * Whether the Kite feed keeps every raw ticker frame in the queue {@code <journal>/capture}, so a session can be
     * audited and re-decoded byte for byte.
     */
    public static final String CAPTURE_PROP_NAME = "qleap.journal.capture";

    /** Default for {@link #CAPTURE_PROP_NAME}: on. */
    public static final boolean CAPTURE_DEFAULT = true;

    /**
     * Bytes of the in-memory ring between the feed's IO thread and the capture writer thread (a power of two);
     * frames that find it full are dropped from the capture (and counted), never delayed. At least 65536, at most
     * {@link #CAPTURE_RING_BYTES_MAX}.
     */
    public static final String CAPTURE_RING_BYTES_PROP_NAME = "qleap.journal.capture.ring.bytes";

    /** Default for {@link #CAPTURE_RING_BYTES_PROP_NAME}: 16 MiB, about a second of Kite's busiest feed. */
    public static final int CAPTURE_RING_BYTES_DEFAULT = 16 << 20;

    /** The largest power of two an int holds: the ring is one buffer. */
    public static final int CAPTURE_RING_BYTES_MAX = 1 << 30;

    /** IST is UTC+05:30 all year. */
    public static final long IST_OFFSET_MS = (5 * 60 + 30) * 60_000L;

    private JournalConfiguration()
    {
    }

    /**
     * The journal directory of a run: {@value #JOURNAL_DIR_PROP_NAME}, else {@code <data>/journal} with the
     * data folder from {@value #DATA_DIR_PROP_NAME}, {@value #DATA_DIR_ENV_NAME} or {@value #DATA_DIR_DEFAULT}.
     *
     * @return the directory path, not necessarily existing.
     */
    public static java.nio.file.Path defaultJournalDir()
    {
        final String journalDir = System.getProperty(JOURNAL_DIR_PROP_NAME);
        if (null != journalDir && !journalDir.isBlank())
        {
            return java.nio.file.Path.of(journalDir);
        }

        String dataDir = System.getProperty(DATA_DIR_PROP_NAME);
        if (null == dataDir || dataDir.isBlank())
        {
            dataDir = System.getenv(DATA_DIR_ENV_NAME);
        }
        if (null == dataDir || dataDir.isBlank())
        {
            dataDir = DATA_DIR_DEFAULT;
        }

        return java.nio.file.Path.of(dataDir, "journal");
    }
}
