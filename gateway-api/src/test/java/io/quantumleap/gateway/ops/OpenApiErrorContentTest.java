package io.quantumleap.gateway.ops;

import io.quantumleap.gateway.support.OpenApiDocuments;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.quantumleap.gateway.support.OpenApiDocuments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiErrorContentTest
{
    private static final String API_ERROR = "{schema: {$ref: '#/components/schemas/ApiError'}}";
    private static final String DOCUMENT = "openapi: 3.0.1\n" +
        "paths:\n" +
        "  /metrics:\n" +
        "    get:\n" +
        "      responses:\n" +
        "        \"200\":\n" +
        "          description: the metrics\n" +
        "          content:\n" +
        "            text/plain: {schema: {type: string}}\n" +
        "        \"401\":\n" +
        "          description: unauthorized\n" +
        "          content:\n" +
        "            text/plain: " + API_ERROR + "\n" +
        "  /api/replay/export:\n" +
        "    post:\n" +
        "      responses:\n" +
        "        \"200\":\n" +
        "          description: rows\n" +
        "          content:\n" +
        "            text/csv: {schema: {type: string}}\n" +
        "            application/x-ndjson: {schema: {type: string}}\n" +
        "        \"400\":\n" +
        "          description: bad_request\n" +
        "          content:\n" +
        "            text/csv: " + API_ERROR + "\n" +
        "            application/x-ndjson: " + API_ERROR + "\n" +
        "        \"409\":\n" +
        "          description: not an ApiError\n" +
        "          content:\n" +
        "            text/csv: {schema: {type: string}}\n" +
        "  /api/me:\n" +
        "    get:\n" +
        "      responses:\n" +
        "        \"401\":\n" +
        "          description: unauthorized\n" +
        "          content:\n" +
        "            application/json: " + API_ERROR + "\n";

    @Test
    void shouldListEveryApiErrorAsApplicationJsonAloneAndLeaveTheRestAsItIs() throws IOException
    {
        final Map<String, Object> rewritten = new Yaml().load(OpenApiErrorContent.rewrite(DOCUMENT));
        final Map<String, Object> original = new Yaml().load(DOCUMENT);

        assertEquals(Set.of("application/json"), at(rewritten, "paths", "/metrics", "get", "responses", "401",
            "content").keySet());
        assertEquals(Set.of("application/json"), at(rewritten, "paths", "/api/replay/export", "post", "responses",
            "400", "content").keySet());
        assertEquals(Map.of("$ref", "#/components/schemas/ApiError"), at(rewritten, "paths", "/api/replay/export",
            "post", "responses", "400", "content", "application/json", "schema"));
        assertEquals(at(original, "paths", "/metrics", "get", "responses", "200"),
            at(rewritten, "paths", "/metrics", "get", "responses", "200"));
        assertEquals(at(original, "paths", "/api/replay/export", "post", "responses", "200"),
            at(rewritten, "paths", "/api/replay/export", "post", "responses", "200"));
        assertEquals(at(original, "paths", "/api/replay/export", "post", "responses", "409"),
            at(rewritten, "paths", "/api/replay/export", "post", "responses", "409"));
    }

    @Test
    void shouldChangeNothingInADocumentWhoseErrorsAreAllJson() throws IOException
    {
        final String once = OpenApiErrorContent.rewrite(DOCUMENT);

        assertEquals(once, OpenApiErrorContent.rewrite(once));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldBuildTheDocumentWithEveryErrorAnsweredAsJsonWhateverTheRouteProduces() throws IOException
    {
        final Map<String, Object> document = OpenApiDocuments.built();
        final List<String> problems = new ArrayList<>();
        int errors = 0;

        for (final Map.Entry<String, Object> path : at(document, "paths").entrySet())
        {
            for (final Map.Entry<String, Object> operation : ((Map<String, Object>)path.getValue()).entrySet())
            {
                final Map<String, Object> responses = at((Map<String, Object>)operation.getValue(), "responses");
                for (final Map.Entry<String, Object> response : responses.entrySet())
                {
                    final Map<String, Object> content = at((Map<String, Object>)response.getValue(), "content");
                    if (response.getKey().matches("[45]\\d\\d") && content != null &&
                        content.toString().contains("#/components/schemas/ApiError"))
                    {
                        errors++;
                        if (!content.keySet().equals(Set.of("application/json")))
                        {
                            problems.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + ": " +
                                content.keySet());
                        }
                    }
                }
            }
        }

        assertTrue(errors > 300, "only " + errors + " error answers listed");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(Set.of("200", "400", "401", "403", "413", "414", "431"),
            at(document, "paths", "/metrics", "get", "responses").keySet());
        assertEquals(Set.of("200", "400", "413", "414", "415", "429", "431"),
            at(document, "paths", "/api/openapi.yml", "get", "responses").keySet());
    }
}
