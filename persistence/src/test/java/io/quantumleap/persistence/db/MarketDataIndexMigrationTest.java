package io.quantumleap.persistence.db;

import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDataIndexMigrationTest
{
    @Test
    void shouldGiveExistingDayPartitionsTheirInstrumentAndBrinIndexesWhenTheParentIndexGoes()
    {
        final String schema = "m" + ProcessHandle.current().pid() + "_v3";
        final PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.server().jdbcUrl("postgres"));
        dataSource.setUser("postgres");
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
            .locations("classpath:db/migration").target("2").load().migrate();
        Sql.execute(dataSource, "CREATE TABLE market_data_p20261130 PARTITION OF market_data " +
            "FOR VALUES FROM ('2026-11-30 00:00:00+05:30') TO ('2026-12-01 00:00:00+05:30')");
        Sql.execute(dataSource, "INSERT INTO market_data SELECT i, timestamptz '2026-11-30 10:00:00+05:30' + " +
            "i * interval '1 second', 100 + i % 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 FROM generate_series(1, 500) i");

        Database.migrate(dataSource, schema);

        assertEquals(List.of("market_data_p20261130_brin", "market_data_p20261130_instrument_time_idx"),
            Sql.strings(dataSource, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() " +
                "AND tablename = 'market_data_p20261130' ORDER BY indexname"));
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM pg_indexes " +
            "WHERE schemaname = current_schema() AND tablename = 'market_data'"));
        assertEquals(71, Sql.count(dataSource,
            "SELECT count(*) FROM market_data WHERE instrument_token = 100"));
    }
}
