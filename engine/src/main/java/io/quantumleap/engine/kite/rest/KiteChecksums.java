package io.quantumleap.engine.kite.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Kite's checksums: lowercase hex SHA-256 of plain concatenations, no HMAC, no separators.
 */
public final class KiteChecksums
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KiteChecksums()
    {
    }

    /**
     * @param apiKey       app api_key.
     * @param requestToken from the login redirect.
     * @param apiSecret    app api_secret.
     * @return checksum of the session token exchange.
     */
    public static String session(final String apiKey, final String requestToken, final String apiSecret)
    {
        return sha256Hex(apiKey + requestToken + apiSecret);
    }

    /**
     * @param orderId        order id.
     * @param orderTimestamp the raw {@code order_timestamp} string.
     * @param apiSecret      app api_secret.
     * @return checksum of a postback.
     */
    public static String postback(final String orderId, final String orderTimestamp, final String apiSecret)
    {
        return sha256Hex(orderId + orderTimestamp + apiSecret);
    }

    /**
     * @param text any text, UTF-8 encoded before hashing.
     * @return lowercase hex SHA-256.
     */
    public static String sha256Hex(final String text)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final char[] hex = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++)
            {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                hex[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return new String(hex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }
}
