package io.quantumleap.gateway.market;

import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.gateway.live.LiveState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistDefaultsTest
{
    private final CoreHarness core = new CoreHarness();
    private final LiveState live = new LiveState();
    private final WatchlistController controller = new WatchlistController(null, live);
    private int applied;

    @Test
    void shouldOfferTheDefaultsWholeOnceTheBrokersInstrumentsAreAllInAndNoneWhileTheyLoad()
    {
        assertEquals(List.of(), symbols());
        assertTrue(controller.defaults().loading());

        core.send(core.commands().equity(1, 256265, "NIFTY 50"));
        core.send(core.commands().equity(2, 408065, "INFY"));
        apply();
        assertEquals(List.of(), symbols());
        assertTrue(controller.defaults().loading());

        core.send(core.commands().equity(3, 2953217, "TCS"));
        core.send(core.commands().instrumentsLoaded(4, 3, 3));
        apply();
        assertEquals(List.of("NIFTY 50", "INFY", "TCS"), symbols());
        assertFalse(controller.defaults().loading());
        assertEquals(256265L, controller.defaults().lists().get(0).selected());
    }

    private List<String> symbols()
    {
        return controller.defaults().lists().get(0).items().stream().map(WatchlistController.Item::tradingsymbol)
            .toList();
    }

    private void apply()
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied));
        }
    }
}
