package io.quantumleap.gateway.auth;

import io.quantumleap.persistence.users.UserRepository;
import io.quantumleap.persistence.users.UserRow;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link UserStore} on PostgreSQL through the persistence module's repository. */
public final class JdbcUserStore implements UserStore
{
    private final UserRepository repository;

    public JdbcUserStore(final UserRepository repository)
    {
        this.repository = repository;
    }

    @Override
    public Optional<User> findByUsername(final String username)
    {
        return repository.findByUsername(username).map(JdbcUserStore::user);
    }

    @Override
    public Optional<User> findById(final UUID id)
    {
        return repository.findById(id).map(JdbcUserStore::user);
    }

    @Override
    public List<User> list()
    {
        return repository.list().stream().map(JdbcUserStore::user).toList();
    }

    @Override
    public User create(final User user)
    {
        return user(repository.create(row(user)));
    }

    @Override
    public Optional<User> update(final User user)
    {
        return repository.update(row(user)).map(JdbcUserStore::user);
    }

    @Override
    public boolean delete(final UUID id)
    {
        return repository.delete(id);
    }

    private static UserRow row(final User user)
    {
        return new UserRow(user.id(), user.username(), user.passwordHash(),
            user.roles().stream().map(Role::claim).collect(Collectors.toSet()), user.enabled(), user.accountIds());
    }

    private static User user(final UserRow row)
    {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        row.roles().forEach(r -> roles.add(Role.parse(r)));
        return new User(row.id(), row.username(), row.passwordHash(), roles, row.enabled(), row.engineAccountIds());
    }
}
