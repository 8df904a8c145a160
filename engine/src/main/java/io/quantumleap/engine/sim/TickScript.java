package io.quantumleap.engine.sim;

/**
 * Ticks chosen by a latency rig in place of the market's random walk ({@link KiteSimulator.Context#tickScript}).
 * The simulator thread calls {@link #emitDue} when the previous call said the next tick would be due, sends the
 * emitted ticks to every ticker connection subscribed to their instruments (in the connection's mode, batched
 * into as few binary frames as possible; a frame never carries one instrument twice) and parks until then.
 * A rig that knows each tick's intended time can so measure from it, whatever the simulator thread's lateness.
 */
public interface TickScript
{
    /**
     * Emit every tick due at or before {@code nowNs}, in order. Called on the simulator thread only.
     *
     * @param nowNs {@link System#nanoTime()} when the simulator thread woke.
     * @param sink  takes the due ticks; valid only during this call.
     * @return {@link System#nanoTime()} at which the next tick falls due.
     */
    long emitDue(long nowNs, TickSink sink);

    /**
     * Takes a script's ticks on the simulator thread.
     */
    @FunctionalInterface
    interface TickSink
    {
        /**
         * One tick of an instrument: its volume traded becomes {@code volume} (a rig numbers its ticks there, the
         * field every quote and full packet carries); the rest of the instrument's state stays as it is.
         *
         * @param instrumentToken an instrument of the simulator's universe.
         * @param volume          0 to 2^32 - 1, as the ticker's uint32 field holds.
         * @return false, and nothing sent, when the token is unknown or the volume out of range.
         */
        boolean tick(long instrumentToken, long volume);
    }
}
