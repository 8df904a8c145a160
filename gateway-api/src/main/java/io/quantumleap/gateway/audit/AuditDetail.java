package io.quantumleap.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An audit entry's stored {@code detail} as the object the API answers. Numbers are read as written (a price of
 * {@code 1500.50} stays that, not a double), so the trail shows what was recorded. A stored value that is not a JSON
 * object (a row written by hand, or by an older writer) is answered as {@code {"text": <the stored text>}} rather than
 * failing the whole trail.
 */
final class AuditDetail
{
    /** The key a stored value that is not a JSON object is answered under. */
    static final String TEXT = "text";

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AuditDetail()
    {
    }

    /**
     * @param stored the detail as stored, JSON text.
     * @return its fields in stored order, nested objects as maps and arrays as lists; or {@link #TEXT} alone.
     */
    static Map<String, Object> of(final String stored)
    {
        if (stored == null)
        {
            return Map.of();
        }
        final Object value;
        try
        {
            value = JSON.readValue(stored, Object.class);
        }
        catch (final JsonProcessingException ex)
        {
            return Map.of(TEXT, stored);
        }
        if (!(value instanceof Map<?, ?> fields))
        {
            return Map.of(TEXT, stored);
        }
        final Map<String, Object> detail = new LinkedHashMap<>();
        fields.forEach((name, field) -> detail.put(String.valueOf(name), field));
        return detail;
    }
}
