package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteSessionListener;
import io.quantumleap.engine.protocol.BrokerSessionCommandEncoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broker session of one account: whether its access token is usable. Token expiry is its own event,
 * distinct from network loss: REST {@code TokenException}, a refused ticker handshake or the 06:00 IST
 * boundary move the session to {@code TOKEN_EXPIRED}; the engine keeps running, feed connections stop
 * retrying, and {@link #rebind(String)} with a new token brings everything back without a restart. Every
 * state change is published to the core as a {@code BrokerSessionCommand}.
 *
 * <p>Thread safe: told by HTTP client threads and the feed's IO thread.
 */
public final class BrokerSession implements KiteSessionListener
{
    private static final System.Logger LOGGER = System.getLogger(BrokerSession.class.getName());

    private final long accountId;
    private final EpochClock epochClock;
    private final CommandPublisher publisher;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BrokerSessionCommandEncoder encoder = new BrokerSessionCommandEncoder();
    private final List<Consumer<String>> rebindListeners = new ArrayList<>();
    private BrokerSessionState state = BrokerSessionState.LOGIN_REQUIRED;
    private String accessToken = "";
    private long expiryEpochMs;
    private long droppedCommands;

    /**
     * @param accountId  the engine's account id.
     * @param epochClock wall clock, injected; used for the 06:00 IST boundary and command timestamps.
     * @param publisher  the engine's ring.
     */
    public BrokerSession(final long accountId, final EpochClock epochClock, final CommandPublisher publisher)
    {
        this.accountId = accountId;
        this.epochClock = epochClock;
        this.publisher = publisher;
    }

    /** @return the engine's account id. */
    public long accountId()
    {
        return accountId;
    }

    /**
     * Registers a party that must re-bind when a new token arrives (REST clients, feed connections).
     *
     * @param listener called with the new token, on the caller of {@link #rebind(String)}.
     */
    public synchronized void onRebind(final Consumer<String> listener)
    {
        rebindListeners.add(listener);
    }

    /**
     * A new access token (after a login): re-binds every registered party and marks the session connected.
     *
     * @param newAccessToken the token.
     */
    public void rebind(final String newAccessToken)
    {
        final List<Consumer<String>> listeners;
        synchronized (this)
        {
            accessToken = newAccessToken;
            expiryEpochMs = TokenExpiry.nextExpiryEpochMs(epochClock.time());
            listeners = List.copyOf(rebindListeners);
            transition(BrokerSessionState.CONNECTED);
        }
        for (final Consumer<String> listener : listeners)
        {
            listener.accept(newAccessToken);
        }
    }

    /**
     * Kite refused a token (REST 403 TokenException, a rejected ticker handshake). The session needs a new login
     * only when the refused token is the current one: a call or handshake made with a token a newer login has
     * replaced since (two logins in quick succession, the first token ended by the second) changes nothing.
     *
     * @param reason        for the log.
     * @param rejectedToken the token Kite refused.
     */
    public synchronized void tokenRejected(final String reason, final String rejectedToken)
    {
        if (!accessToken.equals(rejectedToken))
        {
            LOGGER.log(System.Logger.Level.INFO, "account " + accountId + ": Kite refused an access token a newer " +
                "login has replaced (" + reason + "); the session goes on with the new one");
            return;
        }
        if (BrokerSessionState.CONNECTED == state)
        {
            LOGGER.log(System.Logger.Level.WARNING, "account " + accountId + ": access token rejected (" + reason +
                "): a new login is needed");
            transition(BrokerSessionState.TOKEN_EXPIRED);
        }
    }

    @Override
    public void onTokenException(final KiteException exception, final String rejectedToken)
    {
        tokenRejected(exception.getMessage(), rejectedToken);
    }

    /**
     * Checks the 06:00 IST boundary; call periodically.
     *
     * @return true while the token is believed usable.
     */
    public synchronized boolean checkExpiry()
    {
        if (BrokerSessionState.CONNECTED == state && epochClock.time() >= expiryEpochMs)
        {
            LOGGER.log(System.Logger.Level.WARNING, "account " + accountId + ": access token expired at 06:00 IST");
            transition(BrokerSessionState.TOKEN_EXPIRED);
        }
        return BrokerSessionState.CONNECTED == state;
    }

    /**
     * Publishes the current state again, e.g. at start so the core knows a login is required.
     */
    public synchronized void announce()
    {
        transition(state);
    }

    /**
     * @return the current state.
     */
    public synchronized BrokerSessionState state()
    {
        return state;
    }

    /**
     * @return the current token, empty before the first login.
     */
    public synchronized String accessToken()
    {
        return accessToken;
    }

    /**
     * @return true while the token is believed usable.
     */
    public synchronized boolean usable()
    {
        return BrokerSessionState.CONNECTED == state;
    }

    /**
     * @return session commands the ring refused.
     */
    public synchronized long droppedCommands()
    {
        return droppedCommands;
    }

    private void transition(final BrokerSessionState newState)
    {
        state = newState;
        final long nowMs = epochClock.time();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(nowMs * 1_000_000L)
            .accountId(accountId)
            .state(newState)
            .tokenExpiryS(BrokerSessionState.CONNECTED == newState ? expiryEpochMs / 1000 : 0);
        if (!publisher.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()))
        {
            droppedCommands++;
        }
    }
}
