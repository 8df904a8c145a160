package io.quantumleap.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.kite.feed.TextFrameHandler;
import io.quantumleap.engine.kite.router.KiteBroker;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Order updates on the ticker say how much of an order is filled but not at which trades; positions are built
 * from trades, so when an update shows the filled quantity growing, this fetches the order's trades from the
 * broker. Wraps the feed's text handler; runs on the feed's IO thread and never blocks it.
 */
final class FillFollower implements TextFrameHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(FillFollower.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long accountId;
    private final TextFrameHandler delegate;
    private final KiteBroker broker;
    private final Map<String, Long> filledSeen = new ConcurrentHashMap<>();

    FillFollower(final long accountId, final TextFrameHandler delegate, final KiteBroker broker)
    {
        this.accountId = accountId;
        this.delegate = delegate;
        this.broker = broker;
    }

    @Override
    public boolean onTextFrame(final String text, final int connectionId, final long receiveNs)
    {
        final boolean understood = delegate.onTextFrame(text, connectionId, receiveNs);
        if (understood && text.contains("\"order\""))
        {
            try
            {
                final JsonNode data = JSON.readTree(text).path("data");
                final String orderId = data.path("order_id").asText("");
                final long filled = data.path("filled_quantity").asLong(0);
                if (!orderId.isEmpty() && filled > filledSeen.getOrDefault(orderId, 0L))
                {
                    filledSeen.put(orderId, filled);
                    final long owner = broker.accountOf(orderId,
                        KiteTextFrameParser.clientOrderId(data.path("tag").asText(null)), accountId);
                    broker.publishOrderTrades(owner, orderId).exceptionally(ex ->
                    {
                        LOG.warn("trades of order {} could not be fetched: {}", orderId, ex.getMessage());
                        return 0;
                    });
                }
            }
            catch (final java.io.IOException ex)
            {
                LOG.debug("order update not re-read for fills: {}", ex.getMessage());
            }
        }
        return understood;
    }
}
