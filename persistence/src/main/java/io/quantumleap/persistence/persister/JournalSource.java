package io.quantumleap.persistence.persister;

/**
 * One journal queue as the persister reads it: raw SBE messages (header included) in journal order. The
 * Chronicle Queue tailer is adapted to this; tests use an in-memory one.
 *
 * <p>Used by the persister thread only, but for {@link #countAfter}, which the persister's lag metrics call from any
 * thread, whenever they are read.
 */
public interface JournalSource extends AutoCloseable
{
    /** Name of the queue ({@code in} or {@code out}); the key of its checkpoint. */
    String queueName();

    /**
     * Positions the source so the next message read is the first one after {@code lastAppliedIndex}.
     *
     * @param lastAppliedIndex journal index of the last message already stored, or -1 to read from the start.
     */
    void resumeAfter(long lastAppliedIndex);

    /**
     * Hands up to {@code limit} next messages to the handler, in order.
     *
     * @return how many messages were handed over; 0 when none is available yet.
     */
    int read(MessageHandler handler, int limit);

    /**
     * How many messages the journal holds after {@code index}: the persister's lag in events. Safe from any thread,
     * concurrently with the persister's reads and the journal's writer: metrics read it at every scrape.
     *
     * @param index a journal index, or -1 for the start.
     */
    long countAfter(long index);

    @Override
    default void close()
    {
    }

    /** Receives one journal message; the buffer is only valid during the call. */
    @FunctionalInterface
    interface MessageHandler
    {
        /**
         * @param index  journal index of the message.
         * @param buffer holding the SBE message, header included, at {@code offset}.
         */
        void onMessage(long index, org.agrona.DirectBuffer buffer, int offset, int length);
    }
}
