package io.quantumleap.gateway.http;

import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders every framework error (validation, a body that is not JSON or not an object ({@link BodyErrors}), 404,
 * 405, 413, a request line or headers too long for the server (414, 431), auth) as {@link ApiError}.
 */
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError>
{
    /** How the deserializer words a field the request type does not have. */
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]{1,100})\\]");
    private static final Pattern REQUIRED_QUERY_VALUE = Pattern.compile("Required QueryValue \\[([^\\]]{1,100})\\]");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    /** How bean validation words a constraint: the Java path, then what is wrong. */
    private static final Pattern CONSTRAINT = Pattern.compile("([A-Za-z][\\w.\\[\\]]{0,200}): (.*)", Pattern.DOTALL);
    /**
     * What {@link WholeNumbers} and {@link StrictJson} say, without the deserializer's wrapping and source location.
     */
    private static final Pattern TYPE_MISMATCH = Pattern.compile(
        "due to: ((?:a list element|[a-z][a-z0-9_]{0,100}(?:\\[\\d{1,9}\\])?" +
            "(?:\\.[a-z][a-z0-9_]{0,100}(?:\\[\\d{1,9}\\])?){0,4}): (?:expected " +
            "(?:a whole number|a number|a finite number|true or false|text|a list|an object)|the NUL character|" +
            "a lone surrogate|[^\\s]{1,40} is too large|[^\\s]{1,40} has more than|given twice|not readable|" +
            "unknown field)[^\\n]*)");
    /**
     * Any 403 here is a route the caller's roles do not allow: a body that is not JSON, a method a path does not take
     * and a path with no route, which match no route, are answered 415, 405 and 404 by {@link JsonBodyFilter} and
     * {@link RouteMissFilter} before the security filter sees them.
     */
    private static final String FORBIDDEN = "your roles do not allow this (GET /api/me shows yours)";
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,1000}");

    /**
     * The path Netty gives a request whose first line it could not read; the server answers it 413 before any route.
     */
    private static final String UNREAD_REQUEST_LINE = "/bad-request";

    private final String lineTooLong;
    private final String headersTooLarge;
    private final RefusedRequestMetrics refused;

    ApiErrorResponseProcessor(final NettyHttpServerConfiguration server, final RefusedRequestMetrics refused)
    {
        this.refused = refused;
        lineTooLong = "the request line (method, path and query) is longer than the server reads (" +
            server.getMaxInitialLineLength() + " bytes): send fewer or shorter query parameters";
        headersTooLarge = "the request's headers are larger than the server reads (" + server.getMaxHeaderSize() +
            " bytes in all)";
    }

    @Override
    public MutableHttpResponse<ApiError> processResponse(
        final ErrorContext context, final MutableHttpResponse<?> response)
    {
        if (response.getStatus() == HttpStatus.REQUEST_ENTITY_TOO_LARGE && context.getRootCause().isEmpty())
        {
            final boolean line = UNREAD_REQUEST_LINE.equals(context.getRequest().getPath());
            final MutableHttpResponse<ApiError> unread = response
                .status(line ? HttpStatus.REQUEST_URI_TOO_LONG : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(line ? "uri_too_long" : "headers_too_large", line ? lineTooLong :
                    headersTooLarge));
            // A request the server could not read passes through no filter: counted, and given its headers, here.
            refused.count(unread);
            SecurityHeadersFilter.addHeaders(unread);
            return unread;
        }
        final HttpStatus status = response.getStatus();
        final ConversionErrorException unconvertible = status != HttpStatus.BAD_REQUEST ? null : context.getRootCause()
            .filter(ConversionErrorException.class::isInstance).map(ConversionErrorException.class::cast)
            .filter(ex -> !ex.getArgument().getAnnotationMetadata().hasStereotype(Body.class))
            .orElse(null);
        final String body = status != HttpStatus.BAD_REQUEST ? null :
            context.getRootCause().map(BodyErrors::describe).orElse(null);
        final String message = status == HttpStatus.FORBIDDEN ? FORBIDDEN : body != null ? body :
            unconvertible != null ? unconvertible(unconvertible) : context.hasErrors() ?
            context.getErrors().stream().map(ApiErrorResponseProcessor::describe).collect(Collectors.joining("; ")) :
            status.getReason();
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(new ApiError(code(status), message));
    }

    /**
     * A query parameter, path variable or header whose text is not of the type the route takes: named as the client
     * wrote it ({@code account_id}, not the Java parameter {@code accountParam}), with what was expected and what came.
     */
    static String unconvertible(final ConversionErrorException ex)
    {
        final Argument<?> argument = ex.getArgument();
        final String name = argument.getAnnotationMetadata().stringValue(Bindable.class)
            .filter(value -> !value.isBlank()).orElse(argument.getName());
        final Object original = ex.getConversionError().getOriginalValue().orElse(null);
        final Object value = original instanceof Collection<?> values && values.size() == 1 ?
            values.iterator().next() : original;
        final String text = value == null ? null : value.toString();
        final String got = text == null ? "nothing" : "'" + WholeNumbers.shortened(text) + "'";
        final Class<?> type = argument.getWrapperType();
        if (type == Long.class || type == Integer.class)
        {
            final boolean tooLarge = text != null && INTEGER.matcher(text.trim()).matches();
            final String range = type == Long.class ? Long.MIN_VALUE + " to " + Long.MAX_VALUE :
                Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            return name + ": expected a whole number" + (tooLarge ? " from " + range : "") + ", got " + got;
        }
        if (type == UUID.class)
        {
            return name + ": expected a UUID, got " + got;
        }
        return name + ": " + got + " is not a valid value";
    }

    private static String describe(final Error error)
    {
        final Matcher unknown = UNKNOWN_PROPERTY.matcher(error.getMessage());
        if (unknown.find())
        {
            return unknownField(unknown.group(1));
        }
        final Matcher required = REQUIRED_QUERY_VALUE.matcher(error.getMessage());
        if (required.find())
        {
            return required.group(1) + ": the query parameter is required";
        }
        final Matcher wholeNumber = TYPE_MISMATCH.matcher(error.getMessage());
        if (wholeNumber.find())
        {
            return wholeNumber.group(1).trim();
        }
        if (error.getPath().isPresent())
        {
            return wireName(error.getPath().get()) + ": " + error.getMessage();
        }
        final Matcher constraint = CONSTRAINT.matcher(error.getMessage());
        return constraint.matches() ? wireName(constraint.group(1)) + ": " + constraint.group(2) : error.getMessage();
    }

    /** @return what is said of a field in a body that its type does not have. */
    static String unknownField(final String name)
    {
        return "unknown field '" + name + "' (fields are snake_case, as in the OpenAPI description)";
    }

    /**
     * A validation path as the client wrote it: {@code change.limits.maxPositionQty} (the method's argument, then
     * the Java names) is {@code limits.max_position_qty}.
     */
    static String wireName(final String path)
    {
        final int dot = path.indexOf('.');
        final String fields = dot > 0 && !path.startsWith("/") ? path.substring(dot + 1) : path;
        return CAMEL_HUMP.matcher(fields).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    static String code(final HttpStatus status)
    {
        return switch (status)
        {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "too_large";
            case UNPROCESSABLE_ENTITY -> "rejected";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.getReason().toLowerCase(Locale.ROOT).replace(' ', '_');
        };
    }
}
