package io.quantumleap.persistence.secret;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * AES-256-GCM for secrets at rest (Kite API secrets, access tokens). Each value gets a fresh random 12-byte
 * nonce and is stored as an envelope: version (1 byte), key id length (1 byte), key id (ASCII), nonce (12 bytes),
 * ciphertext with its 16-byte tag. Values are bound to where they are stored through the associated data, so
 * a ciphertext copied to another row does not decrypt. Encrypts with the current key and decrypts with the key
 * the envelope names, so keys can be rotated. Keys never go to the database.
 *
 * <p>Thread safe.
 */
public final class SecretCipher
{
    /** Envelope format version. */
    public static final byte VERSION = 1;
    /** AES-256 key length in bytes. */
    public static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String currentKeyId;
    private final SecureRandom random;

    /**
     * @param keysById     every key that may still be needed to decrypt, by key id; each 32 bytes.
     * @param currentKeyId the key new values are encrypted with.
     * @param random       source of nonces.
     */
    public SecretCipher(final Map<String, byte[]> keysById, final String currentKeyId, final SecureRandom random)
    {
        final Map<String, SecretKeySpec> copy = new LinkedHashMap<>();
        for (final Map.Entry<String, byte[]> entry : keysById.entrySet())
        {
            checkKeyId(entry.getKey());
            if (entry.getValue().length != KEY_LENGTH)
            {
                throw new IllegalArgumentException("secret key '" + entry.getKey() + "' must be " + KEY_LENGTH +
                    " bytes (AES-256), was " + entry.getValue().length);
            }
            copy.put(entry.getKey(), new SecretKeySpec(entry.getValue().clone(), "AES"));
        }
        if (!copy.containsKey(currentKeyId))
        {
            throw new IllegalArgumentException("current secret key id '" + currentKeyId + "' is not among the keys " +
                copy.keySet());
        }
        this.keys = Collections.unmodifiableMap(copy);
        this.currentKeyId = currentKeyId;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Key id that {@link #encrypt} uses. */
    public String currentKeyId()
    {
        return currentKeyId;
    }

    /**
     * Encrypts a value with the current key.
     *
     * @param plaintext      the secret.
     * @param associatedData where the value is stored (e.g. {@code "broker_configs.api_secret:" + accountId});
     *                       the same must be given to decrypt.
     * @return the envelope to store.
     */
    public byte[] encrypt(final byte[] plaintext, final String associatedData)
    {
        final byte[] keyId = currentKeyId.getBytes(StandardCharsets.US_ASCII);
        final byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try
        {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            final byte[] sealed = cipher.doFinal(plaintext);
            final byte[] envelope = new byte[2 + keyId.length + NONCE_LENGTH + sealed.length];
            envelope[0] = VERSION;
            envelope[1] = (byte)keyId.length;
            System.arraycopy(keyId, 0, envelope, 2, keyId.length);
            System.arraycopy(nonce, 0, envelope, 2 + keyId.length, NONCE_LENGTH);
            System.arraycopy(sealed, 0, envelope, 2 + keyId.length + NONCE_LENGTH, sealed.length);
            return envelope;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
        }
    }

    /** Encrypts a text value (UTF-8). */
    public byte[] encrypt(final String plaintext, final String associatedData)
    {
        final byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        try
        {
            return encrypt(bytes, associatedData);
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
    }

    /**
     * Decrypts an envelope with the key it names.
     *
     * @throws SecretException when the envelope is malformed, its key is unknown, or it was tampered with or
     *                         stored under other associated data.
     */
    public byte[] decrypt(final byte[] envelope, final String associatedData)
    {
        final String keyId = keyIdOf(envelope);
        final SecretKeySpec key = keys.get(keyId);
        if (null == key)
        {
            throw new SecretException("secret was encrypted with key '" + keyId + "', which is not configured " +
                "(configured: " + keys.keySet() + ")");
        }
        final int nonceOffset = 2 + keyId.length();
        if (envelope.length < nonceOffset + NONCE_LENGTH + TAG_BITS / 8)
        {
            throw new SecretException("secret envelope is truncated: " + envelope.length + " bytes");
        }
        try
        {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, nonceOffset, NONCE_LENGTH));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            final int sealedOffset = nonceOffset + NONCE_LENGTH;
            return cipher.doFinal(envelope, sealedOffset, envelope.length - sealedOffset);
        }
        catch (final AEADBadTagException ex)
        {
            throw new SecretException("secret does not authenticate with key '" + keyId +
                "': tampered with, or stored for another row", ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
        }
    }

    /** Decrypts a text value (UTF-8). */
    public String decryptString(final byte[] envelope, final String associatedData)
    {
        final byte[] bytes = decrypt(envelope, associatedData);
        try
        {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
    }

    /**
     * Key id an envelope was encrypted with (for rotation: re-encrypt values whose key is not current).
     *
     * @throws SecretException when the envelope is malformed.
     */
    public static String keyIdOf(final byte[] envelope)
    {
        if (null == envelope || envelope.length < 2 || envelope[0] != VERSION)
        {
            throw new SecretException("secret envelope must start with version " + VERSION);
        }
        final int keyIdLength = envelope[1] & 0xFF;
        if (envelope.length < 2 + keyIdLength)
        {
            throw new SecretException("secret envelope is truncated in its key id");
        }
        return new String(envelope, 2, keyIdLength, StandardCharsets.US_ASCII);
    }

    static void checkKeyId(final String keyId)
    {
        if (null == keyId || !keyId.matches("[A-Za-z0-9._-]{1,64}"))
        {
            throw new IllegalArgumentException("secret key id must be 1..64 of A-Z a-z 0-9 . _ -: " + keyId);
        }
    }
}
