package io.quantumleap.engine.kite.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

public final class KiteMocks
{
    private KiteMocks()
    {
    }

    public static Path directory()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("shared").resolve("kite").resolve("mocks");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/kite/mocks not found above " + Path.of("").toAbsolutePath());
    }

    public static byte[] bytes(final String name)
    {
        try
        {
            return Files.readAllBytes(directory().resolve(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static String text(final String name)
    {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
