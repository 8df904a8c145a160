package io.quantumleap.benchmarks.rig;

/**
 * The rig's fixed-rate tick plan, pure arithmetic shared by the sender and every client: tick {@code seq} (0, 1,
 * 2, ...) is intended to leave the simulator at {@code startNs + seq * 1e9 / rate}, belongs to instrument
 * {@code seq % instruments} (round robin, so each instrument ticks every {@link #instrumentIntervalNs()}) and
 * carries {@code VOLUME_BASE + seq} in its volume field. Ticks {@code [0, windowStartSeq)} warm up; ticks
 * {@code [windowStartSeq, endSeq)} are measured.
 *
 * <p>Immutable; times are {@link System#nanoTime()} of the rig's process, where the sender and clients both run.
 */
final class TickSchedule
{
    /**
     * Added to the sequence in the volume field so a scripted tick cannot be mistaken for the simulator's own
     * volumes (a few million at most); Kite's field is a uint32, leaving room for 3.29e9 ticks.
     */
    static final long VOLUME_BASE = 1_000_000_000L;
    static final long VOLUME_MAX = 0xFFFF_FFFFL;

    private final long startNs;
    private final long ratePerSecond;
    private final long[] tokens;
    private final long windowStartSeq;
    private final long endSeq;

    /**
     * @param startNs        intended time of tick 0.
     * @param ratePerSecond  ticks per second over all instruments.
     * @param tokens         instrument tokens, in round-robin order.
     * @param windowStartSeq first measured tick (ticks before it warm up).
     * @param endSeq         one past the last tick sent.
     */
    TickSchedule(
        final long startNs, final long ratePerSecond, final long[] tokens, final long windowStartSeq,
        final long endSeq)
    {
        if (ratePerSecond < 1 || ratePerSecond > 1_000_000_000L)
        {
            throw new IllegalArgumentException("rate: must be 1 to 1e9 ticks/s, got " + ratePerSecond);
        }
        if (tokens.length == 0)
        {
            throw new IllegalArgumentException("instruments: need at least one token");
        }
        if (windowStartSeq < 0 || endSeq < windowStartSeq || VOLUME_BASE + endSeq > VOLUME_MAX)
        {
            throw new IllegalArgumentException("window: need 0 <= windowStartSeq <= endSeq <= " +
                (VOLUME_MAX - VOLUME_BASE) + ", got " + windowStartSeq + ".." + endSeq);
        }
        this.startNs = startNs;
        this.ratePerSecond = ratePerSecond;
        this.tokens = tokens.clone();
        this.windowStartSeq = windowStartSeq;
        this.endSeq = endSeq;
    }

    /** @return the same plan with tick 0 intended at {@code newStartNs}. */
    TickSchedule startingAt(final long newStartNs)
    {
        return new TickSchedule(newStartNs, ratePerSecond, tokens, windowStartSeq, endSeq);
    }

    long startNs()
    {
        return startNs;
    }

    long ratePerSecond()
    {
        return ratePerSecond;
    }

    int instruments()
    {
        return tokens.length;
    }

    long token(final int instrumentIndex)
    {
        return tokens[instrumentIndex];
    }

    long windowStartSeq()
    {
        return windowStartSeq;
    }

    long endSeq()
    {
        return endSeq;
    }

    boolean inWindow(final long seq)
    {
        return seq >= windowStartSeq && seq < endSeq;
    }

    /** @return when tick {@code seq} is meant to leave the simulator (exact: no accumulated rounding). */
    long intendedNs(final long seq)
    {
        return startNs + seq / ratePerSecond * 1_000_000_000L +
            seq % ratePerSecond * 1_000_000_000L / ratePerSecond;
    }

    /** @return the last tick due at {@code nowNs}, -1 when none is. */
    long lastDueSeq(final long nowNs)
    {
        final long elapsedNs = nowNs - startNs;
        if (elapsedNs < 0)
        {
            return -1;
        }
        final long seconds = elapsedNs / 1_000_000_000L;
        final long restNs = elapsedNs % 1_000_000_000L;
        long seq = seconds * ratePerSecond + restNs * ratePerSecond / 1_000_000_000L;
        while (intendedNs(seq + 1) <= nowNs)
        {
            seq++;
        }
        while (seq >= 0 && intendedNs(seq) > nowNs)
        {
            seq--;
        }
        return seq;
    }

    int instrumentIndex(final long seq)
    {
        return (int)(seq % tokens.length);
    }

    long volume(final long seq)
    {
        return VOLUME_BASE + seq;
    }

    /** @return the tick a volume field numbers, -1 when it is not one of this plan's. */
    long seqOfVolume(final long volume)
    {
        final long seq = volume - VOLUME_BASE;
        return seq >= 0 && seq < endSeq ? seq : -1;
    }

    /** @return how far apart one instrument's ticks are meant to be, in nanoseconds (rounded down). */
    long instrumentIntervalNs()
    {
        return tokens.length * 1_000_000_000L / ratePerSecond;
    }

    /** @return the first tick of instrument {@code instrumentIndex} at or after {@code seq}. */
    long nextSeqOfInstrument(final int instrumentIndex, final long seq)
    {
        final long n = tokens.length;
        final long from = Math.max(seq, 0);
        final long offset = Math.floorMod(instrumentIndex - from, n);
        return from + offset;
    }

    /** @return ticks of instrument {@code instrumentIndex} in {@code [fromSeq, toSeq)}. */
    long countOfInstrument(final int instrumentIndex, final long fromSeq, final long toSeq)
    {
        final long first = nextSeqOfInstrument(instrumentIndex, fromSeq);
        return first >= toSeq ? 0 : (toSeq - 1 - first) / tokens.length + 1;
    }
}
