package io.quantumleap.engine.kite.ticker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;

/**
 * The Kite fixtures under shared/kite/mocks, found by walking up from the working directory.
 */
final class KiteMocks
{
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Path MOCKS = locate();

    private KiteMocks()
    {
    }

    private static Path locate()
    {
        final Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("kite").resolve("mocks");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException(
            "no shared/kite/mocks directory in " + start + " or any parent; " +
            "the Kite fixtures live next to the repository");
    }

    static Path file(final String name)
    {
        return MOCKS.resolve(name);
    }

    static byte[] bytes(final String name)
    {
        try
        {
            return Files.readAllBytes(file(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String text(final String name)
    {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] base64(final String name)
    {
        return Base64.getMimeDecoder().decode(text(name).trim());
    }

    static JsonNode json(final String name)
    {
        try
        {
            return JSON.readTree(file(name).toFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
