package io.quantumleap.engine.kite.rest;

/**
 * Told when a REST call fails with {@code TokenException}: the access token expired or was revoked and the
 * broker session needs a new login. Called on an HTTP client thread; must not block.
 */
@FunctionalInterface
public interface KiteSessionListener
{
    /**
     * @param exception   the failed call.
     * @param accessToken the access token the call carried (empty if none): one a newer login has replaced since
     *                    says nothing about the session's current token.
     */
    void onTokenException(KiteException exception, String accessToken);
}
