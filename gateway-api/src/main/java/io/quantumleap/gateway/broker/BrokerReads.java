package io.quantumleap.gateway.broker;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.runtime.EngineRuntime;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * Reads something that lives at the broker rather than in the journal (holdings, funds) for the caller's accounts:
 * every account of the caller that is connected (the others left out), or the one {@code account_id} names, which
 * gets 409 {@code broker_not_connected} when it is not; a failed read answers as {@link #refusal} says: a broker
 * that does not answer is a 502 {@code broker_unavailable} naming the account, one that refuses what was asked a 502
 * {@code broker_refused} with its reason, and a read the broker's rate limit cannot take now a 429
 * {@code broker_rate_limited} with {@code Retry-After}.
 */
public final class BrokerReads
{
    private static final long TIMEOUT_S = 10;
    /** What a {@code broker_refused} says to do, after the broker's reason, unless the read says otherwise. */
    private static final String TAKE_IT_UP = "Asking again will not help: take it up with the broker.";

    private BrokerReads()
    {
    }

    /**
     * What the message of a {@code broker_refused} says to do after the broker's reason, for the kinds of refusal
     * whose mend the read knows (an add-on the account lacks, an order the broker finds wrong); for the others, to
     * take it up with the broker.
     *
     * @param types  Kite's kinds of refusal the advice is for.
     * @param advice a sentence: {@code Change the order: ...}.
     */
    public record Remedy(Set<KiteErrorType> types, String advice)
    {
        /** The advice for every refusal: take it up with the broker. */
        public static final Remedy NONE = new Remedy(Set.of(), TAKE_IT_UP);

        public static Remedy of(final String advice, final KiteErrorType type, final KiteErrorType... more)
        {
            return new Remedy(Set.copyOf(EnumSet.of(type, more)), advice);
        }

        String adviceFor(final KiteErrorType type)
        {
            return types.contains(type) ? advice : TAKE_IT_UP;
        }
    }

    /**
     * @param accountParam the one account to read, or null for every connected account of the caller.
     * @param what         what is read, for the errors, which name the account themselves ({@link #refusal}):
     *                     {@code funds}.
     * @param fromBroker   the read of one account.
     * @return each account's answer, in the caller's order of accounts.
     */
    public static <T> Map<Long, T> read(
        final EngineRuntime engine, final AccountAccess access, final Long accountParam, final Authentication auth,
        final String what, final LongFunction<CompletableFuture<T>> fromBroker)
    {
        return read(engine, access, accountParam, auth, what, Remedy.NONE, fromBroker);
    }

    /**
     * {@link #read(EngineRuntime, AccountAccess, Long, Authentication, String, LongFunction)} of something whose
     * refusals the caller knows the mend of.
     *
     * @param remedy what a {@code broker_refused} says to do after the broker's reason.
     */
    public static <T> Map<Long, T> read(
        final EngineRuntime engine, final AccountAccess access, final Long accountParam, final Authentication auth,
        final String what, final Remedy remedy, final LongFunction<CompletableFuture<T>> fromBroker)
    {
        final List<Long> accounts = accountParam == null ? access.accounts(auth) :
            List.of(access.resolve(auth, accountParam));
        final Map<Long, T> result = new LinkedHashMap<>();
        for (final long accountId : accounts)
        {
            if (accountParam == null && BrokerSessionState.CONNECTED != engine.broker().sessionState(accountId))
            {
                continue;
            }
            requireConnected(engine, accountId);
            try
            {
                result.put(accountId, fromBroker.apply(accountId).get(TIMEOUT_S, TimeUnit.SECONDS));
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                throw refusal(ex.getCause() == null ? ex : KiteRestClient.unwrap(ex.getCause()), accountId, what,
                    remedy);
            }
            catch (final InterruptedException ex)
            {
                throw ApiException.interrupted();
            }
        }
        return result;
    }

    /**
     * What a failed read of the broker answers, whichever route read it. A read the broker's rate limit cannot take
     * now (Kite's own 429, or the gateway's limiter, which leaves the last slots of each second to order changes) is a
     * 429 {@code broker_rate_limited} with {@code Retry-After}. A session the broker no longer takes (Kite's
     * {@code TokenException}: it ended at 06:00 IST, or was ended elsewhere) is a 409 {@code broker_not_connected},
     * as when the account was never connected: what mends it is to connect again, as a write to the broker answers
     * it. A read the broker refused otherwise (Kite's {@code InputException}, {@code PermissionException}, ...) is a
     * 502 {@code broker_refused} with the broker's reason: the gateway checked the request before it asked, so what the
     * broker still refuses is the broker's word on the account (an add-on it lacks, a segment not enabled, data it does
     * not have), not a fault of the request a 400 would ask the client to mend; the code, unlike
     * {@code broker_unavailable}, tells a client that asking the same again will not help, and the message, after the
     * broker's reason word for word, tells the user so and to take it up with the broker (or what the read knows
     * mends it, its {@link Remedy}: Kite's historical data add-on for candles, a change to the order for an order's
     * margin), as the user reading it cannot tell one code from another.
     * Anything else (no answer in time, an outage, an answer that does not read) is a 502
     * {@code broker_unavailable}. An {@link ApiException} the read failed with is its own answer, given as it is (a
     * read that knows what a refusal means there: no such GTT trigger is a 404).
     *
     * @param cause     the failure, unwrapped ({@link KiteRestClient#unwrap}).
     * @param accountId the account read, which every message names after what was read:
     *                  {@code funds for account 1}.
     * @param what      what was read, without its account: {@code funds}, {@code candles of NSE:INFY}.
     * @return the error to answer.
     */
    public static ApiException refusal(final Throwable cause, final long accountId, final String what)
    {
        return refusal(cause, accountId, what, Remedy.NONE);
    }

    /**
     * {@link #refusal(Throwable, long, String)} of a read whose refusals it knows the mend of: Kite refuses candles
     * (its {@code PermissionException}) to an account without its historical data add-on, which the user can enable,
     * and the margin of an order it finds wrong (its {@code InputException}), which the user can change.
     *
     * @param remedy what the message of a {@code broker_refused} says to do after the broker's reason.
     */
    public static ApiException refusal(
        final Throwable cause, final long accountId, final String what, final Remedy remedy)
    {
        if (cause instanceof ApiException answered)
        {
            return answered;
        }
        final String read = what + " for account " + accountId;
        if (cause instanceof KiteException kite &&
            (kite.type() == KiteErrorType.RATE_LIMITED || kite.httpStatus() == HttpStatus.TOO_MANY_REQUESTS.getCode()))
        {
            return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "broker_rate_limited", read +
                " could not be asked of the broker now: " + kite.getMessage(), 1);
        }
        if (cause instanceof KiteException kite && kite.type() == KiteErrorType.TOKEN)
        {
            return ApiException.brokerNotConnected(accountId, "the broker refused its session: " + kite.reason());
        }
        if (cause instanceof KiteException kite && kite.type().wireName() != null &&
            kite.type() != KiteErrorType.NETWORK && kite.type() != KiteErrorType.DATA &&
            kite.type() != KiteErrorType.GENERAL)
        {
            final String reason = kite.reason().strip();
            return new ApiException(HttpStatus.BAD_GATEWAY, "broker_refused", "the broker refused the " + read +
                ": " + reason + (reason.matches("(?s).*[.!?]") ? " " : ". ") +
                remedy.adviceFor(kite.type()));
        }
        return new ApiException(HttpStatus.BAD_GATEWAY, "broker_unavailable", read +
            " could not be read from the broker: " + (cause instanceof TimeoutException ?
            "no answer within " + TIMEOUT_S + " s" : cause.getMessage()));
    }

    /**
     * The account a read of the market's data (the same whichever account reads it) goes through when the caller names
     * none: the first of the caller's accounts connected to the broker.
     *
     * @param what what the broker gives, for the refusal: {@code circuit limits}.
     * @throws ApiException 409 {@code broker_not_connected} when the caller has no account, or none is connected.
     */
    public static long firstConnected(
        final EngineRuntime engine, final AccountAccess access, final Authentication auth, final String what)
    {
        final List<Long> mine = access.accounts(auth);
        return mine.stream()
            .filter(id -> BrokerSessionState.CONNECTED == engine.broker().sessionState(id))
            .findFirst()
            .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "broker_not_connected", mine.isEmpty() ?
                what + " come from the broker, and no trading account is linked to user '" + auth.getName() + "'" :
                what + " come from the broker, and none of your accounts " + mine + " is connected to it: connect " +
                "one (GET /api/broker/kite/connect, or the Broker page) and ask again"));
    }

    /** @throws ApiException 409 {@code broker_not_connected} naming the session's state, unless it is connected. */
    public static void requireConnected(final EngineRuntime engine, final long accountId)
    {
        final BrokerSessionState state = engine.broker().sessionState(accountId);
        if (BrokerSessionState.CONNECTED != state)
        {
            throw ApiException.brokerNotConnected(accountId,
                state == null ? "no broker link" : state.name().toLowerCase(Locale.ROOT));
        }
    }

    /** An amount as written in JSON: 1250, not 1.25E+3 (as one the broker sent with its trailing zeros reads). */
    public static BigDecimal plain(final BigDecimal value)
    {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    /** An amount as written in JSON with no trailing zeros: 1470 and 1469.9, not 1470.00 or 1.47E+3. */
    public static BigDecimal stripped(final BigDecimal value)
    {
        return value == null ? null : plain(value.stripTrailingZeros());
    }
}
