package io.quantumleap.journal.replay;

/** Told how far a replay has got, every few thousand excerpts, on the replay thread. */
@FunctionalInterface
public interface ReplayProgress
{
    /** Reports nothing. */
    ReplayProgress NONE = (excerptsRead, lastIndex) -> { };

    /**
     * @param excerptsRead excerpts read so far (filtered out ones included).
     * @param lastIndex    index of the last excerpt read.
     */
    void onProgress(long excerptsRead, long lastIndex);
}
