package io.quantumleap.gateway.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Whole numbers in request bodies (quantities, account and order ids, limits) are read exactly: {@code 10.5} or
 * {@code true} for a quantity is an error naming the value, not an order for 10 or 1. A number written with an
 * exponent or a fraction that is whole ({@code 1e2}, {@code 100.0}) is that number.
 */
public final class WholeNumbers
{
    private WholeNumbers()
    {
    }

    static long read(final Decoder decoder, final Argument<?> field, final long min, final long max)
        throws IOException
    {
        final JsonNode node = decoder.decodeNode();
        final Long whole = exact(node);
        if (whole == null)
        {
            throw decoder.createDeserializationException(StrictJson.wireName(field) + ": expected a whole number" +
                (isWhole(node) ? " from " + min + " to " + max : "") + ", got " + describe(node), node);
        }
        if (whole < min || whole > max)
        {
            throw decoder.createDeserializationException(StrictJson.wireName(field) +
                ": expected a whole number from " + min + " to " + max + ", got " + whole, node);
        }
        return whole;
    }

    /** @return the node's value when it is a whole number that fits a long, else null. */
    public static Long exact(final JsonNode node)
    {
        if (!node.isNumber())
        {
            return null;
        }
        try
        {
            return new BigDecimal(node.getNumberValue().toString()).stripTrailingZeros().longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return null;
        }
    }

    /** @return whether the node is a whole number, however large. */
    private static boolean isWhole(final JsonNode node)
    {
        if (!node.isNumber())
        {
            return false;
        }
        try
        {
            return new BigDecimal(node.getNumberValue().toString()).stripTrailingZeros().scale() <= 0;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /** @return the node as an error message shows it: its value, shortened, or what kind of thing it is. */
    public static String describe(final JsonNode node)
    {
        if (node.isNumber())
        {
            return shortened(node.getNumberValue().toString());
        }
        if (node.isString())
        {
            return "the text '" + shortened(node.getStringValue()) + "'";
        }
        if (node.isBoolean())
        {
            return Boolean.toString(node.getBooleanValue());
        }
        return node.isArray() ? "an array" : node.isObject() ? "an object" : "null";
    }

    /** @return the text, cut after 24 characters. */
    static String shortened(final String text)
    {
        return text.length() <= 24 ? text : text.substring(0, 24) + "...";
    }

    /** {@code long} and {@link Long} fields. */
    @Singleton
    static final class Longs implements Deserializer<Long>
    {
        @Override
        public Long deserialize(final Decoder decoder, final DecoderContext context, final Argument<? super Long> type)
            throws IOException
        {
            return read(decoder, type, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** {@code int} and {@link Integer} fields. */
    @Singleton
    static final class Ints implements Deserializer<Integer>
    {
        @Override
        public Integer deserialize(
            final Decoder decoder, final DecoderContext context, final Argument<? super Integer> type)
            throws IOException
        {
            return (int)read(decoder, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }
}
