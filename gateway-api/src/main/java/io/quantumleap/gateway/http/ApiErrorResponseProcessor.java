package io.quantumleap.gateway.http;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders every framework error (validation, 404, 405, 413, auth) as {@link ApiError}. */
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError>
{
    /** How the deserializer words a field the request type does not have. */
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]{1,100})\\]");
    /** What {@link WholeNumbers} says, without the deserializer's wrapping and source location. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("due to: (\\S{1,100}: expected a whole number[^\\n]*)");

    @Override
    public MutableHttpResponse<ApiError> processResponse(final ErrorContext context, final MutableHttpResponse<?> response)
    {
        final HttpStatus status = response.getStatus();
        final String message = context.hasErrors() ?
            context.getErrors().stream().map(ApiErrorResponseProcessor::describe).collect(Collectors.joining("; ")) :
            status.getReason();
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(new ApiError(code(status), message));
    }

    private static String describe(final Error error)
    {
        final Matcher unknown = UNKNOWN_PROPERTY.matcher(error.getMessage());
        if (unknown.find())
        {
            return "unknown field '" + unknown.group(1) + "' (fields are snake_case, as in the OpenAPI description)";
        }
        final Matcher wholeNumber = WHOLE_NUMBER.matcher(error.getMessage());
        if (wholeNumber.find())
        {
            return wholeNumber.group(1).trim();
        }
        return error.getPath().map(path -> path + ": ").orElse("") + error.getMessage();
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
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.getReason().toLowerCase(Locale.ROOT).replace(' ', '_');
        };
    }
}
