package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.protocol.AccountCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.persistence.Storage;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Collection;

/**
 * The engine as the HTTP shell reaches it: in this process ({@link EngineRuntime}, roles {@code all} and
 * {@code engine}), or in another one whose stream this gateway follows over Aeron ({@link RemoteEngine}, role
 * {@code gateway}).
 */
public interface EngineLink extends EngineCommands, AutoCloseable
{
    /** @return this process's per-stage latency recorders. */
    LatencyRecorders latency();

    /** @return the database: users, sessions, history. */
    Storage storage();

    /**
     * Asks the engine's market-data feed for instruments. The feed counts each instrument's watches: call
     * {@link #release} once for each watch that is no longer needed.
     */
    void watch(long[] tokens, TickMode mode);

    /** Takes back one {@link #watch} of each instrument: the feed drops those nothing else watches. */
    void release(long[] tokens);

    /** @return the engine running in this process, or null when this gateway follows a remote one. */
    EngineRuntime local();

    /** The largest account id: what a browser's numbers count exactly (2^53 - 1). Ids start at 1; 0 means all. */
    long MAX_ACCOUNT_ID = 9_007_199_254_740_991L;

    /** @return whether the id can name an account. */
    static boolean isAccountId(final long id)
    {
        return id >= 1 && id <= MAX_ACCOUNT_ID;
    }

    /** Makes the engine know these accounts (idempotent). */
    default void registerAccounts(final Collection<Long> accountIds)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final AccountCommandEncoder encoder = new AccountCommandEncoder();
        for (final long accountId : accountIds)
        {
            encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .timestampNs(nowNs())
                .accountId(accountId)
                .brokerUserId("");
            publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        }
    }

    @Override
    void close();
}
