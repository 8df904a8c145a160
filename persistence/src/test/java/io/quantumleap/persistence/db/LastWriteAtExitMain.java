package io.quantumleap.persistence.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

public final class LastWriteAtExitMain
{
    public static final String READY = "ready";
    public static final String STORED = "stored the last write";
    public static final String CLOSED = "closed";

    private LastWriteAtExitMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final Database db = Database.launch(new DatabaseContext().dataDir(Path.of(args[0])).url(null));
        if (!"starting".equals(args[1]))
        {
            inService(db, Long.parseLong(args[1]));
        }
        System.out.println(READY);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void inService(final Database db, final long delayMs)
    {
        db.inService();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                Thread.sleep(delayMs);
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement())
                {
                    s.executeUpdate("INSERT INTO journal_checkpoints (queue, last_index) VALUES ('in', 7)");
                }
                System.out.println(STORED);
            }
            catch (final InterruptedException | SQLException ex)
            {
                System.out.println("the last write failed: " + ex);
            }
            db.close();
            System.out.println(CLOSED);
        }, "owner-stop"));
    }
}
