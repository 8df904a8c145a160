package io.quantumleap.engine.sim;

import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KiteSimulatorTickScriptTest extends SimulatorFixture
{
    private static final long INFY = 408065;
    private static final long SBIN = 779521;
    private static final long UNKNOWN = 999_999_999L;

    private final Queue<long[]> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Boolean> accepted = new ConcurrentLinkedQueue<>();

    @Override
    KiteSimulator.Context context()
    {
        final TickScript script = (nowNs, sink) ->
        {
            long[] tick;
            while ((tick = pending.poll()) != null)
            {
                accepted.add(sink.tick(tick[0], tick[1]));
            }
            return nowNs + TimeUnit.MILLISECONDS.toNanos(1);
        };
        return SimHttp.context(clock).tickScript(script);
    }

    @Test
    void shouldSendScriptedVolumesBatchedWithoutRepeatingAnInstrumentInAFrame() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[408065,779521]]}");
        client.nextTickFrame();

        pending.add(new long[] {INFY, 1_000_000_001L});
        pending.add(new long[] {SBIN, 1_000_000_002L});
        pending.add(new long[] {INFY, 1_000_000_003L});

        assertEquals(List.of(INFY, 1_000_000_001L, SBIN, 1_000_000_002L), volumes(client.nextTickFrame()));
        assertEquals(List.of(INFY, 1_000_000_003L), volumes(client.nextTickFrame()));
    }

    @Test
    void shouldRefuseUnknownTokensAndVolumesBeyondUint32() throws Exception
    {
        pending.add(new long[] {UNKNOWN, 1});
        pending.add(new long[] {INFY, 1L << 32});
        pending.add(new long[] {INFY, 7});

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted.size() < 3 && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertEquals(List.of(false, false, true), new ArrayList<>(accepted));
    }

    @Test
    void shouldRequireTickRateZeroWithAScript()
    {
        final KiteSimulator.Context ctx = new KiteSimulator.Context().tickRatePerSecond(4)
            .tickScript((nowNs, sink) -> nowNs + 1);

        assertThrows(IllegalArgumentException.class, ctx::conclude);
    }

    private static List<Long> volumes(final byte[] frame)
    {
        final List<Long> result = new ArrayList<>();
        new KiteTickerDecoder().decode(new UnsafeBuffer(frame), 0, frame.length, packet ->
        {
            result.add(packet.instrumentToken());
            result.add(packet.volumeTraded());
        });
        return result;
    }
}
