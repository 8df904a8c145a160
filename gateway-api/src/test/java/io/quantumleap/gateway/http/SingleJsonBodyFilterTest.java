package io.quantumleap.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SingleJsonBodyFilterTest
{
    @Test
    void shouldTakeEveryNumberItReadsAsWrittenAndLeaveWhatItCannotReadToTheReader()
    {
        assertNull(SingleJsonBodyFilter.check("{\"price\":1400.05,\"values\":[0.1,2.5e3,1e20,-0.0]}"));
        assertNull(SingleJsonBodyFilter.check("{\"price\":1400.0500000000000000}"));
        assertNull(SingleJsonBodyFilter.check("{\"quantity\":12345678901234567890123}"));
        assertNull(SingleJsonBodyFilter.check("{\"price\":"));
        assertNull(SingleJsonBodyFilter.check("\"text\"  \n"));
        assertNull(SingleJsonBodyFilter.check("{\"name\":\"\\ud83d\\ude00\",\"\\ud83d\\ude00\":1}"));
        assertNull(SingleJsonBodyFilter.check("{\"a\":1 \"b\":2}"));
        assertNull(SingleJsonBodyFilter.check("{\"price\":12"));
    }

    @Test
    void shouldRefuseALoneSurrogateInAnyTextOrFieldNameNamingWhere()
    {
        assertEquals("password: a lone surrogate (\\uD800, at position 0) is not valid text",
            SingleJsonBodyFilter.check("{\"password\":\"" + "\\ud800".repeat(12) + "\"}"));
        assertEquals("lists[0].name: a lone surrogate (\\uDFFF, at position 1) is not valid text",
            SingleJsonBodyFilter.check("{\"lists\":[{\"name\":\"a\\udfff\"}]}"));
        assertEquals("note: a lone surrogate (\\uD83D, at position 0) is not valid text",
            SingleJsonBodyFilter.check("{\"note\":\"\\ud83dx\"}"));
        assertEquals("limits: a lone surrogate (\\uD800, at position 1) is not valid text in a field name",
            SingleJsonBodyFilter.check("{\"limits\":{\"a\\ud800\":1}}"));
        assertEquals("body: a lone surrogate (\\uDC00, at position 0) is not valid text in a field name",
            SingleJsonBodyFilter.check("{\"\\udc00\":1}"));
    }

    @Test
    void shouldWordABlankBodyAndWhatIsPastTheReadersLimitsInOneLine()
    {
        assertEquals("body: required (a JSON object)", SingleJsonBodyFilter.check("  \n\t "));
        assertEquals("body: nested more than 1000 deep",
            SingleJsonBodyFilter.check("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}"));
        assertEquals("price: a number of more than 1000 digits",
            SingleJsonBodyFilter.check("{\"price\":" + "9".repeat(1001) + "}"));
        assertEquals("body: a field name longer than 50000 characters",
            SingleJsonBodyFilter.check("{\"" + "k".repeat(100_000) + "\":1}"));
    }

    @Test
    void shouldNameANumberJsonDoesNotHaveByItsPath()
    {
        for (final String number : new String[] {"NaN", "0x10", "007", "+5", "-Infinity"})
        {
            assertEquals("lists[0].items[1].instrument_token: not a number (" + number + ")",
                SingleJsonBodyFilter.check("{\"lists\":[{\"items\":[{\"instrument_token\":1},{\"mode\":\"ltp\"," +
                "\"instrument_token\":" + number + "}]}]}"));
        }
        assertEquals("trigger_values[1]: not a number (NaN)",
            SingleJsonBodyFilter.check("{\"trigger_values\":[1,NaN]}"));
        assertEquals("trigger_values[0]: not a number (0x10)",
            SingleJsonBodyFilter.check("{\"trigger_values\":[0x10]}"));
        assertEquals("quantity: 1e2147483647 is beyond any number the API takes",
            SingleJsonBodyFilter.check("{\"quantity\":1e2147483647}"));
        assertEquals("price: -1e400 is beyond any number the API takes",
            SingleJsonBodyFilter.check("{\"price\":-1e400}"));
    }

    @Test
    void shouldNameANumberItWouldNotReadAsWrittenByItsPathAndWhatItWouldRead()
    {
        assertEquals("orders[1].price: 1234567890.12345678 would be read as 1234567890.1234567 (a number is read " +
            "exactly with at most 15 significant digits)",
            SingleJsonBodyFilter.check("{\"orders\":[{\"price\":1},{\"price\":1234567890.12345678}]}"));
        assertEquals("body: 0.30000000000000001 would be read as 0.3 (a number is read exactly with at most 15 " +
            "significant digits)", SingleJsonBodyFilter.check("0.30000000000000001"));
        assertEquals("body: unexpected content after the JSON value at line 2, column 2 (a body is one JSON object)",
            SingleJsonBodyFilter.check("{\"a\":1}\n {\"b\":2}"));
    }
}
