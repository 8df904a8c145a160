package io.quantumleap.engine.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Login state: single-use request tokens and access tokens with Kite's 06:00 IST expiry. Owned by the simulator
 * thread. Tokens are credentials, drawn from a {@link SecureRandom} whatever the market's seed, so a token of an
 * earlier run (or of another simulator with the same seed) is never accepted.
 */
final class Sessions
{
    static final long REQUEST_TOKEN_TTL_MS = 5 * 60_000L;
    private static final char[] ALPHABET =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final String apiKey;
    private final String apiSecret;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RequestToken> requestTokens = new HashMap<>();

    /** A login's request token: who logged in, and until when the token can be exchanged. */
    private record RequestToken(String userId, long expiresAtMs)
    {
    }
    private final Map<String, Session> accessTokens = new HashMap<>();

    static final class Session
    {
        final String userId;
        final String accessToken;
        final String publicToken;
        final long loginTimeMs;
        final long expiresAtMs;

        Session(
            final String userId, final String accessToken, final String publicToken, final long loginTimeMs,
            final long expiresAtMs)
        {
            this.userId = userId;
            this.accessToken = accessToken;
            this.publicToken = publicToken;
            this.loginTimeMs = loginTimeMs;
            this.expiresAtMs = expiresAtMs;
        }
    }

    Sessions(final String apiKey, final String apiSecret)
    {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    String apiKey()
    {
        return apiKey;
    }

    String apiSecret()
    {
        return apiSecret;
    }

    /** @return a request token for a login of {@code userId}, to be exchanged for its session. */
    String newRequestToken(final String userId, final long nowMs)
    {
        final String token = randomToken(32);
        requestTokens.put(token, new RequestToken(userId, nowMs + REQUEST_TOKEN_TTL_MS));
        return token;
    }

    /**
     * Exchange a request token for a session, checking the checksum. The token is used up by the exchange that
     * succeeds (or found expired), not by one whose checksum is wrong.
     *
     * @throws KiteError when the key, token or checksum is wrong.
     */
    Session exchange(final String key, final String requestToken, final String checksum, final long nowMs)
    {
        if (!apiKey.equals(key))
        {
            throw KiteError.input("Invalid `api_key`.");
        }
        final RequestToken login = requestTokens.get(requestToken);
        if (login == null || login.expiresAtMs() <= nowMs)
        {
            requestTokens.remove(requestToken);
            throw KiteError.token("Token is invalid or has expired.");
        }
        final String expected = sha256Hex(key + requestToken + apiSecret);
        if (!expected.equalsIgnoreCase(checksum))
        {
            // Only the app with the secret can use a request token, so a wrong checksum leaves it to be used.
            throw KiteError.token("Invalid `checksum`.");
        }
        requestTokens.remove(requestToken);
        final Session session = new Session(login.userId(), randomToken(32), randomToken(32), nowMs,
            KiteTime.nextTokenExpiryMs(nowMs));
        accessTokens.put(session.accessToken, session);
        return session;
    }

    /**
     * Renew a session with a refresh token ({@code POST /session/refresh_token}). The simulator issues no refresh
     * tokens (its sessions carry {@code "refresh_token": ""}), so none is ever valid.
     *
     * @return never.
     * @throws KiteError InputException for a wrong key, else TokenException as Kite answers an unknown token.
     */
    Session renew(final String key, final String refreshToken, final String checksum)
    {
        if (!apiKey.equals(key))
        {
            throw KiteError.input("Invalid `api_key`.");
        }
        throw KiteError.token("Token is invalid or has expired.");
    }

    /** @return a random id for a request the simulator answers at once, as the holdings authorisation. */
    String newRequestId()
    {
        return randomToken(32);
    }

    /**
     * Check the {@code Authorization: token api_key:access_token} header.
     *
     * @throws KiteError TokenException when missing, malformed, unknown or expired.
     */
    Session authorize(final String authorization, final long nowMs)
    {
        if (authorization == null)
        {
            throw KiteError.token("Missing `Authorization` header; send `Authorization: token api_key:access_token`.");
        }
        final String value = authorization.trim();
        if (!value.startsWith("token ") || value.indexOf(':') < 0)
        {
            throw KiteError.token("Malformed `Authorization` header; expected `token api_key:access_token`.");
        }
        final String credentials = value.substring("token ".length()).trim();
        final int colon = credentials.indexOf(':');
        return check(credentials.substring(0, colon), credentials.substring(colon + 1), nowMs);
    }

    Session check(final String key, final String accessToken, final long nowMs)
    {
        final Session session = accessToken == null ? null : accessTokens.get(accessToken);
        if (!apiKey.equals(key) || session == null)
        {
            throw KiteError.token("Incorrect `api_key` or `access_token`.");
        }
        if (session.expiresAtMs <= nowMs)
        {
            accessTokens.remove(accessToken);
            throw KiteError.token("Incorrect `api_key` or `access_token`.");
        }
        return session;
    }

    boolean isValid(final String accessToken, final long nowMs)
    {
        final Session session = accessTokens.get(accessToken);
        return session != null && session.expiresAtMs > nowMs;
    }

    /** @return the user of a valid access token, or null. */
    String userOf(final String accessToken, final long nowMs)
    {
        final Session session = accessToken == null ? null : accessTokens.get(accessToken);
        return session != null && session.expiresAtMs > nowMs ? session.userId : null;
    }

    boolean invalidate(final String accessToken)
    {
        return accessTokens.remove(accessToken) != null;
    }

    void invalidateAll()
    {
        accessTokens.clear();
    }

    private String randomToken(final int length)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    static String sha256Hex(final String text)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final StringBuilder sb = new StringBuilder(64);
            for (final byte b : digest)
            {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
