package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.transport.StreamChannels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How this process takes part in a deployment: the whole system ({@code all}, the default), the engine that
 * gateways in other processes follow over Aeron UDP ({@code engine}), or such a gateway ({@code gateway}).
 *
 * @param role       all, engine or gateway.
 * @param engineHost the engine's address as gateways reach it.
 * @param port       the engine's stream port ({@code port + 1} takes commands and requests).
 * @param localHost  a gateway's own address as the engine reaches it.
 * @param aeronDir   the embedded media driver's directory, or null for one per data folder under /dev/shm.
 */
public record Deployment(Role role, String engineHost, int port, String localHost, String aeronDir)
{
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

    /** @return the media driver's directory for a process with this data folder. */
    public String aeronDir(final Path dataDir)
    {
        if (aeronDir != null && !aeronDir.isBlank())
        {
            return aeronDir;
        }
        final Path shm = Path.of("/dev/shm");
        final String name = "qleap-aeron-" + Integer.toHexString(dataDir.toAbsolutePath().normalize().hashCode());
        return (Files.isDirectory(shm) ? shm.resolve(name) : dataDir.resolve("aeron")).toString();
    }
}
