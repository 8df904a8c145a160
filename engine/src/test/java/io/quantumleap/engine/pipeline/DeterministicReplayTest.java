package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.core.Account;
import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.Instrument;
import io.quantumleap.engine.core.Position;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.testing.DigestEventSink;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import io.quantumleap.engine.testing.PositionInvariantSink;
import io.quantumleap.engine.testing.RandomScenario;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterministicReplayTest
{
    private static final int COMMANDS = 1_000_000;
    private static final int INSTRUMENTS = 3_000;
    private static final int ACCOUNTS = 6;

    @Test
    void shouldReplayAMillionRandomCommandsIntoAFreshCoreWithIdenticalBytesStateAndInvariants()
    {
        final CoreSettings settings = new CoreSettings().retainedTerminalOrders(4_096);
        final InMemoryInputJournal journal = new InMemoryInputJournal(160 << 20, COMMANDS + 16_384);
        final DigestEventSink liveDigest = new DigestEventSink();
        final PositionInvariantSink invariants = new PositionInvariantSink(liveDigest);
        final TradingCore live = new TradingCore(invariants, settings);
        final RandomScenario scenario = new RandomScenario(20261130L, INSTRUMENTS, ACCOUNTS);

        final PipelineContext context = new PipelineContext().ringSize(8_192);
        try (EnginePipeline pipeline = new EnginePipeline(context, journal, live, invariants))
        {
            final CommandPublisher publisher = pipeline.publisher();
            for (int i = 0; i < COMMANDS; i++)
            {
                final int length = scenario.next();
                assertTrue(publisher.publish(scenario.commands().buffer(), 0, length));
            }
            while (!pipeline.isDrained())
            {
                Thread.yield();
            }
            assertEquals(0, pipeline.counters().coreFailures());
            assertEquals(0, pipeline.counters().journalFailures());
        }
        assertEquals(COMMANDS, journal.count());
        assertEquals(COMMANDS, live.commandsHandled());

        final DigestEventSink replayDigest = new DigestEventSink();
        final TradingCore replayed = new TradingCore(replayDigest, settings);
        journal.replay(replayed);

        assertEquals(liveDigest.finish(), replayDigest.finish());
        assertEquals(live.stateHash(), replayed.stateHash());
        assertTrue(invariants.violations().isEmpty(), () -> String.join("\n", invariants.violations()));
        assertTrue(invariants.fillEvents() > 1_000, "fills: " + invariants.fillEvents());
        assertTrue(invariants.positionEvents() > 10_000, "position events: " + invariants.positionEvents());
        for (final RejectReason reason : new RejectReason[]{RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_ORDER,
            RejectReason.DUPLICATE_CLIENT_ORDER_ID, RejectReason.INVALID_QUANTITY, RejectReason.PRICE_OFF_TICK,
            RejectReason.STALE_BROKER_UPDATE, RejectReason.MALFORMED_COMMAND, RejectReason.KILL_SWITCH_HALT,
            RejectReason.MARKET_PROTECTION_REQUIRED, RejectReason.RATE_LIMIT_SECOND, RejectReason.BROKER_REJECTED,
            RejectReason.BROKER_OUTCOME_UNKNOWN, RejectReason.UNMATCHED_BROKER_UPDATE, RejectReason.INVALID_TIMER})
        {
            assertTrue(live.rejectCount(reason) > 0, reason + " never exercised");
        }
        assertEquals(1, live.sessionsStarted());
        assertTrue(live.expiryCancels() > 0, "expiry cancels: " + live.expiryCancels());
        assertTrue(live.reconcileRequests() > 0, "reconcile requests: " + live.reconcileRequests());
        assertTrue(live.externalOrders() > 100, "external orders: " + live.externalOrders());
        assertTrue(live.appliedFromPark() > 100, "applied from the park: " + live.appliedFromPark());
        assertPositionsEqualSumOfFills(live, invariants.fillsAndOvernight(), scenario);
    }

    private static void assertPositionsEqualSumOfFills(
        final TradingCore core, final Long2ObjectHashMap<long[]> fills, final RandomScenario scenario)
    {
        int checked = 0;
        for (long accountId = 1; accountId <= ACCOUNTS; accountId++)
        {
            final Account account = core.account(accountId);
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                final Instrument instrument = core.instrumentByToken(scenario.token(i));
                for (final Product product : new Product[]{Product.MIS, Product.NRML})
                {
                    final Position position = account.position(instrument, product);
                    final long[] e = fills.get(PositionInvariantSink.key(accountId, instrument.token(),
                        product.value()));
                    if (position == null || e == null)
                    {
                        continue;
                    }
                    assertEquals(e[0] + position.overnightQty(), position.qty(),
                        "position != sum of fills + overnight for " + accountId + "/" + instrument.token());
                    assertEquals(e[2], position.qty());
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "positions checked: " + checked);
    }
}
