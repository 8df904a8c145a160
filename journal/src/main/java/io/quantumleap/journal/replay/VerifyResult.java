package io.quantumleap.journal.replay;

import io.quantumleap.journal.JournalIndex;

/**
 * Outcome of replaying {@code in} through a fresh core and comparing its events with {@code out}.
 *
 * @param identical       whether every event matched byte for byte and neither side had more.
 * @param commandsReplayed commands of {@code in} handed to the core.
 * @param eventsCompared  events compared equal before the first difference (all of them when identical).
 * @param outIndex        index in {@code out} of the first difference, -1 when identical or when {@code out} ended.
 * @param inputSequence   index in {@code in} of the command whose event differs, -1 when identical.
 * @param replayed        the event the fresh core emitted there, rendered; null when it emitted none.
 * @param recorded        the event recorded in {@code out} there, rendered; null when {@code out} had none.
 * @param stateHash       the fresh core's state hash at the end, when it offers one; 0 otherwise.
 * @param elapsedNs       wall time of the verification.
 */
public record VerifyResult(
    boolean identical,
    long commandsReplayed,
    long eventsCompared,
    long outIndex,
    long inputSequence,
    String replayed,
    String recorded,
    long stateHash,
    long elapsedNs)
{
    /** @return a few lines for people: identical, or where and how the journals differ. */
    public String describe()
    {
        if (identical)
        {
            return "identical: " + eventsCompared + " events of " + commandsReplayed +
                " commands match out byte for byte";
        }
        return "DIFFERENT at out index " + (outIndex < 0 ? "(end of out)" : JournalIndex.describe(outIndex)) +
            ", caused by in index " + JournalIndex.describe(inputSequence) + ", " + eventsCompared +
            " events matched before\n" +
            "  replayed: " + (null == replayed ? "(no event: the fresh core emitted nothing more)" : replayed) + "\n" +
            "  recorded: " + (null == recorded ? "(no event: out ends here)" : recorded);
    }
}
