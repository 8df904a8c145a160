package io.quantumleap.gateway.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Changes a thread's scheduling class with util-linux's {@code chrt}, the tool an operator would use for the same
 * change by hand (the JDK has no call for it). Rare by design: a thread's class changes at its start and when the
 * load crosses a threshold, never per event.
 */
final class Chrt
{
    private Chrt()
    {
    }

    /**
     * Runs {@code chrt OPTIONS -p PRIORITY TID}.
     *
     * @param tid      the thread, as the kernel numbers it.
     * @param priority the class's priority (0 for the normal and the deadline classes).
     * @param options  the class and its parameters, e.g. {@code -f -R}.
     * @return null when the thread was moved, else what chrt or the kernel said.
     */
    static String move(final long tid, final int priority, final String... options)
    {
        final List<String> command = new ArrayList<>(List.of("chrt"));
        command.addAll(List.of(options));
        command.addAll(List.of("-p", Integer.toString(priority), Long.toString(tid)));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return "chrt did not finish";
            }
            return process.exitValue() == 0 ? null : output.isEmpty() ? "chrt exit " + process.exitValue() : output;
        }
        catch (final IOException ex)
        {
            return "chrt could not run: " + ex.getMessage();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
