package io.quantumleap.benchmarks.rig;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the rig needs straight from a tick message's UTF-8 bytes, without building strings or a
 * JSON tree: {@code {"type":"tick","data":{…,"instrument_token":408065,…,"volume_traded":1000000042,…}}}
 * (with {@code ,"conflated":true} appended when the gateway conflated it). Stateless.
 */
final class TickJsonScanner
{
    private static final byte[] TICK = "{\"type\":\"tick\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOKEN = "\"instrument_token\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOLUME = "\"volume_traded\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONFLATED = "\"conflated\":true".getBytes(StandardCharsets.US_ASCII);

    private TickJsonScanner()
    {
    }

    static boolean isTick(final ByteBuf json)
    {
        return indexOf(json, TICK, json.readerIndex()) == json.readerIndex();
    }

    static long instrumentToken(final ByteBuf json)
    {
        return longAfter(json, TOKEN);
    }

    static long volumeTraded(final ByteBuf json)
    {
        return longAfter(json, VOLUME);
    }

    /** Looks only at the tail, where the gateway appends the flag. */
    static boolean isConflated(final ByteBuf json)
    {
        final int from = Math.max(json.readerIndex(), json.writerIndex() - CONFLATED.length - 2);
        return indexOf(json, CONFLATED, from) >= 0;
    }

    /** @return the non-negative integer after {@code key}, or -1 when the key or the digits are missing. */
    static long longAfter(final ByteBuf json, final byte[] key)
    {
        final int at = indexOf(json, key, json.readerIndex());
        if (at < 0)
        {
            return -1;
        }
        final int end = json.writerIndex();
        int i = at + key.length;
        long value = 0;
        int digits = 0;
        while (i < end)
        {
            final byte b = json.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
            i++;
        }
        return digits == 0 || digits > 18 ? -1 : value;
    }

    private static int indexOf(final ByteBuf json, final byte[] key, final int from)
    {
        final int last = json.writerIndex() - key.length;
        outer:
        for (int i = from; i <= last; i++)
        {
            for (int k = 0; k < key.length; k++)
            {
                if (json.getByte(i + k) != key[k])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
