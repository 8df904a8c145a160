package io.quantumleap.engine.kite.router;

import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * The broker side of the engine's order router: takes the core's {@code BrokerRequestEvent}s and answers
 * through the ring with {@code BrokerAckCommand}, {@code BrokerRejectCommand}, and, when reconciling,
 * {@code OrderUpdateCommand}, {@code TradeCommand} and {@code OvernightPositionCommand}.
 *
 * <p>{@link #onBrokerRequest} is called on the router's thread, never the core's, and must not block:
 * implementations send asynchronously.
 */
public interface BrokerGateway extends AutoCloseable
{
    /** Why a reconciliation runs. */
    enum ReconcileReason
    {
        /** Engine start: also loads overnight positions. */
        START,
        /** A ticker connection came back: order updates may have been missed. */
        RECONNECT,
        /** A new access token: the session may have missed updates while it was expired. */
        TOKEN_ROTATION
    }

    /**
     * @param buffer holding a {@code BrokerRequestEvent}, message header included; valid only during the call.
     * @param offset of the message header.
     * @param length of header plus body.
     */
    void onBrokerRequest(DirectBuffer buffer, int offset, int length);

    /**
     * Fetches the broker's view of one account and publishes it as commands, resolving orders whose outcome
     * was unknown.
     *
     * @param accountId the account.
     * @param reason    why.
     * @return completes when every command is published.
     */
    CompletableFuture<ReconcileResult> reconcile(long accountId, ReconcileReason reason);

    @Override
    default void close()
    {
    }

    /**
     * What a reconciliation published.
     *
     * @param orders          order updates.
     * @param trades          trades.
     * @param positions       overnight positions (on start only).
     * @param unknownResolved orders whose placement outcome was unknown and that Kite does not have.
     * @param invalid         broker rows skipped as malformed.
     */
    record ReconcileResult(int orders, int trades, int positions, int unknownResolved, int invalid)
    {
    }
}
