package io.quantumleap.persistence.secret;

import io.quantumleap.persistence.db.DatabaseConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the secret keys come from: {@code QLEAP_SECRET_KEY} (the keys themselves), else
 * {@code QLEAP_SECRET_KEY_FILE}, else {@code <data>/secret.key}, which is generated with permissions 0600 on
 * first run. Keys are written {@code <keyId>:<base64 of 32 bytes>}, several separated by commas or lines; the
 * first is current, the others only decrypt (rotation: put a new key first, re-encrypt, then drop the old).
 */
public final class SecretKeys
{
    /** The keys themselves. */
    public static final String SECRET_KEY_ENV_NAME = "QLEAP_SECRET_KEY";
    /** System property for {@link #SECRET_KEY_ENV_NAME}. */
    public static final String SECRET_KEY_PROP_NAME = "qleap.secret.key";
    /** File holding the keys. */
    public static final String SECRET_KEY_FILE_ENV_NAME = "QLEAP_SECRET_KEY_FILE";
    /** System property for {@link #SECRET_KEY_FILE_ENV_NAME}. */
    public static final String SECRET_KEY_FILE_PROP_NAME = "qleap.secret.key.file";
    /** Name of the generated key file in the data folder. */
    public static final String DEFAULT_KEY_FILE_NAME = "secret.key";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SecretKeys()
    {
    }

    /** The cipher configured by the environment, for the given data folder. */
    public static SecretCipher load(final Path dataDir)
    {
        final String inline = DatabaseConfiguration.get(SECRET_KEY_PROP_NAME, SECRET_KEY_ENV_NAME, null);
        if (null != inline)
        {
            return parse(inline, SECRET_KEY_ENV_NAME);
        }
        final String file = DatabaseConfiguration.get(SECRET_KEY_FILE_PROP_NAME, SECRET_KEY_FILE_ENV_NAME, null);
        return fromFile(null != file ? Path.of(file) : dataDir.resolve(DEFAULT_KEY_FILE_NAME), null == file);
    }

    /**
     * Reads the key file, creating it with one fresh key and permissions 0600 when absent and allowed.
     *
     * @param keyFile        the file.
     * @param createIfAbsent whether to generate it.
     */
    public static SecretCipher fromFile(final Path keyFile, final boolean createIfAbsent)
    {
        try
        {
            if (!Files.exists(keyFile))
            {
                if (!createIfAbsent)
                {
                    throw new IllegalStateException(SECRET_KEY_FILE_ENV_NAME + " names a missing file: " + keyFile);
                }
                generate(keyFile);
            }
            return parse(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create the secret key file " + keyFile, ex);
        }
    }

    private static void generate(final Path keyFile) throws IOException
    {
        final byte[] key = new byte[SecretCipher.KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        final String keyId = "k" + System.currentTimeMillis() / 1000;
        if (null != keyFile.getParent())
        {
            Files.createDirectories(keyFile.getParent());
        }
        try
        {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        catch (final FileAlreadyExistsException ex)
        {
            return;
        }
        catch (final UnsupportedOperationException ex)
        {
            Files.createFile(keyFile);
        }
        Files.writeString(keyFile, keyId + ":" + Base64.getEncoder().encodeToString(key) + "\n",
            StandardCharsets.US_ASCII);
    }

    /**
     * Parses {@code keyId:base64[,keyId:base64...]} (commas or line breaks between keys).
     *
     * @param text   the keys.
     * @param source named in errors (never the key material).
     */
    public static SecretCipher parse(final String text, final String source)
    {
        final Map<String, byte[]> keys = new LinkedHashMap<>();
        String current = null;
        for (final String raw : text.split("[,\\r\\n]+"))
        {
            final String entry = raw.trim();
            if (entry.isEmpty() || entry.startsWith("#"))
            {
                continue;
            }
            final int colon = entry.indexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("secret keys in " + source + " must be keyId:base64 entries");
            }
            final String keyId = entry.substring(0, colon);
            final byte[] key;
            try
            {
                key = Base64.getDecoder().decode(entry.substring(colon + 1));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("secret key '" + keyId + "' in " + source + " is not base64", ex);
            }
            keys.put(keyId, key);
            if (null == current)
            {
                current = keyId;
            }
        }
        if (null == current)
        {
            throw new IllegalArgumentException("no secret key in " + source);
        }
        return new SecretCipher(keys, current, new SecureRandom());
    }
}
