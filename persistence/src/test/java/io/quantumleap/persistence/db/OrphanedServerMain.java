package io.quantumleap.persistence.db;

import java.nio.file.Path;

public final class OrphanedServerMain
{
    public static final int HALT_STATUS = 78;

    private OrphanedServerMain()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length < 2 || !"watched".equals(args[1]))
        {
            System.setProperty(EmbeddedServer.WATCHDOG_PROPERTY, "false");
        }
        final Database db = Database.launch(new DatabaseContext().dataDir(Path.of(args[0])).url(null));
        if (null != db.embeddedServer())
        {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        db.close();
    }
}
