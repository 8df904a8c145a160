package io.quantumleap.gateway.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Checks credentials with lockout. Plain Java: the HTTP controller only translates.
 */
public final class AuthService
{
    /** The outcome of a login attempt. */
    public sealed interface LoginResult
    {
        /** The credentials are right. */
        record Success(User user) implements LoginResult
        {
        }

        /** Wrong user name or password (deliberately not saying which). */
        record BadCredentials() implements LoginResult
        {
        }

        /** Too many failures: no attempt is checked until {@code until}. */
        record LockedOut(Instant until) implements LoginResult
        {
        }
    }

    /** A hash to verify against when the user does not exist, so timing does not reveal which names exist. */
    private final String dummyHash;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public AuthService(final UserStore users, final PasswordHasher hasher, final LoginThrottle throttle)
    {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.dummyHash = hasher.hash("not a password of anyone");
    }

    public LoginResult login(final String username, final String password, final String address)
    {
        final Instant lockedUntil = throttle.lockedUntil(username, address);
        if (lockedUntil != null)
        {
            return new LoginResult.LockedOut(lockedUntil);
        }
        final Optional<User> user = users.findByUsername(username);
        final boolean ok = hasher.verify(password, user.map(User::passwordHash).orElse(dummyHash)) &&
            user.isPresent() && user.get().enabled();
        if (!ok)
        {
            throttle.onFailure(username, address);
            return new LoginResult.BadCredentials();
        }
        throttle.onSuccess(username, address);
        if (hasher.needsRehash(user.get().passwordHash()))
        {
            final User u = user.get();
            users.update(new User(u.id(), u.username(), hasher.hash(password), u.roles(), u.enabled(), u.accountIds()));
        }
        return new LoginResult.Success(user.get());
    }
}
