package io.quantumleap.gateway.ops;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecentWindowTest
{
    private static Histogram interval(final long... valuesNs)
    {
        final Histogram h = new Histogram(1, 10_000_000_000L, 3);
        for (final long v : valuesNs)
        {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void shouldForgetASlowMomentOnceTheWindowHasMovedPastIt()
    {
        final RecentWindow window = new RecentWindow(3, () -> new Histogram(1, 10_000_000_000L, 3));
        window.add(interval(5_000_000, 1_000));
        window.add(interval(2_000));
        assertEquals(3, window.sum().getTotalCount());
        assertEquals(5_000_000, window.sum().getMaxValue(), 5_000);

        window.advance();
        window.add(interval(3_000));
        window.advance();
        window.add(interval(4_000));
        assertEquals(5, window.sum().getTotalCount());
        assertEquals(5_000_000, window.sum().getMaxValue(), 5_000);

        window.advance();
        assertEquals(2, window.sum().getTotalCount());
        assertEquals(4_000, window.sum().getMaxValue(), 5);

        window.advance();
        window.advance();
        assertEquals(0, window.sum().getTotalCount());
    }

    @Test
    void shouldNeedAtLeastOneSlot()
    {
        assertThrows(IllegalArgumentException.class, () -> new RecentWindow(0, () -> new Histogram(3)));
    }
}
