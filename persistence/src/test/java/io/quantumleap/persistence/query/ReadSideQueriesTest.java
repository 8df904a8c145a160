package io.quantumleap.persistence.query;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.persistence.account.AccountRepository;
import io.quantumleap.persistence.audit.AuditEntry;
import io.quantumleap.persistence.audit.AuditLog;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.persister.Persister;
import io.quantumleap.persistence.persister.PersisterContext;
import io.quantumleap.persistence.persister.TickPolicy;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadSideQueriesTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long MINUTE_START_NS = T0_NS - Math.floorMod(T0_NS, MINUTE_NS);

    private final TestMessages messages = new TestMessages();
    private final InMemoryJournal in = new InMemoryJournal("in");
    private final InMemoryJournal out = new InMemoryJournal("out");
    private Database db;
    private UUID user;
    private UUID account;
    private Persister persister;

    @BeforeEach
    void before() throws Exception
    {
        db = TestDatabase.freshSchema();
        final AccountRepository accounts = new AccountRepository(db.dataSource());
        user = accounts.createUser("ravi", "hash", null, "trader");
        account = accounts.upsertAccount(5, user, "RV0001", "Ravi");

        out.append(messages.order(T0_NS, 5, 1, "", OrderStatus.PENDING_RISK, 10, 0));
        out.append(messages.order(T0_NS + 1_000, 5, 1, "B1", OrderStatus.COMPLETE, 10, 10));
        out.append(messages.fill(T0_NS + 1_000, 5, 1, "B1", "T1", 10));
        out.append(messages.position(T0_NS + 1_000, 5, 10));
        out.append(messages.position(T0_NS + 2_000, 5, 12));
        out.append(messages.reject(T0_NS + 3_000, 5, 2));
        out.append(messages.order(T0_NS + TestMessages.DAY_NS, 5, 3, "B3", OrderStatus.OPEN, 1, 0));
        final long[] prices = {100, 130, 90, 120, 200, 150};
        for (int i = 0; i < prices.length; i++)
        {
            in.append(messages.tick(MINUTE_START_NS + (i / 4) * MINUTE_NS + (i % 4) * 1_000_000_000L, 738561,
                prices[i], 1_000 + i * 10));
        }
        persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).outSource(out).tickPolicy(TickPolicy.ALL));
        persist();
    }

    private void persist()
    {
        while (persister.doWork() > 0)
        {
            Thread.onSpinWait();
        }
    }

    @AfterEach
    void after()
    {
        db.close();
    }

    private static LocalDate day()
    {
        return LocalDate.ofEpochDay(Math.floorDiv(T0_NS / 1_000_000_000L + 19_800, 86_400));
    }

    @Test
    void shouldReturnTheAccountsOrdersTradesAndLastPositionsOfTheDay() throws Exception
    {
        final TradingQueries queries = new TradingQueries(db.dataSource());

        final List<OrderRow> orders = queries.orders(account, day());
        final List<TradeRow> trades = queries.trades(account, day());
        final List<PositionRow> positions = queries.positions(account, day());

        assertEquals(1, orders.size());
        assertEquals("COMPLETE", orders.get(0).status());
        assertEquals("B1", orders.get(0).brokerOrderId());
        assertEquals(10, orders.get(0).filledQuantity());
        assertEquals(List.of("T1"), trades.stream().map(TradeRow::tradeId).toList());
        assertEquals(1, positions.size());
        assertEquals(12, positions.get(0).quantity());
        assertEquals(1, queries.orders(account, day().plusDays(1)).size());
    }

    @Test
    void shouldReturnTicksInRangeAndOhlcBars() throws Exception
    {
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant from = Instant.ofEpochSecond(MINUTE_START_NS / 1_000_000_000L);

        final List<TickRow> ticks = queries.ticks(738561, from, from.plusSeconds(60), 100);
        final List<BarRow> bars = queries.bars(738561, from, from.plusSeconds(600), Duration.ofMinutes(1));

        assertEquals(4, ticks.size());
        assertEquals(List.of(
            new BarRow(from, 100, 130, 90, 120, 1_030, 4),
            new BarRow(from.plusSeconds(60), 200, 200, 150, 150, 20, 2)), bars);
    }

    @Test
    void shouldCountTheVolumeOfEachBarsFirstTickSoOneSecondBarsAddUpToTheDaysVolume() throws Exception
    {
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant from = Instant.ofEpochSecond(MINUTE_START_NS / 1_000_000_000L);

        final List<BarRow> bars = queries.bars(738561, from, from.plusSeconds(120), Duration.ofSeconds(1));

        assertEquals(List.of(1_000L, 10L, 10L, 10L, 10L, 10L), bars.stream().map(BarRow::volume).toList());
        assertEquals(1_050, bars.stream().mapToLong(BarRow::volume).sum());
    }

    @Test
    void shouldCountABarsVolumeFromTheLastTickBeforeTheRangeAsked() throws Exception
    {
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant from = Instant.ofEpochSecond(MINUTE_START_NS / 1_000_000_000L);

        final List<BarRow> lastMinute = queries.bars(738561, from.plusSeconds(60), from.plusSeconds(600),
            Duration.ofMinutes(1));
        final List<BarRow> fromTheThirdTick = queries.bars(738561, from.plusSeconds(2), from.plusSeconds(600),
            Duration.ofMinutes(1));

        assertEquals(List.of(new BarRow(from.plusSeconds(60), 200, 200, 150, 150, 20, 2)), lastMinute);
        assertEquals(List.of(20L, 20L), fromTheThirdTick.stream().map(BarRow::volume).toList());
    }

    @Test
    void shouldStartTheCumulativeVolumeAgainOnTheNextTradingDayAndIgnoreTicksWithoutVolume() throws Exception
    {
        in.append(messages.tick(MINUTE_START_NS + TestMessages.DAY_NS, 738561, 300, 500));
        in.append(messages.tick(MINUTE_START_NS + TestMessages.DAY_NS + 1_000_000_000L, 738561, 310, 0));
        in.append(messages.tick(MINUTE_START_NS + TestMessages.DAY_NS + 2_000_000_000L, 738561, 320, 520));
        persist();
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant from = Instant.ofEpochSecond(MINUTE_START_NS / 1_000_000_000L);
        final Instant nextDay = from.plus(Duration.ofDays(1));

        final List<BarRow> minutes = queries.bars(738561, from, nextDay.plusSeconds(60), Duration.ofMinutes(1));
        final List<BarRow> days = queries.bars(738561, from, nextDay.plusSeconds(60), Duration.ofDays(1));
        final List<BarRow> nextDayOnly = queries.bars(738561, nextDay.plusSeconds(1), nextDay.plusSeconds(60),
            Duration.ofSeconds(1));

        assertEquals(List.of(1_030L, 20L, 520L), minutes.stream().map(BarRow::volume).toList());
        assertEquals(List.of(1_050L, 520L), days.stream().map(BarRow::volume).toList());
        assertEquals(List.of(0L, 20L), nextDayOnly.stream().map(BarRow::volume).toList());
    }

    @Test
    void shouldReturnTheUsersAuditTrailIncludingEngineEventsOfTheirAccounts() throws Exception
    {
        final AuditLog audit = new AuditLog(db.dataSource());
        final Instant at = Instant.ofEpochSecond(T0_NS / 1_000_000_000L);
        audit.record(user, null, "LOGIN", "{\"ip\":\"127.0.0.1\"}", at.minusSeconds(10));

        final List<AuditEntry> entries = audit.entries(user, null, at.minusSeconds(60), at.plusSeconds(60), 100);

        assertEquals(List.of("LOGIN", "REJECT"), entries.stream().map(AuditEntry::eventType).toList());
        assertEquals(account, entries.get(1).accountId());
    }

    @Test
    void shouldReturnTheLatestEntriesOfEveryoneOldestFirstWhenNoUserIsGiven() throws Exception
    {
        final AuditLog audit = new AuditLog(db.dataSource());
        final Instant at = Instant.ofEpochSecond(T0_NS / 1_000_000_000L);
        audit.record(user, null, "LOGIN", "{}", at.minusSeconds(30));
        audit.record(null, null, "SYSTEM", "{}", at.minusSeconds(20));
        audit.record(user, null, "LOGOUT", "{}", at.plusSeconds(20));

        final List<AuditEntry> latest = audit.entries(null, null, at.minusSeconds(60), at.plusSeconds(60), 3);

        assertEquals(List.of("SYSTEM", "REJECT", "LOGOUT"), latest.stream().map(AuditEntry::eventType).toList());
        assertEquals(Arrays.asList(null, null, "ravi"), latest.stream().map(AuditEntry::username).toList());
        assertEquals(List.of("SYSTEM"), audit.entries(null, "system", at.minusSeconds(60), at.plusSeconds(60), 10)
            .stream().map(AuditEntry::eventType).toList());
        assertEquals(List.of("LOGOUT"), audit.entries(user, "LOGOUT", at.minusSeconds(60), at.plusSeconds(60), 10)
            .stream().map(AuditEntry::eventType).toList());
        assertEquals(List.of("LOGOUT"), audit.entries(user, null, at.minusSeconds(60), at.plusSeconds(60), 1).stream()
            .map(AuditEntry::eventType).toList());
    }
}
