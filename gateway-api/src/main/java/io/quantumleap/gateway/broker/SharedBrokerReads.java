package io.quantumleap.gateway.broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.quantumleap.gateway.live.LiveState;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Broker reads of an account that every asker shares: funds, holdings, GTT triggers. Every open dashboard asks for
 * them every few seconds, and each answer costs a slot of Kite's 10 calls a second that order changes also need. A
 * read asked while the same read of the account is on its way takes that answer; one asked within the reuse time
 * ({@code quantumleap.broker.read-reuse}, 2 s) after it was answered takes the answer itself, unless an event of the
 * account came since (an order, a fill, a position's new quantity, its broker session; not a position's new price)
 * or {@link #changed} was called: then the broker is asked again, so nothing the broker answered before an order is
 * shown after the order is seen. A failed read is shared only with those who asked while it was on its way.
 */
@Singleton
public final class SharedBrokerReads
{
    private record Key(long accountId, String read)
    {
    }

    private static final class Answer
    {
        final long generation;
        final CompletableFuture<Object> value = new CompletableFuture<>();
        volatile long answeredNs;

        Answer(final long generation)
        {
            this.generation = generation;
        }

        boolean serves(final long generation, final long nowNs, final long reuseNs)
        {
            if (this.generation != generation)
            {
                return false;
            }
            if (!value.isDone())
            {
                return true;
            }
            return !value.isCompletedExceptionally() && nowNs - answeredNs < reuseNs;
        }
    }

    private final LiveState live;
    private final long reuseNs;
    private final Map<Long, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();
    private final LongConsumer onAccountEvent = this::changed;

    SharedBrokerReads(
        final LiveState live, @Value("${quantumleap.broker.read-reuse:2s}") final Duration reuse,
        final MeterRegistry registry)
    {
        this.live = live;
        this.reuseNs = reuse.toNanos();
        FunctionCounter.builder("qleap.broker.reads", asked, AtomicLong::get).tag("answer", "broker")
            .description("Reads of funds, holdings and GTT triggers sent to the broker").register(registry);
        FunctionCounter.builder("qleap.broker.reads", shared, AtomicLong::get).tag("answer", "shared")
            .description("Reads of funds, holdings and GTT triggers answered with another asker's answer")
            .register(registry);
        live.addAccountWatcher(onAccountEvent);
    }

    @PreDestroy
    void stop()
    {
        live.removeAccountWatcher(onAccountEvent);
    }

    /**
     * @param read       which read ({@code funds}, {@code holdings}, ...): answers are shared only within the same one.
     * @param fromBroker asks the broker for the account's answer, when no answer can be shared.
     * @return the answer, the caller's own copy.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> read(
        final long accountId, final String read, final LongFunction<CompletableFuture<T>> fromBroker)
    {
        final long generation = generation(accountId).get();
        final Key key = new Key(accountId, read);
        final Answer fresh = new Answer(generation);
        final long nowNs = System.nanoTime();
        final Answer answer = answers.compute(key,
            (k, held) -> held != null && held.serves(generation, nowNs, reuseNs) ? held : fresh);
        if (answer != fresh)
        {
            shared.incrementAndGet();
            return (CompletableFuture<T>) answer.value.copy();
        }
        asked.incrementAndGet();
        CompletableFuture<T> fromTheBroker;
        try
        {
            fromTheBroker = fromBroker.apply(accountId);
        }
        catch (final RuntimeException ex)
        {
            fromTheBroker = CompletableFuture.failedFuture(ex);
        }
        fromTheBroker.whenComplete((value, failure) ->
        {
            if (failure != null)
            {
                answers.remove(key, fresh);
                fresh.value.completeExceptionally(failure);
                return;
            }
            fresh.answeredNs = System.nanoTime();
            fresh.value.complete(value);
        });
        return (CompletableFuture<T>) fresh.value.copy();
    }

    /** Ends the sharing of every answer of the account: the next read of each asks the broker. */
    public void changed(final long accountId)
    {
        generation(accountId).incrementAndGet();
    }

    private AtomicLong generation(final long accountId)
    {
        return generations.computeIfAbsent(accountId, (k) -> new AtomicLong());
    }
}
