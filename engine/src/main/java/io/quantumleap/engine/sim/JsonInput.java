package io.quantumleap.engine.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Reads the one JSON value a request body, a JSON form field or a ticker message holds, whole: content after the
 * value is refused rather than dropped, and a refusal says what was wrong in a few plain words (never the parser's
 * class or setting names). Runs on the simulator thread.
 */
final class JsonInput
{
    private JsonInput()
    {
    }

    /**
     * @param what names the input in a refusal, e.g. "body" or "`condition`".
     * @return the value; null when there is none (empty or only whitespace).
     * @throws KiteError an InputException saying what is wrong with the input.
     */
    static JsonNode read(final ObjectMapper mapper, final byte[] bytes, final String what)
    {
        try (JsonParser parser = mapper.createParser(bytes))
        {
            return read(mapper, parser, what);
        }
        catch (final IOException ex)
        {
            throw KiteError.input(what + ": " + problem(mapper, ex));
        }
    }

    /** As {@link #read(ObjectMapper, byte[], String)}, for text already decoded. */
    static JsonNode read(final ObjectMapper mapper, final String text, final String what)
    {
        try (JsonParser parser = mapper.createParser(text))
        {
            return read(mapper, parser, what);
        }
        catch (final IOException ex)
        {
            throw KiteError.input(what + ": " + problem(mapper, ex));
        }
    }

    private static JsonNode read(final ObjectMapper mapper, final JsonParser parser, final String what)
        throws IOException
    {
        final JsonNode value = mapper.readTree(parser);
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
            throw KiteError.input(what + ": unexpected content after the JSON value at " + where(end) +
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

    private static String where(final JsonLocation location)
    {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
