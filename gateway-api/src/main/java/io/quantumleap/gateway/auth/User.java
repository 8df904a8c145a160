package io.quantumleap.gateway.auth;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in. {@code accountIds} are the engine account ids (one per Kite account) whose orders and
 * positions the user may see and trade.
 */
public record User(
    UUID id, String username, String passwordHash, Set<Role> roles, boolean enabled, List<Long> accountIds)
{
    public User
    {
        roles = Set.copyOf(roles);
        accountIds = List.copyOf(accountIds);
    }

    public boolean hasRole(final Role role)
    {
        return roles.contains(role);
    }
}
