package io.quantumleap.engine.sim;

import io.quantumleap.engine.kite.rest.ContractMultipliers;
import io.quantumleap.engine.protocol.Segment;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentUniverseTest
{
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    @Test
    void shouldHoldTheRequestedNumberOfEquitiesPlusIndicesAndDerivatives()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(42, 300, MONDAY);

        final long equities = universe.instruments().stream().filter(i -> "NSE".equals(i.segment)).count();
        assertEquals(300, equities);
        assertTrue(universe.instruments().stream().anyMatch(i -> "NFO-FUT".equals(i.segment)));
        assertTrue(universe.instruments().stream().filter(i -> "NFO-OPT".equals(i.segment)).count() >= 44);
        assertEquals("NIFTY 50", universe.byToken(256265).tradingsymbol);
        assertEquals("NIFTY BANK", universe.byToken(260105).tradingsymbol);
        assertEquals("INFY", universe.byToken(408065).tradingsymbol);
        assertNotNull(universe.byKey("NSE", "CDSL"));
    }

    @Test
    void shouldGiveEveryOptionABandHoldingItsPriceWhileTheUnderlyingMovesWithinItsOwn()
    {
        for (final LocalDate day : new LocalDate[] {MONDAY, LocalDate.of(2026, 12, 5)})
        {
            final InstrumentUniverse universe = InstrumentUniverse.generate(42, 50, day);
            int options = 0;
            for (final Instrument option : universe.instruments())
            {
                if (!option.isOption())
                {
                    continue;
                }
                options++;
                final long days = option.expiryEpochDay - day.toEpochDay();
                for (final long movePercent : new long[] {-8, -3, 0, 3, 8})
                {
                    final long spot = option.underlying.closePaise * (100 + movePercent) / 100;
                    final long price = OptionPricing.pricePaise(spot, option.strikePaise,
                        "CE".equals(option.instrumentType), days, option.tickPaise);
                    final String where = option.tradingsymbol + " on " + day + " with the underlying " + movePercent +
                        "%: " + price + " in " + option.lowerLimitPaise() + ".." + option.upperLimitPaise();
                    assertTrue(price < option.upperLimitPaise(), where);
                    assertTrue(price > option.lowerLimitPaise() || option.lowerLimitPaise() == option.tickPaise,
                        where);
                }
            }
            assertTrue(options >= 44, "options: " + options);
        }
    }

    @Test
    void shouldAgreeWithTheEnginesContractMultiplierForEveryInstrumentItLists()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(42, 50, MONDAY);
        int currencyOrCommodity = 0;

        for (final Instrument i : universe.instruments())
        {
            final Segment segment = Segment.get((short)i.segmentCode());
            assertEquals(i.multiplier, ContractMultipliers.of(segment, i.tradingsymbol), i.toString());
            currencyOrCommodity += i.multiplier > 1 ? 1 : 0;
        }
        assertTrue(currencyOrCommodity >= 13, "currency and commodity contracts: " + currencyOrCommodity);
    }

    @Test
    void shouldGiveEveryInstrumentAUniqueTokenKeyAndPricesOnItsTick()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(7, 500, MONDAY);
        final Set<Long> tokens = new HashSet<>();
        final Set<String> keys = new HashSet<>();

        for (final Instrument i : universe.instruments())
        {
            assertTrue(tokens.add(i.token), i.toString());
            assertTrue(keys.add(i.key()), i.toString());
            assertEquals(i.exchangeToken * 256 + i.segmentCode(), i.token);
            assertEquals(0, i.closePaise % Math.max(1, i.tickPaise), i.toString());
            if ("NSE".equals(i.segment))
            {
                assertEquals(i.closePaise < 250_00 ? 1 : 5, i.tickPaise, i.toString());
            }
        }
    }

    @Test
    void shouldUseKitesLotsFreezeLimitsAndExpiryRulesForIndexDerivatives()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(42, 10, MONDAY);

        final Instrument future = universe.byKey("NFO", "NIFTY26DECFUT");
        assertNotNull(future);
        assertEquals(65, future.lotSize);
        assertEquals(1_755, future.maxOrderQty());
        assertEquals("2026-12-29", future.expiry);
        assertEquals(10, future.tickPaise);
        final Instrument bankFuture = universe.byKey("NFO", "BANKNIFTY26DECFUT");
        assertEquals(30, bankFuture.lotSize);
        assertEquals(600, bankFuture.maxOrderQty());
        assertEquals(20, bankFuture.tickPaise);
        assertTrue(universe.instruments().stream().anyMatch(i -> i.tradingsymbol.matches("NIFTY26D01\\d+CE")));
        assertEquals(LocalDate.of(2026, 11, 24), InstrumentUniverse.monthlyExpiry(LocalDate.of(2026, 11, 24)));
        assertEquals(LocalDate.of(2026, 12, 29), InstrumentUniverse.monthlyExpiry(LocalDate.of(2026, 11, 25)));
        assertEquals(LocalDate.of(2026, 11, 23), MarketHours.previousTradingDay(LocalDate.of(2026, 11, 24)));
    }

    @Test
    void shouldMoveANextYearsExpiryOffAFixedNationalHoliday()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(42, 10, LocalDate.of(2026, 12, 30));

        assertEquals("2027-01-25", universe.byKey("NFO", "NIFTY27JANFUT").expiry);
        assertFalse(MarketHours.isTradingDay(LocalDate.of(2027, 1, 26)));
        assertFalse(MarketHours.isTradingDay(LocalDate.of(2028, 8, 15)));
        assertTrue(MarketHours.isTradingDay(LocalDate.of(2027, 1, 27)));
    }

    @Test
    void shouldListBseCurrencyAndCommodityContractsWithTheirExpiryRules()
    {
        final InstrumentUniverse universe = InstrumentUniverse.generate(42, 40, MONDAY);

        final Instrument sensexFuture = universe.byKey("BFO", "SENSEX26DECFUT");
        assertNotNull(sensexFuture);
        assertEquals("2026-12-31", sensexFuture.expiry);
        assertEquals(265, sensexFuture.underlying.token);
        assertTrue(universe.instruments().stream().anyMatch(i -> i.tradingsymbol.matches("SENSEX26D03\\d+PE") &&
            "BFO-OPT".equals(i.segment) && i.lotSize == 20));
        final Instrument usdinr = universe.byKey("CDS", "USDINR26DECFUT");
        assertNotNull(usdinr);
        assertEquals("2026-12-29", usdinr.expiry);
        assertEquals(10_000_000, usdinr.unitsPerRupee);
        assertEquals(0, usdinr.closePaise % usdinr.tickPaise);
        assertEquals(LocalDate.of(2026, 11, 26), InstrumentUniverse.currencyExpiry(LocalDate.of(2026, 11, 2)));
        assertEquals(LocalDate.of(2026, 12, 29), InstrumentUniverse.currencyExpiry(LocalDate.of(2026, 11, 27)));
        final Instrument crude = universe.byKey("MCX", "CRUDEOIL26DECFUT");
        assertEquals("2026-12-18", crude.expiry);
        assertEquals(100, crude.multiplier);
        assertEquals(10, universe.byKey("MCX", "GOLDM26DECFUT").multiplier);
        assertEquals(10, universe.instruments().stream().filter(i -> "BSE".equals(i.segment)).count());
        assertEquals(100, sensexFuture.unitsPerRupee);
        assertEquals(88_450_00L, usdinr.moneyPaise(usdinr.closePaise));
    }

    @Test
    void shouldBeTheSameForTheSameSeed()
    {
        assertEquals(InstrumentUniverse.generate(3, 200, MONDAY).csv(null),
            InstrumentUniverse.generate(3, 200, MONDAY).csv(null));
    }
}
