package io.quantumleap.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoginResponse(String token, Instant expiresAt, List<String> roles)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Me(String username, List<String> roles, List<Long> accountIds)
    {
    }

    private final AuthService auth;
    private final TokenGenerator tokens;
    private final SessionRegistry sessions;
    private final Clock clock;
    private final Duration tokenTtl;
    private final UserStore users;
    private final Audit audit;

    AuthController(
        final AuthService auth, final TokenGenerator tokens, final SessionRegistry sessions, final Clock clock,
        final GatewayAuthConfig config, final UserStore users, final Audit audit)
    {
        this.audit = audit;
        this.auth = auth;
        this.tokens = tokens;
        this.sessions = sessions;
        this.clock = clock;
        this.tokenTtl = config.getTokenTtl();
        this.users = users;
    }

    @ApiErrors.Anyone
    @Post("/auth/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ApiResponse(responseCode = "200", description = "logged in",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = LoginResponse.class)))
    @ApiResponse(responseCode = "401", description = "bad_credentials: wrong user name or password",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ApiErrors.BAD_BODY,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = "locked_out: too many failed logins, after repeated " +
        "failures (see Retry-After); or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> login(@Body @Valid final LoginRequest request, final HttpRequest<?> http)
    {
        final String address = http.getRemoteAddress().getAddress().getHostAddress();
        final AuthService.LoginResult result = auth.login(request.username(), request.password(), address);
        if (result instanceof AuthService.LoginResult.LockedOut locked)
        {
            audit.record(null, AuditEvent.LOGIN_LOCKED_OUT, Map.of("username", request.username(), "address", address));
            final long seconds = Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds());
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(seconds))
                .body(new ApiError("locked_out", "too many failed logins: try again in " + seconds + " s"));
        }
        if (!(result instanceof AuthService.LoginResult.Success success))
        {
            audit.record(null, AuditEvent.LOGIN_FAILED, Map.of("username", request.username(), "address", address));
            return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .body(new ApiError("bad_credentials", "username or password is wrong"));
        }
        final User user = success.user();
        final String sessionId = UUID.randomUUID().toString();
        final Instant expiresAt = clock.instant().plus(tokenTtl);
        final List<String> roles = user.roles().stream().map(Role::claim).sorted().toList();
        final Authentication authentication = Authentication.build(user.username(), roles,
            Map.of(SessionTokenValidator.SESSION_CLAIM, sessionId, "uid", user.id().toString()));
        final String token = tokens.generateToken(authentication, (int)tokenTtl.toSeconds())
            .orElseThrow(() -> new IllegalStateException("JWT generation failed"));
        sessions.open(sessionId, user.id(), expiresAt);
        audit.record(user.id(), AuditEvent.LOGIN, Map.of("username", user.username(), "address", address));
        return HttpResponse.ok(new LoginResponse(token, expiresAt, roles));
    }

    @ApiErrors.SignedIn
    @Post("/auth/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ApiResponse(responseCode = "204", description = "the token no longer works")
    HttpResponse<?> logout(final Authentication authentication)
    {
        final Object sid = authentication.getAttributes().get(SessionTokenValidator.SESSION_CLAIM);
        if (sid != null)
        {
            sessions.revoke(sid.toString());
        }
        audit.record(Audit.userId(authentication), AuditEvent.LOGOUT, Map.of("username", authentication.getName()));
        return HttpResponse.noContent();
    }

    @ApiErrors.SignedIn
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Me me(final Authentication authentication)
    {
        final User user = users.findByUsername(authentication.getName())
            .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "the user no longer exists"));
        return new Me(user.username(), user.roles().stream().map(Role::claim).sorted().toList(), user.accountIds());
    }
}
