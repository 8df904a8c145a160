package io.quantumleap.gateway.ws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LiveHubMessageShapeTest
{
    private static final String FOLLOWED = "message: one JSON object per message, and nothing after it";

    @Test
    void shouldRefuseASecondMessageOrAnythingAfterTheFirstInOneFrame()
    {
        assertEquals(FOLLOWED,
            LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]}{\"a\":\"unsubscribe\",\"v\":[408065]}"));
        assertEquals(FOLLOWED, LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]} xyz"));
        assertEquals(FOLLOWED, LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]} 5"));
        assertEquals(FOLLOWED, LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]}]"));
    }

    @Test
    void shouldRefuseAKeyGivenTwiceOrOneTheMessageDoesNotHave()
    {
        assertEquals("a: given twice", LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[1],\"a\":\"unsubscribe\"}"));
        assertEquals("x: not a key of the message, which has a and v",
            LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065],\"x\":1}"));
    }

    @Test
    void shouldSayAMessageIsPastTheReadersLimitsAndWhichLimit()
    {
        assertEquals("message: nested more than 1000 deep",
            LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":" + "[".repeat(3000) + "]".repeat(3000) + "}"));
        assertEquals("v[1]: a number of more than 1000 digits",
            LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065," + "1".repeat(1001) + "]}"));
        assertEquals(FOLLOWED, LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]}" + "[".repeat(3000)));
    }

    @Test
    void shouldLeaveAWellFormedMessageAndOneThatIsNotJsonToTheReader()
    {
        assertNull(LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065]}"));
        assertNull(LiveHub.wrongShape("  {\"a\":\"mode\",\"v\":[\"full\",[408065, 738561]]}\n"));
        assertNull(LiveHub.wrongShape("{\"a\":\"subscribe\",\"v\":[408065"));
        assertNull(LiveHub.wrongShape("not json"));
        assertNull(LiveHub.wrongShape(""));
    }
}
