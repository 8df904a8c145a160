package io.quantumleap.gateway.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashing in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so the
 * parameters travel with each hash and can be raised later without invalidating stored passwords.
 *
 * <p>Thread safe: holds no mutable state beyond the {@link SecureRandom}.
 */
public final class PasswordHasher
{
    /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;
    /** Every user's password, the first admin's included, is 12 to 256 characters. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 256;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    public PasswordHasher()
    {
        this(new SecureRandom(), DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    public PasswordHasher(final SecureRandom random, final int memoryKib, final int iterations, final int parallelism)
    {
        this.random = random;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(final CharSequence password)
    {
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        final byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" +
            B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * @return true when the password matches the encoded hash; false for a mismatch or a hash that is not a
     * well-formed Argon2id PHC string.
     */
    public boolean verify(final CharSequence password, final String encoded)
    {
        if (encoded == null)
        {
            return false;
        }
        final String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2]))
        {
            return false;
        }
        try
        {
            int m = 0;
            int t = 0;
            int p = 0;
            for (final String kv : parts[3].split(","))
            {
                final int eq = kv.indexOf('=');
                final int value = Integer.parseInt(kv.substring(eq + 1));
                switch (kv.substring(0, eq))
                {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> throw new IllegalArgumentException(kv);
                }
            }
            final byte[] salt = B64D.decode(parts[4]);
            final byte[] expected = B64D.decode(parts[5]);
            final byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        catch (final IllegalArgumentException | StringIndexOutOfBoundsException ex)
        {
            return false;
        }
    }

    /** True when the hash was made with weaker parameters than this hasher's, so it should be re-hashed. */
    public boolean needsRehash(final String encoded)
    {
        return encoded == null ||
            !encoded.startsWith("$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$");
    }

    private static byte[] derive(
        final CharSequence password, final byte[] salt, final int memoryKib, final int iterations,
        final int parallelism, final int length)
    {
        if (memoryKib < 8 || iterations < 1 || parallelism < 1 || length < 16)
        {
            throw new IllegalArgumentException("weak or malformed Argon2 parameters");
        }
        final Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
        final Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        final byte[] out = new byte[length];
        generator.generateBytes(password.toString().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
