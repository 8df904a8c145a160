package io.quantumleap.persistence.users;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A stored user: roles by name ({@code trader}, {@code quant}, {@code ops}, {@code admin}) and the engine ids of
 * the accounts linked to the user.
 */
public record UserRow(UUID id, String username, String passwordHash, Set<String> roles, boolean enabled,
    List<Long> engineAccountIds)
{
    public UserRow
    {
        roles = Set.copyOf(roles);
        engineAccountIds = List.copyOf(engineAccountIds);
    }
}
