package io.quantumleap.engine.kite.feed;

/**
 * Which engine account an order update belongs to. Kite sends a user's order updates on every ticker connection
 * opened with that user's token, so when several engine accounts share one Kite login, the socket's account is not
 * necessarily the order's.
 */
@FunctionalInterface
public interface OrderOwners
{
    /**
     * @param brokerOrderId      Kite's order id.
     * @param clientOrderId      the client order id from the order's tag, or the SBE null value.
     * @param receivingAccountId the account whose socket received the update.
     * @return the account that placed the order, or {@code receivingAccountId} when this process does not know it.
     */
    long accountOf(String brokerOrderId, long clientOrderId, long receivingAccountId);
}
