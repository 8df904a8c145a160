package io.quantumleap.gateway.http;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The errors the OpenAPI document lists for operations that share them, in one place: the filters before every
 * {@code /api} route answer them whatever the route ({@link QueryParameterFilter}, {@link RequestTargetFilter},
 * {@link JsonBodyFilter}, the rate limits, the security filter), so a controller says which apply with one
 * annotation on the class ({@link Anyone}, {@link SignedIn}, {@link InRole} or {@link Trader}) and lists on a route
 * only what the route adds ({@link BrokerRead} or its own). The OpenAPI generator takes the first
 * answer it meets for a status, the route's before the class's: a route that lists 400, 403 or 429 of its own words
 * its description with the shared one ({@link #QUERY_FAULTS}, {@link #FORBIDDEN}, {@link #RATE_LIMITED}) appended.
 * A route outside {@code /api} passes through none of those filters and says which apply with {@link AnyPath} and its
 * own. Every error body is an {@link ApiError}, sent as application/json whatever the route produces: the generator
 * lists an answer under the route's media types (text, YAML, CSV), and the build's
 * {@code OpenApiErrorContent} step (src/build/java) lists every {@link ApiError} answer as application/json
 * alone, so a route that produces something else shares these as the rest do.
 */
public final class ApiErrors
{
    /** What every route can answer 400 for, whatever else it refuses; appended to a route's own 400. */
    public static final String QUERY_FAULTS = "a query parameter the operation does not take (the message names " +
        "those it takes), a query value or path variable that is not of its type, the NUL character in the path or " +
        "a query value, or a request target that is not a URI";
    /** The 400 of a route that refuses nothing else. */
    public static final String BAD_REQUEST = "bad_request: " + QUERY_FAULTS;
    /** The 400 of a route that takes a JSON body and has no more to say of its faults. */
    public static final String BAD_BODY = "bad_request: a body that is not one JSON object of the fields the " +
        "operation takes, or a field out of its bounds (the message names it); or " + QUERY_FAULTS;
    /** What every route can answer 413 for. */
    public static final String TOO_LARGE = "too_large: a body of more than 1 MB";
    /** What every path can answer 414 for, before any route ({@code ApiErrorResponseProcessor}). */
    public static final String URI_TOO_LONG = "uri_too_long: a request line (method, path and query) longer than " +
        "the server reads (the message says how long it may be): send fewer or shorter query parameters";
    /** What every path can answer 431 for, before any route ({@code ApiErrorResponseProcessor}). */
    public static final String HEADERS_TOO_LARGE = "headers_too_large: request headers larger in all than the " +
        "server reads (the message says how large they may be)";
    /** What every route can answer 415 for. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type: a Content-Type other than " +
        "application/json, or one that does not read, or a charset other than UTF-8";
    /** What every route can answer 429 for. */
    public static final String RATE_LIMITED = "rate_limited: too many requests from the client's address or from " +
        "the user; Retry-After says when to ask again";
    /** What every route that takes a token can answer 401 for. */
    public static final String UNAUTHORIZED = "unauthorized: no token, or one that is not valid, has expired or " +
        "was logged out";
    /** What every route limited to roles can answer 403 for. */
    public static final String FORBIDDEN = "forbidden: the user's roles do not allow this (GET /api/me shows them)";
    /** The 403 of a trader's route, which also acts on an account the caller may name. */
    public static final String FORBIDDEN_ACCOUNT = FORBIDDEN + "; or an account_id that is not one of the user's " +
        "accounts";
    /** A route that reads an account from the broker: its 409. */
    public static final String BROKER_NOT_CONNECTED = "broker_not_connected: the account is not connected to the " +
        "broker (never, or its token expired at 06:00 IST or was refused): connect it and ask again";
    /** A route that reads an account from the broker: its 429s. */
    public static final String BROKER_RATE_LIMITED = "broker_rate_limited: the broker's own rate limit refused the " +
        "call (Retry-After says when to ask again); or " + RATE_LIMITED;
    /** A route that reads an account from the broker: its 502 when the broker did not answer. */
    public static final String BROKER_UNAVAILABLE = "broker_unavailable: the broker did not answer within 10 s or " +
        "failed";
    /** A route that reads an account from the broker: its 502s. */
    public static final String BROKER_REFUSED = "broker_refused: the broker refused the read; the message gives its " +
        "reason, then that asking again will not help and to take it up with the broker (the request passed the " +
        "gateway's checks, so this is the broker's word on the account, not a fault of the request); or " +
        BROKER_UNAVAILABLE;
    /** A route that waits for the broker or the engine: its 503. */
    public static final String INTERRUPTED = "interrupted: the server is shutting down";

    private ApiErrors()
    {
    }

    /**
     * The errors the server answers on any path, before any route or filter reads the request: 413 for a body too
     * large, 414 for a request line and 431 for headers longer than the server reads.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "413", description = TOO_LARGE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "414", description = URI_TOO_LONG,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "431", description = HEADERS_TOO_LARGE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface AnyPath
    {
    }

    /** The errors of an {@code /api} route anyone may call: those of {@link AnyPath}, and 400, 415 and 429. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @AnyPath
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface Anyone
    {
    }

    /** The errors of a route that takes a token: those of {@link Anyone}, and 401. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Anyone
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface SignedIn
    {
    }

    /** The errors of a route limited to roles: those of {@link SignedIn}, and 403. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @SignedIn
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface InRole
    {
    }

    /**
     * The errors of a route for traders, which acts on the caller's accounts: those of {@link SignedIn}, and 403 for
     * a user without the role or an account_id of someone else's.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @SignedIn
    @ApiResponse(responseCode = "403", description = FORBIDDEN_ACCOUNT,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface Trader
    {
    }

    /** The errors of a read of an account from the broker ({@code BrokerReads}), on top of the class's. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = BROKER_NOT_CONNECTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = BROKER_RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = BROKER_REFUSED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public @interface BrokerRead
    {
    }
}
