package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Changes of one user's rows that must not interleave with another change of the same user's. */
final class UserTransactions
{
    /** Work on one connection, in a transaction. */
    @FunctionalInterface
    interface Work<T>
    {
        T run(Connection c) throws SQLException;
    }

    private UserTransactions()
    {
    }

    /**
     * Runs {@code work} in one transaction with the user's row locked, so two changes of one user at once (two
     * creations at a limit) are one after the other; an exception rolls it back.
     *
     * @param failure what the {@link StorageException} says when the database fails.
     * @throws IllegalArgumentException when there is no such user.
     */
    static <T> T lockedForUser(
        final DataSource dataSource, final UUID userId, final String failure, final Work<T> work)
    {
        try (Connection c = dataSource.getConnection())
        {
            c.setAutoCommit(false);
            try
            {
                lockUser(c, userId);
                final T result = work.run(c);
                c.commit();
                return result;
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
        }
        catch (final SQLException ex)
        {
            throw new StorageException(failure, ex);
        }
    }

    private static void lockUser(final Connection c, final UUID userId) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE"))
        {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery())
            {
                if (!rs.next())
                {
                    throw new IllegalArgumentException("no user " + userId);
                }
            }
        }
    }
}
