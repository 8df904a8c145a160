package io.quantumleap.engine.transport;

import java.util.stream.Stream;

/**
 * Where the engine's stream and its side channels travel. The engine publishes events on {@code events} and reads
 * commands from {@code ingress} and requests (catch-up, instrument watches) from {@code control}; a follower
 * subscribes to {@code events}, receives its catch-up sessions on {@code catchUp} and publishes to the other two.
 *
 * @param eventsPublication  the engine's event publication channel.
 * @param eventsSubscription a follower's subscription to it.
 * @param ingress            commands into the engine's ring (followers publish, the engine subscribes).
 * @param control            catch-up and watch requests (followers publish, the engine subscribes).
 * @param catchUp            where a follower receives its catch-up sessions; a UDP port of 0 is resolved once
 *                           bound and sent with each request.
 */
public record StreamChannels(
    String eventsPublication, String eventsSubscription, String ingress, String control, String catchUp)
{
    /** Stream id of the events. */
    public static final int EVENTS_STREAM_ID = 1001;
    /** Stream id of the commands into the ring. */
    public static final int INGRESS_STREAM_ID = 1002;
    /** Stream id of the control requests. */
    public static final int CONTROL_STREAM_ID = 1003;

    /** @return every channel over IPC: processes on one machine sharing one media driver. */
    public static StreamChannels ipc()
    {
        return new StreamChannels("aeron:ipc", "aeron:ipc", "aeron:ipc", "aeron:ipc", "aeron:ipc");
    }

    /**
     * @return the idle strategy of the media driver that serves these channels: {@link
     *         AeronTransport#IDLE_STRATEGY_IPC} when every one is IPC (the driver only keeps their books), else {@link
     *         AeronTransport#IDLE_STRATEGY_DEFAULT} (its park bounds how long a UDP message waits to go out).
     */
    public String driverIdleStrategy()
    {
        final boolean ipcOnly = Stream.of(eventsPublication, eventsSubscription, ingress, control,
            catchUp).allMatch(channel -> channel.startsWith("aeron:ipc"));
        return ipcOnly ? AeronTransport.IDLE_STRATEGY_IPC : AeronTransport.IDLE_STRATEGY_DEFAULT;
    }

    /**
     * The engine's side of a split deployment over UDP: events go to every follower that joins through the
     * control port (multi-destination cast, so a slow or absent follower never holds the engine back), commands
     * and requests arrive on the next port.
     *
     * @param host the engine's address, as followers reach it.
     * @param port the events control port; {@code port + 1} takes commands and requests.
     */
    public static StreamChannels engineUdp(final String host, final int port)
    {
        return udp(host, port, host);
    }

    /**
     * A follower's side of a split deployment over UDP.
     *
     * @param engineHost the engine's address.
     * @param port       the engine's events control port ({@code port + 1} takes commands and requests).
     * @param localHost  this follower's address, as the engine reaches it.
     */
    public static StreamChannels followerUdp(final String engineHost, final int port, final String localHost)
    {
        return udp(engineHost, port, localHost);
    }

    private static StreamChannels udp(final String engineHost, final int port, final String localHost)
    {
        if (port < 1 || port > 65534)
        {
            throw new IllegalArgumentException(
                "stream port " + port + ": expected 1..65534 (it and the next are used)");
        }
        final String control = engineHost + ":" + port;
        final String ingress = "aeron:udp?endpoint=" + engineHost + ":" + (port + 1);
        return new StreamChannels(
            "aeron:udp?control=" + control + "|control-mode=dynamic",
            "aeron:udp?endpoint=" + localHost + ":0|control=" + control + "|control-mode=dynamic",
            ingress, ingress, "aeron:udp?endpoint=" + localHost + ":0");
    }
}
