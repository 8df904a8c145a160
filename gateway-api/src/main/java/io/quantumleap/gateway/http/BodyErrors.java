package io.quantumleap.gateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body the API could not read, said in the words of the API rather than of the parser: what was wrong and
 * where ({@code body: not valid JSON at line 1, column 5}, {@code exchange: given twice}), without the parser's
 * classes, settings and source locations. The WebSocket's messages are worded the same way.
 */
public final class BodyErrors
{
    static final String MISSING = "body: required (a JSON object)";
    static final String NOT_AN_OBJECT_MESSAGE = "body: expected a JSON object";

    private static final Pattern NON_NUMERIC = Pattern.compile("^Non-standard token '([^']{1,20})'");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate property \\[([^\\]]{1,100})\\]");
    /**
     * How the deserializer words a value that is not the object it expected, with where the parser was (just past
     * the value's first token): a body that is an array, a text or a number, or a field holding one.
     */
    private static final Pattern NOT_AN_OBJECT = Pattern.compile("^Unexpected token [A-Z_]{1,30}, expected " +
        "START_OBJECT\\s*at \\[[^\\]]{0,300}line: (\\d{1,9}), column: (\\d{1,9})\\]");
    /** How the deserializer words a value that is not the list a field holds, with where the parser was. */
    private static final Pattern NOT_A_LIST = Pattern.compile("^Unexpected token ([A-Z_]{1,30}), expected " +
        "START_ARRAY\\s*at \\[[^\\]]{0,300}line: (\\d{1,9}), column: (\\d{1,9})\\]");
    private static final Pattern UNEXPECTED =
        Pattern.compile("Unexpected token ([A-Z_]{1,30}), expected (START_ARRAY|START_OBJECT)");
    /**
     * Where the parser stands after the first token of a field's value at the earliest ({@code {"":[}): a value that
     * is not an object before it is the body itself.
     */
    private static final int FIRST_FIELD_VALUE_END = 6;
    private static final int MAX_CAUSES = 20;

    private BodyErrors()
    {
    }

    /**
     * @param cause what the framework failed with while it read a request.
     * @return what was wrong with the request's body, or null when the failure is not about the body or is one
     * {@link ApiErrorResponseProcessor} words already (a field of the wrong type, an unknown field).
     */
    static String describe(final Throwable cause)
    {
        if (cause instanceof UnsatisfiedRouteException unsatisfied && isBody(unsatisfied.getArgument()) ||
            cause instanceof UnsatisfiedArgumentException missing && isBody(missing.getArgument()))
        {
            return MISSING;
        }
        if (!(cause instanceof JsonSyntaxException) &&
            !(cause instanceof ConversionErrorException unconverted && isBody(unconverted.getArgument())))
        {
            return null;
        }
        Throwable next = cause;
        for (int depth = 0; next != null && depth < MAX_CAUSES; depth++)
        {
            if (next instanceof StreamReadException unreadable)
            {
                return unreadable(unreadable);
            }
            final String message = next.getMessage() == null ? "" : next.getMessage();
            final Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.find())
            {
                return duplicate.group(1) + ": given twice";
            }
            final Matcher notAList = NOT_A_LIST.matcher(message);
            if (notAList.find())
            {
                return "body: expected a list ([...]) at line " + notAList.group(2) + ", column " +
                    notAList.group(3) + ", got " + token(notAList.group(1));
            }
            final Matcher notAnObject = NOT_AN_OBJECT.matcher(message);
            if (notAnObject.find())
            {
                final boolean body = notAnObject.group(1).equals("1") &&
                    Integer.parseInt(notAnObject.group(2)) < FIRST_FIELD_VALUE_END;
                return NOT_AN_OBJECT_MESSAGE + (body ? "" :
                    " at line " + notAnObject.group(1) + ", column " + notAnObject.group(2));
            }
            next = next.getCause() == next ? null : next.getCause();
        }
        return null;
    }

    /**
     * JSON past what the reader takes: nested too deep, a field name or a number too long.
     *
     * @param parser the parser that refused it, where it stopped.
     * @param ex     what it refused it with.
     * @param whole  what the JSON is called where a message cannot name a field: {@code body}, {@code message}.
     * @return what was past which limit ({@code body: nested more than 1000 deep}, {@code price: a number of more
     * than 1000 digits}).
     */
    public static String beyondLimits(final JsonParser parser, final StreamConstraintsException ex, final String whole)
    {
        final StreamReadConstraints limits = parser.streamReadConstraints();
        final String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        if (message.startsWith("Document nesting depth"))
        {
            return whole + ": nested more than " + limits.getMaxNestingDepth() + " deep";
        }
        if (message.startsWith("Number value length"))
        {
            return path(parser.getParsingContext(), whole) + ": a number of more than " + limits.getMaxNumberLength() +
                " digits";
        }
        if (message.startsWith("Name length"))
        {
            return path(parser.getParsingContext().getParent(), whole) + ": a field name longer than " +
                limits.getMaxNameLength() + " characters";
        }
        return whole + ": longer than the JSON reader takes";
    }

    /**
     * @param whole what the JSON is called: the path of its root, and of a list at its root.
     * @return the path of the value the parser is in: {@code lists[0].items[1].instrument_token}, {@code v[1]}.
     */
    static String path(final JsonStreamContext context, final String whole)
    {
        if (context == null || context.inRoot())
        {
            return whole;
        }
        final String parent = context.getParent() == null || context.getParent().inRoot() ? "" :
            path(context.getParent(), whole);
        return context.inArray() ? (parent.isEmpty() ? whole : parent) + "[" + context.getCurrentIndex() + "]" :
            (parent.isEmpty() ? "" : parent + ".") + context.getCurrentName();
    }

    /** What the parser could not read: a number JSON does not have, named by its field, or where the text broke. */
    private static String unreadable(final StreamReadException ex)
    {
        final String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        final Matcher nonNumeric = NON_NUMERIC.matcher(message);
        if (nonNumeric.find())
        {
            return field(ex.getProcessor()) + ": not a number (" + nonNumeric.group(1) + ")";
        }
        final JsonLocation at = ex.getLocation();
        return at == null || at.getLineNr() < 1 ? "body: not valid JSON" :
            "body: not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The field the parser was in: {@code price}, {@code trigger_values[1]}, or the body itself. */
    private static String field(final JsonParser parser)
    {
        final JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        if (context == null)
        {
            return "body";
        }
        if (context.inObject() && context.getCurrentName() != null)
        {
            return context.getCurrentName();
        }
        final JsonStreamContext parent = context.getParent();
        if (context.inArray() && parent != null && parent.inObject() && parent.getCurrentName() != null)
        {
            return parent.getCurrentName() + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        }
        return "body";
    }

    /**
     * @param message what the deserializer said of a value.
     * @return when it was not the list or the object expected, what was expected and what came
     * ({@code expected a list ([...]), got text}); else null.
     */
    static String notAListOrObject(final String message)
    {
        final Matcher unexpected = UNEXPECTED.matcher(message == null ? "" : message);
        if (!unexpected.find())
        {
            return null;
        }
        return (unexpected.group(2).equals("START_ARRAY") ? "expected a list ([...])" : "expected an object ({...})") +
            ", got " + token(unexpected.group(1));
    }

    /** A parser token as the client wrote it. */
    private static String token(final String token)
    {
        return switch (token)
        {
            case "VALUE_STRING" -> "text";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "true or false";
            case "START_OBJECT" -> "an object";
            case "START_ARRAY" -> "a list";
            case "VALUE_NULL" -> "null";
            default -> "something else";
        };
    }

    private static boolean isBody(final Argument<?> argument)
    {
        return argument != null && argument.getAnnotationMetadata().hasStereotype(Body.class);
    }
}
