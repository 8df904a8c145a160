package io.quantumleap.journal;

/** The two queues of a journal directory. */
public enum JournalStream
{
    /** Every input command, appended before the core handles it. */
    IN("in"),

    /** Every event the core emitted, in order. */
    OUT("out");

    private final String directoryName;

    JournalStream(final String directoryName)
    {
        this.directoryName = directoryName;
    }

    /** @return the name of the queue's subdirectory under the journal directory. */
    public String directoryName()
    {
        return directoryName;
    }
}
