package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.KillSwitchMode;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * One trading account (one Kite user): its limits, kill switch, rate budget, orders and positions.
 * Owned by the core thread.
 */
public final class Account
{
    final long accountId;
    final byte[] brokerUserId = new byte[16];
    RiskLimits ownLimits;
    KillSwitchMode killSwitch = KillSwitchMode.OFF;
    BrokerSessionState sessionState = BrokerSessionState.DISCONNECTED;
    long tokenExpiryS;
    final RateLimiter rateLimiter = new RateLimiter();
    final Long2ObjectHashMap<Order> ordersByClientId;
    final LongHashSet retiredClientOrderIds;
    final LongHashSet tradeIds;
    final Long2ObjectHashMap<Position> positions;
    /** Delivery holdings at the day's start by instrument token, from the broker's last report; 0 for none held. */
    final Long2LongHashMap heldQty = new Long2LongHashMap(0);
    /** The broker has reported the account's holdings at least once. */
    boolean holdingsKnown;
    /** Orders placed through the engine that have no broker order id yet (a broker update may be theirs). */
    int awaitingBrokerId;
    /** Command time of the last RECONCILE request for the account, so one timer asks at most once. */
    long reconcileRequestedNs = Long.MIN_VALUE;

    Account(final long accountId, final int orderCapacity, final int positionCapacity)
    {
        this.accountId = accountId;
        ordersByClientId = new Long2ObjectHashMap<>(orderCapacity, 0.65f);
        retiredClientOrderIds = new LongHashSet(orderCapacity, 0.65f);
        tradeIds = new LongHashSet(orderCapacity, 0.65f);
        positions = new Long2ObjectHashMap<>(positionCapacity, 0.65f);
    }

    public long accountId()
    {
        return accountId;
    }

    public KillSwitchMode killSwitch()
    {
        return killSwitch;
    }

    /** @return the position, or null when the account never traded or carried it. */
    public Position position(final Instrument instrument, final io.quantumleap.engine.protocol.Product product)
    {
        return positions.get(positionKey(instrument.id, product.value()));
    }

    /** @return the order with this client order id while it is retained, else null. */
    public Order order(final long clientOrderId)
    {
        return ordersByClientId.get(clientOrderId);
    }

    static long positionKey(final int instrumentId, final short productCode)
    {
        return ((long)instrumentId << 8) | (productCode & 0xFF);
    }
}
