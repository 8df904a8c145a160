package io.quantumleap.gateway.ws;

import io.quantumleap.gateway.live.TickJson;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Which clients want the ticks of which instrument, and the follower's side of the fan-out: per tick one map look-up,
 * each mode the subscribers want encoded once ({@link TickJson#bytesForMode}), then a lock-free hand-over to each
 * subscriber ({@link ClientChannel#offerTick}). Nothing on that path locks or allocates (beyond encoding the tick).
 *
 * <p>Read by the live-state follower on every tick; changed by the sockets' event loops under this object's lock,
 * copy on write: a new token copies the map, a new subscriber copies that token's array, and each is published by a
 * volatile write, so the follower always reads an immutable snapshot.
 */
final class TickFanOut
{
    private static final ClientChannel[] NONE = {};

    /** One instrument's subscribers and the union of the modes they asked for (bit {@code 1 << mode}). */
    private static final class Subscribers
    {
        volatile ClientChannel[] clients = NONE;
        volatile int modeMask;
    }

    private volatile Long2ObjectHashMap<Subscribers> byToken = new Long2ObjectHashMap<>();

    /**
     * @param mode 1 ltp, 2 quote, 3 full.
     * @return true when the token was new to the fan-out, or dropped from it since ({@link #dropIfUnwatched}): the
     * feed must be asked for it.
     */
    synchronized boolean add(final long token, final ClientChannel client, final int mode)
    {
        Subscribers subscribers = byToken.get(token);
        final boolean first = subscribers == null;
        if (first)
        {
            subscribers = new Subscribers();
            final Long2ObjectHashMap<Subscribers> copy = new Long2ObjectHashMap<>(byToken);
            copy.put(token, subscribers);
            byToken = copy;
        }
        subscribers.modeMask |= 1 << mode;
        final ClientChannel[] clients = subscribers.clients;
        for (final ClientChannel c : clients)
        {
            if (c == client)
            {
                return first;
            }
        }
        final ClientChannel[] more = Arrays.copyOf(clients, clients.length + 1);
        more[clients.length] = client;
        subscribers.clients = more;
        return first;
    }

    /** @return true when the client was the token's last subscriber (the token stays, unwatched). */
    synchronized boolean remove(final long token, final ClientChannel client)
    {
        final Subscribers subscribers = byToken.get(token);
        if (subscribers == null)
        {
            return false;
        }
        final ClientChannel[] clients = subscribers.clients;
        for (int i = 0; i < clients.length; i++)
        {
            if (clients[i] == client)
            {
                final ClientChannel[] fewer = new ClientChannel[clients.length - 1];
                System.arraycopy(clients, 0, fewer, 0, i);
                System.arraycopy(clients, i + 1, fewer, i, clients.length - i - 1);
                subscribers.clients = fewer;
                return fewer.length == 0;
            }
        }
        return false;
    }

    /**
     * Forgets the token when nobody subscribes to it, so the next {@link #add} asks the feed for it again.
     *
     * @return true when it was forgotten: the feed may be told it is no longer needed.
     */
    synchronized boolean dropIfUnwatched(final long token)
    {
        final Subscribers subscribers = byToken.get(token);
        if (subscribers == null || subscribers.clients.length > 0)
        {
            return false;
        }
        final Long2ObjectHashMap<Subscribers> copy = new Long2ObjectHashMap<>(byToken);
        copy.remove(token);
        byToken = copy;
        return true;
    }

    /** @return the tokens the fan-out keeps, watched or not. */
    int tokens()
    {
        return byToken.size();
    }

    /** @return clients subscribed to the token. */
    int subscribers(final long token)
    {
        final Subscribers subscribers = byToken.get(token);
        return subscribers == null ? 0 : subscribers.clients.length;
    }

    /** Called by the live-state follower for every tick. */
    void onTick(final TickJson tick)
    {
        final Subscribers subscribers = byToken.get(tick.instrumentToken());
        if (subscribers == null)
        {
            return;
        }
        final ClientChannel[] clients = subscribers.clients;
        if (clients.length == 0)
        {
            return;
        }
        final int modeMask = subscribers.modeMask;
        for (int mode = 1; mode <= 3; mode++)
        {
            if ((modeMask & (1 << mode)) != 0)
            {
                tick.bytesForMode(mode);
            }
        }
        for (final ClientChannel client : clients)
        {
            client.offerTick(tick);
        }
    }
}
