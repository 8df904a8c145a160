package io.quantumleap.gateway.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>>
{
    @Override
    @SuppressWarnings("rawtypes")
    public HttpResponse<ApiError> handle(final HttpRequest request, final ApiException exception)
    {
        final MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(exception.status())
            .body(new ApiError(exception.code(), exception.getMessage(), exception.instruments()));
        if (exception.retryAfterSeconds() > 0)
        {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
        return response;
    }
}
