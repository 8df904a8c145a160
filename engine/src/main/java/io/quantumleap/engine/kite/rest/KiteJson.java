package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant field readers over Jackson trees: missing or null fields read as empty/zero, numbers sent as
 * strings are accepted, anything else fails with an {@link IllegalArgumentException} naming the field.
 * Floats are read as {@link BigDecimal} so prices convert to paise exactly.
 */
final class KiteJson
{
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private KiteJson()
    {
    }

    static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull() || value.isMissingNode())
        {
            return null;
        }
        if (value.isValueNode())
        {
            return value.asText();
        }
        throw new IllegalArgumentException("field " + field + ": expected a string, was " + value.getNodeType());
    }

    static String textOrEmpty(final JsonNode node, final String field)
    {
        final String value = text(node, field);
        return null == value ? "" : value;
    }

    static long longValue(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong())
        {
            return value.longValue();
        }
        if (value.isNumber())
        {
            return value.decimalValue().longValueExact();
        }
        if (value.isTextual())
        {
            final String text = value.asText().trim();
            if (text.isEmpty())
            {
                return 0;
            }
            try
            {
                return new BigDecimal(text).longValueExact();
            }
            catch (final ArithmeticException | NumberFormatException ex)
            {
                throw new IllegalArgumentException("field " + field + ": expected an integer, was \"" + text + "\"");
            }
        }
        throw new IllegalArgumentException("field " + field + ": expected an integer, was " + value.getNodeType());
    }

    static BigDecimal decimal(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return BigDecimal.ZERO;
        }
        if (value.isNumber())
        {
            return value.decimalValue();
        }
        if (value.isTextual())
        {
            final String text = value.asText().trim();
            if (text.isEmpty())
            {
                return BigDecimal.ZERO;
            }
            try
            {
                return new BigDecimal(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("field " + field + ": expected a number, was \"" + text + "\"");
            }
        }
        throw new IllegalArgumentException("field " + field + ": expected a number, was " + value.getNodeType());
    }

    static boolean bool(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return false;
        }
        if (value.isBoolean())
        {
            return value.booleanValue();
        }
        throw new IllegalArgumentException("field " + field + ": expected a boolean, was " + value.getNodeType());
    }

    static List<String> strings(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return List.of();
        }
        if (!value.isArray())
        {
            throw new IllegalArgumentException("field " + field + ": expected an array, was " + value.getNodeType());
        }
        final List<String> result = new ArrayList<>(value.size());
        for (final JsonNode item : value)
        {
            result.add(item.asText());
        }
        return List.copyOf(result);
    }

    static JsonNode object(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return MAPPER.createObjectNode();
        }
        if (!value.isObject())
        {
            throw new IllegalArgumentException("field " + field + ": expected an object, was " + value.getNodeType());
        }
        return value;
    }

    static JsonNode array(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return MAPPER.createArrayNode();
        }
        if (!value.isArray())
        {
            throw new IllegalArgumentException("field " + field + ": expected an array, was " + value.getNodeType());
        }
        return value;
    }

    static JsonNode requireArray(final JsonNode node, final String what)
    {
        if (null == node || !node.isArray())
        {
            throw new IllegalArgumentException(what + ": expected an array, was " +
                (null == node ? "missing" : node.getNodeType()));
        }
        return node;
    }

    static JsonNode requireObject(final JsonNode node, final String what)
    {
        if (null == node || !node.isObject())
        {
            throw new IllegalArgumentException(what + ": expected an object, was " +
                (null == node ? "missing" : node.getNodeType()));
        }
        return node;
    }
}
