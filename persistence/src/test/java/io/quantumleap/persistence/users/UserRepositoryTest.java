package io.quantumleap.persistence.users;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserRepositoryTest
{
    private static Database database;
    private static UserRepository users;

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        users = new UserRepository(database.dataSource());
    }

    @AfterAll
    static void stop()
    {
        database.close();
    }

    @Test
    void shouldStoreAUserWithRolesAndAccountsAndFindItCaseInsensitively()
    {
        final UserRow alice = new UserRow(UUID.randomUUID(), "Alice", "$argon2id$hash", Set.of("trader", "quant"), true,
            List.of(11L, 12L));

        users.create(alice);

        final UserRow found = users.findByUsername("alice").orElseThrow();
        assertEquals(alice, found);
        assertEquals(alice, users.findById(alice.id()).orElseThrow());
    }

    @Test
    void shouldRefuseATakenUsername()
    {
        users.create(new UserRow(UUID.randomUUID(), "bob", "h", Set.of("ops"), true, List.of()));

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> users.create(new UserRow(UUID.randomUUID(), "bob", "h2", Set.of("ops"), true, List.of())));
        assertTrue(ex.getMessage().contains("username"));
    }

    @Test
    void shouldLetSeveralUsersShareAnAccountAndKeepItForTheOthersWhenOneLosesIt()
    {
        final UserRow dave = users.create(new UserRow(UUID.randomUUID(), "dave", "h", Set.of("admin"), true,
            List.of(31L)));
        final UserRow erin = users.create(new UserRow(UUID.randomUUID(), "erin", "h", Set.of("trader"), true,
            List.of(31L, 32L)));

        assertEquals(List.of(31L), users.findById(dave.id()).orElseThrow().engineAccountIds());
        assertEquals(List.of(31L, 32L), users.findById(erin.id()).orElseThrow().engineAccountIds());
        users.update(new UserRow(dave.id(), "dave", "h", Set.of("admin"), true, List.of()));
        assertEquals(List.of(), users.findById(dave.id()).orElseThrow().engineAccountIds());
        assertEquals(List.of(31L, 32L), users.findById(erin.id()).orElseThrow().engineAccountIds());
        assertTrue(users.delete(erin.id()));
        users.update(new UserRow(dave.id(), "dave", "h", Set.of("admin"), true, List.of(31L, 32L)));
        assertEquals(List.of(31L, 32L), users.findById(dave.id()).orElseThrow().engineAccountIds());
    }

    @Test
    void shouldReplaceRolesAndAccountsOnUpdateAndUnlinkOnDelete()
    {
        final UserRow carol = users.create(new UserRow(UUID.randomUUID(), "carol", "h", Set.of("trader"), true,
            List.of(21L, 22L)));

        final UserRow changed = new UserRow(carol.id(), "carol", "h2", Set.of("admin"), false, List.of(22L, 23L));
        users.update(changed);

        assertEquals(changed, users.findById(carol.id()).orElseThrow());
        assertTrue(users.delete(carol.id()));
        assertFalse(users.findById(carol.id()).isPresent());
        assertFalse(users.update(changed).isPresent());
    }
}
