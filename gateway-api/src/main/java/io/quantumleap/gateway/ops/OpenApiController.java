package io.quantumleap.gateway.ops;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.quantumleap.gateway.http.ApiErrors;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI document generated from the controllers at build time. */
@Controller("/api/openapi.yml")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@ApiErrors.Anyone
class OpenApiController
{
    static final String RESOURCE = "META-INF/swagger/quantumleap-1.0.0.yml";

    private final String document;

    OpenApiController()
    {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE))
        {
            document = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Get(produces = "application/yaml")
    @ApiResponse(responseCode = "200", description = "this document",
        content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    HttpResponse<String> openApi()
    {
        return document == null ? HttpResponse.notFound() :
            HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
