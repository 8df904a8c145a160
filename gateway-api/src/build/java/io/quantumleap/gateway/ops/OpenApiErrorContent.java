package io.quantumleap.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A step of the build, after the OpenAPI document is generated: every error answer (a 4xx or 5xx whose body is an
 * {@code ApiError}) is listed with application/json content only, as the server sends it, whatever the route
 * produces. micronaut-openapi lists an {@code @ApiResponse} under the media types the route produces, and offers no
 * hook to say otherwise: without this step an error of the metrics, of this document or of the replay export would be
 * listed as text, YAML or CSV, and each such route would have to repeat its errors by hand rather than share
 * {@code ApiErrors}' stereotypes. Run by the build (exec-maven-plugin, process-classes) on
 * {@value OpenApiController#RESOURCE} in the classes folder; running it again changes nothing. A step of the build
 * only, it lives in src/build/java, compiled into target/build-classes: neither the gateway's jar nor
 * {@code ./qleap run}, which starts from target/classes, carries it.
 */
public final class OpenApiErrorContent
{
    private static final String JSON = "application/json";
    private static final String API_ERROR = "#/components/schemas/ApiError";
    private static final Pattern ERROR_STATUS = Pattern.compile("[45]\\d\\d");
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.SPLIT_LINES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .build());

    private OpenApiErrorContent()
    {
    }

    /**
     * @param args the classes folder the document was generated into.
     * @throws IOException when the document cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            throw new IllegalArgumentException("usage: OpenApiErrorContent <classes folder>");
        }
        final Path file = Path.of(args[0]).resolve(OpenApiController.RESOURCE);
        if (!Files.exists(file))
        {
            throw new IllegalStateException(file + " was not generated: is micronaut-openapi's processor on the path?");
        }
        final String before = Files.readString(file, StandardCharsets.UTF_8);
        final String after = rewrite(before);
        if (!after.equals(before))
        {
            Files.writeString(file, after, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param yaml an OpenAPI document.
     * @return the document with every error answer's content application/json alone; as it was when they all are.
     * @throws IOException when it is not YAML.
     */
    public static String rewrite(final String yaml) throws IOException
    {
        final JsonNode document = YAML.readTree(yaml);
        return jsonErrors(document) ? YAML.writeValueAsString(document) : yaml;
    }

    /** @return whether any error answer was listed under another media type than application/json. */
    private static boolean jsonErrors(final JsonNode document)
    {
        boolean changed = false;
        for (final JsonNode path : document.path("paths"))
        {
            for (final JsonNode operation : path)
            {
                for (final Map.Entry<String, JsonNode> response : operation.path("responses").properties())
                {
                    if (ERROR_STATUS.matcher(response.getKey()).matches() &&
                        response.getValue().get("content") instanceof ObjectNode content)
                    {
                        changed |= jsonOnly(content);
                    }
                }
            }
        }
        return changed;
    }

    private static boolean jsonOnly(final ObjectNode content)
    {
        JsonNode error = isApiError(content.get(JSON)) ? content.get(JSON) : null;
        for (final JsonNode media : content)
        {
            if (error == null && isApiError(media))
            {
                error = media;
            }
        }
        if (error == null || content.size() == 1 && content.has(JSON))
        {
            return false;
        }
        content.removeAll();
        content.set(JSON, error);
        return true;
    }

    private static boolean isApiError(final JsonNode media)
    {
        return media != null && API_ERROR.equals(media.path("schema").path("$ref").asText(null));
    }
}
