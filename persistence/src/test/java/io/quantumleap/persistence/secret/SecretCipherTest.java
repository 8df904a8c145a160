package io.quantumleap.persistence.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest
{
    @TempDir
    Path dir;

    private static byte[] key(final int seed)
    {
        final byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }

    private static SecretCipher cipher(final String current, final String... ids)
    {
        final Map<String, byte[]> keys = new LinkedHashMap<>();
        for (final String id : ids)
        {
            keys.put(id, key(id.hashCode()));
        }
        return new SecretCipher(keys, current, new SecureRandom());
    }

    @Test
    void shouldDecryptWhatItEncryptedWithTheSameAssociatedData()
    {
        final SecretCipher cipher = cipher("k1", "k1");

        final byte[] envelope = cipher.encrypt("kite-api-secret", "broker_configs.api_secret:a");

        assertEquals("kite-api-secret", cipher.decryptString(envelope, "broker_configs.api_secret:a"));
        assertEquals("k1", SecretCipher.keyIdOf(envelope));
    }

    @Test
    void shouldUseAFreshNonceForEveryValue()
    {
        final SecretCipher cipher = cipher("k1", "k1");

        final byte[] first = cipher.encrypt("same", "x");
        final byte[] second = cipher.encrypt("same", "x");

        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void shouldRefuseAValueMovedToAnotherRowOrTamperedWith()
    {
        final SecretCipher cipher = cipher("k1", "k1");
        final byte[] envelope = cipher.encrypt("secret", "row:1");

        assertThrows(SecretException.class, () -> cipher.decrypt(envelope, "row:2"));
        envelope[envelope.length - 1] ^= 1;
        assertThrows(SecretException.class, () -> cipher.decrypt(envelope, "row:1"));
    }

    @Test
    void shouldDecryptOldValuesAndEncryptNewOnesWithTheCurrentKeyAfterRotation()
    {
        final byte[] old = cipher("k1", "k1").encrypt("secret", "r");
        final SecretCipher rotated = cipher("k2", "k2", "k1");

        assertEquals("secret", rotated.decryptString(old, "r"));
        assertEquals("k2", SecretCipher.keyIdOf(rotated.encrypt("secret", "r")));
        assertThrows(SecretException.class, () -> cipher("k2", "k2").decrypt(old, "r"));
    }

    @Test
    void shouldGenerateAnOwnerOnlyKeyFileOnFirstRunAndReuseIt() throws Exception
    {
        final Path keyFile = dir.resolve("data").resolve(SecretKeys.DEFAULT_KEY_FILE_NAME);

        final SecretCipher first = SecretKeys.fromFile(keyFile, true);
        final SecretCipher second = SecretKeys.fromFile(keyFile, true);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("v", second.decryptString(first.encrypt("v", "a"), "a"));
    }

    @Test
    void shouldNameTheProblemWhenKeysAreBadWithoutPrintingThem()
    {
        final String shortKey = "k1:" + Base64.getEncoder().encodeToString(new byte[16]);

        final IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
            () -> SecretKeys.parse(shortKey, "QLEAP_SECRET_KEY"));
        final IllegalArgumentException noColon = assertThrows(IllegalArgumentException.class,
            () -> SecretKeys.parse("abc", "QLEAP_SECRET_KEY"));
        final IllegalStateException missing = assertThrows(IllegalStateException.class,
            () -> SecretKeys.fromFile(dir.resolve("absent.key"), false));

        assertTrue(tooShort.getMessage().contains("32 bytes"));
        assertTrue(noColon.getMessage().contains("keyId:base64"));
        assertTrue(missing.getMessage().contains("QLEAP_SECRET_KEY_FILE"));
        assertFalse(tooShort.getMessage().contains(shortKey.substring(3)));
    }
}
