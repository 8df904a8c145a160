package io.quantumleap.gateway.ws;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.quantumleap.gateway.live.TickJson;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WebSocket client: its subscriptions and its bounded outbound path. While fewer than {@code maxInFlight}
 * messages are unacknowledged by the socket, messages go straight out; beyond that ticks are conflated to the
 * latest per instrument (sent later with {@code "conflated":true}) and other messages queue up to a bound. A
 * client that stays stuck is closed. Nothing here ever blocks the thread that offers a message.
 *
 * <p>Offered from the live-state thread, completed from the socket's event loop: guarded by this object's lock.
 * When the socket has written a timed tick, the channel records its {@code ws_write} and {@code tick_to_ws}
 * stages; a conflated tick is timed by the newest update it carries.
 */
final class ClientChannel
{
    private final WebSocketSession session;
    private final Set<Long> accountIds;
    private final int maxInFlight;
    private final int maxQueued;
    private final long stuckNanos;
    private final FanOutMetrics metrics;
    private final Map<Long, Integer> modes = new ConcurrentHashMap<>();
    private final LinkedHashMap<Long, TickJson> conflated = new LinkedHashMap<>();
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private int inFlight;
    private long backlogSinceNs;
    private long conflatedCount;
    private long sentCount;
    private boolean closed;

    ClientChannel(
        final WebSocketSession session, final Set<Long> accountIds, final int maxInFlight, final int maxQueued,
        final long stuckNanos,
        final FanOutMetrics metrics)
    {
        this.metrics = metrics;
        this.session = session;
        this.accountIds = Set.copyOf(accountIds);
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.stuckNanos = stuckNanos;
    }

    String id()
    {
        return session.getId();
    }

    boolean maySee(final long accountId)
    {
        return accountIds.contains(accountId);
    }

    Map<Long, Integer> modes()
    {
        return modes;
    }

    synchronized long conflatedCount()
    {
        return conflatedCount;
    }

    synchronized long sentCount()
    {
        return sentCount;
    }

    void offerTick(final long token, final TickJson tick, final long nowNs)
    {
        final Integer mode = modes.get(token);
        if (mode == null)
        {
            return;
        }
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            if (inFlight < maxInFlight && conflated.isEmpty() && queued.isEmpty())
            {
                send(tick.forMode(mode), tick);
                return;
            }
            if (conflated.put(token, tick) != null)
            {
                conflatedCount++;
                metrics.conflated.increment();
            }
            backlog(nowNs);
        }
    }

    void offer(final String json, final long nowNs)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            if (inFlight < maxInFlight && queued.isEmpty() && conflated.isEmpty())
            {
                send(json, null);
                return;
            }
            if (queued.size() >= maxQueued)
            {
                closeStuck("outbound queue full");
                return;
            }
            queued.add(json);
            backlog(nowNs);
        }
    }

    private void backlog(final long nowNs)
    {
        if (backlogSinceNs == 0)
        {
            backlogSinceNs = nowNs;
        }
        else if (nowNs - backlogSinceNs > stuckNanos)
        {
            closeStuck("client stopped reading for too long");
        }
    }

    private void send(final String json, final TickJson tick)
    {
        inFlight++;
        sentCount++;
        metrics.sent.increment();
        session.sendAsync(json).whenComplete((ok, error) -> onSent(error, tick));
    }

    private void onSent(final Throwable error, final TickJson tick)
    {
        if (error == null && tick != null && tick.measured())
        {
            final long nowNs = metrics.clock.nanoTime();
            metrics.wsWrite.record(tick.publishedNs(), nowNs);
            metrics.tickToWs.record(tick.receivedNs(), nowNs);
        }
        synchronized (this)
        {
            inFlight--;
            if (error != null)
            {
                closed = true;
                return;
            }
            // This runs on the socket's event loop, where a send is written at once, ahead of sends offered from
            // other threads that still wait in the loop's task queue. Only when none is in flight can the backlog
            // go out without overtaking them (an older tick after a newer one, an order update out of order).
            if (inFlight > 0)
            {
                return;
            }
            while (inFlight < maxInFlight && !queued.isEmpty())
            {
                send(queued.poll(), null);
            }
            while (inFlight < maxInFlight && !conflated.isEmpty())
            {
                final var it = conflated.entrySet().iterator();
                final Map.Entry<Long, TickJson> next = it.next();
                it.remove();
                final Integer mode = modes.get(next.getKey());
                if (mode != null)
                {
                    final String json = next.getValue().forMode(mode);
                    send(json.substring(0, json.length() - 1) + ",\"conflated\":true}", next.getValue());
                }
            }
            if (queued.isEmpty() && conflated.isEmpty())
            {
                backlogSinceNs = 0;
            }
        }
    }

    private void closeStuck(final String why)
    {
        closed = true;
        conflated.clear();
        queued.clear();
        if (session.isOpen())
        {
            session.close(new CloseReason(CloseReason.TRY_AGAIN_LATER.getCode(), why));
        }
    }

    synchronized boolean isClosed()
    {
        return closed;
    }
}
