package io.quantumleap.engine.router;

import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;

/**
 * A broker the router sends requests to (Kite REST in production, a simulator or a test double otherwise).
 *
 * <p>Called on the router thread. An implementation may answer inside the call or later from its own threads, but
 * must answer every request exactly once through {@link BrokerReplies}: an ack, a reject, or a reject with
 * {@code TIMEOUT} when it cannot tell whether the broker acted.
 */
@FunctionalInterface
public interface Broker
{
    /**
     * @param request valid only during the call: copy what is needed later.
     * @param replies where the outcome goes; safe to call from any thread.
     */
    void send(BrokerRequestEventDecoder request, BrokerReplies replies);

    /**
     * Asked while an order of the request's account stays UNKNOWN (a {@code RECONCILE} request, which the router
     * hands here instead of to {@link #send}): read the broker's order book and trades and publish them as
     * commands, so the order resolves. No answer goes through {@link BrokerReplies}. The default does nothing, for
     * brokers that always answer.
     *
     * @param request valid only during the call: copy what is needed later.
     */
    default void resolveUnknown(final BrokerRequestEventDecoder request)
    {
    }
}
