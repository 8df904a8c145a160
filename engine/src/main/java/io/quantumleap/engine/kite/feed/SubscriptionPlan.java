package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.engine.protocol.TickMode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which instrument is subscribed on which ticker connection, in which mode, and the text frames that say
 * so to Kite. New instruments go to the least loaded connection with room (Kite allows
 * {@code maxConnections} connections of {@code maxTokensPerConnection} instruments per api_key).
 *
 * <p>Owned by the feed's IO thread.
 */
public final class SubscriptionPlan
{
    /** Tokens per subscribe or mode frame, to keep frames small. */
    static final int TOKENS_PER_FRAME = 1000;

    private final int maxConnections;
    private final int maxTokensPerConnection;
    private final Map<Long, Integer> connectionByToken = new HashMap<>();
    private final List<Map<Long, TickMode>> modesByConnection = new ArrayList<>();

    /**
     * @param maxConnections         connections allowed per api_key (Kite: 3).
     * @param maxTokensPerConnection instruments allowed per connection (Kite: 3000).
     */
    public SubscriptionPlan(final int maxConnections, final int maxTokensPerConnection)
    {
        if (maxConnections < 1 || maxConnections > 255 || maxTokensPerConnection < 1)
        {
            throw new IllegalArgumentException("need 1..255 connections and >= 1 token per connection, was " +
                maxConnections + ", " + maxTokensPerConnection);
        }
        this.maxConnections = maxConnections;
        this.maxTokensPerConnection = maxTokensPerConnection;
        for (int i = 0; i < maxConnections; i++)
        {
            modesByConnection.add(new LinkedHashMap<>());
        }
    }

    /**
     * Subscribes instruments (already subscribed ones only change mode).
     *
     * @param tokens instrument tokens.
     * @param mode   mode to stream them in.
     * @return frames to send, by connection id.
     * @throws IllegalStateException if all connections are full; nothing changes then.
     * @throws IllegalArgumentException naming the bad token or mode; nothing changes then.
     */
    public Map<Integer, List<String>> subscribe(final long[] tokens, final TickMode mode)
    {
        if (TickMode.LTP != mode && TickMode.QUOTE != mode && TickMode.FULL != mode)
        {
            throw new IllegalArgumentException("mode: expected LTP, QUOTE or FULL, was " + mode);
        }
        for (final long token : tokens)
        {
            if (!InstrumentTokens.valid(token))
            {
                throw new IllegalArgumentException(
                    "instrument token: expected 1.." + InstrumentTokens.MAX + ", was " + token);
            }
        }
        int newTokens = 0;
        for (final long token : tokens)
        {
            if (!connectionByToken.containsKey(token))
            {
                newTokens++;
            }
        }
        if (connectionByToken.size() + newTokens > (long)maxConnections * maxTokensPerConnection)
        {
            throw new IllegalStateException("cannot subscribe " + newTokens + " more instruments: " +
                connectionByToken.size() + " of " + maxConnections * maxTokensPerConnection + " in use");
        }
        final Map<Integer, List<Long>> added = new TreeMap<>();
        final Map<Integer, List<Long>> changed = new TreeMap<>();
        for (final long token : tokens)
        {
            Integer connection = connectionByToken.get(token);
            if (null == connection)
            {
                connection = leastLoaded();
                connectionByToken.put(token, connection);
                added.computeIfAbsent(connection, (c) -> new ArrayList<>()).add(token);
            }
            modesByConnection.get(connection).put(token, mode);
            changed.computeIfAbsent(connection, (c) -> new ArrayList<>()).add(token);
        }
        final Map<Integer, List<String>> frames = new TreeMap<>();
        for (final Map.Entry<Integer, List<Long>> entry : added.entrySet())
        {
            appendFrames(frames.computeIfAbsent(entry.getKey(), (c) -> new ArrayList<>()), "subscribe", null,
                entry.getValue());
        }
        for (final Map.Entry<Integer, List<Long>> entry : changed.entrySet())
        {
            appendFrames(frames.computeIfAbsent(entry.getKey(), (c) -> new ArrayList<>()), "mode", mode,
                entry.getValue());
        }
        return frames;
    }

    /**
     * @param tokens instrument tokens; unknown ones are ignored.
     * @return frames to send, by connection id.
     */
    public Map<Integer, List<String>> unsubscribe(final long[] tokens)
    {
        final Map<Integer, List<Long>> removed = new TreeMap<>();
        for (final long token : tokens)
        {
            final Integer connection = connectionByToken.remove(token);
            if (null != connection)
            {
                modesByConnection.get(connection).remove(token);
                removed.computeIfAbsent(connection, (c) -> new ArrayList<>()).add(token);
            }
        }
        final Map<Integer, List<String>> frames = new TreeMap<>();
        for (final Map.Entry<Integer, List<Long>> entry : removed.entrySet())
        {
            appendFrames(frames.computeIfAbsent(entry.getKey(), (c) -> new ArrayList<>()), "unsubscribe", null,
                entry.getValue());
        }
        return frames;
    }

    /**
     * After a (re)connect: subscribe everything the connection owns, then set each mode group.
     *
     * @param connectionId the connection.
     * @return frames in the order to send them.
     */
    public List<String> resubscribeFrames(final int connectionId)
    {
        final Map<Long, TickMode> modes = modesByConnection.get(connectionId);
        final List<String> frames = new ArrayList<>();
        if (modes.isEmpty())
        {
            return frames;
        }
        appendFrames(frames, "subscribe", null, new ArrayList<>(modes.keySet()));
        final Map<TickMode, List<Long>> byMode = new EnumMap<>(TickMode.class);
        for (final Map.Entry<Long, TickMode> entry : modes.entrySet())
        {
            byMode.computeIfAbsent(entry.getValue(), (m) -> new ArrayList<>()).add(entry.getKey());
        }
        for (final Map.Entry<TickMode, List<Long>> entry : byMode.entrySet())
        {
            appendFrames(frames, "mode", entry.getKey(), entry.getValue());
        }
        return frames;
    }

    /**
     * @param token instrument token.
     * @return its connection id, or -1 when not subscribed.
     */
    public int connectionOf(final long token)
    {
        final Integer connection = connectionByToken.get(token);
        return null == connection ? -1 : connection;
    }

    /**
     * @param token instrument token.
     * @return its mode, or null when not subscribed.
     */
    public TickMode modeOf(final long token)
    {
        final int connection = connectionOf(token);
        return connection < 0 ? null : modesByConnection.get(connection).get(token);
    }

    /**
     * @param connectionId the connection.
     * @return instruments it carries.
     */
    public int tokenCount(final int connectionId)
    {
        return modesByConnection.get(connectionId).size();
    }

    /**
     * @return the number of connections allowed.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    private int leastLoaded()
    {
        int best = -1;
        for (int i = 0; i < maxConnections; i++)
        {
            final int size = modesByConnection.get(i).size();
            if (size < maxTokensPerConnection && (best < 0 || size < modesByConnection.get(best).size()))
            {
                best = i;
            }
        }
        return best;
    }

    private static void appendFrames(
        final List<String> frames, final String action, final TickMode mode, final List<Long> tokens)
    {
        for (int start = 0; start < tokens.size(); start += TOKENS_PER_FRAME)
        {
            final int end = Math.min(tokens.size(), start + TOKENS_PER_FRAME);
            final StringBuilder frame = new StringBuilder(32 + 9 * (end - start));
            frame.append("{\"a\":\"").append(action).append("\",\"v\":");
            if (null != mode)
            {
                frame.append("[\"").append(modeName(mode)).append("\",");
            }
            frame.append('[');
            for (int i = start; i < end; i++)
            {
                if (i > start)
                {
                    frame.append(',');
                }
                frame.append(tokens.get(i).longValue());
            }
            frame.append(']');
            if (null != mode)
            {
                frame.append(']');
            }
            frame.append('}');
            frames.add(frame.toString());
        }
    }

    static String modeName(final TickMode mode)
    {
        switch (mode)
        {
            case LTP:
                return "ltp";
            case FULL:
                return "full";
            default:
                return "quote";
        }
    }
}
