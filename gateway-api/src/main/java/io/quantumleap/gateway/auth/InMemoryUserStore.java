package io.quantumleap.gateway.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Users kept in memory: for tests and for running without a database. */
public final class InMemoryUserStore implements UserStore
{
    private final ConcurrentHashMap<UUID, User> users = new ConcurrentHashMap<>();

    @Override
    public Optional<User> findByUsername(final String username)
    {
        return users.values().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
    }

    @Override
    public Optional<User> findById(final UUID id)
    {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public List<User> list()
    {
        final List<User> all = new ArrayList<>(users.values());
        all.sort(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT)));
        return all;
    }

    @Override
    public synchronized User create(final User user)
    {
        if (findByUsername(user.username()).isPresent())
        {
            throw new IllegalStateException("username: '" + user.username() + "' is taken");
        }
        users.put(user.id(), user);
        return user;
    }

    @Override
    public synchronized Optional<User> update(final User user)
    {
        return Optional.ofNullable(users.computeIfPresent(user.id(), (id, old) -> user));
    }

    @Override
    public boolean delete(final UUID id)
    {
        return users.remove(id) != null;
    }
}
