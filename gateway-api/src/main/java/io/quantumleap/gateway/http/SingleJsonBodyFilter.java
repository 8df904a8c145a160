package io.quantumleap.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A JSON body is one JSON value and nothing after it but white space: {@code {"quantity":1}{"quantity":2}} or
 * {@code {...} garbage} is a 400 naming where the extra content starts, not the first object taken and the rest
 * dropped (the JSON reader stops after the first value). And a number with a fraction is read as written: the JSON
 * reader takes it through a double, exact up to 15 significant digits, so a price of {@code 99999999999999.99} is a
 * 400 saying it would be read as {@code 99999999999999.98}, not another price taken. A text or a field name holding
 * half of a UTF-16 surrogate pair alone, which no character is, is a 400 naming where. Runs after the security filter,
 * so a caller without the right learns nothing from it; the body it reads is the one the controller then gets.
 */
@ServerFilter("/api/**")
final class SingleJsonBodyFilter implements Ordered
{
    private static final JsonFactory JSON = new JsonFactory();
    /** A value the client meant as a number: a sign, a digit or a point first, or a number JSON does not have. */
    private static final Pattern NUMBER_LIKE =
        Pattern.compile("[+-]?(?:[0-9.][^\\s\"]{0,200}|NaN|Infinity|INF)");

    @Override
    public int getOrder()
    {
        return FilterOrder.SINGLE_JSON_BODY;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request, @Nullable @Body final String body)
    {
        if (body == null || body.isEmpty() || !JsonBodyFilter.isJson(request))
        {
            return null;
        }
        final String wrong = check(body);
        return wrong == null ? null : HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request",
            wrong));
    }

    /**
     * @param body a request body.
     * @return what is wrong with its numbers or after its first JSON value, or null when nothing is (or the body is
     * empty or not JSON at all, which the body's reader words).
     */
    static @Nullable String check(final String body)
    {
        try (JsonParser parser = JSON.createParser(body))
        {
            try
            {
                JsonToken token = parser.nextToken();
                if (token == null)
                {
                    return BodyErrors.MISSING;
                }
                int depth = 0;
                while (token != null)
                {
                    depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                    final String wrong = token == JsonToken.VALUE_NUMBER_FLOAT ? inexact(parser) :
                        token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME ? text(parser, token) : null;
                    if (wrong != null)
                    {
                        return wrong;
                    }
                    token = depth == 0 ? null : parser.nextToken();
                }
                parser.finishToken();
            }
            catch (final StreamConstraintsException ex)
            {
                return BodyErrors.beyondLimits(parser, ex, "body");
            }
            catch (final JsonProcessingException ex)
            {
                return notANumber(body, parser, ex);
            }
            return afterTheValue(body, (int)Math.min(body.length(), parser.currentLocation().getCharOffset()));
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** A text or a field name holding half of a UTF-16 pair, which no character is and UTF-8 cannot encode. */
    private static @Nullable String text(final JsonParser parser, final JsonToken token) throws IOException
    {
        final String text = parser.getText();
        final int at = StrictJson.loneSurrogate(text);
        if (at < 0)
        {
            return null;
        }
        final String surrogate = String.format("\\u%04X", (int)text.charAt(at));
        if (token == JsonToken.FIELD_NAME)
        {
            return path(parser.getParsingContext().getParent()) + ": a lone surrogate (" + surrogate +
                ", at position " + at + ") is not valid text in a field name";
        }
        return path(parser.getParsingContext()) + ": a lone surrogate (" + surrogate + ", at position " + at +
            ") is not valid text";
    }

    /**
     * A value that starts as a number but is not one as JSON writes it ({@code NaN}, {@code 0x10}, {@code 007},
     * {@code +5}), named by its path; null for any other JSON the body's reader words.
     */
    private static @Nullable String notANumber(final String body, final JsonParser parser,
        final JsonProcessingException ex)
    {
        final JsonLocation at = ex.getLocation();
        final int offset = at == null ? -1 : (int)Math.min(body.length(), at.getCharOffset());
        if (offset < 0 || offset >= body.length())
        {
            return null;
        }
        int start = offset;
        while (start > 0 && !isValueEnd(body.charAt(start - 1)) && body.charAt(start - 1) != ':')
        {
            start--;
        }
        int end = Math.max(start, offset);
        while (end < body.length() && !isValueEnd(body.charAt(end)))
        {
            end++;
        }
        final String written = body.substring(start, end);
        if (!NUMBER_LIKE.matcher(written).matches())
        {
            return null;
        }
        final JsonStreamContext context = parser.getParsingContext();
        final boolean ofTheLastValue = parser.currentToken() != null && parser.currentToken().isScalarValue() &&
            parser.currentTokenLocation().getCharOffset() == start && body.startsWith(textOf(parser), start);
        final String where = context.inArray() && ofTheLastValue ?
            path(context.getParent()) + "[" + Math.max(0, context.getCurrentIndex() - 1) + "]" : path(context);
        return where + ": not a number (" + WholeNumbers.shortened(written) + ")";
    }

    private static String textOf(final JsonParser parser)
    {
        try
        {
            return parser.getText();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static boolean isValueEnd(final char c)
    {
        return c == ',' || c == '}' || c == ']' || c == '[' || c == '{' || isJsonWhiteSpace(c);
    }

    private static @Nullable String inexact(final JsonParser parser) throws IOException
    {
        final double read = parser.getDoubleValue();
        if (!Double.isFinite(read))
        {
            return path(parser.getParsingContext()) + ": " + WholeNumbers.shortened(parser.getText()) +
                " is beyond any number the API takes";
        }
        final BigDecimal written = new BigDecimal(parser.getText());
        final BigDecimal readAs = BigDecimal.valueOf(read);
        return written.compareTo(readAs) == 0 ? null : path(parser.getParsingContext()) + ": " + parser.getText() +
            " would be read as " + readAs.stripTrailingZeros().toPlainString() + " (a number is read exactly with " +
            "at most 15 significant digits)";
    }

    private static String path(final JsonStreamContext context)
    {
        return BodyErrors.path(context, "body");
    }

    private static @Nullable String afterTheValue(final String body, final int end)
    {
        int at = end;
        while (at < body.length() && isJsonWhiteSpace(body.charAt(at)))
        {
            at++;
        }
        if (at == body.length())
        {
            return null;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++)
        {
            if (body.charAt(i) == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return "body: unexpected content after the JSON value at line " + line + ", column " +
            (at - lineStart + 1) + " (a body is one JSON object)";
    }

    private static boolean isJsonWhiteSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
