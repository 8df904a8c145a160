package io.quantumleap.gateway.market;

import io.quantumleap.gateway.live.InstrumentView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchOrderTest
{
    private static InstrumentView instrument(final String exchange, final String symbol, final String type)
    {
        return new InstrumentView(symbol.hashCode(), exchange, symbol, exchange, type, new BigDecimal("0.05"), 1, 0);
    }

    @Test
    void shouldPutTheSymbolItselfFirstAndNsesListingBeforeBsesWhateverTheOrderOfTheDump()
    {
        final List<String> found = Stream.of(
                instrument("NFO", "TCS26DECFUT", "FUT"), instrument("BSE", "TCS", "EQ"),
                instrument("NFO", "TCS26DEC4000CE", "CE"), instrument("NSE", "TCS", "EQ"),
                instrument("BSE", "TCSL", "EQ"), instrument("NSE", "ATCS", "EQ"))
            .sorted(MarketController.searchOrder("TCS"))
            .map(i -> i.exchange() + ":" + i.tradingsymbol())
            .toList();

        assertEquals(List.of("NSE:TCS", "BSE:TCS", "BSE:TCSL", "NFO:TCS26DECFUT", "NFO:TCS26DEC4000CE", "NSE:ATCS"),
            found);
    }
}
