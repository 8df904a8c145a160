package io.quantumleap.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per client address and locks either out for a while after too many
 * failures in a row, so passwords cannot be guessed online.
 *
 * <p>Thread safe: called from the HTTP event loop threads.
 */
public final class LoginThrottle
{
    public static final int DEFAULT_MAX_FAILURES_PER_USER = 5;
    public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(15);

    private record Failures(int count, Instant lockedUntil)
    {
    }

    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration lockout;
    private final ConcurrentHashMap<String, Failures> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(final Clock clock)
    {
        this(clock, DEFAULT_MAX_FAILURES_PER_USER, DEFAULT_MAX_FAILURES_PER_ADDRESS, DEFAULT_LOCKOUT);
    }

    public LoginThrottle(final Clock clock, final int maxPerUser, final int maxPerAddress, final Duration lockout)
    {
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.lockout = lockout;
    }

    /** @return when the lockout for this user or address ends, or null when a login may be tried now. */
    public Instant lockedUntil(final String username, final String address)
    {
        final Instant now = clock.instant();
        final Instant user = lockedUntil(byUser.get(key(username)), now);
        final Instant addr = lockedUntil(byAddress.get(address), now);
        if (user == null)
        {
            return addr;
        }
        return addr == null || user.isAfter(addr) ? user : addr;
    }

    public void onFailure(final String username, final String address)
    {
        final Instant now = clock.instant();
        byUser.compute(key(username), (k, f) -> next(f, now, maxPerUser));
        byAddress.compute(address, (k, f) -> next(f, now, maxPerAddress));
    }

    public void onSuccess(final String username, final String address)
    {
        byUser.remove(key(username));
        byAddress.remove(address);
    }

    private Failures next(final Failures previous, final Instant now, final int max)
    {
        final int count = (previous == null || expired(previous, now)) ? 1 : previous.count() + 1;
        return new Failures(count, count >= max ? now.plus(lockout) : null);
    }

    private static boolean expired(final Failures f, final Instant now)
    {
        return f.lockedUntil() != null && !now.isBefore(f.lockedUntil());
    }

    private static Instant lockedUntil(final Failures f, final Instant now)
    {
        return f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil()) ? null : f.lockedUntil();
    }

    private static String key(final String username)
    {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }
}
