package io.quantumleap.benchmarks.rig;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tick latency as one client thread sees it: {@code receive time - intended send time} of every measured tick its
 * connections were due to get, into one HdrHistogram recorder (merged with the other threads' at the end).
 *
 * <p>Coordinated omission is avoided twice over. Latency counts from the schedule's intended time, not from when
 * the simulator actually wrote the tick, so a stall anywhere (sender, gateway, client) is charged to every tick
 * it delays. And a tick a connection never gets is still recorded: when a newer tick of the same instrument
 * arrives (the gateway conflated, or something dropped the older one), each skipped tick is recorded as
 * {@code receive time - its own intended time}, the moment the client first held a value at least as new; ticks
 * still missing when the run stops are recorded at the stop time (a lower bound) and counted as lost.
 * HdrHistogram's {@code recordValueWithExpectedInterval} is not applied on top: its back-fill corrects a
 * measurement that starts late, which counting from the intended time already does, so it would count every
 * delayed tick that did arrive a second time.
 *
 * <p>Owned by one client event-loop thread: {@link #onTick}, {@link #onOther} and {@link #finish} run on it (or
 * after it stopped); {@link #intervalHistogram} may be called from any one other thread.
 */
final class TickLatencyRecorder
{
    /** Values above this (ns) are clamped: ten minutes is far beyond any run. */
    static final long HIGHEST_TRACKABLE_NS = 600_000_000_000L;

    /** One WebSocket connection's progress per instrument; owned by the recorder's thread. */
    static final class Connection
    {
        private final int[] instrumentIndexes;
        private final long[] lastSeq;
        private boolean closed;

        private Connection(final int[] instrumentIndexes, final int instruments)
        {
            this.instrumentIndexes = instrumentIndexes.clone();
            this.lastSeq = new long[instruments];
            java.util.Arrays.fill(lastSeq, -1);
        }

        /** The server closed it before the rig stopped. */
        void closed()
        {
            closed = true;
        }

        boolean isClosed()
        {
            return closed;
        }
    }

    private final Supplier<TickSchedule> schedule;
    private final int instruments;
    private final SingleWriterRecorder latency = new SingleWriterRecorder(HIGHEST_TRACKABLE_NS, 3);
    private final List<Connection> connections = new ArrayList<>();
    private long received;
    private long superseded;
    private long lost;
    private long conflatedMessages;
    private long warmUpMessages;
    private long staleMessages;
    private long foreignMessages;
    private long mismatchedMessages;
    private long otherMessages;
    private long closedConnections;

    /**
     * @param schedule    the plan in force, null until the sender starts (ticks before that are foreign).
     * @param instruments instruments in the plan.
     */
    TickLatencyRecorder(final Supplier<TickSchedule> schedule, final int instruments)
    {
        this.schedule = schedule;
        this.instruments = instruments;
    }

    /**
     * @param instrumentIndexes the plan's instruments this connection subscribed to.
     * @return the connection's state, to pass to {@link #onTick}.
     */
    Connection newConnection(final int[] instrumentIndexes)
    {
        final Connection connection = new Connection(instrumentIndexes, instruments);
        connections.add(connection);
        return connection;
    }

    /**
     * One tick message received.
     *
     * @param connection the connection it came on.
     * @param token      its instrument_token.
     * @param volume     its volume_traded, the plan's number of the tick.
     * @param conflated  whether the gateway marked it {@code "conflated":true}.
     * @param receiveNs  {@link System#nanoTime()} when its bytes were read from the socket.
     */
    void onTick(
        final Connection connection, final long token, final long volume, final boolean conflated,
        final long receiveNs)
    {
        final TickSchedule s = schedule.get();
        final long seq = s == null ? -1 : s.seqOfVolume(volume);
        if (seq < 0)
        {
            foreignMessages++;
            return;
        }
        final int index = s.instrumentIndex(seq);
        if (s.token(index) != token)
        {
            mismatchedMessages++;
            return;
        }
        final long last = connection.lastSeq[index];
        if (seq <= last)
        {
            staleMessages++;
            return;
        }
        connection.lastSeq[index] = seq;
        if (conflated)
        {
            conflatedMessages++;
        }
        final long stride = s.instruments();
        for (long skipped = s.nextSeqOfInstrument(index, Math.max(last + 1, s.windowStartSeq()));
            skipped < seq; skipped += stride)
        {
            record(receiveNs - s.intendedNs(skipped));
            superseded++;
        }
        if (s.inWindow(seq))
        {
            record(receiveNs - s.intendedNs(seq));
            received++;
        }
        else
        {
            warmUpMessages++;
        }
    }

    /** A message that is not a tick (errors, notices, order updates). */
    void onOther()
    {
        otherMessages++;
    }

    /**
     * Records every measured tick that no connection received nor saw superseded, at {@code stopNs}.
     *
     * @param stopNs when the rig stopped waiting.
     */
    void finish(final long stopNs)
    {
        final TickSchedule s = schedule.get();
        if (s == null)
        {
            return;
        }
        final long stride = s.instruments();
        for (final Connection connection : connections)
        {
            if (connection.closed)
            {
                closedConnections++;
            }
            for (final int index : connection.instrumentIndexes)
            {
                final long from = s.nextSeqOfInstrument(index,
                    Math.max(connection.lastSeq[index] + 1, s.windowStartSeq()));
                for (long missing = from; missing < s.endSeq(); missing += stride)
                {
                    record(stopNs - s.intendedNs(missing));
                    lost++;
                }
            }
        }
    }

    /** @return measured ticks the connections should have received, had nothing been conflated or lost. */
    long expected()
    {
        final TickSchedule s = schedule.get();
        long expected = 0;
        if (s != null)
        {
            for (final Connection connection : connections)
            {
                for (final int index : connection.instrumentIndexes)
                {
                    expected += s.countOfInstrument(index, s.windowStartSeq(), s.endSeq());
                }
            }
        }
        return expected;
    }

    private void record(final long latencyNs)
    {
        latency.recordValue(Math.max(0, Math.min(latencyNs, HIGHEST_TRACKABLE_NS)));
    }

    /**
     * @param recycle the histogram a previous call returned, or null.
     * @return what was recorded since the previous call.
     */
    Histogram intervalHistogram(final Histogram recycle)
    {
        return latency.getIntervalHistogram(recycle);
    }

    long received()
    {
        return received;
    }

    long superseded()
    {
        return superseded;
    }

    long lost()
    {
        return lost;
    }

    long conflatedMessages()
    {
        return conflatedMessages;
    }

    long warmUpMessages()
    {
        return warmUpMessages;
    }

    long staleMessages()
    {
        return staleMessages;
    }

    long foreignMessages()
    {
        return foreignMessages;
    }

    long mismatchedMessages()
    {
        return mismatchedMessages;
    }

    long otherMessages()
    {
        return otherMessages;
    }

    long closedConnections()
    {
        return closedConnections;
    }

    int connections()
    {
        return connections.size();
    }
}
