package io.quantumleap.persistence;

import io.quantumleap.persistence.account.AccountRepository;
import io.quantumleap.persistence.account.OAuthToken;
import io.quantumleap.persistence.account.OAuthTokenRepository;
import io.quantumleap.persistence.audit.AuditEntry;
import io.quantumleap.persistence.audit.AuditLog;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.query.BarRow;
import io.quantumleap.persistence.query.MarketDataQueries;
import io.quantumleap.persistence.query.TickRow;
import io.quantumleap.persistence.secret.SecretCipher;
import io.quantumleap.persistence.users.AlertChanges;
import io.quantumleap.persistence.users.AlertRepository;
import io.quantumleap.persistence.users.BasketRepository;
import io.quantumleap.persistence.users.SessionRepository;
import io.quantumleap.persistence.users.UserRepository;
import io.quantumleap.persistence.users.WatchlistRepository;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the API shell stores and reads, without JDBC in sight: every failure is a {@link StorageException}.
 * Thread safe: each call takes its own pooled connection.
 */
public final class Storage
{
    private final UserRepository users;
    private final SessionRepository sessions;
    private final WatchlistRepository watchlists;
    private final AlertRepository alerts;
    private final BasketRepository baskets;
    private final AuditLog audit;
    private final MarketDataQueries marketData;
    private final AccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final Database database;
    private final List<AlertChanges> listeners = new CopyOnWriteArrayList<>();

    public Storage(final Database database, final SecretCipher cipher)
    {
        this.database = database;
        users = new UserRepository(database.dataSource());
        sessions = new SessionRepository(database.dataSource());
        watchlists = new WatchlistRepository(database.dataSource());
        alerts = new AlertRepository(database.dataSource());
        baskets = new BasketRepository(database.dataSource());
        audit = new AuditLog(database.dataSource());
        marketData = new MarketDataQueries(database.dataSource());
        accounts = new AccountRepository(database.dataSource());
        tokens = new OAuthTokenRepository(database.dataSource(), cipher);
    }

    public UserRepository users()
    {
        return users;
    }

    /** Login sessions of the gateway, stored by the hash of their id. */
    public SessionRepository sessions()
    {
        return sessions;
    }

    /** Users' watchlists. */
    public WatchlistRepository watchlists()
    {
        return watchlists;
    }

    /** Users' price alerts. */
    public AlertRepository alerts()
    {
        return alerts;
    }

    /**
     * Listens for changes of the price alerts made by any process (see {@link AlertChanges}), on a connection of its
     * own.
     *
     * @param onChange called on the listening thread for each batch of changes heard, and once listening.
     * @return the listener; {@link AlertChanges#close} stops it.
     */
    public AlertChanges alertChanges(final Runnable onChange)
    {
        final AlertChanges changes = AlertChanges.listen(database::connectionOutsideThePool,
            database.context().schema(), onChange, Duration.ofSeconds(1));
        listeners.add(changes);
        return changes;
    }

    /**
     * Stops every listener for alert changes, before the database stops: otherwise each would see its connection
     * ended and say so, at every shutdown.
     */
    public void stopListening()
    {
        listeners.forEach(AlertChanges::close);
        listeners.clear();
    }

    /** Users' baskets of orders. */
    public BasketRepository baskets()
    {
        return baskets;
    }

    public void audit(final UUID userId, final String eventType, final String detailJson, final Instant at)
    {
        try
        {
            audit.record(userId, null, eventType, detailJson, at);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("audit entry '" + eventType + "' not written", ex);
        }
    }

    /**
     * The latest {@code limit} audit entries in {@code [from, to)} of one user, or of all with {@code userId} null;
     * of one type, or of every type with {@code eventType} null.
     */
    public List<AuditEntry> auditOf(
        final UUID userId, final String eventType, final Instant from, final Instant to, final int limit)
    {
        try
        {
            return audit.entries(userId, eventType, from, to, limit);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("audit query failed", ex);
        }
    }

    public List<TickRow> ticks(final long instrumentToken, final Instant from, final Instant to, final int limit)
    {
        try
        {
            return marketData.ticks(instrumentToken, from, to, limit);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("tick query failed", ex);
        }
    }

    public List<BarRow> bars(final long instrumentToken, final Instant from, final Instant to, final Duration interval)
    {
        try
        {
            return marketData.bars(instrumentToken, from, to, interval);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("bar query failed", ex);
        }
    }

    /** Keeps a broker access token, encrypted, for an engine account (creating the account row when new). */
    public void saveAccessToken(
        final long engineAccountId, final String accessToken, final String brokerUserId, final Instant issuedAt,
        final Instant expiresAt)
    {
        try
        {
            final Optional<UUID> existing = accounts.accountOf(engineAccountId);
            final UUID account = existing.isPresent() ? existing.get() :
                accounts.upsertAccount(engineAccountId, null, brokerUserId, "Kite " + brokerUserId);
            tokens.save(account, accessToken, null, brokerUserId, issuedAt, expiresAt);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("access token of account " + engineAccountId + " not stored", ex);
        }
    }

    /** The account's newest access token that is neither revoked nor expired at {@code now}. */
    public Optional<OAuthToken> accessToken(final long engineAccountId, final Instant now)
    {
        try
        {
            final Optional<UUID> account = accounts.accountOf(engineAccountId);
            return account.isEmpty() ? Optional.empty() : tokens.current(account.get(), now);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("access token of account " + engineAccountId + " not read", ex);
        }
    }
}
