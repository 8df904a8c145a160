/**
 * Kite ticker feed: {@link io.quantumleap.engine.kite.feed.KiteFeed} runs up to 3 Netty WebSocket
 * connections of 3000 instruments each on one IO thread ({@code kite-feed}), spreads subscriptions
 * ({@link io.quantumleap.engine.kite.feed.SubscriptionPlan}), watches liveness and reconnects with backoff
 * ({@link io.quantumleap.engine.kite.feed.FeedConnection}), reports gaps as {@code FeedGapCommand}s and
 * token expiry as {@code BrokerSessionCommand}s ({@link io.quantumleap.engine.kite.feed.BrokerSession}).
 * Binary frames go through the ticker codec into the ring without allocation
 * ({@link io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder}); text frames become order updates
 * ({@link io.quantumleap.engine.kite.feed.KiteTextFrameHandler}); every raw frame is first offered to a
 * {@link io.quantumleap.engine.kite.feed.RawFrameCapture}.
 *
 * <p>Configuration: {@code KITE_WS_URL} (default wss://ws.kite.trade) and {@code KITE_API_KEY}
 * ({@link io.quantumleap.engine.kite.feed.KiteFeedContext#fromEnvironment}); liveness 5 s, ping 2.5 s,
 * backoff 1 s doubling to 30 s with 20% jitter, unlimited retries, are context settings.
 */
package io.quantumleap.engine.kite.feed;
