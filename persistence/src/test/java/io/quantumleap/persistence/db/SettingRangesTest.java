package io.quantumleap.persistence.db;

import io.quantumleap.engine.testing.SystemProperties;
import io.quantumleap.persistence.persister.PersisterConfiguration;
import io.quantumleap.persistence.persister.PersisterContext;
import io.quantumleap.persistence.support.InMemoryJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingRangesTest
{
    @RegisterExtension
    final SystemProperties properties = new SystemProperties();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qleap.persister.batch.size | 0 | expected messages from 1 to 1000000",
        "qleap.persister.batch.size | 4294967297 | expected messages from 1 to 1000000",
        "qleap.persister.sample.interval.ms | -1 | expected milliseconds from 1 to 86400000",
        "qleap.persister.retry.min.ms | 0 | expected milliseconds from 1 to 3600000",
        "qleap.persister.retry.max.ms | 3600001 | expected milliseconds, the retry minimum or more, from 50 to 3600000",
        "qleap.persister.retry.max.ms | 10 | expected milliseconds, the retry minimum or more, from 50 to 3600000",
        "qleap.persister.linger.ms | 0 | expected milliseconds from 1 to 10000",
        "qleap.persister.network.timeout.ms | 99 | expected milliseconds from 100 to 600000",
        "qleap.persister.max.rate | -1 | expected messages a second of at least 0",
        "qleap.persister.max.rate | 5 | expected 0 (no limit) or messages a second of at least 10",
        "qleap.persister.batch.size | many | expected an integer",
    })
    void shouldRefuseAPersisterSettingOutOfRangeNamingThePropertyTheValueAndWhatIsExpected(
        final String property, final String value, final String expected)
    {
        properties.set(property, value);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> persister().conclude());

        assertEquals(property + "=" + value + ": " + expected, ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qleap.db.embedded.port | -5 | expected a port from 0 to 65535",
        "qleap.db.embedded.port | 70000 | expected a port from 0 to 65535",
        "qleap.db.embedded.port | five | expected an integer",
        "qleap.db.pool.size | 0 | expected connections from 1 to 1000",
        "qleap.db.pool.size | 1001 | expected connections from 1 to 1000",
    })
    void shouldRefuseADatabaseSettingOutOfRangeNamingThePropertyTheValueAndWhatIsExpected(
        final String property, final String value, final String expected)
    {
        properties.set(property, value);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new DatabaseContext().dataDir(Path.of("d")).conclude());

        assertEquals(property + "=" + value + ": " + expected, ex.getMessage());
    }

    @Test
    void shouldStartWithTheDefaults()
    {
        final PersisterContext persister = persister().conclude();
        final DatabaseContext database = new DatabaseContext().dataDir(Path.of("d")).conclude();

        assertEquals(PersisterConfiguration.BATCH_SIZE_DEFAULT, persister.batchSize());
        assertEquals(PersisterConfiguration.SAMPLE_INTERVAL_MS_DEFAULT, persister.sampleIntervalMs());
        assertEquals(PersisterConfiguration.RETRY_MIN_MS_DEFAULT, persister.retryMinMs());
        assertEquals(PersisterConfiguration.RETRY_MAX_MS_DEFAULT, persister.retryMaxMs());
        assertEquals(PersisterConfiguration.LINGER_MS_DEFAULT, persister.lingerMs());
        assertEquals(PersisterConfiguration.NETWORK_TIMEOUT_MS_DEFAULT, persister.networkTimeoutMs());
        assertEquals(PersisterConfiguration.MAX_RATE_DEFAULT, persister.maxMessagesPerSecond());
        assertEquals(DatabaseConfiguration.EMBEDDED_PORT_DEFAULT, database.embeddedPort());
        assertEquals(DatabaseConfiguration.POOL_SIZE_DEFAULT, database.poolSize());
    }

    private static PersisterContext persister()
    {
        return new PersisterContext().dataSource(new PGSimpleDataSource()).inSource(new InMemoryJournal("in"));
    }

}
