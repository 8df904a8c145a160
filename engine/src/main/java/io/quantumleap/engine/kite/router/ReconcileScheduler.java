package io.quantumleap.engine.kite.router;

import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteRestClient;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;

/**
 * Decides when each account is reconciled with Kite. Reasons to reconcile come in bursts: a login re-binds the
 * account's client and reopens every ticker connection, and each reopened connection asks again. So each account
 * runs one reconciliation at a time, and requests that arrive meanwhile are folded into a single run after it: a
 * run that starts after a request fetches everything the request wanted. An account without a usable session is
 * not reconciled (its calls would be refused for want of a token); its next login asks again. A run that fails for
 * a reason that passes (Kite's rate limit, a timeout, a 5xx) is retried with a doubling pause, since a missed
 * reconciliation leaves orders and trades unknown to the engine.
 *
 * <p>Thread safe: asked from the feed's IO thread, the router and HTTP client threads.
 */
final class ReconcileScheduler
{
    /** Retries of a failing run before giving up until the next request. */
    static final int MAX_RETRIES = 5;
    /** Pause before the first retry; each further retry waits twice as long. */
    static final long FIRST_RETRY_PAUSE_MS = 1_000;

    /** Runs a task after a pause. */
    @FunctionalInterface
    interface Delays
    {
        void after(long delayMs, Runnable task);
    }

    private static final System.Logger LOGGER = System.getLogger(ReconcileScheduler.class.getName());

    private final BiFunction<Long, KiteBroker.ReconcileReason, CompletableFuture<?>> reconcile;
    private final LongPredicate usable;
    private final Delays delays;
    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    private static final class Account
    {
        boolean running;
        KiteBroker.ReconcileReason queued;
    }

    /**
     * @param reconcile runs one reconciliation of an account.
     * @param usable    whether an account's broker session has a usable token now.
     * @param delays    runs retries later.
     */
    ReconcileScheduler(
        final BiFunction<Long, KiteBroker.ReconcileReason, CompletableFuture<?>> reconcile,
        final LongPredicate usable,
        final Delays delays)
    {
        this.reconcile = reconcile;
        this.usable = usable;
        this.delays = delays;
    }

    /** Retries wait on the common pool's delayed executor. */
    static Delays commonPoolDelays()
    {
        return (delayMs, task) -> CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(task);
    }

    /**
     * Reconciles the account now, or once the run in progress is done.
     *
     * @param accountId the account.
     * @param reason    why.
     */
    void request(final long accountId, final KiteBroker.ReconcileReason reason)
    {
        final Account account = accounts.computeIfAbsent(accountId, (id) -> new Account());
        synchronized (account)
        {
            if (account.running)
            {
                account.queued = merge(account.queued, reason);
                return;
            }
            account.running = true;
        }
        run(accountId, account, reason, 0);
    }

    /** Runs nothing more: the broker is closing. A run in progress finishes. */
    void close()
    {
        closed = true;
    }

    /** @return reconciliations started, retries included. */
    long runs()
    {
        return runs.get();
    }

    /** @return runs retried after a passing failure. */
    long retries()
    {
        return retries.get();
    }

    /** @return reconciliations given up after their last retry, or failed for good. */
    long failures()
    {
        return failures.get();
    }

    private void run(final long accountId, final Account account, final KiteBroker.ReconcileReason reason,
        final int attempt)
    {
        if (closed)
        {
            return;
        }
        if (!usable.test(accountId))
        {
            LOGGER.log(System.Logger.Level.DEBUG, "account " + accountId + " is reconciled (" + reason +
                ") at its next broker login: its session has no usable token now");
            synchronized (account)
            {
                account.queued = null;
                account.running = false;
            }
            return;
        }
        runs.incrementAndGet();
        final CompletableFuture<?> done;
        try
        {
            done = reconcile.apply(accountId, reason);
        }
        catch (final RuntimeException ex)
        {
            onFailure(accountId, account, reason, attempt, ex);
            return;
        }
        done.whenComplete((result, error) ->
        {
            if (null == error)
            {
                next(accountId, account);
            }
            else
            {
                onFailure(accountId, account, reason, attempt, error);
            }
        });
    }

    private void onFailure(final long accountId, final Account account, final KiteBroker.ReconcileReason reason,
        final int attempt, final Throwable error)
    {
        final Throwable cause = KiteRestClient.unwrap(error);
        if (passes(cause) && attempt < MAX_RETRIES)
        {
            final long pauseMs = FIRST_RETRY_PAUSE_MS << attempt;
            retries.incrementAndGet();
            LOGGER.log(System.Logger.Level.WARNING, "reconcile (" + reason + ") of account " + accountId +
                " failed: " + cause.getMessage() + "; retry " + (attempt + 1) + " of " + MAX_RETRIES + " in " +
                pauseMs + " ms");
            delays.after(pauseMs, () ->
            {
                final KiteBroker.ReconcileReason again;
                synchronized (account)
                {
                    again = merge(reason, account.queued);
                    account.queued = null;
                }
                run(accountId, account, again, attempt + 1);
            });
            return;
        }
        failures.incrementAndGet();
        LOGGER.log(System.Logger.Level.ERROR, "reconcile (" + reason + ") of account " + accountId + " failed" +
            (attempt > 0 ? " after " + attempt + " retries" : "") + ": " + cause + "; the next ticker reconnect, " +
            "login or unknown order outcome reconciles it again");
        next(accountId, account);
    }

    private void next(final long accountId, final Account account)
    {
        final KiteBroker.ReconcileReason queued;
        synchronized (account)
        {
            queued = account.queued;
            account.queued = null;
            if (null == queued)
            {
                account.running = false;
                return;
            }
        }
        run(accountId, account, queued, 0);
    }

    /** One run serves both reasons: it loads overnight positions when either wants them. */
    static KiteBroker.ReconcileReason merge(final KiteBroker.ReconcileReason a, final KiteBroker.ReconcileReason b)
    {
        if (null == a)
        {
            return b;
        }
        if (null == b)
        {
            return a;
        }
        return b.loadsPositions() && !a.loadsPositions() ? b : a;
    }

    /** A failure that a later attempt may not meet: Kite busy or rate limiting, the network, a timeout. */
    static boolean passes(final Throwable cause)
    {
        if (!(cause instanceof KiteException))
        {
            return false;
        }
        switch (((KiteException)cause).type())
        {
            case NETWORK:
            case RATE_LIMITED:
            case CONNECT_FAILED:
            case CONNECTION_LOST:
            case TIMEOUT:
            case MALFORMED_RESPONSE:
            case HTTP_ERROR:
            case DATA:
            case GENERAL:
                return true;
            default:
                return false;
        }
    }
}
