package io.quantumleap.benchmarks.rig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The full system under test as a separate process, started the way {@code ./qleap run} starts it (the gateway's
 * JVM flags and class path, {@code QuantumLeap run}) with a fresh data folder and the Kite endpoints pointed at the
 * rig's simulator. Its output goes to a log file next to the rig's results.
 */
final class GatewayProcess implements AutoCloseable
{
    private final Process process;
    private final Path dataDir;
    private final boolean keepData;

    private GatewayProcess(final Process process, final Path dataDir, final boolean keepData)
    {
        this.process = process;
        this.dataDir = dataDir;
        this.keepData = keepData;
    }

    /**
     * @param gatewayTarget the gateway's {@code target} folder (jvm.options, classes, lib).
     * @param env           the environment on top of this process's (QLEAP_*, KITE_*).
     * @param extraJvmArgs  more JVM options, e.g. a heap size.
     * @param log           where its standard output and error go.
     * @param dataDir       its QLEAP_DATA_DIR.
     * @param keepData      leave the data folder behind (journal, latency logs) instead of deleting it.
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    static GatewayProcess start(
        final Path gatewayTarget, final Map<String, String> env, final List<String> extraJvmArgs, final Path log,
        final Path dataDir, final boolean keepData) throws IOException
    {
        final Path jvmOptions = gatewayTarget.resolve("jvm.options");
        if (!Files.isRegularFile(jvmOptions) || !Files.isDirectory(gatewayTarget.resolve("lib")))
        {
            throw new IllegalStateException("gateway: " + gatewayTarget + " has no jvm.options or lib/; build it " +
                "first (./qleap build, or mvn -pl gateway-api -am package -DskipTests)");
        }
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String flag : Files.readString(jvmOptions).trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag);
            }
        }
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(gatewayTarget.resolve("classes") + java.io.File.pathSeparator + gatewayTarget.resolve("lib") +
            java.io.File.separator + "*");
        command.add("io.quantumleap.gateway.QuantumLeap");
        command.add("run");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QLEAP_DATA_DIR", dataDir.toString());
        return new GatewayProcess(builder.start(), dataDir, keepData);
    }

    /** @return a TCP port free on loopback right now. */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    long pid()
    {
        return process.pid();
    }

    /** @return its latency log folder. */
    Path latencyDir()
    {
        return dataDir.resolve("latency");
    }

    /** @return its journal folder. */
    Path journalDir()
    {
        return dataDir.resolve("journal");
    }

    /** Stop it as Ctrl-C would (clean shutdown: journal flushed), forcibly after 30 s. */
    void stop()
    {
        if (!process.isAlive())
        {
            return;
        }
        process.destroy();
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stop it, then delete its data folder unless kept. */
    @Override
    public void close()
    {
        stop();
        if (!keepData)
        {
            try (Stream<Path> files = Files.walk(dataDir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            catch (final IOException ex)
            {
                System.err.println("rig: could not delete " + dataDir + ": " + ex.getMessage());
            }
        }
    }
}
