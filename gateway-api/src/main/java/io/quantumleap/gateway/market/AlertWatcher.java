package io.quantumleap.gateway.market;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.live.LiveListener;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.quantumleap.gateway.live.TickJson;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.ws.LiveHub;
import io.quantumleap.persistence.StorageException;
import io.quantumleap.persistence.users.AlertChanges;
import io.quantumleap.persistence.users.AlertRow;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the users' active price alerts: each tick of an instrument with alerts is checked against them, on the
 * thread that applies events, with no lock, no I/O and nothing allocated for an instrument without any. An alert
 * whose condition the last price meets fires once: it is marked triggered in the database (on the blocking
 * executor; a second gateway seeing the same tick marks nothing), written to the audit trail
 * ({@code alert_triggered}), and sent to the user's WebSockets on this gateway as {@code {"type":"alert",...}};
 * a gateway that finds it marked by another process a moment before, on the tick or as it reads the alerts again,
 * sends it to its own WebSockets too.
 *
 * <p>The instruments of active alerts are kept subscribed from the feed, so an alert fires with no dashboard open.
 * Alerts are read from the database at start, at once whenever the database announces a change of them by any
 * process (an alert created, changed, fired or deleted through another gateway; see {@code AlertChanges}), and every
 * {@code quantumleap.alerts.resync} (60 s) besides; those changed here are armed at once.
 */
@Context
public final class AlertWatcher implements LiveListener
{
    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);
    /**
     * How recently another process (a second gateway, or the engine's own) must have marked an alert triggered for
     * this one to take it as the same tick and tell its own WebSockets too.
     */
    private static final Duration SAME_TICK = Duration.ofSeconds(30);

    /** One active alert; {@code fired} once its condition was met, so later ticks pass it by. */
    private record Armed(AlertRow row, AtomicBoolean fired)
    {
    }

    private final LiveState live;
    private final EngineLink engine;
    private final LiveHub hub;
    private final Audit audit;
    private final JsonMapper json;
    private final Executor blocking;
    private final Clock clock;
    private final Map<Long, Armed> byId = new HashMap<>();
    private final Set<Long> watched = new HashSet<>();
    /** Changes made here (armed, disarmed, fired); a read of the database that saw fewer is stale. Locked. */
    private long changes;
    private final AtomicLong triggered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** What the event thread reads: the active alerts by instrument, replaced whole on every change. */
    private volatile Long2ObjectHashMap<Armed[]> byToken = new Long2ObjectHashMap<>();
    private final AtomicBoolean resyncQueued = new AtomicBoolean();
    private final AlertChanges listening;

    AlertWatcher(
        final LiveState live, final EngineLink engine, final LiveHub hub, final Audit audit, final JsonMapper json,
        @Named(TaskExecutors.BLOCKING) final Executor blocking, final MeterRegistry registry)
    {
        this.live = live;
        this.engine = engine;
        this.hub = hub;
        this.audit = audit;
        this.json = json;
        this.blocking = blocking;
        this.clock = Clock.systemUTC();
        try
        {
            resync();
        }
        catch (final StorageException ex)
        {
            LOG.warn("price alerts could not be read at start; trying again shortly: {}", ex.getMessage());
        }
        Gauge.builder("qleap.alerts.armed", this, AlertWatcher::armed)
            .description("Active price alerts this process checks ticks against").register(registry);
        FunctionCounter.builder("qleap.alerts.triggered", triggered, AtomicLong::get)
            .description("Price alerts this process fired (marked triggered first)").register(registry);
        FunctionCounter.builder("qleap.alerts.failures", failures, AtomicLong::get)
            .description("Alerts met but not marked triggered (the database failed); each is checked again")
            .register(registry);
        live.addListener(this);
        listening = engine.storage().alertChanges(this::changedInTheDatabase);
    }

    @PreDestroy
    void stop()
    {
        listening.close();
        live.removeListener(this);
        synchronized (this)
        {
            byId.clear();
            publish();
        }
    }

    /** @return alerts fired by this gateway since it started. */
    public long triggered()
    {
        return triggered.get();
    }

    /** @return the active alerts being watched. */
    public synchronized int armed()
    {
        return byId.size();
    }

    /** Watches an alert just stored or changed (active), in place of what it was. */
    synchronized void arm(final AlertRow row)
    {
        byId.put(row.id(), new Armed(row, new AtomicBoolean()));
        changes++;
        publish();
    }

    /** Stops watching an alert (deleted). */
    synchronized void disarm(final long id)
    {
        if (byId.remove(id) != null)
        {
            changes++;
            publish();
        }
    }

    /**
     * Reads the active alerts again: those created, changed or deleted through another gateway; one watched here that
     * another process fired a moment ago goes to this gateway's WebSockets too. A read that an alert armed, disarmed
     * or fired here meanwhile made stale is dropped (the next one takes it): it could bring back an alert just fired,
     * or miss one just made.
     */
    @Scheduled(initialDelay = "${quantumleap.alerts.resync:60s}", fixedDelay = "${quantumleap.alerts.resync:60s}")
    void resync()
    {
        final Collection<Armed> gone;
        final long seen;
        synchronized (this)
        {
            seen = changes;
        }
        final List<AlertRow> active = engine.storage().alerts().active();
        synchronized (this)
        {
            if (changes != seen)
            {
                return;
            }
            final Map<Long, Armed> before = new HashMap<>(byId);
            byId.clear();
            for (final AlertRow row : active)
            {
                final Armed was = before.remove(row.id());
                byId.put(row.id(), was != null && was.row().equals(row) ? was : new Armed(row, new AtomicBoolean()));
            }
            publish();
            before.values().removeIf(alert -> !alert.fired().compareAndSet(false, true));
            gone = before.values();
        }
        for (final Armed alert : gone)
        {
            firedElsewhere(alert.row(), clock.instant());
        }
    }

    /** The database announced a change of the alerts: reads them again soon, once for changes heard together. */
    private void changedInTheDatabase()
    {
        if (resyncQueued.compareAndSet(false, true))
        {
            try
            {
                blocking.execute(() ->
                {
                    resyncQueued.set(false);
                    try
                    {
                        resync();
                    }
                    catch (final StorageException ex)
                    {
                        LOG.warn("price alerts changed in the database could not be read: {}", ex.getMessage());
                    }
                });
            }
            catch (final RejectedExecutionException ex)
            {
                resyncQueued.set(false);
            }
        }
    }

    /** Sends an alert this gateway watched to its own WebSockets if another process marked it triggered just now. */
    private void firedElsewhere(final AlertRow row, final Instant now)
    {
        engine.storage().alerts().find(row.id())
            .filter(other -> AlertRow.TRIGGERED.equals(other.status()) &&
                other.price().compareTo(row.price()) == 0 && other.direction().equals(row.direction()) &&
                other.triggeredAt().isAfter(now.minus(SAME_TICK)))
            .ifPresent(this::send);
    }

    @Override
    public void onTick(final long instrumentToken, final TickJson tick)
    {
        final Armed[] alerts = byToken.get(instrumentToken);
        if (alerts == null)
        {
            return;
        }
        final BigDecimal lastPrice = tick.lastPrice();
        if (lastPrice == null || lastPrice.signum() <= 0)
        {
            return;
        }
        for (final Armed alert : alerts)
        {
            if (!alert.fired().get() && alert.row().metBy(lastPrice) && alert.fired().compareAndSet(false, true))
            {
                try
                {
                    blocking.execute(() -> fire(alert, lastPrice));
                }
                catch (final RejectedExecutionException ex)
                {
                    alert.fired().set(false);
                }
            }
        }
    }

    @Override
    public void onOrder(final OrderView order)
    {
    }

    @Override
    public void onPosition(final PositionView position)
    {
    }

    @Override
    public void onNotice(final String json)
    {
    }

    private void fire(final Armed alert, final BigDecimal lastPrice)
    {
        final AlertRow row = alert.row();
        try
        {
            final Instant now = clock.instant();
            final Optional<AlertRow> marked = engine.storage().alerts().trigger(row.id(), row.price(), lastPrice, now);
            if (marked.isPresent())
            {
                final AlertRow fired = marked.get();
                triggered.incrementAndGet();
                final Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("id", fired.id());
                detail.put("exchange", fired.exchange());
                detail.put("tradingsymbol", fired.tradingsymbol());
                detail.put("direction", fired.direction());
                detail.put("price", fired.price().toPlainString());
                detail.put("last_price", lastPrice.toPlainString());
                audit.record(fired.userId(), AuditEvent.ALERT_TRIGGERED, detail);
                send(fired);
            }
            else
            {
                firedElsewhere(row, now);
            }
        }
        catch (final StorageException ex)
        {
            failures.incrementAndGet();
            LOG.warn("price alert {} met its condition but could not be marked triggered; it is checked again: {}",
                row.id(), ex.getMessage());
            alert.fired().set(false);
            return;
        }
        synchronized (this)
        {
            if (byId.remove(row.id(), alert))
            {
                changes++;
                publish();
            }
        }
    }

    private void send(final AlertRow fired)
    {
        try
        {
            final String message = "{\"type\":\"alert\",\"data\":" +
                json.writeValueAsString(AlertController.Alert.of(fired)) + "}";
            engine.storage().users().findById(fired.userId())
                .ifPresent(user -> hub.toUser(user.username(), message));
        }
        catch (final IOException | StorageException ex)
        {
            LOG.warn("price alert {} fired but could not be sent to its user's dashboards: {}", fired.id(),
                ex.getMessage());
        }
    }

    /** Publishes the alerts by instrument for the event thread, and keeps their instruments subscribed. Locked. */
    private void publish()
    {
        final Map<Long, List<Armed>> grouped = new HashMap<>();
        for (final Armed alert : byId.values())
        {
            grouped.computeIfAbsent(alert.row().instrumentToken(), t -> new ArrayList<>()).add(alert);
        }
        final Long2ObjectHashMap<Armed[]> next = new Long2ObjectHashMap<>();
        grouped.forEach((token, alerts) -> next.put(token, alerts.toArray(Armed[]::new)));
        byToken = next;
        final List<Long> added = new ArrayList<>();
        for (final Long token : grouped.keySet())
        {
            if (watched.add(token))
            {
                added.add(token);
            }
        }
        final List<Long> removed = new ArrayList<>();
        for (final Long token : watched)
        {
            if (!grouped.containsKey(token))
            {
                removed.add(token);
            }
        }
        removed.forEach(watched::remove);
        if (!added.isEmpty())
        {
            engine.watch(added.stream().mapToLong(Long::longValue).toArray(), TickMode.FULL);
        }
        if (!removed.isEmpty())
        {
            engine.release(removed.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
