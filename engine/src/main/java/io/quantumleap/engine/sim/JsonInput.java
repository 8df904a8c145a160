package io.quantumleap.engine.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.io.IOException;

/**
 * Reads the one JSON value a request body, a JSON form field or a ticker message holds, whole: content after the
 * value is refused rather than dropped, and a refusal says what was wrong in a few plain words (never the parser's
 * class or setting names). A number with a fraction or an exponent is read as written, as a decimal, not as a double:
 * a double turns {@code 1e-400} into 0 and {@code 1e400} into infinity, so a price written as a tiny non-zero number
 * would be taken for a price of 0; as a decimal it is refused by {@link KiteNumbers#bounded}, as a form field is.
 * Runs on the simulator thread.
 */
final class JsonInput
{
    private JsonInput()
    {
    }

    /**
     * @param input names the input in a refusal, e.g. "JSON body" or "`condition`": "Malformed JSON body: not valid
     *     JSON at ..." for what does not read as JSON, "Invalid JSON body: ..." for JSON that reads but holds a number
     *     beyond any the API takes.
     * @return the value; null when there is none (empty or only whitespace).
     * @throws KiteError an InputException saying what is wrong with the input.
     */
    static JsonNode read(final ObjectMapper mapper, final byte[] bytes, final String input)
    {
        try (JsonParser parser = mapper.createParser(bytes))
        {
            return read(mapper, parser, input);
        }
        catch (final IOException ex)
        {
            throw KiteError.input("Malformed " + input + ": " + problem(mapper, ex));
        }
    }

    /** As {@link #read(ObjectMapper, byte[], String)}, for text already decoded. */
    static JsonNode read(final ObjectMapper mapper, final String text, final String input)
    {
        try (JsonParser parser = mapper.createParser(text))
        {
            return read(mapper, parser, input);
        }
        catch (final IOException ex)
        {
            throw KiteError.input("Malformed " + input + ": " + problem(mapper, ex));
        }
    }

    private static JsonNode read(final ObjectMapper mapper, final JsonParser parser, final String input)
        throws IOException
    {
        final JsonNode value;
        try
        {
            value = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .readTree(parser);
        }
        catch (final NumberFormatException ex)
        {
            // An exponent beyond an int's range (1e2147483648, 1e-2147483649): no BigDecimal holds the number.
            throw KiteError.input("Invalid " + input + ": " + path(parser.getParsingContext()) +
                shortened(parser.getText()) +
                " is beyond any number the API takes");
        }
        if (value == null)
        {
            return null;
        }
        final JsonLocation end = parser.currentLocation();
        boolean trailing;
        try
        {
            trailing = parser.nextToken() != null;
        }
        catch (final JsonProcessingException ex)
        {
            trailing = true;
        }
        if (trailing)
        {
            throw KiteError.input("Malformed " + input + ": unexpected content after the JSON value at " + where(end) +
                " (one JSON value is taken, not two or more)");
        }
        return value;
    }

    private static String problem(final ObjectMapper mapper, final IOException ex)
    {
        if (ex instanceof StreamConstraintsException)
        {
            final StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
            final String message = String.valueOf(ex.getMessage());
            if (message.contains("nesting depth"))
            {
                return "nested too deep (at most " + limits.getMaxNestingDepth() + " levels)";
            }
            if (message.contains("Number"))
            {
                return "a number too long (at most " + limits.getMaxNumberLength() + " characters)";
            }
            if (message.contains("String") || message.contains("Name"))
            {
                return "a text too long (at most " + limits.getMaxStringLength() + " characters)";
            }
            return "too large to read";
        }
        if (ex instanceof JsonProcessingException && ((JsonProcessingException)ex).getLocation() != null)
        {
            return "not valid JSON at " + where(((JsonProcessingException)ex).getLocation());
        }
        return "not valid JSON";
    }

    /** @return where in the value the parser is, as {@code `[0].price` }, or nothing at the top level. */
    private static String path(final JsonStreamContext context)
    {
        final StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
        {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" :
                (c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
        }
        return path.length() == 0 ? "" : "`" + path + "` ";
    }

    private static String shortened(final String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String where(final JsonLocation location)
    {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
