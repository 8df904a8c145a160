package io.quantumleap.persistence.persister;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDataPartitionsTest
{
    @Test
    void shouldReadTheDayBackFromAPartitionName()
    {
        final long day = MarketDataPartitions.istDay(1_796_000_000_000_000_000L);

        assertEquals("market_data_p20261130", MarketDataPartitions.partitionName(day));
        assertEquals(day, MarketDataPartitions.istDayOf(MarketDataPartitions.partitionName(day)));
    }

    @Test
    void shouldNotTakeOtherTableNamesForDayPartitions()
    {
        assertEquals(Long.MIN_VALUE, MarketDataPartitions.istDayOf("market_data_default"));
        assertEquals(Long.MIN_VALUE, MarketDataPartitions.istDayOf("market_data_p2026113x"));
        assertEquals(Long.MIN_VALUE, MarketDataPartitions.istDayOf("market_bars_p20261130"));
    }
}
