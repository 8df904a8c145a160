package io.quantumleap.persistence.persister;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.DatabaseContext;

import java.nio.file.Path;

public final class PersisterCrashMain
{
    public static final int HALT_STATUS = 77;

    private PersisterCrashMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path journalDir = Path.of(args[0]);
        final String url = args[1];
        final String schema = args[2];
        final int haltAtBatch = Integer.parseInt(args[3]);
        final int batchSize = Integer.parseInt(args[4]);
        final int[] batches = {0};
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false).readOnly(true));
            Database db = Database.launch(new DatabaseContext().dataDir(Path.of("target")).url(url).user("postgres")
                .password("").schema(schema).poolSize(2));
            ChronicleJournalSource in = new ChronicleJournalSource(journal, JournalStream.IN);
            ChronicleJournalSource out = new ChronicleJournalSource(journal, JournalStream.OUT))
        {
            final Persister persister = new Persister(new PersisterContext()
                .dataSource(db.dataSource())
                .inSource(in)
                .outSource(out)
                .batchSize(batchSize)
                .tickPolicy(TickPolicy.ALL)
                .batchHook((queue, first, last, rows) ->
                {
                    if (++batches[0] == haltAtBatch)
                    {
                        Runtime.getRuntime().halt(HALT_STATUS);
                    }
                }));
            while (persister.doWork() > 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
