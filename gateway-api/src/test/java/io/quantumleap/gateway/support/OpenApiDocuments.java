package io.quantumleap.gateway.support;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

public final class OpenApiDocuments
{
    public static final String BUILT = "META-INF/swagger/quantumleap-1.0.0.yml";

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
}
