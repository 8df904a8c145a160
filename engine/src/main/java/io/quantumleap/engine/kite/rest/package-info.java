/**
 * Kite Connect v3 REST client ({@link io.quantumleap.engine.kite.rest.KiteRestClient}, one per account):
 * session token exchange and logout, orders, trades, positions, holdings, margins, profile, quotes and the
 * instruments dump ({@link io.quantumleap.engine.kite.rest.InstrumentsCsvParser} turns it into
 * {@code InstrumentDefinitionCommand}s; {@link io.quantumleap.engine.kite.rest.InstrumentsLoader} loads it at
 * start and daily). Failures are {@link io.quantumleap.engine.kite.rest.KiteException}s typed by Kite's
 * {@code error_type} or by the transport fault; Kite's rate limits are kept client-side by
 * {@link io.quantumleap.engine.kite.rest.RateLimiter}.
 *
 * <p>Configuration ({@link io.quantumleap.engine.kite.rest.KiteRestContext#fromEnvironment}):
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>KITE_API_KEY</td><td>app api_key; absent means run against the simulator</td></tr>
 * <tr><td>KITE_API_SECRET</td><td>app api_secret (checksums only)</td></tr>
 * <tr><td>KITE_API_URL</td><td>REST base, default https://api.kite.trade</td></tr>
 * <tr><td>KITE_LOGIN_URL</td><td>login page, default https://kite.zerodha.com/connect/login</td></tr>
 * <tr><td>KITE_ORDER_PROXY</td><td>per-account order egress through an HTTP proxy, host:port</td></tr>
 * <tr><td>KITE_ORDER_BIND_ADDRESS</td><td>per-account order egress from this local address</td></tr>
 * </table>
 * Timeouts (connect 3 s, request 7 s), the orders-per-minute cap (400) and the longest an order may wait
 * for the limiter (500 ms) are context settings.
 */
package io.quantumleap.engine.kite.rest;
