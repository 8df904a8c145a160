package io.quantumleap.gateway.runtime;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;

/**
 * Links engine accounts to the broker while the system runs (a user was given a new account): the engine learns
 * the account, then the broker gives it a REST client and a session, so it can connect without a restart.
 */
@Singleton
public final class BrokerAccounts
{
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAccounts.class);

    private final EngineRuntime engine;

    BrokerAccounts(final EngineRuntime engine)
    {
        this.engine = engine;
    }

    /** Links the accounts that have no broker link yet; idempotent. */
    public void link(final Collection<Long> accountIds)
    {
        final BrokerRuntime broker = engine.broker();
        final List<Long> fresh = accountIds.stream()
            .filter(id -> id != null && EngineLink.isAccountId(id) && !broker.knowsAccount(id))
            .distinct().toList();
        if (fresh.isEmpty())
        {
            return;
        }
        engine.registerAccounts(fresh);
        for (final long accountId : fresh)
        {
            if (broker.addAccount(accountId))
            {
                LOG.info("account {} can connect to the broker now", accountId);
            }
        }
    }
}
