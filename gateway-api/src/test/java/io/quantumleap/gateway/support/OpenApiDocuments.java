package io.quantumleap.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;

public final class OpenApiDocuments
{
    public static final String BUILT = "META-INF/swagger/quantumleap-1.0.0.yml";
    public static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiDocuments()
    {
    }

    public static Map<String, Object> built()
    {
        try (InputStream in = OpenApiDocuments.class.getClassLoader().getResourceAsStream(BUILT))
        {
            assertNotNull(in, BUILT + " is not on the class path: build gateway-api first");
            return new Yaml().load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> at(final Map<String, Object> map, final String... keys)
    {
        Map<String, Object> node = map;
        for (final String key : keys)
        {
            node = node == null ? null : (Map<String, Object>)node.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> resolve(final Map<String, Object> document, final Map<String, Object> schema)
    {
        final Object ref = schema.get("$ref");
        if (ref == null)
        {
            return schema;
        }
        final String name = ref.toString().substring("#/components/schemas/".length());
        final Map<String, Object> target = at(document, "components", "schemas", name);
        if (target == null)
        {
            throw new AssertionError("the document refers to a schema it lacks: " + ref);
        }
        return resolve(document, target);
    }

    @SuppressWarnings("unchecked")
    public static void check(final Map<String, Object> document, final String where, final JsonNode value,
        final Map<String, Object> raw, final List<String> problems)
    {
        final Map<String, Object> schema = resolve(document, raw);
        if (value.isNull())
        {
            if (!Boolean.TRUE.equals(schema.get("nullable")) && !Boolean.TRUE.equals(raw.get("nullable")))
            {
                problems.add(where + ": null on the wire, but the document does not say nullable");
            }
            return;
        }
        final List<Map<String, Object>> oneOf = (List<Map<String, Object>>)schema.get("oneOf");
        if (oneOf != null)
        {
            final List<String> all = new ArrayList<>();
            for (final Map<String, Object> alternative : oneOf)
            {
                final List<String> mine = new ArrayList<>();
                check(document, where, value, alternative, mine);
                if (mine.isEmpty())
                {
                    return;
                }
                all.addAll(mine);
            }
            problems.add(where + ": matches none of the document's alternatives: " + all);
            return;
        }
        final Object type = schema.get("type");
        if (value.isArray())
        {
            if (!"array".equals(type))
            {
                problems.add(where + ": an array on the wire, the document says " + type);
                return;
            }
            int i = 0;
            for (final JsonNode element : value)
            {
                check(document, where + "[" + i++ + "]", element, (Map<String, Object>)schema.get("items"),
                    problems);
            }
            return;
        }
        if (value.isObject())
        {
            if (!"object".equals(type) && type != null)
            {
                problems.add(where + ": an object on the wire, the document says " + type);
                return;
            }
            final Map<String, Object> properties = (Map<String, Object>)schema.get("properties");
            final Object additional = schema.get("additionalProperties");
            for (final Map.Entry<String, JsonNode> field : value.properties())
            {
                if (properties != null && properties.containsKey(field.getKey()))
                {
                    check(document, where + "." + field.getKey(), field.getValue(),
                        (Map<String, Object>)properties.get(field.getKey()), problems);
                }
                else if (additional instanceof Map)
                {
                    check(document, where + "." + field.getKey(), field.getValue(),
                        (Map<String, Object>)additional, problems);
                }
                else if (properties != null)
                {
                    problems.add(where + ": field '" + field.getKey() + "' is sent but the document lists only " +
                        properties.keySet());
                }
            }
            final List<String> required = (List<String>)schema.get("required");
            if (required != null)
            {
                for (final String name : required)
                {
                    if (!value.has(name))
                    {
                        problems.add(where + ": the document requires '" + name + "' but it is not sent");
                    }
                }
            }
            return;
        }
        final boolean fits = switch (String.valueOf(type))
        {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!fits)
        {
            problems.add(where + ": " + value.getNodeType() + " " + value + " on the wire, the document says " +
                type);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Operation> operations(final Map<String, Object> document)
    {
        final List<Operation> operations = new ArrayList<>();
        for (final Map.Entry<String, Object> path : at(document, "paths").entrySet())
        {
            for (final Map.Entry<String, Object> operation : ((Map<String, Object>)path.getValue()).entrySet())
            {
                if (METHODS.contains(operation.getKey()))
                {
                    operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        (Map<String, Object>)operation.getValue()));
                }
            }
        }
        return operations;
    }

    public record Operation(String method, String path, Map<String, Object> operation)
    {
        /** {@code GET /api/orders/{id}}: the operation in a report. */
        public String where()
        {
            return method + " " + path;
        }

        /** The path with {@code id} in place of each path parameter. */
        public String url(final String id)
        {
            return path.replaceAll("\\{[^}]+}", id);
        }

        /** An empty JSON object for an operation that takes a body, else null. */
        public String emptyBody()
        {
            return operation.containsKey("requestBody") ? "{}" : null;
        }
    }
}
