package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.query.BarRow;
import io.quantumleap.persistence.query.MarketDataQueries;
import io.quantumleap.persistence.query.TickRow;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.quantumleap.persistence.support.TestMessages.DAY_NS;
import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PartitionUpkeepTest
{
    private static final long DAY = MarketDataPartitions.istDay(T0_NS);
    private static final String PARTITION = MarketDataPartitions.partitionName(DAY);

    private final TestMessages messages = new TestMessages();
    private final InMemoryJournal in = new InMemoryJournal("in");
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private long epochNs = T0_NS;
    private Database db;
    private Persister persister;

    @BeforeEach
    void before()
    {
        db = TestDatabase.freshSchema();
        persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource())
            .inSource(in)
            .batchSize(500)
            .tickPolicy(TickPolicy.ALL)
            .nanoClock(nanoClock)
            .epochNanoClock(() -> epochNs));
    }

    @AfterEach
    void after()
    {
        persister.close();
        db.close();
    }

    private void drain()
    {
        for (int i = 0; i < 1_000; i++)
        {
            if (0 == persister.doWork())
            {
                return;
            }
        }
        throw new IllegalStateException("persister did not go idle");
    }

    private void appendTicks(final long startNs, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            in.append(messages.tick(startNs + i * 10_000_000L, 100 + i % 30, 10_000 + (i * 7) % 900, i));
        }
    }

    private List<String> indexes(final String partition)
    {
        return Sql.strings(db.dataSource(), "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() " +
            "AND tablename = '" + partition + "' ORDER BY indexname");
    }

    @Test
    void shouldKeepOnlyTheBrinIndexOnThePartitionOfTheOpenDay()
    {
        appendTicks(T0_NS, 2_000);

        drain();

        assertEquals(List.of(PARTITION + "_brin"), indexes(PARTITION));
        assertEquals(2_000, Sql.count(db.dataSource(), "SELECT count(*) FROM " + PARTITION));
    }

    @Test
    void shouldSummariseTheBrinIndexOfTheOpenDayWhenCaughtUp()
    {
        appendTicks(T0_NS, 2_000);

        drain();

        assertEquals(0, Sql.count(db.dataSource(), "SELECT brin_summarize_new_values('" + PARTITION + "_brin')"));
    }

    @Test
    void shouldBuildTheInstrumentIndexOfAPartitionOnceItsDayIsOver()
    {
        appendTicks(T0_NS, 100);
        appendTicks(T0_NS + DAY_NS, 100);
        epochNs = T0_NS + DAY_NS;

        drain();

        final String nextDay = MarketDataPartitions.partitionName(DAY + 1);
        assertEquals(List.of(PARTITION + "_brin", PARTITION + "_instrument_time_idx"), indexes(PARTITION));
        assertEquals(List.of(nextDay + "_brin"), indexes(nextDay));
    }

    @Test
    void shouldBuildOnePastDaysIndexPerUpkeepRound()
    {
        appendTicks(T0_NS, 10);
        appendTicks(T0_NS + DAY_NS, 10);
        epochNs = T0_NS + 5 * DAY_NS;

        drain();
        final long builtFirst = Sql.count(db.dataSource(), "SELECT count(*) FROM pg_indexes " +
            "WHERE schemaname = current_schema() AND indexname LIKE '%_instrument_time_idx'");
        nanoClock.advance(Duration.ofSeconds(1).toNanos());
        persister.doWork();

        assertEquals(1, builtFirst);
        assertEquals(2, Sql.count(db.dataSource(), "SELECT count(*) FROM pg_indexes " +
            "WHERE schemaname = current_schema() AND indexname LIKE '%_instrument_time_idx'"));
    }

    @Test
    void shouldAnswerTickAndBarQueriesAlikeBeforeAndAfterTheDaysIndexIsBuilt() throws Exception
    {
        appendTicks(T0_NS, 3_000);
        drain();
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant from = Instant.ofEpochSecond(0, T0_NS);
        final Instant to = from.plusSeconds(60);
        final List<TickRow> ticksWhileOpen = queries.ticks(107, from, to, 10_000);
        final List<BarRow> barsWhileOpen = queries.bars(107, from, to, Duration.ofSeconds(5));

        epochNs = T0_NS + DAY_NS;
        nanoClock.advance(Duration.ofSeconds(1).toNanos());
        persister.doWork();

        assertEquals(List.of(PARTITION + "_brin", PARTITION + "_instrument_time_idx"), indexes(PARTITION));
        assertEquals(100, ticksWhileOpen.size());
        assertFalse(barsWhileOpen.isEmpty());
        assertEquals(ticksWhileOpen, queries.ticks(107, from, to, 10_000));
        assertEquals(barsWhileOpen, queries.bars(107, from, to, Duration.ofSeconds(5)));
    }

    @Test
    void shouldStreamABatchAcrossMidnightIntoBothDaysPartitions()
    {
        final long midnightNs = (DAY + 1) * DAY_NS - MarketDataPartitions.IST_OFFSET_S * 1_000_000_000L;
        appendTicks(midnightNs - 62_500_000_000L, 12_000);
        persister.close();
        persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource())
            .inSource(in)
            .batchSize(5_000)
            .tickPolicy(TickPolicy.ALL)
            .nanoClock(nanoClock)
            .epochNanoClock(() -> epochNs));

        drain();

        assertEquals(12_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        assertEquals(6_250, Sql.count(db.dataSource(), "SELECT count(*) FROM " + PARTITION));
        assertEquals(5_750, Sql.count(db.dataSource(),
            "SELECT count(*) FROM " + MarketDataPartitions.partitionName(DAY + 1)));
        assertEquals(12_000, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
    }
}
