package io.quantumleap.gateway.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The order of the gateway's HTTP filters, lowest first, each its own: Micronaut runs filters of one order in
 * whatever order it finds them, so a request that breaks two rules would get either refusal. Here it gets the first's
 * in this sequence. Micronaut's CORS filter ({@code ServerFilterPhase.METRICS.after()}) runs before all but the
 * first two, so a preflight and a request from an origin not allowed are its to answer. It answers a preflight before
 * the route is looked up ({@code @PreMatching}): only the filter methods marked so run on that answer (in this order
 * too), and they run on no other, so a filter whose response part must see every answer has one of each
 * ({@link SecurityHeadersFilter}).
 * Micronaut's security filter ({@code ServerFilterPhase.SECURITY.order()}) runs between {@link #JSON_BODY} and
 * {@link #USER_RATE_LIMIT}: the filters before it answer anyone, token or not, and those after it only a caller it let
 * through.
 */
public final class FilterOrder
{
    /**
     * {@link RefusedRequestMetrics}: the first a request meets, so the last its answer leaves through, and every
     * refusal, wherever made, is counted.
     */
    public static final int REFUSED_REQUEST_METRICS = Ordered.HIGHEST_PRECEDENCE;
    /**
     * {@link SecurityHeadersFilter}: before every filter that answers (CORS, the refusals, the security filter), as a
     * filter's response part runs only on an answer made after it in this sequence: its headers are on every answer,
     * the early refusals as much as a route's. Without an order of its own it would be the last, Micronaut's default,
     * and miss them all. It has a response part before the route is looked up too, for the CORS filter's answer to a
     * preflight, made then. The answers the server makes before any filter (a request line or headers too long) get
     * them from {@link ApiErrorResponseProcessor}.
     */
    public static final int SECURITY_HEADERS = REFUSED_REQUEST_METRICS + 1;
    /**
     * {@link RequestTargetFilter}: a target that is not a URI has been replaced by {@code /}, so no later filter can
     * read the request as sent, and the fault is the only true answer; a NUL in an API path or query is seen in the
     * request line alone, before a later filter echoes the path or a parameter name that holds it (a 404, an unknown
     * parameter).
     */
    public static final int REQUEST_TARGET = ServerFilterPhase.SECURITY.before();
    /**
     * {@code AddressRateLimitFilter}: after the checks of the request line alone, which cost no more than its bucket,
     * and before a route lookup or a token check, so that a flood from one address is refused before it costs either;
     * every request that reaches it counts, whatever a later filter answers.
     */
    public static final int ADDRESS_RATE_LIMIT = REQUEST_TARGET + 1;
    /**
     * {@link RouteMissFilter}: a path no route has, or a method it does not take, is a 404 or 405 whatever the body:
     * what the body should be is a route's to say, so the path is checked first.
     */
    public static final int ROUTE_MISS = ADDRESS_RATE_LIMIT + 1;
    /**
     * {@code UpgradeRequiredFilter}: on {@code /ws}, which no other filter here reads; beside the route checks, as it
     * too says what the path takes.
     */
    public static final int UPGRADE_REQUIRED = ROUTE_MISS + 1;
    /**
     * {@link JsonBodyFilter}: the body's Content-Type, once the route is known to exist, and the last before the
     * security filter, which would refuse a Content-Type no route takes as if the roles were wrong.
     */
    public static final int JSON_BODY = UPGRADE_REQUIRED + 1;
    /**
     * {@code UserRateLimitFilter}: the first after the security filter has named the user, so that every request of
     * the user counts against the user's budget, as every request of an address counts against its own: a client that
     * repeats a refused request in a loop is held back with 429 like any other, and the checks after it (the body
     * read and parsed) cost nothing once the budget is spent.
     */
    public static final int USER_RATE_LIMIT = ServerFilterPhase.SECURITY.after();
    /**
     * {@link QueryParameterFilter}: the query, read from the request line alone, before the body is read.
     */
    public static final int QUERY_PARAMETERS = USER_RATE_LIMIT + 1;
    /**
     * {@link SingleJsonBodyFilter}: the last, as it waits for the whole body and parses it.
     */
    public static final int SINGLE_JSON_BODY = QUERY_PARAMETERS + 1;

    private FilterOrder()
    {
    }
}
