package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveStateRiskTest
{
    private static final long ACCOUNT = 1;
    private static final long OTHER = 2;

    private final CoreHarness core = new CoreHarness();
    private final Commands commands = core.commands();
    private final LiveState live = new LiveState();
    private int applied;
    private long ts = 1_796_000_000_000_000_000L;

    @BeforeEach
    void setUp()
    {
        core.send(commands.account(next(), ACCOUNT, "AB1234"));
        core.send(commands.account(next(), OTHER, "CD5678"));
        apply();
    }

    private long next()
    {
        ts += 1_000_000L;
        return ts;
    }

    private void apply()
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied));
        }
    }

    @Test
    void shouldGiveAnAccountItsOwnLimitsOrElseTheDefaults()
    {
        final RiskView.Limits builtIn = live.limitsFor(ACCOUNT);
        core.send(commands.limits(next(), 0, 500_000_00, 700, 300, 5, 50, 500));
        core.send(commands.limits(next(), ACCOUNT, 200_000_00, 100, 150, 2, 20, 200));
        apply();

        assertEquals(0, builtIn.accountId());
        assertEquals(ACCOUNT, live.limitsFor(ACCOUNT).accountId());
        assertEquals(new BigDecimal("200000.00"), live.limitsFor(ACCOUNT).maxOrderValue());
        assertEquals(150, live.limitsFor(ACCOUNT).priceBandBps());
        assertEquals(0, live.limitsFor(OTHER).accountId());
        assertEquals(700, live.limitsFor(OTHER).maxPositionQty());
    }

    @Test
    void shouldTakeTheStricterOfTheGlobalAndTheAccountsKillSwitch()
    {
        assertEquals("off", live.killSwitchFor(ACCOUNT));

        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.REDUCE_ONLY));
        apply();
        assertEquals("reduce_only", live.killSwitchFor(ACCOUNT));
        assertEquals("off", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.HALT));
        apply();
        assertEquals("halt", live.killSwitchFor(ACCOUNT));
        assertEquals("halt", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.REDUCE_ONLY));
        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.HALT));
        apply();
        assertEquals("halt", live.killSwitchFor(ACCOUNT));
        assertEquals("reduce_only", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.OFF));
        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.OFF));
        apply();
        assertEquals("off", live.killSwitchFor(ACCOUNT));
    }
}
