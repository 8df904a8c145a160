package io.quantumleap.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.quantumleap.gateway.runtime.EngineLink;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * On the first start (no users yet) creates the {@code admin} user, with the password from
 * {@code QLEAP_ADMIN_PASSWORD} or a generated one printed once.
 */
@Singleton
final class AdminBootstrap
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final String configuredPassword;
    private final EngineLink engine;

    AdminBootstrap(
        final UserStore users, final PasswordHasher hasher,
        @Value("${quantumleap.admin-password:}") final String configuredPassword, final EngineLink engine)
    {
        this.engine = engine;
        this.users = users;
        this.hasher = hasher;
        this.configuredPassword = configuredPassword;
    }

    @EventListener
    void onStartup(final StartupEvent event)
    {
        if (users.list().isEmpty())
        {
            createAdmin();
        }
        engine.registerAccounts(users.list().stream().flatMap(u -> u.accountIds().stream()).distinct().toList());
    }

    private void createAdmin()
    {
        final boolean generated = configuredPassword == null || configuredPassword.isBlank();
        if (!generated && (configuredPassword.length() < PasswordHasher.MIN_PASSWORD_LENGTH ||
            configuredPassword.length() > PasswordHasher.MAX_PASSWORD_LENGTH))
        {
            throw new IllegalStateException("QLEAP_ADMIN_PASSWORD must be " + PasswordHasher.MIN_PASSWORD_LENGTH +
                " to " + PasswordHasher.MAX_PASSWORD_LENGTH + " characters like every user's password; it has " +
                configuredPassword.length() + ". The admin user was not created.");
        }
        final String password = generated ? generatePassword() : configuredPassword;
        users.create(new User(UUID.randomUUID(), "admin", hasher.hash(password),
            EnumSet.allOf(Role.class), true, List.of(1L)));
        if (generated)
        {
            System.out.println("QuantumLeap: created user 'admin' with password: " + password +
                "  (shown once; set QLEAP_ADMIN_PASSWORD to choose it)");
        }
        else
        {
            LOG.info("created user 'admin' with the password from QLEAP_ADMIN_PASSWORD");
        }
    }

    private static String generatePassword()
    {
        final SecureRandom random = new SecureRandom();
        final StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++)
        {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
