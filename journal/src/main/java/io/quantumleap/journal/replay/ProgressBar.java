package io.quantumleap.journal.replay;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long replays: redrawn in place on a terminal at most four times a second,
 * one line per tenth of the way otherwise (logs stay readable). Silent for runs shorter than a second.
 */
public final class ProgressBar implements ReplayProgress
{
    private static final long REDRAW_NS = 250_000_000L;
    private static final long QUIET_NS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long total;
    private final boolean terminal;
    private final long startNs = System.nanoTime();
    private long lastDrawNs;
    private int lastTenth;
    private boolean drawn;

    /**
     * @param err      where to draw.
     * @param total    excerpts expected, 0 when unknown.
     * @param terminal whether {@code err} is a terminal (redraw in place).
     */
    public ProgressBar(final PrintStream err, final long total, final boolean terminal)
    {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(final long excerptsRead, final long lastIndex)
    {
        final long nowNs = System.nanoTime();
        if (nowNs - startNs < QUIET_NS || (terminal && nowNs - lastDrawNs < REDRAW_NS))
        {
            return;
        }
        // A journal still being written grows during the run: past the count taken at the start, that count is stale.
        final long total = this.total > 0 ? Math.max(this.total, excerptsRead) : 0;
        final int tenth = total > 0 ? (int)Math.min(10, excerptsRead * 10 / total) : 0;
        if (!terminal && tenth == lastTenth)
        {
            return;
        }
        lastDrawNs = nowNs;
        lastTenth = tenth;
        drawn = true;
        final long rate = (long)(excerptsRead * 1e9 / Math.max(1, nowNs - startNs));
        final StringBuilder line = new StringBuilder(96);
        if (total > 0)
        {
            final int filled = (int)Math.min(WIDTH, excerptsRead * WIDTH / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                .append(Math.min(100, excerptsRead * 100 / total)).append("% ");
        }
        line.append(excerptsRead).append(total > 0 ? "/" + total : "").append(" excerpts, ")
            .append(rate).append("/s, index ").append(lastIndex);
        if (terminal)
        {
            err.print("\r" + line);
        }
        else
        {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the bar's line so the summary starts on its own line. */
    public void finish()
    {
        if (drawn && terminal)
        {
            err.println();
        }
        drawn = false;
    }
}
