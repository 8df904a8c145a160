package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.transport.StreamChannels;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How this process takes part in a deployment: the whole system ({@code all}, the default), the engine that
 * gateways in other processes follow over Aeron UDP ({@code engine}), or such a gateway ({@code gateway}).
 *
 * @param role       all, engine or gateway.
 * @param engineHost the engine's address as gateways reach it.
 * @param port       the engine's stream port ({@code port + 1} takes commands and requests).
 * @param localHost  a gateway's own address as the engine reaches it.
 * @param aeronDir   the embedded media driver's directory, or null for a new one under /dev/shm at each launch.
 */
public record Deployment(Role role, String engineHost, int port, String localHost, String aeronDir)
{
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    /** The processes of a deployment. */
    public enum Role
    {
        ALL, ENGINE, GATEWAY;

        /** @throws IllegalArgumentException naming the accepted values. */
        public static Role parse(final String value)
        {
            if (value == null || value.isBlank())
            {
                return ALL;
            }
            try
            {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("role '" + value + "': expected all, engine or gateway", ex);
            }
        }
    }

    /** The default: everything in one process, the stream on Aeron IPC. */
    public static Deployment all()
    {
        return new Deployment(Role.ALL, "localhost", 40456, "localhost", null);
    }

    /** @return the channels this process uses. */
    public StreamChannels channels()
    {
        return switch (role)
        {
            case ALL -> StreamChannels.ipc();
            case ENGINE -> StreamChannels.engineUdp(engineHost, port);
            case GATEWAY -> StreamChannels.followerUdp(engineHost, port, localHost);
        };
    }

    /**
     * The directory for one launch of the embedded media driver: the one set, or else a new one named after the data
     * folder, this process and the launch ({@code /dev/shm/qleap-aeron-<hash of the folder>-<pid>-<launch>}, under the
     * data folder where there is no /dev/shm). A driver never shares its directory with another launch, not even one
     * in the same process that is still shutting down (a gateway restarted in place). The directories a process left
     * behind when it was killed are removed first; those of processes still running are left alone.
     *
     * @param dataDir this process's data folder.
     * @return the directory the driver is to create and, on shutdown, delete.
     */
    public String newAeronDir(final Path dataDir)
    {
        if (aeronDir != null && !aeronDir.isBlank())
        {
            return aeronDir;
        }
        final Path shm = Path.of("/dev/shm");
        final boolean inShm = Files.isDirectory(shm);
        final Path parent = inShm ? shm : dataDir;
        final String folder = "qleap-aeron-" + Integer.toHexString(dataDir.toAbsolutePath().normalize().hashCode());
        final String prefix = inShm ? folder + "-" : "aeron-";
        removeAbandoned(parent, prefix);
        final Path earlierVersions = parent.resolve(inShm ? folder : "aeron");
        if (Files.isDirectory(earlierVersions))
        {
            // The one directory of versions that named it after the folder alone: the folder's lock keeps any other
            // process of this folder out, so nothing uses it any more.
            IoUtil.delete(earlierVersions.toFile(), true);
            LOG.info("removed {}, the media driver directory of an earlier version", earlierVersions);
        }
        return parent.resolve(prefix + ProcessHandle.current().pid() + "-" + LAUNCHES.incrementAndGet()).toString();
    }

    /** Deletes the {@code <prefix><pid>-<launch>} directories in {@code parent} whose process has ended. */
    static void removeAbandoned(final Path parent, final String prefix)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*"))
        {
            for (final Path entry : entries)
            {
                final long pid = ownerPid(entry.getFileName().toString().substring(prefix.length()));
                if (pid > 0 && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true))
                {
                    IoUtil.delete(entry.toFile(), true);
                    LOG.info("removed the media driver directory {} of process {}, which has ended", entry, pid);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("could not look for media driver directories left in {} by ended processes (any there stay " +
                "until removed by hand): {}", parent, ex.toString());
        }
    }

    /** @return the pid of a {@code <pid>-<launch>} name, or -1 for any other name. */
    private static long ownerPid(final String suffix)
    {
        final int dash = suffix.indexOf('-');
        if (dash <= 0 || dash == suffix.length() - 1)
        {
            return -1;
        }
        try
        {
            Integer.parseInt(suffix.substring(dash + 1));
            return Long.parseLong(suffix.substring(0, dash));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
