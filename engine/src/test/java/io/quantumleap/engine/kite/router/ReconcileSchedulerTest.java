package io.quantumleap.engine.kite.router;

import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.quantumleap.engine.kite.router.KiteBroker.ReconcileReason.RECONNECT;
import static io.quantumleap.engine.kite.router.KiteBroker.ReconcileReason.TOKEN_ROTATION;
import static io.quantumleap.engine.kite.router.KiteBroker.ReconcileReason.UNKNOWN_OUTCOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileSchedulerTest
{
    private record Run(long accountId, KiteBroker.ReconcileReason reason, CompletableFuture<Void> done)
    {
    }

    private final List<Run> runs = new ArrayList<>();
    private final Set<Long> unusable = new HashSet<>();
    private final List<Long> pausesMs = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private final ReconcileScheduler scheduler = new ReconcileScheduler(
        (accountId, reason) ->
        {
            final Run run = new Run(accountId, reason, new CompletableFuture<>());
            runs.add(run);
            return run.done();
        },
        (accountId) -> !unusable.contains(accountId),
        (delayMs, task) ->
        {
            pausesMs.add(delayMs);
            delayed.add(task);
        });

    private static KiteException failure(final KiteErrorType type, final int status)
    {
        return new KiteException(type, status, "GET /orders", "refused", null);
    }

    private void runDelayed()
    {
        final List<Runnable> tasks = List.copyOf(delayed);
        delayed.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void shouldFoldTheRequestsMadeDuringARunIntoOneRunAfterIt()
    {
        scheduler.request(1, RECONNECT);
        scheduler.request(1, RECONNECT);
        scheduler.request(1, RECONNECT);
        scheduler.request(1, UNKNOWN_OUTCOME);
        assertEquals(1, runs.size());

        runs.get(0).done().complete(null);
        assertEquals(2, runs.size());
        runs.get(1).done().complete(null);
        assertEquals(2, runs.size());

        scheduler.request(1, RECONNECT);
        assertEquals(3, runs.size());
        assertEquals(3, scheduler.runs());
    }

    @Test
    void shouldLoadPositionsWhenAnyFoldedRequestWantsThem()
    {
        scheduler.request(1, RECONNECT);
        scheduler.request(1, RECONNECT);
        scheduler.request(1, TOKEN_ROTATION);
        scheduler.request(1, RECONNECT);

        runs.get(0).done().complete(null);

        assertEquals(TOKEN_ROTATION, runs.get(1).reason());
    }

    @Test
    void shouldRunEachAccountOnItsOwn()
    {
        scheduler.request(1, RECONNECT);
        scheduler.request(2, RECONNECT);

        assertEquals(List.of(1L, 2L), runs.stream().map(Run::accountId).toList());
    }

    @Test
    void shouldLeaveAnAccountWithoutAUsableTokenForItsNextLogin()
    {
        unusable.add(2L);
        scheduler.request(2, RECONNECT);
        scheduler.request(2, RECONNECT);
        assertEquals(0, runs.size());
        assertEquals(0, scheduler.runs());

        unusable.remove(2L);
        scheduler.request(2, TOKEN_ROTATION);
        assertEquals(1, runs.size());
        assertEquals(TOKEN_ROTATION, runs.get(0).reason());
    }

    @Test
    void shouldRetryARateLimitedRunWithADoublingPauseAndTheRequestsMadeMeanwhile()
    {
        scheduler.request(1, RECONNECT);
        runs.get(0).done().completeExceptionally(failure(KiteErrorType.NETWORK, 429));
        assertEquals(List.of(ReconcileScheduler.FIRST_RETRY_PAUSE_MS), pausesMs);
        scheduler.request(1, TOKEN_ROTATION);
        assertEquals(1, runs.size());

        runDelayed();
        assertEquals(TOKEN_ROTATION, runs.get(1).reason());
        runs.get(1).done().completeExceptionally(failure(KiteErrorType.TIMEOUT, 0));
        assertEquals(List.of(ReconcileScheduler.FIRST_RETRY_PAUSE_MS, 2 * ReconcileScheduler.FIRST_RETRY_PAUSE_MS),
            pausesMs);

        runDelayed();
        runs.get(2).done().complete(null);
        assertEquals(3, runs.size());
        assertEquals(2, scheduler.retries());
        assertEquals(0, scheduler.failures());
    }

    @Test
    void shouldGiveUpAfterTheLastRetryAndRunAgainWhenAskedAgain()
    {
        scheduler.request(1, RECONNECT);
        for (int attempt = 0; attempt <= ReconcileScheduler.MAX_RETRIES; attempt++)
        {
            runs.get(attempt).done().completeExceptionally(failure(KiteErrorType.NETWORK, 503));
            runDelayed();
        }
        assertEquals(ReconcileScheduler.MAX_RETRIES + 1, runs.size());
        assertEquals(ReconcileScheduler.MAX_RETRIES, scheduler.retries());
        assertEquals(1, scheduler.failures());
        assertEquals(16 * ReconcileScheduler.FIRST_RETRY_PAUSE_MS, pausesMs.get(pausesMs.size() - 1));

        scheduler.request(1, RECONNECT);
        assertEquals(ReconcileScheduler.MAX_RETRIES + 2, runs.size());
    }

    @Test
    void shouldNotRetryARefusedTokenButRunTheRequestMadeMeanwhile()
    {
        scheduler.request(1, RECONNECT);
        scheduler.request(1, TOKEN_ROTATION);
        runs.get(0).done().completeExceptionally(failure(KiteErrorType.TOKEN, 403));

        assertTrue(pausesMs.isEmpty());
        assertEquals(1, scheduler.failures());
        assertEquals(2, runs.size());
        assertEquals(TOKEN_ROTATION, runs.get(1).reason());
    }

    @Test
    void shouldRunNothingMoreOnceClosed()
    {
        scheduler.request(1, RECONNECT);
        scheduler.request(1, TOKEN_ROTATION);
        runs.get(0).done().completeExceptionally(failure(KiteErrorType.CONNECT_FAILED, 0));

        scheduler.close();
        runDelayed();
        scheduler.request(2, RECONNECT);

        assertEquals(1, runs.size());
    }

    @Test
    void shouldCountARunThatThrowsAsAFailureAndStayUsable()
    {
        final ReconcileScheduler throwing = new ReconcileScheduler(
            (accountId, reason) ->
            {
                throw new IllegalStateException("the ring is closed");
            },
            (accountId) -> true, (delayMs, task) -> delayed.add(task));

        throwing.request(1, RECONNECT);
        throwing.request(1, RECONNECT);

        assertEquals(2, throwing.failures());
        assertTrue(delayed.isEmpty());
    }
}
