package io.quantumleap.persistence.persister;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.OrderEventEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventEncoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.persistence.account.AccountRepository;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.query.BarRow;
import io.quantumleap.persistence.query.MarketDataQueries;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersisterTest
{
    private final TestMessages messages = new TestMessages();
    private final InMemoryJournal in = new InMemoryJournal("in");
    private final InMemoryJournal out = new InMemoryJournal("out");
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private Database db;

    @BeforeEach
    void before()
    {
        db = TestDatabase.freshSchema();
    }

    @AfterEach
    void after()
    {
        db.close();
    }

    private Persister persister(final TickPolicy policy, final int batchSize, final BatchHook hook)
    {
        return new Persister(new PersisterContext()
            .dataSource(db.dataSource())
            .inSource(in)
            .outSource(out)
            .batchSize(batchSize)
            .tickPolicy(policy)
            .sampleIntervalMs(1_000)
            .retryMinMs(10)
            .retryMaxMs(80)
            .nanoClock(nanoClock)
            .batchHook(hook));
    }

    private static void drain(final Persister persister)
    {
        for (int i = 0; i < 10_000; i++)
        {
            if (0 == persister.doWork())
            {
                return;
            }
        }
        throw new IllegalStateException("persister did not go idle");
    }

    @Test
    void shouldStoreEveryTickOnceWithTheCheckpointOfTheLastOne()
    {
        for (int i = 0; i < 2_500; i++)
        {
            in.append(messages.tick(T0_NS + i * 1_000_000L, 100 + i % 7, 10_000 + i, i));
        }
        in.append(messages.timer(T0_NS));

        drain(persister(TickPolicy.ALL, 1_000, BatchHook.NONE));

        assertEquals(2_500, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        assertEquals(2_500, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
        assertEquals(in.lastIndex(), Sql.count(db.dataSource(),
            "SELECT last_index FROM journal_checkpoints WHERE queue = 'in'"));
        assertEquals(10_000 + 2_499, Sql.count(db.dataSource(),
            "SELECT last_price FROM market_data ORDER BY journal_index DESC LIMIT 1"));
        assertEquals(9_995 + 2_499, Sql.count(db.dataSource(),
            "SELECT bid_price FROM market_data ORDER BY journal_index DESC LIMIT 1"));
    }

    @Test
    void shouldCreateOneDayPartitionPerIstTradingDay()
    {
        in.append(messages.tick(T0_NS, 1, 100, 1));
        in.append(messages.tick(T0_NS + TestMessages.DAY_NS, 1, 100, 1));
        in.append(messages.tick(T0_NS + 2 * TestMessages.DAY_NS, 1, 100, 1));

        drain(persister(TickPolicy.ALL, 1, BatchHook.NONE));

        assertEquals(3, Sql.count(db.dataSource(),
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'market_data'::regclass"));
        assertEquals(3, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
    }

    @Test
    void shouldStoreOrdersTradesPositionsAndAuditEventsFromTheOutQueue()
    {
        out.append(messages.order(T0_NS, 7, 1, "", OrderStatus.PENDING_RISK, 10, 0));
        out.append(messages.order(T0_NS + 1, 7, 1, "250101000000001", OrderStatus.OPEN, 10, 0));
        out.append(messages.order(T0_NS + 2, 7, 1, "250101000000001", OrderStatus.COMPLETE, 10, 10));
        out.append(messages.fill(T0_NS + 2, 7, 1, "250101000000001", "T1", 10));
        out.append(messages.position(T0_NS + 2, 7, 10));
        out.append(messages.reject(T0_NS + 3, 7, 2));
        out.append(messages.reject(T0_NS + 3, 7, 1, RejectReason.STALE_BROKER_UPDATE));
        out.append(messages.killSwitch(T0_NS + 4, 0));
        out.append(messages.order(T0_NS + 5, 7, Long.MIN_VALUE, "250101000000009", OrderStatus.OPEN, 5, 0));

        drain(persister(TickPolicy.ALL, 3, BatchHook.NONE));

        assertEquals(List.of("OPEN", "COMPLETE"), Sql.strings(db.dataSource(),
            "SELECT status FROM orders ORDER BY order_key"));
        assertEquals(List.of("c:1", "b:250101000000009"), Sql.strings(db.dataSource(),
            "SELECT order_key FROM orders ORDER BY placed_at"));
        assertEquals(4, Sql.count(db.dataSource(), "SELECT count(*) FROM order_history"));
        assertEquals(List.of("T1"), Sql.strings(db.dataSource(), "SELECT trade_id FROM trades"));
        assertEquals(10, Sql.count(db.dataSource(), "SELECT quantity FROM positions"));
        assertEquals(List.of("REJECT", "KILL_SWITCH"), Sql.strings(db.dataSource(),
            "SELECT event_type FROM audit_log ORDER BY journal_index"));
        assertEquals(List.of("-", "-"), Sql.strings(db.dataSource(),
            "SELECT coalesce(user_id::text, '-') FROM audit_log ORDER BY journal_index"));
        assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM accounts WHERE engine_account_id = 7"));
        assertEquals(out.lastIndex(), Sql.count(db.dataSource(),
            "SELECT last_index FROM journal_checkpoints WHERE queue = 'out'"));
    }

    @Test
    void shouldStoreTheBrokersStatusMessageOfAnOrder()
    {
        out.append(messages.order(T0_NS, 7, 1, "250101000000001", OrderStatus.OPEN, 10, 0));
        out.append(messages.order(T0_NS + 1, 7, 2, "250101000000002", OrderStatus.REJECTED, 10, 0));

        drain(persister(TickPolicy.ALL, 1, BatchHook.NONE));

        assertEquals(List.of("-", TestMessages.REJECTION), Sql.strings(db.dataSource(),
            "SELECT coalesce(status_message, '-') FROM orders ORDER BY client_order_id"));
    }

    @Test
    void shouldStoreTheEntryACoverOrdersStopLossLegBelongsTo()
    {
        out.append(messages.order(T0_NS, 7, 1, "250101000000001", OrderStatus.COMPLETE, 10, 10));
        out.append(messages.order(T0_NS + 1, 7, -1, "250101000000002", OrderStatus.TRIGGER_PENDING, 10, 0, "",
            "250101000000001"));
        out.append(messages.order(T0_NS + 2, 7, -1, "250101000000002", OrderStatus.COMPLETE, 10, 10, "", ""));

        drain(persister(TickPolicy.ALL, 1, BatchHook.NONE));

        assertEquals(List.of("-", "250101000000001"), Sql.strings(db.dataSource(),
            "SELECT coalesce(parent_order_id, '-') FROM orders ORDER BY client_order_id DESC"));
        assertEquals(List.of("COMPLETE", "COMPLETE"), Sql.strings(db.dataSource(),
            "SELECT status FROM orders ORDER BY client_order_id DESC"));
    }

    @Test
    void shouldStoreAnOrdersTermsAndLeaveThemUnknownForAnOrderRecordedBeforeEventsCarriedThem()
    {
        out.append(messages.orderWithTerms(T0_NS, 1, 10, 0, 0, 5, 20, ""));
        out.append(messages.orderWithTerms(T0_NS + 1, 2, 0, 15, -1, 0, 0, "31"));
        out.append(TestMessages.asVersion6(messages.orderWithTerms(T0_NS + 2, 3, 10, 0, 3, 0, 0, "")));

        drain(persister(TickPolicy.ALL, 1, BatchHook.NONE));

        assertEquals(List.of("1 10 0 0 5 20 -", "2 0 15 -1 0 0 31", "3 - - - - - -"), Sql.strings(db.dataSource(),
            "SELECT concat_ws(' ', client_order_id, coalesce(disclosed_quantity::text, '-'), " +
                "coalesce(validity_ttl::text, '-'), coalesce(market_protection::text, '-'), " +
                "coalesce(iceberg_legs::text, '-'), coalesce(iceberg_quantity::text, '-'), " +
                "coalesce(auction_number, '-')) FROM orders ORDER BY client_order_id"));
        assertEquals(List.of("OPEN", "OPEN", "OPEN"), Sql.strings(db.dataSource(),
            "SELECT status FROM orders ORDER BY client_order_id"));
    }

    @Test
    void shouldStoreTheOrdersAndAuditTheRejectsAVersionOneJournalHolds() throws Exception
    {
        out.append(TestMessages.asVersion1(messages.order(T0_NS, 7, 1, "250101000000001", OrderStatus.OPEN, 10, 4),
            OrderEventEncoder.externalEncodingOffset()));
        out.append(TestMessages.asVersion1(messages.reject(T0_NS + 1, 7, 2, RejectReason.MAX_ORDER_VALUE),
            RejectEventEncoder.brokerErrorTypeEncodingOffset()));

        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        assertEquals(List.of("1 OPEN 10 4"), Sql.strings(db.dataSource(),
            "SELECT concat_ws(' ', client_order_id, status, quantity, filled_quantity) FROM orders"));
        final List<String> audited = Sql.strings(db.dataSource(), "SELECT detail::text FROM audit_log");
        assertEquals(1, audited.size());
        final JsonNode reject = new ObjectMapper().readTree(audited.get(0));
        assertEquals("MAX_ORDER_VALUE", reject.path("reason").asText());
        assertEquals(2, reject.path("client_order_id").asLong());
        assertFalse(reject.has("broker_error_type"));
        assertFalse(reject.has("message"));
    }

    @Test
    void shouldAuditRejectsWithTheirUnitAndTheBrokersWordAndTheOrdersEndedByTheEngineOrTheBroker() throws Exception
    {
        final String closed = "Not in the broker's order book at reconciliation: " + TradingCore.CLOSED_BY_ENGINE;
        out.append(messages.reject(T0_NS, 7, 1, RejectReason.MAX_ORDER_VALUE));
        out.append(messages.brokerReject(T0_NS + 1, 7, 2, "Price \"1500\" is outside the circuit limits"));
        out.append(messages.order(T0_NS + 2, 7, 3, "250101000000003", OrderStatus.CANCELLED, 10, 4, closed));
        out.append(messages.order(T0_NS + 3, 7, 4, "250101000000004", OrderStatus.CANCELLED, 10, 0, "by the user"));
        out.append(messages.order(T0_NS + 4, 7, 5, "250101000000005", OrderStatus.REJECTED, 10, 0,
            "RMS:Margin Exceeds, Required:1500.00, Available:100.00"));
        out.append(messages.order(T0_NS + 5, 7, 6, "250101000000006", OrderStatus.OPEN, 10, 0, ""));

        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        assertEquals(List.of("REJECT", "REJECT", "ORDER_CLOSED", "ORDER_REJECTED"), Sql.strings(db.dataSource(),
            "SELECT event_type FROM audit_log ORDER BY journal_index"));
        final List<JsonNode> details = new ArrayList<>();
        for (final String detail : Sql.strings(db.dataSource(), "SELECT detail::text FROM audit_log ORDER BY " +
            "journal_index"))
        {
            details.add(new ObjectMapper().readTree(detail));
        }
        assertEquals("paise", details.get(0).path("unit").asText());
        assertEquals(5, details.get(0).path("limit_value").asLong());
        assertEquals(1, details.get(0).path("client_order_id").asLong());
        assertFalse(details.get(0).has("message"));
        assertEquals("place", details.get(1).path("request").asText());
        assertFalse(details.get(1).has("limit_value"), details.get(1).toString());
        assertFalse(details.get(1).has("actual_value"), details.get(1).toString());
        assertEquals("ORDER", details.get(1).path("broker_error_type").asText());
        assertEquals(400, details.get(1).path("http_status").asInt());
        assertEquals("Price \"1500\" is outside the circuit limits", details.get(1).path("message").asText());
        assertEquals(3, details.get(2).path("client_order_id").asLong());
        assertEquals("250101000000003", details.get(2).path("broker_order_id").asText());
        assertEquals(6, details.get(2).path("cancelled_quantity").asLong());
        assertEquals(closed, details.get(2).path("reason").asText());
        assertEquals(5, details.get(3).path("client_order_id").asLong());
        assertEquals("250101000000005", details.get(3).path("broker_order_id").asText());
        assertEquals(10, details.get(3).path("quantity").asLong());
        assertEquals("RMS:Margin Exceeds, Required:1500.00, Available:100.00", details.get(3).path("reason").asText());
    }

    @Test
    void shouldAuditEachWorkingOrderAHaltCancelsButNotTheTradersOwnCancels() throws Exception
    {
        out.append(messages.inputSequence(10).order(T0_NS, 7, 1, "250101000000001", OrderStatus.OPEN, 10, 4));
        out.append(messages.inputSequence(11).killSwitch(T0_NS + 1, 0));
        out.append(messages.order(T0_NS + 1, 7, 1, "250101000000001", OrderStatus.CANCEL_PENDING, 10, 4));
        out.append(messages.inputSequence(12).order(T0_NS + 2, 7, 2, "250101000000002", OrderStatus.CANCEL_PENDING,
            5, 0));

        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        assertEquals(List.of("KILL_SWITCH", "KILL_SWITCH_CANCEL"), Sql.strings(db.dataSource(),
            "SELECT event_type FROM audit_log ORDER BY journal_index"));
        final JsonNode cancel = new ObjectMapper().readTree(Sql.strings(db.dataSource(),
            "SELECT detail::text FROM audit_log WHERE event_type = 'KILL_SWITCH_CANCEL'").get(0));
        assertEquals(1, cancel.path("client_order_id").asLong());
        assertEquals("250101000000001", cancel.path("broker_order_id").asText());
        assertEquals(738561, cancel.path("instrument_token").asLong());
        assertEquals("BUY", cancel.path("transaction_type").asText());
        assertEquals("LIMIT", cancel.path("order_type").asText());
        assertEquals(6, cancel.path("pending_quantity").asLong());
    }

    @Test
    void shouldAuditAnInstrumentsDumpTheCoreTookInFull() throws Exception
    {
        out.append(messages.inputSequence(30).instrumentsLoaded(T0_NS, 9_000, 8_998, 9_010));

        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        assertEquals(List.of("INSTRUMENTS_LOADED"), Sql.strings(db.dataSource(),
            "SELECT event_type FROM audit_log WHERE engine_account_id IS NULL"));
        final JsonNode detail = new ObjectMapper().readTree(Sql.strings(db.dataSource(),
            "SELECT detail::text FROM audit_log WHERE event_type = 'INSTRUMENTS_LOADED'").get(0));
        assertEquals(9_000, detail.path("rows").asLong());
        assertEquals(8_998, detail.path("published").asLong());
        assertEquals(9_010, detail.path("instruments").asLong());
    }

    @Test
    void shouldAuditAConversionTheEngineMadeToFollowTheBroker() throws Exception
    {
        out.append(messages.inputSequence(20).brokerConversion(T0_NS, 7, 13_238_786, 65, Product.NRML, Product.MIS));

        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        assertEquals(List.of("BROKER_CONVERSION"), Sql.strings(db.dataSource(),
            "SELECT event_type FROM audit_log WHERE engine_account_id = 7"));
        final JsonNode detail = new ObjectMapper().readTree(Sql.strings(db.dataSource(),
            "SELECT detail::text FROM audit_log WHERE event_type = 'BROKER_CONVERSION'").get(0));
        assertEquals(13_238_786, detail.path("instrument_token").asLong());
        assertEquals("SELL", detail.path("transaction_type").asText());
        assertEquals("overnight", detail.path("position_type").asText());
        assertEquals(65, detail.path("quantity").asLong());
        assertEquals("NRML", detail.path("old_product").asText());
        assertEquals("MIS", detail.path("new_product").asText());
    }

    @Test
    void shouldStoreEveryFillEvenWhenItsTradeIdComesBackOnALaterDay()
    {
        out.append(messages.fill(T0_NS, 7, 1, "250101000000001", "T1", 10));
        out.append(messages.fill(T0_NS + TestMessages.DAY_NS, 7, 2, "250102000000001", "T1", 4));

        drain(persister(TickPolicy.ALL, 1, BatchHook.NONE));

        assertEquals(List.of("10", "4"), Sql.strings(db.dataSource(),
            "SELECT quantity::text FROM trades WHERE trade_id = 'T1' ORDER BY journal_index"));
    }

    @Test
    void shouldStoreTheLatestDefinitionWhenAnInstrumentIsDefinedTwiceInOneBatch()
    {
        out.append(messages.instrument(T0_NS, 408065, "INFY", 5));
        out.append(messages.instrument(T0_NS + 1, 408065, "INFY", 10));

        drain(persister(TickPolicy.ALL, 100, BatchHook.NONE));

        assertEquals(10,
            Sql.count(db.dataSource(), "SELECT tick_size FROM instruments WHERE instrument_token = 408065"));
        assertEquals(out.lastIndex(), Sql.count(db.dataSource(),
            "SELECT last_index FROM journal_checkpoints WHERE queue = 'out'"));
    }

    @Test
    void shouldResumeAfterTheCheckpointWhenRestarted()
    {
        for (int i = 0; i < 300; i++)
        {
            in.append(messages.tick(T0_NS + i, 5, 100, i));
        }
        drain(persister(TickPolicy.ALL, 128, BatchHook.NONE));
        for (int i = 300; i < 500; i++)
        {
            in.append(messages.tick(T0_NS + i, 5, 100, i));
        }

        drain(persister(TickPolicy.ALL, 128, BatchHook.NONE));

        assertEquals(
            LongStream.range(0, 500).mapToObj(i -> InMemoryJournal.indexOf((int)i)).collect(Collectors.toList()),
            Sql.longs(db.dataSource(), "SELECT journal_index FROM market_data ORDER BY journal_index"));
    }

    @Test
    void shouldSkipAndCountMalformedMessagesAndGoOn()
    {
        in.append(new byte[] {1, 2, 3});
        final byte[] truncated = messages.tick(T0_NS, 1, 100, 1);
        in.append(java.util.Arrays.copyOf(truncated, truncated.length - 20));
        in.append(messages.tick(T0_NS, 1, 100, 1));
        out.append(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        out.append(messages.order(T0_NS, 7, Long.MIN_VALUE, "", OrderStatus.OPEN, 1, 0));
        out.append(messages.fill(T0_NS, 7, 1, "X", "T9", 1));
        final Persister persister = persister(TickPolicy.ALL, 100, BatchHook.NONE);

        drain(persister);

        assertEquals(2, persister.metrics("in").malformed());
        assertEquals(2, persister.metrics("out").malformed());
        assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        assertEquals(1, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
        assertEquals(in.lastIndex(), persister.metrics("in").lastAppliedIndex());
    }

    @Test
    void shouldKeepOneTickPerInstrumentPerIntervalWhenSampled()
    {
        for (int i = 0; i < 100; i++)
        {
            in.append(messages.tick(T0_NS + i * 100_000_000L, 1, 100 + i, i));
            in.append(messages.tick(T0_NS + i * 100_000_000L, 2, 100 + i, i));
        }

        drain(persister(TickPolicy.SAMPLED, 64, BatchHook.NONE));

        assertEquals(List.of(10L, 10L), Sql.longs(db.dataSource(),
            "SELECT count(*) FROM market_data GROUP BY instrument_token ORDER BY instrument_token"));
    }

    @Test
    void shouldMergeOneMinuteBarsAcrossBatchesWhenBarsAreChosen()
    {
        final long minuteStart = T0_NS - Math.floorMod(T0_NS, 60_000_000_000L);
        final long[] prices = {500, 700, 300, 600};
        for (int i = 0; i < prices.length; i++)
        {
            in.append(messages.tick(minuteStart + i * 1_000_000_000L, 3, prices[i], 1_000 + i));
        }
        in.append(messages.tick(minuteStart + 60_000_000_000L, 3, 900, 2_000));

        drain(persister(TickPolicy.BARS, 1, BatchHook.NONE));

        assertEquals(List.of("500,700,300,600,4,3", "900,900,900,900,1,0"), Sql.strings(db.dataSource(),
            "SELECT concat_ws(',', open, high, low, close, tick_count, volume_last - volume_first) " +
            "FROM market_bars ORDER BY bucket_start"));
        assertEquals(0, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
    }

    @Test
    void shouldNameTheOrderStatusARejectForAnOrderNotOpenFoundAndAttributeEngineEntriesToNoUser() throws Exception
    {
        final AccountRepository accounts = new AccountRepository(db.dataSource());
        accounts.upsertAccount(7, accounts.createUser("admin", "hash", null, "admin"), "AB0001", "Admin");
        out.append(messages.reject(T0_NS + 1, 7, 1, RejectReason.ORDER_NOT_OPEN));
        out.append(messages.killSwitch(T0_NS + 2, 7));
        drain(persister(TickPolicy.ALL, 10, BatchHook.NONE));

        final List<String> details = Sql.strings(db.dataSource(), "SELECT detail::text FROM audit_log " +
            "WHERE event_type = 'REJECT'");
        assertEquals(OrderStatus.get((short)3).name(),
            new ObjectMapper().readTree(details.get(0)).path("actual_status").asText());
        assertEquals(List.of("-", "-"), Sql.strings(db.dataSource(),
            "SELECT coalesce(user_id::text, '-') FROM audit_log ORDER BY journal_index"));
    }

    @Test
    void shouldCountStoredBarsVolumesFromTheBarBeforeThem() throws SQLException
    {
        final long minuteStart = T0_NS - Math.floorMod(T0_NS, 60_000_000_000L);
        in.append(messages.tick(minuteStart, 3, 500, 1_000));
        in.append(messages.tick(minuteStart + 1_000_000_000L, 3, 600, 1_010));
        in.append(messages.tick(minuteStart + 60_000_000_000L, 3, 900, 2_000));
        in.append(messages.tick(minuteStart + 120_000_000_000L, 3, 800, 2_500));
        drain(persister(TickPolicy.BARS, 1, BatchHook.NONE));
        final MarketDataQueries queries = new MarketDataQueries(db.dataSource());
        final Instant start = Instant.ofEpochSecond(minuteStart / 1_000_000_000L);

        final List<BarRow> all = queries.storedMinuteBars(3, start, start.plusSeconds(600));
        final List<BarRow> later = queries.storedMinuteBars(3, start.plusSeconds(60), start.plusSeconds(600));

        assertEquals(List.of(1_010L, 990L, 500L), all.stream().map(BarRow::volume).toList());
        assertEquals(List.of(990L, 500L), later.stream().map(BarRow::volume).toList());
    }

    @Test
    void shouldRollBackAndRetryWithGrowingCappedDelayWhenCommitFails()
    {
        for (int i = 0; i < 50; i++)
        {
            in.append(messages.tick(T0_NS + i, 1, 100, i));
        }
        final AtomicInteger failuresLeft = new AtomicInteger(5);
        final Persister persister = persister(TickPolicy.ALL, 20, (queue, first, last, rows) ->
        {
            if (failuresLeft.getAndDecrement() > 0)
            {
                throw new SQLException("injected");
            }
        });

        assertEquals(0, persister.doWork());
        assertEquals(1, persister.failures());
        nanoClock.advance(9_000_000L);
        assertEquals(0, persister.doWork());
        assertEquals(1, persister.failures());
        nanoClock.advance(1_000_000L);
        persister.doWork();
        assertEquals(2, persister.failures());
        nanoClock.advance(20_000_000L);
        persister.doWork();
        nanoClock.advance(40_000_000L);
        persister.doWork();
        nanoClock.advance(80_000_000L);
        persister.doWork();
        assertEquals(5, persister.failures());
        assertEquals(0, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        nanoClock.advance(79_000_000L);
        assertEquals(0, persister.doWork());
        nanoClock.advance(1_000_000L);
        drain(persister);

        assertEquals(50, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        assertEquals(50, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
        assertTrue(persister.metrics("in").batches() >= 3);
    }

    @Test
    void shouldStoreNoMoreThanTheRateCapPerTenthOfASecond()
    {
        for (int i = 0; i < 1_000; i++)
        {
            in.append(messages.tick(T0_NS + i, 1, 100, i));
        }
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).batchSize(10_000).maxMessagesPerSecond(2_000)
            .nanoClock(nanoClock));

        assertEquals(200, persister.doWork());
        assertEquals(0, persister.doWork());
        nanoClock.advance(100_000_000L);
        assertEquals(200, persister.doWork());

        assertEquals(400, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
    }

    @Test
    void shouldStoreATrickleOfTicksInAFewTransactionsWhenCaughtUp() throws InterruptedException
    {
        final AtomicInteger commits = new AtomicInteger();
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).batchSize(1_000).lingerMs(500)
            .batchHook((queue, first, last, rows) -> commits.incrementAndGet())).start();
        try
        {
            in.append(messages.tick(T0_NS, 1, 100, 0));
            awaitRows(1);
            final int before = commits.get();
            for (int i = 1; i <= 100; i++)
            {
                in.append(messages.tick(T0_NS + i, 1, 100, i));
                Thread.sleep(1);
            }
            awaitRows(101);
            assertTrue(commits.get() - before <= 3, (commits.get() - before) + " transactions for 100 ticks");
        }
        finally
        {
            persister.close();
        }
    }

    @Test
    void shouldLingerOnlyAfterAPassThatDidNotFillABatch()
    {
        final Persister.Linger linger = new Persister.Linger(100, 20);
        assertTrue(linger.lingersAfter(0));
        assertTrue(linger.lingersAfter(99));
        assertFalse(linger.lingersAfter(100));
        assertFalse(linger.lingersAfter(250));
        final PersisterContext zero = new PersisterContext().dataSource(db.dataSource()).inSource(in).lingerMs(0);
        assertThrows(IllegalArgumentException.class, zero::conclude);
    }

    @Test
    void shouldRefuseANetworkTimeoutOutsideItsRangeNamingItsSetting()
    {
        final PersisterContext tooShort =
            new PersisterContext().dataSource(db.dataSource()).inSource(in).networkTimeoutMs(10);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, tooShort::conclude);
        assertTrue(ex.getMessage().contains(PersisterConfiguration.NETWORK_TIMEOUT_MS_PROP_NAME), ex.getMessage());
        assertTrue(ex.getMessage().contains(PersisterConfiguration.NETWORK_TIMEOUT_MS_ENV_NAME), ex.getMessage());
        assertEquals(PersisterConfiguration.NETWORK_TIMEOUT_MS_DEFAULT,
            new PersisterContext().dataSource(db.dataSource()).inSource(in).conclude().networkTimeoutMs());
    }

    private void awaitRows(final long rows)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (Sql.count(db.dataSource(), "SELECT count(*) FROM market_data") < rows)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("fewer than " + rows + " rows stored within 30 s");
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Test
    void shouldReportLagInEventsAndWallClockTimeBehind()
    {
        for (int i = 0; i < 30; i++)
        {
            in.append(messages.tick(T0_NS + i * 1_000_000_000L, 1, 100, i));
        }
        final long[] nowNs = {T0_NS + 40_000_000_000L};
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).batchSize(10).nanoClock(nanoClock)
            .epochNanoClock(() -> nowNs[0]));

        persister.doWork();

        assertEquals(20, persister.metrics("in").lagEvents());
        assertEquals(31_000_000_000L, persister.metrics("in").lagNs());
        drain(persister);
        persister.doWork();
        assertEquals(0, persister.metrics("in").lagEvents());
        assertEquals(0, persister.metrics("in").lagNs());
    }

    @Test
    void shouldReportTheLagOfBothQueuesWhileTheFirstQueuesBatchKeepsFailing()
    {
        in.append(messages.tick(T0_NS, 1, 100, 0));
        out.append(messages.fill(T0_NS, 9, 1, "B1", "T1", 1));
        final long[] nowNs = {T0_NS};
        final StuckDatabase database = new StuckDatabase(db.dataSource());
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(database.dataSource()).inSource(in).outSource(out).batchSize(10).retryMinMs(10)
            .retryMaxMs(80).nanoClock(nanoClock).epochNanoClock(() -> nowNs[0]));
        drain(persister);
        nowNs[0] = T0_NS + 5_000_000_000L;
        persister.doWork();

        database.mode(StuckDatabase.Mode.FAIL);
        for (int i = 1; i <= 3; i++)
        {
            in.append(messages.tick(T0_NS + 5_000_000_000L + i, 1, 100 + i, i));
        }
        out.append(messages.fill(T0_NS + 6_000_000_000L, 9, 2, "B2", "T2", 1));
        out.append(messages.fill(T0_NS + 6_000_000_000L, 9, 3, "B3", "T3", 1));
        nowNs[0] = T0_NS + 12_000_000_000L;
        persister.doWork();
        nanoClock.advance(1_000_000_000L);
        persister.doWork();

        assertEquals(2, persister.failures());
        assertEquals(3, persister.metrics("in").lagEvents());
        assertEquals(2, persister.metrics("out").lagEvents());
        assertEquals(7_000_000_000L, persister.metrics("in").lagNs());
        assertEquals(7_000_000_000L, persister.metrics("out").lagNs());
        nowNs[0] = T0_NS + 13_000_000_000L;
        assertEquals(8_000_000_000L, persister.metrics("out").lagNs());

        database.mode(StuckDatabase.Mode.OPEN);
        nanoClock.advance(1_000_000_000L);
        drain(persister);
        assertEquals(0, persister.metrics("in").lagEvents());
        assertEquals(0, persister.metrics("out").lagEvents());
        assertEquals(0, persister.metrics("in").lagNs());
        assertEquals(0, persister.metrics("out").lagNs());
    }

    @Test
    void shouldNotAskTheJournalForTheLagWhileCaughtUp()
    {
        in.append(messages.tick(T0_NS, 1, 100, 0));
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).batchSize(10).nanoClock(nanoClock));
        drain(persister);
        final long asked = in.countAfterCalls();

        for (int i = 0; i < 100; i++)
        {
            persister.doWork();
        }

        assertEquals(asked, in.countAfterCalls());
        assertEquals(0, persister.metrics("in").lagEvents());
    }
}
