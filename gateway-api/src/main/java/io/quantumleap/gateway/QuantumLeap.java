package io.quantumleap.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * Composition root started by {@code ./qleap run}: prepares the data folder and its secrets, then starts the
 * Micronaut shell, whose factories wire engine, journal and persistence.
 */
public final class QuantumLeap
{
    private QuantumLeap()
    {
    }

    public static void main(final String[] args)
    {
        final DataDirectory data = DataDirectory.fromEnvironment();
        final ApplicationContext context = Micronaut.build(args)
            .mainClass(QuantumLeap.class)
            .banner(false)
            .properties(properties(data))
            .start();
        context.findBean(EmbeddedServer.class).ifPresent(server ->
            System.out.println("QuantumLeap is up: " + server.getURL() + "  (data: " + data.root() + ")"));
    }

    /** Settings derived from the data folder; an explicitly set environment variable wins. */
    public static Map<String, Object> properties(final DataDirectory data)
    {
        final Map<String, Object> props = new HashMap<>();
        props.put("quantumleap.data-dir", data.root().toString());
        final String jwtSecret = System.getenv("QLEAP_JWT_SECRET");
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
            jwtSecret == null || jwtSecret.isBlank() ? data.secret("jwt-secret", 32) : jwtSecret);
        return props;
    }
}
