package io.quantumleap.gateway.market;

import io.micronaut.context.annotation.Value;
import io.quantumleap.engine.kite.rest.KiteCandle;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The broker's candles of an instrument, kept for every asker for a while ({@code quantumleap.broker.candles-keep},
 * 30 s): candles are the market's, the same whichever account reads them, and every dashboard that opens a chart asks
 * for the same session's candles, while Kite allows three historical calls a second. A window asked while the broker
 * is being asked for it waits for that answer; a failed read is forgotten, so the next asker asks again. A window
 * that runs up to now is kept as one, whenever it was asked: its last minute may be as old as the keep time, which the
 * chart's own ticks cover. Outdated windows are let go ({@link KeptAnswers}).
 */
@Singleton
final class BrokerCandles
{
    /** A window of one instrument's candles; {@code to} null for one that runs up to now. */
    record Window(long token, String interval, String from, String to)
    {
    }

    private final KeptAnswers<Window, List<KiteCandle>> byWindow;

    @Inject
    BrokerCandles(@Value("${quantumleap.broker.candles-keep:30s}") final Duration keep)
    {
        this(keep, System::nanoTime);
    }

    BrokerCandles(final Duration keep, final LongSupplier clock)
    {
        this.byWindow = new KeptAnswers<>(keep, clock);
    }

    /**
     * @param window     the candles asked for.
     * @param fromBroker asks the broker, when no answer is held or on its way.
     * @return the candles; the broker's failure if it failed.
     */
    CompletableFuture<List<KiteCandle>> of(final Window window, final Supplier<CompletableFuture<List<KiteCandle>>>
        fromBroker)
    {
        return byWindow.of(window, fromBroker);
    }
}
