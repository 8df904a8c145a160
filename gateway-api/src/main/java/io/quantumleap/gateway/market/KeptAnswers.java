package io.quantumleap.gateway.market;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The broker's answers of the market's data, kept for every asker for a while: data that is the same whichever
 * account reads it, which many dashboards ask for at once, while Kite allows only a few calls a second. A key asked
 * while the broker is being asked for it waits for that answer; a failed read is forgotten, so the next asker asks
 * again; once more than {@value #SWEEP_ABOVE} keys are held, those asked longer than the keep time ago are let go, so
 * the keys ever asked (every instrument, every window) do not pile up. One broker call may answer many keys
 * ({@link #of(List, Function)}), or one ({@link #of(Object, Supplier)}).
 *
 * @param <K> what is asked for.
 * @param <V> the broker's answer for one key.
 */
final class KeptAnswers<K, V>
{
    /** How many keys are held before the outdated ones are let go. */
    static final int SWEEP_ABOVE = 256;

    private record Entry<V>(CompletableFuture<V> answer, long askedNs)
    {
    }

    private final Map<K, Entry<V>> byKey = new ConcurrentHashMap<>();
    private final long keepNs;
    private final LongSupplier clock;

    /**
     * @param keep  how long an answer is given to every asker.
     * @param clock monotonic nanoseconds ({@code System::nanoTime}; tests drive it by hand).
     */
    KeptAnswers(final Duration keep, final LongSupplier clock)
    {
        this.keepNs = keep.toNanos();
        this.clock = clock;
    }

    /**
     * @param key        what is asked for.
     * @param fromBroker asks the broker, when no answer is held or on its way.
     * @return the answer; the broker's failure if it failed.
     */
    CompletableFuture<V> of(final K key, final Supplier<CompletableFuture<V>> fromBroker)
    {
        return of(List.of(key), keys -> fromBroker.get().thenApply(answer -> Collections.singletonMap(key, answer)))
            .get(key);
    }

    /**
     * @param keys       what is asked for.
     * @param fromBroker asks the broker, in one call, for the keys of which no answer is held or on its way; a key
     *                   missing from its answer is answered null.
     * @return each key's answer, in the order asked; the broker's failure if it failed.
     */
    Map<K, CompletableFuture<V>> of(final List<K> keys, final Function<List<K>, CompletableFuture<Map<K, V>>>
        fromBroker)
    {
        final long now = clock.getAsLong();
        if (byKey.size() > SWEEP_ABOVE)
        {
            byKey.values().removeIf(e -> e.answer().isDone() && now - e.askedNs() >= keepNs);
        }
        final Map<K, CompletableFuture<V>> answers = new LinkedHashMap<>();
        final Map<K, Entry<V>> toAsk = new LinkedHashMap<>();
        for (final K key : keys)
        {
            final Entry<V> entry = byKey.compute(key, (k, known) ->
            {
                if (known != null && (!known.answer().isDone() || now - known.askedNs() < keepNs))
                {
                    return known;
                }
                final Entry<V> asked = new Entry<>(new CompletableFuture<>(), now);
                toAsk.put(k, asked);
                return asked;
            });
            answers.put(key, entry.answer().copy());
        }
        if (!toAsk.isEmpty())
        {
            ask(toAsk, fromBroker);
        }
        return answers;
    }

    /** @return how many keys are held now, answered or on their way. */
    int held()
    {
        return byKey.size();
    }

    private void ask(final Map<K, Entry<V>> toAsk, final Function<List<K>, CompletableFuture<Map<K, V>>> fromBroker)
    {
        CompletableFuture<Map<K, V>> asked;
        try
        {
            asked = fromBroker.apply(new ArrayList<>(toAsk.keySet()));
        }
        catch (final RuntimeException ex)
        {
            asked = CompletableFuture.failedFuture(ex);
        }
        asked.whenComplete((answers, error) -> toAsk.forEach((key, entry) ->
        {
            if (error != null)
            {
                byKey.remove(key, entry);
                entry.answer().completeExceptionally(error);
            }
            else
            {
                entry.answer().complete(answers.get(key));
            }
        }));
    }
}
