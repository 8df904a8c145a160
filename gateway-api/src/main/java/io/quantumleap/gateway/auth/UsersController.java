package io.quantumleap.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.http.StrictJson;
import io.quantumleap.gateway.runtime.BrokerAccounts;
import io.quantumleap.gateway.runtime.EngineLink;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Controller("/api/users")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.InRole
class UsersController
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserView(UUID id, String username, List<String> roles, boolean enabled, List<Long> accountIds)
    {
        static UserView of(final User user)
        {
            return new UserView(user.id(), user.username(), user.roles().stream().map(Role::claim).sorted().toList(),
                user.enabled(), user.accountIds());
        }
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateUser(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
            message = "may contain only letters, digits, '.', '_' and '-'") String username,
        @NotBlank @Size(min = PasswordHasher.MIN_PASSWORD_LENGTH, max = PasswordHasher.MAX_PASSWORD_LENGTH,
            message = "must be 12 to 256 characters") String password,
        @NotEmpty @Serdeable.Deserializable(using = StrictJson.Lists.class) List<@NotBlank String> roles,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<@NotNull Long> accountIds)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateUser(
        @Nullable @Size(min = PasswordHasher.MIN_PASSWORD_LENGTH, max = PasswordHasher.MAX_PASSWORD_LENGTH,
            message = "must be 12 to 256 characters") String password,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<@NotBlank String> roles,
        @Nullable Boolean enabled,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<@NotNull Long> accountIds)
    {
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Audit audit;
    private final SessionRegistry sessions;
    private final BrokerAccounts accounts;

    UsersController(
        final UserStore users, final PasswordHasher hasher, final Audit audit, final SessionRegistry sessions,
        final BrokerAccounts accounts)
    {
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.users = users;
        this.hasher = hasher;
    }

    @Get
    List<UserView> list()
    {
        return users.list().stream().map(UserView::of).toList();
    }

    @Post
    @ApiResponse(responseCode = "201", description = "the new user",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @ApiResponse(responseCode = "400", description = ApiErrors.BAD_BODY,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "conflict: the username is taken",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<UserView> create(@Body @Valid final CreateUser request, final Authentication auth)
    {
        if (users.findByUsername(request.username()).isPresent())
        {
            throw new ApiException(HttpStatus.CONFLICT, "conflict", "username: '" + request.username() + "' is taken");
        }
        final User user = users.create(new User(UUID.randomUUID(), request.username(), hasher.hash(request.password()),
            roles(request.roles()), true, accountIds(request.accountIds() == null ? List.of() : request.accountIds())));
        accounts.link(user.accountIds());
        audit.record(Audit.userId(auth), AuditEvent.USER_CREATED, java.util.Map.of("username", user.username(),
            "roles", UserView.of(user).roles(), "account_ids", user.accountIds()));
        return HttpResponse.created(UserView.of(user));
    }

    @Put("/{id}")
    @ApiResponse(responseCode = "400", description = ApiErrors.BAD_BODY,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "not_found: no user with this id",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "last_admin: the change would leave no enabled admin",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    synchronized UserView update(
        @PathVariable final UUID id, @Body @Valid final UpdateUser request, final Authentication auth)
    {
        final User old = users.findById(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
        final User updated = new User(old.id(), old.username(),
            request.password() == null ? old.passwordHash() : hasher.hash(request.password()),
            request.roles() == null ? old.roles() : roles(request.roles()),
            request.enabled() == null ? old.enabled() : request.enabled(),
            request.accountIds() == null ? old.accountIds() : accountIds(request.accountIds()));
        if (!isEnabledAdmin(updated))
        {
            keepAnAdmin(old, "taking the admin role from or disabling");
        }
        final UserView view = UserView.of(users.update(updated)
            .orElseThrow(() -> ApiException.notFound("no user with id " + id)));
        accounts.link(view.accountIds());
        final boolean loggedOut = request.password() != null || !updated.enabled() ||
            !updated.roles().equals(old.roles());
        if (loggedOut)
        {
            sessions.revokeAllOf(id);
        }
        audit.record(Audit.userId(auth), AuditEvent.USER_UPDATED, java.util.Map.of("username", view.username(),
            "roles", view.roles(), "enabled", view.enabled(), "account_ids", view.accountIds(),
            "password_changed", request.password() != null, "sessions_revoked", loggedOut));
        return view;
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "deleted; the user's sessions end with it")
    @ApiResponse(responseCode = "404", description = "not_found: no user with this id",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "last_admin: the user is the last enabled admin",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    synchronized HttpResponse<?> delete(@PathVariable final UUID id, final Authentication auth)
    {
        users.findById(id).ifPresent(user -> keepAnAdmin(user, "deleting"));
        if (!users.delete(id))
        {
            throw ApiException.notFound("no user with id " + id);
        }
        audit.record(Audit.userId(auth), AuditEvent.USER_DELETED, java.util.Map.of("user_id", id.toString()));
        return HttpResponse.noContent();
    }

    /**
     * Refuses a change that would leave nobody able to administer the system: {@code user}, an enabled admin, is
     * about to stop being one, and no other enabled admin exists. (Changes of users are serialised by this
     * controller; gateways of a split deployment share the database, where two admins demoting each other at the
     * same instant could still both pass.)
     */
    private void keepAnAdmin(final User user, final String change)
    {
        if (isEnabledAdmin(user) &&
            users.list().stream().noneMatch(other -> !other.id().equals(user.id()) && isEnabledAdmin(other)))
        {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin", change + " '" + user.username() +
                "' would leave no enabled admin to manage users, risk limits and the kill switch: give another user " +
                "the admin role first");
        }
    }

    private static boolean isEnabledAdmin(final User user)
    {
        return user.enabled() && user.roles().contains(Role.ADMIN);
    }

    /** Accounts are numbered from 1 (0 means the defaults or every account) up to what a browser counts exactly. */
    private static List<Long> accountIds(final List<Long> ids)
    {
        for (final Long id : ids)
        {
            if (id == null || !EngineLink.isAccountId(id))
            {
                throw ApiException.badRequest("account_ids: " + id + " is not an account id (1 to " +
                    EngineLink.MAX_ACCOUNT_ID + ")");
            }
        }
        return ids;
    }

    private static Set<Role> roles(final List<String> names)
    {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        try
        {
            names.forEach(name -> roles.add(Role.parse(name)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest(ex.getMessage());
        }
        if (roles.isEmpty())
        {
            throw ApiException.badRequest("roles: at least one of trader, quant, ops, admin is required");
        }
        return roles;
    }
}
