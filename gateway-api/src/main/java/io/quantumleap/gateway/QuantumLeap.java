package io.quantumleap.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.quantumleap.gateway.runtime.Deployment;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.ws.LiveHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Composition root started by {@code ./qleap run}: prepares the data folder and its secrets, then starts the
 * Micronaut shell, whose factories wire engine, journal and persistence.
 */
public final class QuantumLeap
{
    private static final String ROLE_PROPERTY = "quantumleap.role";
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(QuantumLeap.class);

    private QuantumLeap()
    {
    }

    /**
     * Whether the HTTP port is free, checked before anything starts (PostgreSQL, the simulator, the engine), so a
     * second instance on the same port fails in a moment with a line that says so.
     *
     * @return why the port cannot be used, or null when it can (or when the settings do not name one).
     */
    static String portTaken(final String host, final String port)
    {
        return portTaken("HTTP", "QLEAP_HTTP_PORT", host, port, 8080);
    }

    /**
     * The same for the in-process simulator's port ({@code QLEAP_SIM_PORT}; unset or 0, a free one is picked), on
     * loopback, where the simulator listens.
     */
    static String simulatorPortTaken(final String port)
    {
        return portTaken("simulator", "QLEAP_SIM_PORT", "127.0.0.1", port, 0);
    }

    private static String portTaken(
        final String what, final String variable, final String host, final String port, final int defaultPort)
    {
        final String address = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        final int number;
        try
        {
            number = port == null || port.isBlank() ? defaultPort : Integer.parseInt(port.trim());
        }
        catch (final NumberFormatException ex)
        {
            return variable + " '" + port + "' is not a port number: expected 0 to 65535";
        }
        if (number < 0 || number > 65_535)
        {
            return variable + " '" + port + "' is not a port number: expected 0 to 65535";
        }
        if (number == 0)
        {
            return null;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(address, number));
            return null;
        }
        catch (final java.io.IOException ex)
        {
            return "the " + what + " port " + address + ":" + number + " cannot be used (" + ex.getMessage() + "): " +
                "another QuantumLeap or program has it; stop it, or set " + variable + " to a free port";
        }
    }

    /**
     * Whether the session token lifetime is a duration Micronaut reads (8h, 30m, 1d, PT8H) and longer than zero,
     * checked before anything starts: a value it cannot read would otherwise leave the default in force unsaid.
     *
     * @return why the lifetime cannot be used, or null when it can (or when none is set).
     */
    static String tokenTtlRefused(final String ttl)
    {
        if (ttl == null || ttl.isBlank())
        {
            return null;
        }
        final Optional<Duration> duration = ConversionService.SHARED.convert(ttl, Duration.class);
        if (duration.isEmpty())
        {
            return "QLEAP_TOKEN_TTL '" + ttl + "' is not a duration: a whole number and a unit (s, m, h or d), " +
                "e.g. 8h, 30m or 1d";
        }
        if (duration.get().isNegative() || duration.get().isZero())
        {
            return "QLEAP_TOKEN_TTL '" + ttl + "' must be longer than zero, e.g. 8h";
        }
        return null;
    }

    /** @return the role's name as the configuration expects it (all, engine or gateway). */
    private static String role(final String value)
    {
        return Deployment.Role.parse(value).name().toLowerCase(Locale.ROOT);
    }

    /** @return why the role named by {@code source} cannot be taken, or null when it can. */
    static String roleRefused(final String source, final String value)
    {
        try
        {
            role(value);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return source + " '" + value + "': expected all, engine or gateway";
        }
    }

    /**
     * Takes the role off the command line ({@code --role R} or {@code --role=R}) into the settings; the other
     * arguments go to Micronaut as they are.
     *
     * @return why the arguments cannot be taken, or null when they can.
     */
    static String arguments(final String[] args, final Map<String, Object> settings, final List<String> rest)
    {
        for (int i = 0; i < args.length; i++)
        {
            final boolean joined = args[i].startsWith("--role=");
            if (joined || args[i].equals("--role"))
            {
                final String value = joined ? args[i].substring("--role=".length()) :
                    i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : "";
                if (value.isBlank())
                {
                    return "--role needs a value: all, engine or gateway";
                }
                final String refused = roleRefused("--role", value);
                if (refused != null)
                {
                    return refused;
                }
                settings.put(ROLE_PROPERTY, role(value));
            }
            else
            {
                rest.add(args[i]);
            }
        }
        return null;
    }

    public static void main(final String[] args)
    {
        final Map<String, Object> settings = new HashMap<>();
        final List<String> rest = new ArrayList<>();
        final String badArguments = arguments(args, settings, rest);
        if (badArguments != null)
        {
            refuse(badArguments, 2);
            return;
        }
        final String envRole = System.getenv("QLEAP_ROLE");
        final String badSetting = envRole == null ? null : roleRefused("QLEAP_ROLE", envRole);
        final String badTtl = tokenTtlRefused(
            System.getProperty("quantumleap.auth.token-ttl", System.getenv("QLEAP_TOKEN_TTL")));
        final String badEnvironment = EnvironmentSettings.refused(System.getenv());
        if (badSetting != null || badTtl != null || badEnvironment != null)
        {
            refuse(badSetting != null ? badSetting : badTtl != null ? badTtl : badEnvironment);
            return;
        }
        EnvironmentSettings.unknown(System.getenv()).forEach(LOG::warn);
        final DataDirectory data = DataDirectory.fromEnvironment();
        final DataDirectory.Lock folderLock;
        try
        {
            folderLock = data.lock();
        }
        catch (final DataDirectory.InUseException | java.io.UncheckedIOException ex)
        {
            refuse(ex.getMessage() + (ex instanceof DataDirectory.InUseException ? "" :
                " (" + ex.getCause().getMessage() + "): QLEAP_DATA_DIR must be a folder this user can write"));
            return;
        }
        final Map<String, Object> props = properties(data);
        props.putAll(settings);
        final String portTaken = portTaken(
            System.getProperty("micronaut.server.host", System.getenv("QLEAP_HTTP_HOST")),
            System.getProperty("micronaut.server.port", System.getenv("QLEAP_HTTP_PORT")));
        final String simulatorPortTaken = System.getenv("KITE_API_KEY") == null ?
            simulatorPortTaken(System.getProperty("quantumleap.sim.port", System.getenv("QLEAP_SIM_PORT"))) : null;
        if (portTaken != null || simulatorPortTaken != null)
        {
            refuse(portTaken != null ? portTaken : simulatorPortTaken);
            return;
        }
        final ApplicationContext context = Micronaut.build(rest.toArray(String[]::new))
            .mainClass(QuantumLeap.class)
            .banner(false)
            .properties(props)
            .build();
        final EmbeddedServer server;
        try
        {
            server = start(context);
        }
        catch (final RuntimeException ex)
        {
            couldNotStart(ex);
            System.exit(1);
            return;
        }
        // The hook keeps the folder's lock reachable (a collected channel would release it) until all has stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndUnlock(server, folderLock), "qleap-shutdown"));
        System.out.println("QuantumLeap is up: " + server.getURL() + "  (data: " + data.root() + ")");
    }

    /**
     * Says why the start failed in one line, the innermost cause's, which names what was wrong (a file, a port, a
     * setting) under the layers of bean creation around it. The trace follows only for a failure of the program's
     * own (a bug), not for one of the machine or the settings (an I/O error, a value refused).
     */
    private static void couldNotStart(final RuntimeException ex)
    {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        final boolean ofTheSetting = cause instanceof java.io.IOException ||
            cause instanceof IllegalArgumentException || cause instanceof IllegalStateException;
        final String why = cause.getMessage() == null ? cause.getClass().getName() :
            cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (ofTheSetting)
        {
            LOG.error("QuantumLeap could not start: {}", why);
            LOG.debug("QuantumLeap could not start", ex);
        }
        else
        {
            LOG.error("QuantumLeap could not start: {}", why, ex);
        }
    }

    /** Ends a start refused before anything started, with one line saying why and what to do. */
    private static void refuse(final String why)
    {
        refuse(why, 1);
    }

    /** The same, with the exit code: 2 for a bad command line. */
    private static void refuse(final String why, final int exitCode)
    {
        LOG.error("QuantumLeap could not start: {}", why);
        System.exit(exitCode);
    }

    /**
     * Starts the context and its HTTP server; when a step fails, stops what had started (the engine, PostgreSQL)
     * before the failure is thrown on.
     */
    public static EmbeddedServer start(final ApplicationContext context)
    {
        try
        {
            context.start();
            final EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return server;
        }
        catch (final RuntimeException ex)
        {
            try
            {
                // A context whose start failed part way (a startup listener threw) is not running, so closing it
                // destroys nothing: the engine it had created is closed here.
                context.getActiveBeanRegistrations(EngineLink.class).forEach(engine -> engine.getBean().close());
                context.close();
            }
            catch (final RuntimeException closing)
            {
                ex.addSuppressed(closing);
            }
            throw ex;
        }
    }

    /**
     * Stops the application in the order its clients see as clean: WebSocket clients get a close frame (1001) while
     * the HTTP server still runs, then the server stops, then the context (engine, journal, persister, PostgreSQL).
     * Micronaut's own hook would stop the server first, dropping every WebSocket without a close frame.
     */
    public static void stop(final EmbeddedServer server)
    {
        final ApplicationContext context = server.getApplicationContext();
        try
        {
            final int left = context.findBean(LiveHub.class).map(QuantumLeap::closeClients).orElse(0);
            if (left > 0)
            {
                LOG.warn("{} WebSocket clients had not taken their close frame within {}", left, CLIENT_CLOSE_TIMEOUT);
            }
        }
        finally
        {
            server.stop();
            context.close();
        }
    }

    private static void stopAndUnlock(final EmbeddedServer server, final DataDirectory.Lock folderLock)
    {
        try
        {
            stop(server);
        }
        finally
        {
            try
            {
                folderLock.close();
            }
            catch (final java.io.IOException ex)
            {
                LOG.warn("could not release the data folder's lock: {}", ex.getMessage());
            }
        }
    }

    private static int closeClients(final LiveHub hub)
    {
        try
        {
            return hub.closeAll(CLIENT_CLOSE_TIMEOUT);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return hub.clients();
        }
    }

    /** Settings derived from the data folder; an explicitly set environment variable wins. */
    public static Map<String, Object> properties(final DataDirectory data)
    {
        final Map<String, Object> props = new HashMap<>();
        props.put("quantumleap.data-dir", data.root().toString());
        props.put("endpoints.health.disk-space.path", data.root().toAbsolutePath().toString());
        final String role = System.getenv("QLEAP_ROLE");
        if (role != null && !role.isBlank())
        {
            props.put(ROLE_PROPERTY, role(role));
        }
        final String jwtSecret = System.getenv("QLEAP_JWT_SECRET");
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
            jwtSecret == null || jwtSecret.isBlank() ? data.secret("jwt-secret", 32) : jwtSecret);
        return props;
    }
}
