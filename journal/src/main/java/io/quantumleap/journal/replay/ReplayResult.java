package io.quantumleap.journal.replay;

/**
 * What a replay did.
 *
 * @param excerptsRead      excerpts read from the journal (before filtering).
 * @param messagesDelivered messages handed to the caller's handler or sink (after filtering).
 * @param commandsIntoCore  commands handed to a fresh core (0 when replaying into a handler).
 * @param eventsEmitted     events the fresh core emitted, filtered or not.
 * @param firstIndex        index of the first excerpt read, -1 when none.
 * @param lastIndex         index of the last excerpt read, -1 when none.
 * @param elapsedNs         wall time the replay took.
 */
public record ReplayResult(
    long excerptsRead,
    long messagesDelivered,
    long commandsIntoCore,
    long eventsEmitted,
    long firstIndex,
    long lastIndex,
    long elapsedNs)
{
    /** @return excerpts read per second of wall time. */
    public long excerptsPerSecond()
    {
        return elapsedNs <= 0 ? 0 : (long)(excerptsRead * 1e9 / elapsedNs);
    }
}
