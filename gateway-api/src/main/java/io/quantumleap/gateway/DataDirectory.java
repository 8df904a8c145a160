package io.quantumleap.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The run's data folder ({@code QLEAP_DATA_DIR}, default {@code ./data}) and the secrets generated into it. */
public final class DataDirectory
{
    private final Path root;

    public DataDirectory(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
        try
        {
            Files.createDirectories(this.root);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("QLEAP_DATA_DIR: cannot create " + this.root, ex);
        }
    }

    public static DataDirectory fromEnvironment()
    {
        final String dir = System.getenv("QLEAP_DATA_DIR");
        return new DataDirectory(Path.of(dir == null || dir.isBlank() ? "data" : dir));
    }

    public Path root()
    {
        return root;
    }

    public Path resolve(final String name)
    {
        return root.resolve(name);
    }

    /**
     * Reads a secret file, creating it with {@code bytes} random bytes (hex) and owner-only permissions first
     * when it does not exist.
     */
    public String secret(final String fileName, final int bytes)
    {
        final Path file = root.resolve(fileName);
        try
        {
            if (!Files.exists(file))
            {
                final byte[] random = new byte[bytes];
                new SecureRandom().nextBytes(random);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create the secret file " + file, ex);
        }
    }
}
