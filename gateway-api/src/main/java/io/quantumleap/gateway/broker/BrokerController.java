package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.feed.KiteFeed;
import io.quantumleap.engine.kite.rest.KiteSession;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.AnyQueryParameters;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.live.GapView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.BrokerAccounts;
import io.quantumleap.gateway.runtime.BrokerRuntime;
import io.micronaut.context.annotation.Requires;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.ws.QueryTokenReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kite connect flow: send the browser to Kite's login (the simulator's by default), take the request token
 * back on the callback, exchange it (checksum signed), keep the access token encrypted and re-bind the feed and
 * the order router with it. The callback is tied to the user who started the flow by a one-time state value, and
 * sends the browser back to the dashboard on the host it started from: the broker calls back on the one redirect URL
 * registered for the app ({@code localhost}), and a dashboard opened as {@code 127.0.0.1} or by the machine's name
 * keeps its login in that origin's storage.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/broker")
@ExecuteOn(TaskExecutors.BLOCKING)
class BrokerController
{
    static final Duration STATE_TTL = Duration.ofMinutes(10);

    private record Pending(long accountId, java.util.UUID userId, String origin, Instant expiresAt)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ConnectUrl(String url)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FeedConnection(int id, String state, int instruments)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(boolean simulated, boolean connected, @Nullable String userId, @Nullable Instant tokenExpiry,
        List<BrokerRuntime.AccountStatus> accounts, List<FeedConnection> feedConnections, List<GapView> gaps,
        long feedFrames, long feedHeartbeats, long feedMalformed)
    {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private static List<FeedConnection> feedConnections(final List<KiteFeed.ConnectionStatus> statuses)
    {
        final List<FeedConnection> connections = new ArrayList<>(statuses.size());
        for (int id = 0; id < statuses.size(); id++)
        {
            connections.add(new FeedConnection(id, statuses.get(id).state().name().toLowerCase(Locale.ROOT),
                statuses.get(id).instruments()));
        }
        return connections;
    }
    private final SecureRandom random = new SecureRandom();
    private final EngineRuntime engine;
    private final AccountAccess access;
    private final Audit audit;
    private final Clock clock;
    private final LiveState live;
    private final BrokerAccounts accounts;
    private final HttpHostResolver hosts;

    BrokerController(
        final EngineRuntime engine, final AccountAccess access, final Audit audit, final Clock clock,
        final LiveState live, final BrokerAccounts accounts, final HttpHostResolver hosts)
    {
        this.hosts = hosts;
        this.accounts = accounts;
        this.live = live;
        this.engine = engine;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @ApiErrors.Trader
    @Get("/kite/connect")
    @Secured("trader")
    // QueryTokenReader reads it, no argument: in @Operation, as a @Parameter on the method would be typed an object.
    @Operation(parameters = @Parameter(name = QueryTokenReader.PARAMETER, in = ParameterIn.QUERY,
        schema = @Schema(implementation = String.class), description = "the session token (the login's JWT), for " +
        "a browser that opens this URL and so cannot send Authorization: Bearer; give one or the other"))
    @ApiResponse(responseCode = "200", description = "with Accept: application/json, the broker's login URL",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectUrl.class)))
    @ApiResponse(responseCode = "303", description = "otherwise, a redirect to the broker's login page")
    @ApiResponse(responseCode = "400", description = "bad_request: no account_id while the user has several " +
        "accounts or none; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> connect(
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth,
        final HttpRequest<?> request)
    {
        final long accountId = access.resolve(auth, accountParam);
        accounts.link(List.of(accountId));
        final BrokerRuntime broker = engine.broker();
        final Instant now = clock.instant();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        final byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        final String state = HexFormat.of().formatHex(nonce);
        pending.put(state,
            new Pending(accountId, Audit.userId(auth), dashboardOrigin(hosts.resolve(request)), now.plus(STATE_TTL)));
        final String url = broker.loginUrl(accountId, state);
        audit.record(Audit.userId(auth), AuditEvent.BROKER_CONNECT_STARTED, Map.of("account_id", accountId));
        if (request.accept().contains(MediaType.APPLICATION_JSON_TYPE))
        {
            return HttpResponse.ok(new ConnectUrl(url));
        }
        return HttpResponse.seeOther(URI.create(url));
    }

    @ApiErrors.Anyone
    @Get("/kite/callback")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @AnyQueryParameters
    @ApiResponse(responseCode = "303", description = "back to the dashboard's broker page, saying how it went")
    @ApiResponse(responseCode = "400", description = "bad_request: request_token, status or state given more than " +
        "once, the NUL character in the path or a query value, or a request target that is not a URI; any other " +
        "query parameter is taken and not read, as Kite adds its own",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> callback(
        @Nullable @QueryValue("request_token") final String requestToken, @Nullable @QueryValue final String status,
        @Nullable @QueryValue final String state)
    {
        final Pending p = state == null ? null : pending.remove(state);
        if (p == null || p.expiresAt().isBefore(clock.instant()))
        {
            return redirect("", "error", "the login link expired or was already used; connect again");
        }
        if (!"success".equals(status) || requestToken == null || requestToken.isBlank())
        {
            audit.record(p.userId(), AuditEvent.BROKER_CONNECT_FAILED, Map.of("account_id", p.accountId(),
                "status", status == null ? "" : status));
            return redirect(p.origin(), "error", "Kite did not confirm the login (status " + status + ")");
        }
        try
        {
            final KiteSession session = engine.broker().completeLogin(p.accountId(), requestToken)
                .get(15, TimeUnit.SECONDS);
            engine.rememberToken(p.accountId(), session.accessToken(), session.userId());
            audit.record(p.userId(), AuditEvent.BROKER_CONNECTED, Map.of("account_id", p.accountId(),
                "broker_user_id", session.userId()));
            return redirect(p.origin(), "connected", session.userId());
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            audit.record(p.userId(), AuditEvent.BROKER_CONNECT_FAILED, Map.of("account_id", p.accountId(),
                "error", String.valueOf(cause.getMessage())));
            return redirect(p.origin(), "error", "the token exchange failed: " + cause.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return redirect(p.origin(), "error", "the server is shutting down");
        }
    }

    @ApiErrors.SignedIn
    @Get("/status")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Status status(final Authentication auth)
    {
        final List<Long> mine = access.accounts(auth);
        final BrokerRuntime broker = engine.broker();
        final List<BrokerRuntime.AccountStatus> accounts = broker.status().stream()
            .filter(a -> mine.contains(a.accountId())).toList();
        final var counters = broker.feedCounters();
        final BrokerRuntime.AccountStatus first = accounts.stream()
            .filter(a -> a.state().equals("connected")).findFirst().orElse(null);
        return new Status(broker.simulated(), first != null, first == null ? null : first.brokerUserId(),
            first == null ? null : Instant.ofEpochMilli(first.tokenExpiryEpochMs()), accounts,
            feedConnections(broker.feedStatus()),
            live.gaps(), counters == null ? 0 : counters.binaryFrames(),
            counters == null ? 0 : counters.heartbeats(), counters == null ? 0 : counters.malformedFrames());
    }

    /**
     * The origin the callback sends the browser back to: {@code resolved} (the connect request's scheme, host and
     * port as the server resolves them, from its Host or forwarding headers) when it is a plain http(s) origin,
     * otherwise none, and the redirect stays relative to the host the callback came in on.
     */
    static String dashboardOrigin(@Nullable final String resolved)
    {
        if (resolved == null)
        {
            return "";
        }
        try
        {
            final URI uri = new URI(resolved);
            final boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() &&
                uri.getRawQuery() == null && uri.getRawFragment() == null ? resolved : "";
        }
        catch (final URISyntaxException ex)
        {
            return "";
        }
    }

    private static HttpResponse<?> redirect(final String origin, final String outcome, final String detail)
    {
        return HttpResponse.seeOther(URI.create(origin + "/broker?" + outcome + "=" +
            java.net.URLEncoder.encode(detail, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
