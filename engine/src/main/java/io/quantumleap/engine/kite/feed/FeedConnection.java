package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.FeedGapCommandEncoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Liveness, reconnection and gap reporting of one ticker connection, independent of the socket library so
 * it can be driven by hand in tests. About {@code livenessTimeoutNs} of silence (no tick, heartbeat or
 * text frame; pongs do not count, since a server that answers pings but stopped streaming is not alive for
 * market data) means a dead link; a loss opens a gap ({@code FeedGapCommand GAP_STARTED}) and schedules a retry
 * with exponential backoff and jitter, unlimited by default; the first frame after a reconnect (which
 * resubscribes, then sets modes) closes the gap. Token expiry parks the connection until
 * {@link #rebind(long)}, or until a {@link #poll(long)} finds the session usable again, instead of retrying.
 *
 * <p>Owned by the feed's IO thread: every method is called on it.
 */
public final class FeedConnection
{
    /** Where the connection stands. */
    public enum State
    {
        /** Not started or stopped. */
        IDLE,
        /** Socket and handshake in progress. */
        CONNECTING,
        /** Handshake done, data flowing. */
        CONNECTED,
        /** Lost; a retry is scheduled. */
        WAITING_RETRY,
        /** The token is not usable; waiting for {@link #rebind(long)} or a usable session. */
        PARKED
    }

    private static final System.Logger LOGGER = System.getLogger(FeedConnection.class.getName());

    private final int connectionId;
    /** How the log names it: "ticker connection 0 of account 1". */
    private final String name;
    private final FeedTransport transport;
    private final SubscriptionPlan plan;
    private final BrokerSession session;
    private final ReconnectBackoff backoff;
    private final long livenessTimeoutNs;
    private final long pingIntervalNs;
    private final long connectTimeoutNs;
    private final int maxAttempts;
    private final CommandPublisher publisher;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final FeedGapCommandEncoder gapEncoder = new FeedGapCommandEncoder();

    private IntConsumer reconnectListener = (connectionId) -> {};
    private boolean lostSinceOpen;
    private State state = State.IDLE;
    private boolean gapOpen;
    private int attempts;
    private long lastMessageNs;
    private long lastPingNs;
    private long connectStartNs;
    /** The token the last handshake was opened with: the one a refusal of it refuses. */
    private String handshakeToken = "";
    private long reconnectAtNs;
    private long reconnects;
    private long droppedCommands;

    /**
     * @param connectionId      0-based id, stamped on gap and market data commands.
     * @param transport         the socket.
     * @param plan              subscriptions of all connections.
     * @param session           the account's broker session.
     * @param backoff           retry delays.
     * @param livenessTimeoutNs silence that means a dead link (Kite's clients use about 5 s).
     * @param pingIntervalNs    how often to ping an idle link.
     * @param connectTimeoutNs  longest a connect and handshake may take.
     * @param maxAttempts       retries before giving up, 0 for unlimited.
     * @param publisher         the engine's ring.
     */
    public FeedConnection(
        final int connectionId,
        final FeedTransport transport,
        final SubscriptionPlan plan,
        final BrokerSession session,
        final ReconnectBackoff backoff,
        final long livenessTimeoutNs,
        final long pingIntervalNs,
        final long connectTimeoutNs,
        final int maxAttempts,
        final CommandPublisher publisher)
    {
        this.connectionId = connectionId;
        this.name = "ticker connection " + connectionId + " of account " + session.accountId();
        this.transport = transport;
        this.plan = plan;
        this.session = session;
        this.backoff = backoff;
        this.livenessTimeoutNs = livenessTimeoutNs;
        this.pingIntervalNs = pingIntervalNs;
        this.connectTimeoutNs = connectTimeoutNs;
        this.maxAttempts = maxAttempts;
        this.publisher = publisher;
    }

    /**
     * @param listener told, on the IO thread, when this connection is open again after a loss or a token
     *                 rotation: order updates may have been missed and orders should be reconciled. Must not block.
     */
    public void reconnectListener(final IntConsumer listener)
    {
        reconnectListener = listener;
    }

    /**
     * Connects now if the token is usable, otherwise parks.
     *
     * @param nowNs current time.
     */
    public void start(final long nowNs)
    {
        if (State.IDLE == state || State.PARKED == state)
        {
            connectOrPark(nowNs);
        }
    }

    /**
     * Closes the socket for good; no gap is reported.
     */
    public void stop()
    {
        state = State.IDLE;
        transport.close();
    }

    /**
     * A new token arrived: reconnect with it at once, whatever the state.
     *
     * @param nowNs current time.
     */
    public void rebind(final long nowNs)
    {
        if (State.IDLE == state)
        {
            return;
        }
        attempts = 0;
        transport.close();
        connectOrPark(nowNs);
    }

    /**
     * The handshake completed: resubscribe, then set modes.
     *
     * @param nowNs current time.
     */
    public void onOpen(final long nowNs)
    {
        if (State.CONNECTING != state)
        {
            return;
        }
        state = State.CONNECTED;
        lastMessageNs = nowNs;
        lastPingNs = nowNs;
        for (final String frame : plan.resubscribeFrames(connectionId))
        {
            transport.send(frame);
        }
        if (lostSinceOpen)
        {
            lostSinceOpen = false;
            reconnectListener.accept(connectionId);
        }
    }

    /**
     * A data frame arrived (tick, heartbeat or text).
     *
     * @param nowNs receive time.
     */
    public void onFrame(final long nowNs)
    {
        lastMessageNs = nowNs;
        if (State.CONNECTED == state)
        {
            attempts = 0;
            if (gapOpen)
            {
                gapOpen = false;
                publishGap(nowNs, GapState.GAP_ENDED);
            }
        }
    }

    /**
     * The socket closed or failed to open.
     *
     * @param nowNs current time.
     * @param cause for the log.
     */
    public void onClosed(final long nowNs, final String cause)
    {
        if (State.CONNECTED != state && State.CONNECTING != state)
        {
            return;
        }
        LOGGER.log(System.Logger.Level.WARNING, name + " lost: " + cause);
        lost(nowNs);
    }

    /**
     * The server refused the handshake.
     *
     * @param nowNs      current time.
     * @param httpStatus status of the refusal, 0 if unknown.
     */
    public void onHandshakeRejected(final long nowNs, final int httpStatus)
    {
        if (State.CONNECTING != state && State.CONNECTED != state)
        {
            return;
        }
        if (401 == httpStatus || 403 == httpStatus)
        {
            session.tokenRejected("ticker handshake refused with HTTP " + httpStatus, handshakeToken);
            lostSinceOpen = true;
            transport.close();
            openGap(nowNs);
            state = State.PARKED;
            return;
        }
        onClosed(nowNs, "handshake refused with HTTP " + httpStatus);
    }

    /**
     * Periodic check: liveness, token expiry, connect timeout, due retries, pings.
     *
     * @param nowNs current time.
     */
    public void poll(final long nowNs)
    {
        switch (state)
        {
            case CONNECTED:
                if (!session.checkExpiry())
                {
                    lostSinceOpen = true;
                    transport.close();
                    openGap(nowNs);
                    state = State.PARKED;
                }
                else if (nowNs - lastMessageNs >= livenessTimeoutNs)
                {
                    LOGGER.log(System.Logger.Level.WARNING, name + ": no data for " +
                        (nowNs - lastMessageNs) / 1_000_000 + " ms, reconnecting");
                    transport.close();
                    lost(nowNs);
                }
                else if (nowNs - lastPingNs >= pingIntervalNs)
                {
                    lastPingNs = nowNs;
                    transport.ping();
                }
                break;

            case CONNECTING:
                if (nowNs - connectStartNs >= connectTimeoutNs)
                {
                    LOGGER.log(System.Logger.Level.WARNING, name + ": not open " +
                        (nowNs - connectStartNs) / 1_000_000 + " ms after connecting, trying again");
                    transport.close();
                    lost(nowNs);
                }
                break;

            case WAITING_RETRY:
                if (nowNs >= reconnectAtNs)
                {
                    reconnects++;
                    connectOrPark(nowNs);
                }
                break;

            case PARKED:
                // A rebind reaches a connection only if it is due one when the new token arrives: one parked before,
                // or after on a token a newer login had replaced, connects here once the session is usable.
                if (session.usable())
                {
                    LOGGER.log(System.Logger.Level.INFO, name + ": the broker session is usable, connecting");
                    connectOrPark(nowNs);
                }
                break;

            default:
                break;
        }
    }

    /**
     * Sends control frames now if connected; otherwise they go out with the next resubscription.
     *
     * @param frames subscribe, unsubscribe or mode frames for this connection.
     */
    public void send(final List<String> frames)
    {
        if (State.CONNECTED == state)
        {
            for (final String frame : frames)
            {
                transport.send(frame);
            }
        }
    }

    /**
     * @return the current state.
     */
    public State state()
    {
        return state;
    }

    /**
     * @return true while a gap is open.
     */
    public boolean inGap()
    {
        return gapOpen;
    }

    /**
     * @return retries made so far.
     */
    public long reconnects()
    {
        return reconnects;
    }

    /**
     * @return when the next retry is due, valid in {@link State#WAITING_RETRY}.
     */
    public long reconnectAtNs()
    {
        return reconnectAtNs;
    }

    /**
     * @return gap commands the ring refused.
     */
    public long droppedCommands()
    {
        return droppedCommands;
    }

    /**
     * @return the connection id.
     */
    public int connectionId()
    {
        return connectionId;
    }

    /** @return how the log names this connection, with its account. */
    public String name()
    {
        return name;
    }

    private void connectOrPark(final long nowNs)
    {
        if (!session.usable())
        {
            state = State.PARKED;
            return;
        }
        state = State.CONNECTING;
        connectStartNs = nowNs;
        handshakeToken = session.accessToken();
        transport.connect(handshakeToken);
    }

    private void lost(final long nowNs)
    {
        lostSinceOpen = true;
        openGap(nowNs);
        if (!session.usable())
        {
            state = State.PARKED;
            return;
        }
        if (maxAttempts > 0 && attempts >= maxAttempts)
        {
            LOGGER.log(System.Logger.Level.ERROR, name + ": giving up after " +
                attempts + " attempts");
            state = State.IDLE;
            return;
        }
        state = State.WAITING_RETRY;
        final long delayNs = backoff.delayNs(attempts++);
        reconnectAtNs = nowNs + delayNs;
        LOGGER.log(System.Logger.Level.INFO, name + ": reconnecting in " +
            delayNs / 1_000_000 + " ms (attempt " + attempts + ")");
    }

    private void openGap(final long nowNs)
    {
        if (!gapOpen && 0 != lastMessageNs)
        {
            gapOpen = true;
            publishGap(nowNs, GapState.GAP_STARTED);
        }
    }

    private void publishGap(final long nowNs, final GapState gapState)
    {
        gapEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(nowNs)
            .connectionId((short)connectionId)
            .state(gapState)
            .lastMessageNs(lastMessageNs);
        if (!publisher.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + gapEncoder.encodedLength()))
        {
            droppedCommands++;
        }
    }
}
