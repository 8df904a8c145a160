package io.quantumleap.persistence.db;

import io.quantumleap.persistence.persister.PersisterContext;
import io.quantumleap.persistence.persister.TickPolicy;
import io.quantumleap.persistence.support.InMemoryJournal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseContextTest
{
    private static String rejection(final Runnable conclude)
    {
        return assertThrows(RuntimeException.class, conclude::run).getMessage();
    }

    @Test
    void shouldNameTheFieldWhenADatabaseSettingIsInvalid()
    {
        assertTrue(rejection(() -> new DatabaseContext().dataDir(Path.of("d")).url("jdbc:mysql://x/y").conclude())
            .startsWith("url must start with jdbc:postgresql:"));
        assertTrue(rejection(() -> new DatabaseContext().dataDir(Path.of("d")).schema("Robert'); DROP").conclude())
            .startsWith("schema must be a lower-case SQL identifier"));
        assertTrue(rejection(() -> new DatabaseContext().dataDir(Path.of("d")).poolSize(0).conclude())
            .startsWith("poolSize must be at least 1"));
        assertTrue(rejection(() -> new DatabaseContext().dataDir(Path.of("d")).embeddedPort(70_000).conclude())
            .startsWith("embeddedPort must be 0..65535"));
    }

    @Test
    void shouldTakeTheDefaultUserWhenTheConfigurationGivesABlankOne()
    {
        final DatabaseContext context = new DatabaseContext().dataDir(Path.of("d"))
            .url("jdbc:postgresql://localhost:5432/postgres").user("").conclude();

        assertEquals(DatabaseConfiguration.dbUser(), context.user());
    }

    @Test
    void shouldNameTheFieldWhenAPersisterSettingIsInvalid()
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final javax.sql.DataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();

        assertTrue(rejection(() -> new PersisterContext().inSource(in).conclude())
            .startsWith("dataSource is required"));
        assertTrue(rejection(() -> new PersisterContext().dataSource(dataSource).conclude())
            .startsWith("at least one of inSource and outSource"));
        assertTrue(rejection(() -> new PersisterContext().dataSource(dataSource).inSource(in).batchSize(0).conclude())
            .startsWith("batchSize must be 1..1000000"));
        assertTrue(rejection(() -> new PersisterContext().dataSource(dataSource).inSource(in).retryMinMs(100)
            .retryMaxMs(10).conclude()).startsWith("retry delays must satisfy"));
        assertTrue(rejection(() -> new PersisterContext().dataSource(dataSource).inSource(in)
            .maxMessagesPerSecond(5).conclude()).startsWith("maxMessagesPerSecond must be 0"));
        assertEquals("tick policy must be one of all, sampled, bars: hourly",
            rejection(() -> TickPolicy.parse("hourly")));
        assertEquals(TickPolicy.SAMPLED, TickPolicy.parse(" Sampled "));
    }
}
