package io.quantumleap.persistence.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldKeepDataAcrossEmbeddedRestarts() throws Exception
    {
        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement())
            {
                s.executeUpdate("INSERT INTO journal_checkpoints (queue, last_index) VALUES ('in', 42)");
            }
        }

        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_index FROM journal_checkpoints WHERE queue = 'in'"))
            {
                assertTrue(rs.next());
                assertEquals(42L, rs.getLong(1));
            }
            assertTrue(dataDir.resolve("postgres").resolve("PG_VERSION").toFile().exists());
        }
    }
}
