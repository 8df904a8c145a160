package io.quantumleap.gateway.auth;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where users live: PostgreSQL in production. Implementations are thread safe. */
public interface UserStore
{
    Optional<User> findByUsername(String username);

    Optional<User> findById(UUID id);

    List<User> list();

    /** @throws IllegalStateException when the user name is taken. */
    User create(User user);

    /** @return the stored user, or empty when no user has that id. */
    Optional<User> update(User user);

    boolean delete(UUID id);
}
