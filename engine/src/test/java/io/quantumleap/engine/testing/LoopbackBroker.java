package io.quantumleap.engine.testing;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.router.Broker;
import io.quantumleap.engine.router.BrokerReplies;

/**
 * A broker for tests that answers at once: places are acked, opened, filled in full at their price (or the
 * given market price) and completed; quantities above {@code maxQty} are refused for margin; modifies are acked;
 * cancels are acked and cancelled. Ids are "LB" + a counter. Called on the router thread only.
 */
public final class LoopbackBroker implements Broker
{
    private final long maxQty;
    private final long marketPricePaise;
    private long nextId = 1;
    private long requests;

    public LoopbackBroker(final long maxQty, final long marketPricePaise)
    {
        this.maxQty = maxQty;
        this.marketPricePaise = marketPricePaise;
    }

    @Override
    public void send(final BrokerRequestEventDecoder r, final BrokerReplies replies)
    {
        requests++;
        final long ts = r.timestampNs() + 1_000;
        switch (r.requestType())
        {
            case PLACE:
            {
                if (r.qty() > maxQty)
                {
                    replies.reject(ts, r.accountId(), r.clientOrderId(), r.requestType(), BrokerErrorType.MARGIN, 400,
                        "Insufficient funds");
                    return;
                }
                final String id = "LB" + nextId++;
                final long price = r.pricePaise() > 0 ? r.pricePaise() : marketPricePaise;
                replies.ack(ts, r.accountId(), r.clientOrderId(), r.requestType(), id);
                replies.orderUpdate(ts + 1, r.accountId(), r.clientOrderId(), id, OrderStatus.OPEN,
                    r.instrumentToken(), r.side(), r.orderType(), r.product(), r.qty(), 0, r.pricePaise(),
                    r.triggerPricePaise(), 0, ts / 1_000_000_000L);
                replies.trade(ts + 2, r.accountId(), id, "T" + id, r.instrumentToken(), r.side(), r.product(), r.qty(),
                    price, ts / 1_000_000_000L);
                replies.orderUpdate(ts + 3, r.accountId(), r.clientOrderId(), id, OrderStatus.COMPLETE,
                    r.instrumentToken(), r.side(), r.orderType(), r.product(), r.qty(), r.qty(), r.pricePaise(),
                    r.triggerPricePaise(), price, ts / 1_000_000_000L);
                return;
            }
            default:
                replies.ack(ts, r.accountId(), r.clientOrderId(), r.requestType(), r.brokerOrderId());
        }
    }

    public long requests()
    {
        return requests;
    }
}
