package io.quantumleap.persistence.copy;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryCopyBufferTest
{
    private static final String COPY_SQL = "COPY copy_target (a) FROM STDIN (FORMAT binary)";

    @Test
    void shouldStreamRowsInPartsAndEndTheCopy() throws SQLException
    {
        try (Database db = TestDatabase.freshSchema(); Connection connection = db.dataSource().getConnection())
        {
            createTarget(connection);
            final BinaryCopyBuffer buffer = new BinaryCopyBuffer(16);
            final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            for (int part = 0; part < 3; part++)
            {
                for (int row = 0; row < 100; row++)
                {
                    buffer.startRow(1);
                    buffer.int8(part * 100L + row);
                }
                buffer.streamTo(copyIn, 0 == part);
            }

            assertEquals(300, BinaryCopyBuffer.endStream(copyIn));
            assertEquals(300, buffer.rows());
            try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(DISTINCT a), min(a), max(a) FROM copy_target"))
            {
                assertTrue(rs.next());
                assertEquals(300, rs.getLong(1));
                assertEquals(0, rs.getLong(2));
                assertEquals(299, rs.getLong(3));
            }
        }
    }

    @Test
    void shouldReleaseTheConnectionWhenTheServerEndsTheSessionBeforeTheCopyEnds() throws SQLException
    {
        final Connection connection =
            DriverManager.getConnection(TestDatabase.server().jdbcUrl("postgres"), "postgres", "");
        try (Database db = TestDatabase.freshSchema())
        {
            connection.setAutoCommit(false);
            createTarget(connection);
            final int backend = backendPid(connection);
            final BinaryCopyBuffer buffer = new BinaryCopyBuffer(16);
            buffer.startRow(1);
            buffer.int8(42);
            final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            buffer.streamTo(copyIn, true);

            terminate(db, backend);

            assertThrows(SQLException.class, () -> BinaryCopyBuffer.endStream(copyIn));
            assertFalse(copyIn.isActive());
            assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(SQLException.class, connection::rollback));
        }
        finally
        {
            connection.abort(Runnable::run);
        }
    }

    private static int backendPid(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()"))
        {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    private static void createTarget(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TEMP TABLE copy_target (a int8)");
        }
    }

    private static void terminate(final Database db, final int backend) throws SQLException
    {
        try (Connection other = db.dataSource().getConnection();
            PreparedStatement kill = other.prepareStatement("SELECT pg_terminate_backend(?)");
            PreparedStatement alive = other.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"))
        {
            kill.setInt(1, backend);
            kill.execute();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true)
            {
                alive.setInt(1, backend);
                try (ResultSet rs = alive.executeQuery())
                {
                    assertTrue(rs.next());
                    if (0 == rs.getLong(1))
                    {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadlineNs, "backend " + backend + " still alive");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }
}
