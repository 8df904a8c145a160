package io.quantumleap.gateway.support;

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
    }
}
