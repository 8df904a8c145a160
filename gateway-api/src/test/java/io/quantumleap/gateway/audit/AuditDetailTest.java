package io.quantumleap.gateway.audit;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditDetailTest
{
    @Test
    void shouldReadAStoredObjectFieldByFieldInStoredOrder()
    {
        final Map<String, Object> detail = AuditDetail.of(
            "{\"side\": \"BUY\", \"price\": 1500.50, \"order_id\": \"2512040001\", \"quantity\": 10, " +
                "\"trigger_price\": null, \"legs\": [1, 2]}");

        assertEquals(List.of("side", "price", "order_id", "quantity", "trigger_price", "legs"),
            new ArrayList<>(detail.keySet()));
        assertEquals("BUY", detail.get("side"));
        assertEquals(new BigDecimal("1500.50"), detail.get("price"));
        assertEquals("2512040001", detail.get("order_id"));
        assertEquals(10, ((Number)detail.get("quantity")).longValue());
        assertTrue(detail.containsKey("trigger_price"));
        assertNull(detail.get("trigger_price"));
        assertEquals(Arrays.asList(1, 2), detail.get("legs"));
    }

    @Test
    void shouldKeepNestedObjectsAndNumbersBeyondADoubleExact()
    {
        final Map<String, Object> detail = AuditDetail.of(
            "{\"changes\": {\"price\": {\"from\": 1500, \"to\": 1501.05}}, " +
                "\"notional\": 123456789012345678.125, \"volume\": 123456789012345678901234567890}");

        assertEquals(Map.of("price", Map.of("from", 1500, "to", new BigDecimal("1501.05"))), detail.get("changes"));
        assertEquals(new BigDecimal("123456789012345678.125"), detail.get("notional"));
        assertEquals("123456789012345678901234567890", detail.get("volume").toString());
    }

    @Test
    void shouldAnswerAnEmptyObjectAsNoFields()
    {
        assertEquals(Map.of(), AuditDetail.of("{}"));
        assertEquals(Map.of(), AuditDetail.of(null));
    }

    @Test
    void shouldAnswerAStoredValueThatIsNotAnObjectAsItsText()
    {
        for (final String stored : new String[] {"\"a note\"", "[1, 2]", "42", "true", "null", "", "not json",
            "{\"id\": 1} trailing", "{\"id\": "})
        {
            assertEquals(Map.of(AuditDetail.TEXT, stored), AuditDetail.of(stored), stored);
        }
    }

    @Test
    void shouldStoreANulCharacterAsTheReplacementCharacterInKeysValuesAndLists()
    {
        final Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("note\0", "a\0b");
        detail.put("changes", Map.of("tag", List.of("x\0", 5)));
        detail.put("quantity", 3);

        assertEquals("{note\uFFFD=a\uFFFDb, changes={tag=[x\uFFFD, 5]}, quantity=3}",
            Audit.storable(detail).toString());
    }

    @Test
    void shouldStoreALoneSurrogateAsTheReplacementCharacterAndKeepAPairedOne()
    {
        final Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("tradingsymbol", "IN\ud800FY");
        detail.put("note\udfff", "\ud83d\ude00 then \ud83d");
        detail.put("tags", List.of("\udc00\ud800x", "plain"));

        assertEquals("{tradingsymbol=IN\uFFFDFY, note\uFFFD=\ud83d\ude00 then \uFFFD, tags=[\uFFFD\uFFFDx, plain]}",
            Audit.storable(detail).toString());
    }
}
