package io.quantumleap.journal.read;

import org.agrona.DirectBuffer;

/**
 * Receives excerpts from a {@link JournalReader}: raw SBE messages, header included, already checked
 * against the schema.
 */
@FunctionalInterface
public interface ExcerptHandler
{
    /**
     * Called on the reader's thread; the buffer is only valid during the call. Throwing leaves the excerpt
     * unread, so the next poll delivers it again (a persister can retry after a database outage).
     *
     * @param index  journal index of the excerpt (the global sequence number for {@code in}).
     * @param buffer holding the SBE message, header included.
     * @param offset of the message in the buffer.
     * @param length of the message.
     */
    void onExcerpt(long index, DirectBuffer buffer, int offset, int length);
}
