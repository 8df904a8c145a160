package io.quantumleap.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.kite.feed.TextFrameHandler;
import io.quantumleap.engine.kite.router.KiteBroker;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Order updates on the ticker say how much of an order is filled but not at which trades; positions are built
 * from trades, so when an update shows the filled quantity growing, this fetches the order's trades from the
 * broker. Wraps the feed's text handler; runs on the feed's IO thread and never blocks it.
 */
final class FillFollower implements TextFrameHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(FillFollower.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int FETCH_ATTEMPTS = 6;
    private static final long FIRST_RETRY_PAUSE_MS = 250;

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
                    fetchTrades(owner, orderId, 1);
                }
            }
            catch (final java.io.IOException ex)
            {
                LOG.debug("order update not re-read for fills: {}", ex.getMessage());
            }
        }
        return understood;
    }

    /**
     * Fetches the order's trades into the engine, trying again with a doubling pause when the broker refuses (429
     * past its rate limit, a network error): the update that announced the fill will not come again. Trades the
     * engine already has are refused there as duplicates, so a repeated fetch is harmless.
     */
    private void fetchTrades(final long owner, final String orderId, final int attempt)
    {
        broker.publishOrderTrades(owner, orderId).exceptionally(ex ->
        {
            if (attempt < FETCH_ATTEMPTS)
            {
                final long pauseMs = FIRST_RETRY_PAUSE_MS << (attempt - 1);
                LOG.info("trades of order {} not fetched ({}); trying again in {} ms", orderId, ex.getMessage(),
                    pauseMs);
                CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS)
                    .execute(() -> fetchTrades(owner, orderId, attempt + 1));
            }
            else
            {
                LOG.warn("trades of order {} could not be fetched in {} attempts: {}; its position lacks them until " +
                    "the broker session is reconciled (reconnect or a new login)", orderId, attempt, ex.getMessage());
            }
            return 0;
        });
    }
}
