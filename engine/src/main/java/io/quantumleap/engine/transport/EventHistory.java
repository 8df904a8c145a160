package io.quantumleap.engine.transport;

/** The engine's {@code out} journal as catch-up sessions read it: from any index, then tailing. */
@FunctionalInterface
public interface EventHistory
{
    /**
     * @param index the last event the reader already has, or {@link StreamFrame#NO_INDEX} for none.
     * @return a cursor whose first event is the one after {@code index}, or null when the journal has no such index.
     */
    Cursor openAfter(long index);

    /** A position in the journal, owned by one thread. */
    interface Cursor extends AutoCloseable
    {
        /**
         * @param handler gets the next event, if there is one yet.
         * @return false when the cursor is at the end of the journal.
         */
        boolean next(IndexedEventHandler handler);

        /**
         * Goes back (or forward) to just after {@code index}, so the event after it is read again.
         *
         * @param index an index this cursor already read, or {@link StreamFrame#NO_INDEX}.
         */
        void moveAfter(long index);

        @Override
        void close();
    }
}
