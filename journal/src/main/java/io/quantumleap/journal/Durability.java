package io.quantumleap.journal;

/**
 * How far an appended excerpt has travelled before {@code append} returns.
 *
 * <p>The trade-off: {@link #PAGE_CACHE} survives a crash of the JVM (kill -9 included) because the
 * excerpt already sits in the kernel's page cache, but not a power loss or kernel panic before the kernel
 * writes the page back (typically within 30 s). {@link #GROUP_FSYNC} also survives power loss for
 * everything committed, at the price of one msync per batch on the journaler thread: each sync costs
 * tens of microseconds to milliseconds depending on the disk, and commands wait for it.
 */
public enum Durability
{
    /** Excerpts are durable once in the page cache; the kernel writes them back. The default. */
    PAGE_CACHE,

    /**
     * Excerpts are msync'ed at the end of each batch, and at the latest after
     * {@link JournalConfiguration#GROUP_COMMIT_MAX_MESSAGES_PROP_NAME} appends within one batch, bounding
     * how long and how many commands wait for one sync.
     */
    GROUP_FSYNC
}
