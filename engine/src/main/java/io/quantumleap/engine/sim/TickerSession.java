package io.quantumleap.engine.sim;

import io.netty.channel.Channel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ticker WebSocket connection: its subscriptions and modes. Owned by the simulator thread; the channel is
 * written from that thread too (Netty hands the write to the channel's event loop).
 */
final class TickerSession
{
    static final int MODE_LTP = 0;
    static final int MODE_QUOTE = 1;
    static final int MODE_FULL = 2;
    static final int MAX_TOKENS = 3000;

    final Channel channel;
    final String accessToken;
    /** The paper user the access token is of: the connection gets that user's order updates only. */
    final String userId;
    final Map<Long, Integer> modes = new LinkedHashMap<>();
    long lastSentNs;

    TickerSession(final Channel channel, final String accessToken, final String userId, final long nowNs)
    {
        this.channel = channel;
        this.accessToken = accessToken;
        this.userId = userId;
        this.lastSentNs = nowNs;
    }

    static int parseMode(final String mode)
    {
        switch (mode)
        {
            case "ltp":
                return MODE_LTP;
            case "quote":
                return MODE_QUOTE;
            case "full":
                return MODE_FULL;
            default:
                return -1;
        }
    }
}
