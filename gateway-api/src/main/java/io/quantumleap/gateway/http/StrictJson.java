package io.quantumleap.gateway.http;

import com.fasterxml.jackson.core.exc.StreamReadException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices, flags and texts in request bodies are read as what they are: {@code "price": true} is an error naming the
 * field, not a price of 1 rupee; {@code "enabled": "yes"} is an error, not {@code false}; {@code "price": "1450"} and
 * {@code "price": [1450]} are errors, not 1450; {@code "tag": 5} is an error, not {@code "5"}. Fields are named as on
 * the wire (snake_case). A text holding the NUL character (U+0000), which PostgreSQL cannot store, or half of a UTF-16
 * surrogate pair alone, which no character is ({@link SingleJsonBodyFilter} refuses it in every text and field name of
 * a body), and a number with more than {@value #MAX_INTEGER_DIGITS} digits before the point (above any price or
 * amount, and past what a price in the engine's units holds) are errors too.
 */
public final class StrictJson
{
    /** Digits before the point a decimal may have: a price in ten-thousandths of a rupee still fits a long. */
    static final int MAX_INTEGER_DIGITS = 14;
    /** What an element's deserializer said, without the framework's wrapping: the field it named, then the rest. */
    private static final Pattern ELEMENT_ERROR = Pattern.compile(
        "(?:.*due to: )?(a list element|[a-z][a-z0-9_.\\[\\]]{0,200}): ([^\\n]*).*", Pattern.DOTALL);
    /** How the deserializer words a field given twice in an object. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate property \\[([^\\]]{1,100})\\]");
    /** How the deserializer words a field the element's type does not have. */
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]{1,100})\\]");

    private StrictJson()
    {
    }

    /**
     * @param field the Java property being read.
     * @return its name in request bodies (snake_case), or "a list element" for an element of a list.
     */
    public static String wireName(final Argument<?> field)
    {
        final String name = field.getName();
        return name.length() == 1 && Character.isUpperCase(name.charAt(0)) ? "a list element" :
            ApiErrorResponseProcessor.wireName(name);
    }

    /**
     * A JSON number as the decimal it was written as. The parser reads a number with a fraction as a double, whose
     * shortest decimal form is the number written when it has at most 15 significant digits (every price and amount
     * the API takes); integers are exact.
     */
    static BigDecimal decimal(final Number number)
    {
        if (number instanceof BigDecimal)
        {
            return (BigDecimal)number;
        }
        if (number instanceof java.math.BigInteger)
        {
            return new BigDecimal((java.math.BigInteger)number);
        }
        if (number instanceof Double || number instanceof Float)
        {
            final BigDecimal decimal = BigDecimal.valueOf(number.doubleValue());
            return decimal.scale() > 0 ? decimal : decimal.stripTrailingZeros();
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /**
     * @param text a JSON string as read, in UTF-16.
     * @return where it holds half of a surrogate pair alone (which no character is, and which UTF-8 writes as
     * {@code ?}), or -1 when it holds none.
     */
    static int loneSurrogate(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                return i;
            }
        }
        return -1;
    }

    /** @return the next value, when {@code accepted}; else the refusal naming the field. */
    private static JsonNode read(final Decoder decoder, final Argument<?> field,
        final java.util.function.Predicate<JsonNode> accepted, final String expected) throws IOException
    {
        final JsonNode node = decoder.decodeNode();
        if (!accepted.test(node))
        {
            throw refuse(decoder, field, expected, node);
        }
        return node;
    }

    private static IOException refuse(
        final Decoder decoder, final Argument<?> field, final String expected, final JsonNode node)
    {
        return decoder.createDeserializationException(
            wireName(field) + ": expected " + expected + ", got " + WholeNumbers.describe(node), node);
    }

    /** {@link BigDecimal} fields (prices, money): a JSON number only. */
    @Singleton
    static final class Decimals implements Deserializer<BigDecimal>
    {
        @Override
        public BigDecimal deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super BigDecimal> type)
            throws IOException
        {
            final JsonNode node = read(decoder, type, JsonNode::isNumber, "a number");
            final BigDecimal value;
            try
            {
                value = decimal(node.getNumberValue());
            }
            catch (final NumberFormatException ex)
            {
                throw refuse(decoder, type, "a finite number", node);
            }
            if (value.precision() - value.scale() > MAX_INTEGER_DIGITS)
            {
                throw decoder.createDeserializationException(wireName(type) + ": " +
                    WholeNumbers.shortened(value.scale() <= 0 && node.getNumberValue() instanceof Double ?
                    value.toString() : value.toPlainString()) + " has more than " + MAX_INTEGER_DIGITS +
                    " digits before the decimal point", node);
            }
            return value;
        }
    }

    /** {@code boolean} and {@link Boolean} fields: {@code true} or {@code false} only. */
    @Singleton
    static final class Booleans implements Deserializer<Boolean>
    {
        @Override
        public Boolean deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super Boolean> type)
            throws IOException
        {
            return read(decoder, type, JsonNode::isBoolean, "true or false").getBooleanValue();
        }
    }

    /** {@link String} fields: a JSON string only. */
    @Singleton
    static final class Texts implements Deserializer<String>
    {
        @Override
        public String deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super String> type)
            throws IOException
        {
            final JsonNode node = read(decoder, type, JsonNode::isString, "text");
            final String text = node.getStringValue();
            if (text.indexOf('\0') >= 0)
            {
                throw decoder.createDeserializationException(wireName(type) + ": the NUL character (U+0000, at " +
                    "position " + text.indexOf('\0') + ") is not allowed in text", node);
            }
            final int surrogate = loneSurrogate(text);
            if (surrogate >= 0)
            {
                throw decoder.createDeserializationException(wireName(type) + ": a lone surrogate (" +
                    String.format("\\u%04X", (int)text.charAt(surrogate)) + ", at position " + surrogate +
                    ") is not valid text", node);
            }
            return text;
        }
    }

    /**
     * A list in a request body whose element errors name the element: {@code trigger_values[1]: expected a number},
     * {@code orders[0].price: expected a number}. Put on a list property with
     * {@code @Serdeable.Deserializable(using = StrictJson.Lists.class)}.
     */
    @Singleton
    public static final class Lists implements Deserializer<List<Object>>
    {
        @Override
        public Deserializer<List<Object>> createSpecific(
            final DecoderContext context, final Argument<? super List<Object>> type) throws SerdeException
        {
            @SuppressWarnings("unchecked")
            final Argument<Object> element = (Argument<Object>)type.getFirstTypeVariable()
                .orElse(Argument.OBJECT_ARGUMENT);
            @SuppressWarnings("unchecked")
            final Deserializer<Object> elements = (Deserializer<Object>)context.findDeserializer(element)
                .createSpecific(context, element);
            final String field = ApiErrorResponseProcessor.wireName(type.getName());
            return (decoder, specificContext, specificType) -> read(decoder, specificContext, field, element, elements);
        }

        @Override
        public List<Object> deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super List<Object>> type)
            throws IOException
        {
            return createSpecific(context, type).deserialize(decoder, context, type);
        }

        private static List<Object> read(final Decoder decoder, final DecoderContext context, final String field,
            final Argument<Object> element, final Deserializer<Object> elements) throws IOException
        {
            final Decoder array;
            try
            {
                array = decoder.decodeArray();
            }
            catch (final IOException ex)
            {
                final String unexpected = BodyErrors.notAListOrObject(ex.getMessage());
                throw decoder.createDeserializationException(
                    field + ": " + (unexpected == null ? "expected a list ([...])" : unexpected), field);
            }
            final List<Object> values = new ArrayList<>();
            while (array.hasNextArrayValue())
            {
                try
                {
                    values.add(elements.deserializeNullable(array, context, element));
                }
                catch (final StreamReadException ex)
                {
                    throw ex;
                }
                catch (final IOException ex)
                {
                    throw array.createDeserializationException(elementError(field, values.size(), ex), field);
                }
            }
            array.finishStructure();
            return values;
        }

        /** @return what went wrong in element {@code index} of {@code field}, named by its path in the body. */
        static String elementError(final String field, final int index, final IOException ex)
        {
            return nestedError(field + "[" + index + "]", ex);
        }
    }

    /**
     * An object in a request body whose errors name the object's field too: {@code limits.account_id: expected a
     * whole number}. Put on an object property with
     * {@code @Serdeable.Deserializable(using = StrictJson.Objects.class)}.
     */
    @Singleton
    public static final class Objects implements Deserializer<Object>
    {
        @Override
        public Deserializer<Object> createSpecific(final DecoderContext context, final Argument<? super Object> type)
            throws SerdeException
        {
            final Argument<Object> object = type;
            @SuppressWarnings("unchecked")
            final Deserializer<Object> fields = (Deserializer<Object>)context.findDeserializer(object)
                .createSpecific(context, object);
            final String field = ApiErrorResponseProcessor.wireName(type.getName());
            return (decoder, specificContext, specificType) ->
            {
                try
                {
                    return fields.deserializeNullable(decoder, specificContext, object);
                }
                catch (final StreamReadException ex)
                {
                    throw ex;
                }
                catch (final IOException ex)
                {
                    throw decoder.createDeserializationException(nestedError(field, ex), field);
                }
            };
        }

        @Override
        public Object deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super Object> type)
            throws IOException
        {
            return createSpecific(context, type).deserialize(decoder, context, type);
        }
    }

    /** @return what went wrong in the value at {@code element}, named by its path in the body. */
    static String nestedError(final String element, final IOException ex)
    {
        final String message = ex.getMessage() == null ? "" : ex.getMessage();
        final String unexpected = BodyErrors.notAListOrObject(message);
        if (unexpected != null)
        {
            return element + ": " + unexpected;
        }
        final Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find())
        {
            return element + "." + ApiErrorResponseProcessor.wireName(duplicate.group(1)) + ": given twice";
        }
        final Matcher unknown = UNKNOWN.matcher(message);
        if (unknown.find())
        {
            return element + ": " + ApiErrorResponseProcessor.unknownField(unknown.group(1));
        }
        final Matcher named = ELEMENT_ERROR.matcher(message);
        if (!named.matches())
        {
            return element + ": not readable";
        }
        final String detail = named.group(2).strip();
        return ("a list element".equals(named.group(1)) ? element : element + "." + named.group(1)) + ": " +
            detail;
    }
}
