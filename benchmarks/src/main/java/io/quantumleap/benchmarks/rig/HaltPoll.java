package io.quantumleap.benchmarks.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guest's halt polling (Linux {@code cpuidle-haltpoll}, in KVM and Firecracker guests): how long an idle vCPU
 * polls for work before it halts. A halted vCPU is woken through the hypervisor, which on a cloud VM costs tens of
 * microseconds per thread hand-off; many guests ship with polling off ({@code guest_halt_poll_ns=0}). The rig reports
 * the machine's setting with every run and can set it for one run ({@code --halt-poll-ns}), restoring it after.
 * Polling burns the host's CPU while a vCPU is idle, never a CPU a guest thread could have used. The parameter
 * belongs to the {@code haltpoll} governor, which acts only under the {@code haltpoll} cpuidle driver: a guest whose
 * driver is another (or {@code none}) has the parameter and ignores it, and then the host's own polling, if any, is
 * all there is.
 */
final class HaltPoll
{
    static final Path PARAMETER = Path.of("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
    static final Path CPUIDLE_DRIVER = Path.of("/sys/devices/system/cpu/cpuidle/current_driver");
    /** The cpuidle driver under which the parameter acts. */
    static final String DRIVER = "haltpoll";

    private final Path parameter;
    private final Path driver;

    HaltPoll(final Path parameter, final Path driver)
    {
        this.parameter = parameter;
        this.driver = driver;
    }

    /** @return this machine's. */
    static HaltPoll machine()
    {
        return new HaltPoll(PARAMETER, CPUIDLE_DRIVER);
    }

    /** @return the cpuidle driver in use ({@code none} when the kernel idles without one), empty if unknown. */
    Optional<String> cpuidleDriver()
    {
        try
        {
            return Optional.of(Files.readString(driver, StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    /** @return whether the parameter acts here: it is there and the {@code haltpoll} driver is in use. */
    boolean inUse()
    {
        return read().isPresent() && cpuidleDriver().filter(DRIVER::equals).isPresent();
    }

    /** @return the setting as the rig reports it, with whether it acts. */
    String describe()
    {
        final OptionalLong ns = read();
        if (ns.isEmpty())
        {
            return "none";
        }
        final String value = String.format(Locale.ROOT, "%,d ns", ns.getAsLong());
        final Optional<String> driverNow = cpuidleDriver();
        return driverNow.filter(DRIVER::equals).isPresent() ? value : value + " (not in use: the cpuidle driver is "
            + driverNow.orElse("unknown") + ", not " + DRIVER + ")";
    }

    /** @return the guest's halt polling in ns, or empty when this kernel has no cpuidle-haltpoll. */
    OptionalLong read()
    {
        try
        {
            return OptionalLong.of(Long.parseLong(Files.readString(parameter, StandardCharsets.US_ASCII).trim()));
        }
        catch (final IOException | NumberFormatException ex)
        {
            return OptionalLong.empty();
        }
    }

    /**
     * Sets the guest's halt polling until the returned handle is closed, which restores what it was (as does the
     * JVM's exit, should the run be interrupted).
     *
     * @throws IllegalStateException naming the parameter when the kernel has none or it cannot be written (root).
     */
    Restore set(final long ns)
    {
        final OptionalLong before = read();
        if (before.isEmpty())
        {
            throw new IllegalStateException("halt-poll-ns: " + parameter + " is missing: this kernel has no "
                + "cpuidle-haltpoll (a KVM or Firecracker guest has it)");
        }
        final Thread onExit = new Thread(() -> write(before.getAsLong()), "rig-halt-poll-restore");
        write(ns);
        Runtime.getRuntime().addShutdownHook(onExit);
        return () ->
        {
            write(before.getAsLong());
            try
            {
                Runtime.getRuntime().removeShutdownHook(onExit);
            }
            catch (final IllegalStateException exiting)
            {
                // The JVM is exiting: the hook restores it too, to the same value.
            }
        };
    }

    private void write(final long ns)
    {
        try
        {
            Files.writeString(parameter, Long.toString(ns), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("halt-poll-ns: cannot write " + parameter + " (needs root): " + ex, ex);
        }
    }

    /** Puts the setting back. */
    interface Restore extends AutoCloseable
    {
        @Override
        void close();
    }
}
