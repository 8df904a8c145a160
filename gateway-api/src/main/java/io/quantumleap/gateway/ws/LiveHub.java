package io.quantumleap.gateway.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.netty.channel.Channel;
import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.gateway.auth.SessionRegistry;
import io.quantumleap.gateway.auth.User;
import io.quantumleap.gateway.auth.UserStore;
import io.quantumleap.gateway.http.BodyErrors;
import io.quantumleap.gateway.http.WholeNumbers;
import io.quantumleap.gateway.live.LiveListener;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.quantumleap.gateway.live.TickJson;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.journal.FirstAndMore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Fans the live state out to WebSocket clients. A tick is encoded once per mode ({@link TickJson}) and handed to
 * each client subscribed to its instrument ({@link TickFanOut}, no lock and no allocation per client); each
 * client's {@link ClientChannel} writes on its own event loop, one flush per batch, and conflates only while its
 * socket has a backlog, so no client can slow the engine or another client.
 */
@Singleton
public final class LiveHub implements LiveListener
{
    /** Kite's default when a token is subscribed without a mode. */
    static final int DEFAULT_MODE = 2;
    static final int MAX_TOKENS_PER_CLIENT = 3000;
    /** Messages the follower may hand a client before its event loop takes them; then ticks are conflated. */
    static final int INBOX_CAPACITY = 1024;
    /** Order updates and notices that may wait for a slow socket (ticks beyond the latest per instrument do not). */
    static final int MAX_QUEUED = 4096;
    /** A client's batch larger than this means its event loop fell behind: the batch is conflated. */
    static final int CONFLATE_ABOVE = 64;
    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final String GOING_AWAY = "the server is stopping; reconnect once it is back";
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final JsonFactory KEYS = new JsonFactory();
    private static final String FOLLOWED = "message: one JSON object per message, and nothing after it";

    private final Map<String, ClientChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    private final SessionRegistry sessions;
    private final TickFanOut fanOut = new TickFanOut();
    private final LiveState live;
    private final UserStore users;
    private final JsonMapper json;
    private final EngineLink engine;
    private final FanOutMetrics metrics;
    private final Executor blocking;
    /** Tokens whose last subscriber left, and when (System.nanoTime): released upstream after release-after. */
    private final Map<Long, Long> unwatchedSince = new ConcurrentHashMap<>();
    private final long releaseAfterNs;
    private volatile boolean stopping;

    /**
     * @param releaseAfter how long an instrument nobody subscribes to any more stays subscribed upstream (a page
     *                     reload or a brief disconnect should not drop and re-add it), then the feed is told it is
     *                     no longer needed.
     */
    LiveHub(
        final LiveState live, final UserStore users, final SessionRegistry sessions, final JsonMapper json,
        final EngineLink engine, @Named(TaskExecutors.BLOCKING) final Executor blocking,
        @Value("${quantumleap.ws.release-after:60s}") final Duration releaseAfter)
    {
        this.releaseAfterNs = releaseAfter.toNanos();
        this.sessions = sessions;
        this.engine = engine;
        this.blocking = blocking;
        this.metrics = new FanOutMetrics(engine.latency());
        this.live = live;
        this.users = users;
        this.json = json;
        live.addListener(this);
    }

    @PreDestroy
    void stop()
    {
        live.removeListener(this);
    }

    /**
     * Lets every client go with a close frame (1001, going away) and refuses new ones the same way, so a client sees
     * a clean stop rather than a dropped connection; returns once every client's close frame has been flushed and
     * its connection closed, or after {@code timeout}. Called while the HTTP server still runs: stopping the server
     * closes its connections without a frame.
     *
     * @return the clients still connected when it returned.
     */
    public int closeAll(final Duration timeout) throws InterruptedException
    {
        stopping = true;
        channels.values().forEach(client -> client.goAway(GOING_AWAY));
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final long left = channels.values().stream().filter(ClientChannel::isConnected).count();
            if (left == 0 || System.nanoTime() - deadline >= 0)
            {
                return (int)left;
            }
            Thread.sleep(10);
        }
    }

    /** @return connected WebSocket clients. */
    public int clients()
    {
        return channels.size();
    }

    /** @return messages handed to client sockets since start. */
    public long messagesSent()
    {
        return metrics.sent.sum();
    }

    /** @return ticks replaced by a newer one for the same instrument before a slow client could take them. */
    public long ticksConflated()
    {
        return metrics.conflated.sum();
    }

    /** @return clients closed because their socket stopped taking messages or fell too far behind. */
    public long slowClientsClosed()
    {
        return metrics.disconnected.sum();
    }

    /** @return client messages answered with an error (not JSON, an unknown action, a bad token or mode). */
    public long messagesRefused()
    {
        return metrics.refused.sum();
    }

    /**
     * Registers the client at once, so what it sends next is served; its user's accounts are read from the database
     * on the blocking executor, off the event loop (which may be the engine's core thread). Until they are known the
     * client gets ticks and notices but no account's orders or positions; a client whose accounts cannot be read is
     * closed with the reason. A feed gap open when it connects reaches it first, as the gap's notice.
     */
    void open(final WebSocketSession session, final Channel socket, final Authentication authentication)
    {
        final ClientChannel client = new ClientChannel(socket, session.getId(), Set.of(), INBOX_CAPACITY, MAX_QUEUED,
            CONFLATE_ABOVE, STUCK_NANOS, metrics, token -> live.tick(token).orElse(null));
        live.join(() -> channels.put(session.getId(), client), client::offer);
        if (stopping)
        {
            client.goAway(GOING_AWAY);
            return;
        }
        final String username = authentication.getName();
        owners.put(session.getId(), new Owner(client, username,
            authentication.getAttributes().get(SessionRegistry.TOKEN_CLAIM) instanceof String sid ? sid : null,
            expiry(authentication.getAttributes().get("exp"))));
        try
        {
            blocking.execute(() -> readAccounts(client, username));
        }
        catch (final RejectedExecutionException ex)
        {
            client.goAway(GOING_AWAY);
        }
    }

    private void readAccounts(final ClientChannel client, final String username)
    {
        try
        {
            client.accountIds(users.findByUsername(username).map(User::accountIds).orElse(List.of()));
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("the accounts of {} cannot be read, so a WebSocket of theirs is closed: {}", username,
                ex.toString());
            client.closeSoon("your accounts cannot be read right now; reconnect shortly");
        }
    }

    /**
     * Every {@code quantumleap.auth.session-recheck}, on the scheduler's thread (never an event loop): a client
     * whose login session ended (logged out, its user disabled, deleted or given other roles or a new password, or
     * its token expired) is closed with code 1008 and the reason, as REST refuses its token; the others see the
     * accounts their user has now.
     */
    @Scheduled(initialDelay = "${quantumleap.auth.session-recheck:10s}",
        fixedDelay = "${quantumleap.auth.session-recheck:10s}")
    void recheckSessions()
    {
        if (owners.isEmpty())
        {
            return;
        }
        final Map<String, User> byName = new HashMap<>();
        try
        {
            users.list().forEach(user -> byName.put(user.username(), user));
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("the users cannot be read, so open WebSockets are checked again in one interval: {}",
                ex.toString());
            return;
        }
        final Instant now = Instant.now();
        for (final Owner owner : owners.values())
        {
            final User user = byName.get(owner.username());
            final boolean ended;
            try
            {
                ended = user == null || !user.enabled() || owner.sessionId() == null ||
                    owner.expiresAt() != null && !now.isBefore(owner.expiresAt()) ||
                    sessions.isRevoked(owner.sessionId());
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("the session of a WebSocket of {} cannot be checked now: {}", owner.username(),
                    ex.toString());
                continue;
            }
            if (ended)
            {
                owner.client().refuse("your session has ended (logged out, expired, or your user was changed or " +
                    "disabled); log in again");
            }
            else
            {
                owner.client().accountIds(user.accountIds());
            }
        }
    }

    private static Instant expiry(final Object exp)
    {
        if (exp instanceof Date date)
        {
            return date.toInstant();
        }
        if (exp instanceof Number seconds)
        {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }

    /** Whose a client is: the user and the login session its token belongs to. */
    private record Owner(ClientChannel client, String username, String sessionId, Instant expiresAt)
    {
    }

    void close(final WebSocketSession session)
    {
        owners.remove(session.getId());
        final ClientChannel channel = channels.remove(session.getId());
        if (channel != null)
        {
            channel.modes().keySet().forEach(token -> unsubscribe(channel, token));
        }
    }

    void onClientMessage(final WebSocketSession session, final String message)
    {
        final ClientChannel channel = channels.get(session.getId());
        if (channel == null)
        {
            return;
        }
        try
        {
            final String wrong = wrongShape(message);
            if (wrong != null)
            {
                error(channel, wrong);
                return;
            }
            final JsonNode node = json.readValue(message, JsonNode.class);
            final JsonNode action = node == null ? null : node.get("a");
            final JsonNode value = node == null ? null : node.get("v");
            if (action == null || !action.isString() || value == null)
            {
                error(channel, "message: expected {\"a\":\"subscribe|unsubscribe|mode\",\"v\":…}");
                return;
            }
            switch (action.getStringValue())
            {
                case "subscribe" -> subscribe(channel, "v", tokens(channel, "v", value), null);
                case "unsubscribe" -> tokens(channel, "v", value).keySet().forEach(t -> unsubscribe(channel, t));
                case "mode" -> mode(channel, value);
                default -> error(channel,
                    "a: '" + action.getStringValue() + "' is not one of subscribe, unsubscribe, mode");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            error(channel, "message: not valid JSON");
        }
    }

    /**
     * What a JSON reader would take without a word, and REST refuses in a body: a key an object gives twice (the
     * reader takes the last), a key the message does not have ({@code a} and {@code v} only), or anything after the
     * message's one object (a second message, which the reader drops: {@code {"a":"subscribe",…}{"a":"unsubscribe",…}}
     * would subscribe and never unsubscribe). And what no reader takes but is JSON all the same: nested deeper, or
     * with a number or a key longer, than the reader's limits, which the refusal names as REST's does.
     *
     * @return why the message is refused, or null; a message that is not JSON is left to the reader to word.
     */
    static String wrongShape(final String message)
    {
        boolean whole = false;
        try (JsonParser parser = KEYS.createParser(message))
        {
            try
            {
                final ArrayDeque<Set<String>> objects = new ArrayDeque<>();
                int depth = 0;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken())
                {
                    if (whole)
                    {
                        return FOLLOWED;
                    }
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                    {
                        depth++;
                        objects.push(token == JsonToken.START_OBJECT ? new HashSet<>() : Set.of());
                    }
                    else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY)
                    {
                        depth--;
                        objects.pop();
                    }
                    else if (token == JsonToken.FIELD_NAME)
                    {
                        final String name = parser.currentName();
                        final String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                        if (!objects.peek().add(name))
                        {
                            return shown + ": given twice";
                        }
                        if (depth == 1 && !"a".equals(name) && !"v".equals(name))
                        {
                            return shown + ": not a key of the message, which has a and v";
                        }
                    }
                    whole = depth == 0;
                }
                return null;
            }
            catch (final StreamConstraintsException ex)
            {
                return whole ? FOLLOWED : BodyErrors.beyondLimits(parser, ex, "message");
            }
        }
        catch (final IOException ex)
        {
            return whole ? FOLLOWED : null;
        }
    }

    private void mode(final ClientChannel channel, final JsonNode value)
    {
        if (!value.isArray() || value.size() != 2)
        {
            error(channel, "v: expected [\"ltp|quote|full\",[tokens]]");
            return;
        }
        final JsonNode name = value.get(0);
        final int mode = !name.isString() ? 0 : switch (name.getStringValue())
        {
            case "ltp" -> 1;
            case "quote" -> 2;
            case "full" -> 3;
            default -> 0;
        };
        if (mode == 0)
        {
            error(channel, "v[0]: " + (name.isString() ? "'" + name.getStringValue() + "'" :
                WholeNumbers.describe(name)) + " is not one of ltp, quote, full");
            return;
        }
        subscribe(channel, "v[1]", tokens(channel, "v[1]", value.get(1)), mode);
    }

    /**
     * @param path where the list is in the message ({@code v}, or {@code v[1]} for a mode's), which an error names
     *             with the index of each element it is about.
     * @return the list's tokens, each with the index it is first at; none when an element is not a token.
     */
    private Map<Long, Integer> tokens(final ClientChannel channel, final String path, final JsonNode value)
    {
        if (!value.isArray())
        {
            error(channel, path + ": expected an array of instrument tokens");
            return Map.of();
        }
        final Map<Long, Integer> tokens = new LinkedHashMap<>();
        final List<String> refused = new ArrayList<>();
        int index = 0;
        for (final JsonNode t : value.values())
        {
            final Long token = WholeNumbers.exact(t);
            if (token == null || !InstrumentTokens.valid(token))
            {
                // Those past the ones named are only counted: a long list costs no text for each.
                refused.add(refused.size() < FirstAndMore.NAMED ? path + "[" + index + "]: " +
                    WholeNumbers.describe(t) : "");
            }
            else
            {
                tokens.putIfAbsent(token, index);
            }
            index++;
        }
        if (!refused.isEmpty())
        {
            error(channel, notTokens(refused));
            return Map.of();
        }
        return tokens;
    }

    /**
     * @param refused the elements of a list that are not tokens, each {@code v[1]: 1.5}, as {@link FirstAndMore}
     *                names them: those past the first it names may be empty, as they are only counted.
     * @return the error for them: the first {@value FirstAndMore#NAMED} and how many more, as every long list in a
     * refusal is worded, here or in the REST API.
     */
    static String notTokens(final List<String> refused)
    {
        return FirstAndMore.named(refused, UnaryOperator.identity()).append(refused.size() == 1 ?
            " is not an instrument token" : " are not instrument tokens")
            .append(" (a positive 32-bit integer); nothing of this message was taken").toString();
    }

    /**
     * @param unknown the tokens no instrument has, each {@code v[1]: 999}, as {@link FirstAndMore} names them: those
     *                past the first it names may be empty, as they are only counted.
     * @return the error for them, worded as {@link #notTokens}'s.
     */
    static String unknownTokens(final List<String> unknown)
    {
        return FirstAndMore.named(unknown, UnaryOperator.identity()).append(unknown.size() == 1 ?
            " is a token no instrument has" : " are tokens no instrument has").toString();
    }

    /**
     * Subscribes what it can of one message's tokens; what it cannot (no such instrument, or past the limit per
     * connection) is named in one error for the whole message, so one message never makes more than one answer.
     *
     * @param path   where the tokens are in the message, as {@link #tokens} was given it.
     * @param tokens the tokens with the index each is at in the list.
     */
    private void subscribe(final ClientChannel channel, final String path, final Map<Long, Integer> tokens,
        final Integer mode)
    {
        final List<String> unknown = new ArrayList<>();
        // Before any instrument is known (a start whose instruments are still loading) a token cannot be judged.
        final boolean judged = !live.instruments().isEmpty();
        int overLimit = 0;
        for (final Map.Entry<Long, Integer> entry : tokens.entrySet())
        {
            final long token = entry.getKey();
            if (judged && live.instrument(token).isEmpty())
            {
                unknown.add(unknown.size() < FirstAndMore.NAMED ? path + "[" + entry.getValue() + "]: " + token : "");
            }
            else if (!channel.modes().containsKey(token) && channel.modes().size() >= MAX_TOKENS_PER_CLIENT)
            {
                overLimit++;
            }
            else
            {
                subscribe(channel, token, mode);
            }
        }
        if (!unknown.isEmpty())
        {
            error(channel, unknownTokens(unknown));
        }
        if (overLimit > 0)
        {
            error(channel, path + ": at most " + MAX_TOKENS_PER_CLIENT + " instruments per connection; " + overLimit +
                " of the " + tokens.size() + " asked for were not subscribed (the connection has " +
                channel.modes().size() + ")");
        }
    }

    private void subscribe(final ClientChannel channel, final long token, final Integer mode)
    {
        final int m = channel.modes().merge(
            token, mode == null ? DEFAULT_MODE : mode, (old, n) -> mode == null ? old : n);
        if (fanOut.add(token, channel, m))
        {
            engine.watch(new long[]{token}, io.quantumleap.engine.protocol.TickMode.FULL);
        }
        unwatchedSince.remove(token);
        live.tick(token).ifPresent(channel::offerSnapshot);
    }

    private void unsubscribe(final ClientChannel channel, final long token)
    {
        channel.modes().remove(token);
        if (fanOut.remove(token, channel))
        {
            unwatchedSince.put(token, System.nanoTime());
        }
    }

    /**
     * Every {@code quantumleap.ws.ping-interval}: pings every client ({@link ClientChannel#ping}), so one that only
     * listens is not closed as idle, as Kite's heartbeats keep a ticker connection open.
     */
    @Scheduled(initialDelay = "${quantumleap.ws.ping-interval:30s}", fixedDelay = "${quantumleap.ws.ping-interval:30s}")
    void pingClients()
    {
        channels.values().forEach(ClientChannel::ping);
    }

    /**
     * Tells the engine which instruments no client of this gateway has subscribed to for {@code release-after}, so
     * its feed stops streaming those nobody else needs (Kite allows 3,000 per connection and 3 connections per API
     * key). A client that subscribes again later asks the feed again.
     */
    @Scheduled(initialDelay = "${quantumleap.ws.release-check:5s}", fixedDelay = "${quantumleap.ws.release-check:5s}")
    void releaseUnwatched()
    {
        final long nowNs = System.nanoTime();
        final List<Long> released = new ArrayList<>();
        for (final Map.Entry<Long, Long> entry : unwatchedSince.entrySet())
        {
            if (nowNs - entry.getValue() >= releaseAfterNs && unwatchedSince.remove(entry.getKey(), entry.getValue()) &&
                fanOut.dropIfUnwatched(entry.getKey()))
            {
                released.add(entry.getKey());
            }
        }
        for (int from = 0; from < released.size(); from += MAX_TOKENS_PER_CLIENT)
        {
            engine.release(released.subList(from, Math.min(released.size(), from + MAX_TOKENS_PER_CLIENT)).stream()
                .mapToLong(Long::longValue).toArray());
        }
        if (!released.isEmpty())
        {
            LOG.debug("{} instruments no client watches any more were released upstream", released.size());
        }
    }

    /**
     * A client's frame broke the WebSocket protocol: counted as refused, and the connection closed with the code
     * that says why ({@code closeCode}: 1009 for a frame too long, 1002 for the rest).
     */
    void protocolError(final WebSocketSession session, final int closeCode, final String what)
    {
        metrics.refused.increment();
        LOG.info("WebSocket client {} broke the protocol and was closed ({}): {}", session.getId(), closeCode, what);
        if (session.isOpen())
        {
            session.close(new CloseReason(closeCode, what.length() > 100 ? what.substring(0, 100) : what));
        }
    }

    private void error(final ClientChannel channel, final String message)
    {
        metrics.refused.increment();
        channel.offer("{\"type\":\"error\",\"data\":" + quote(message) + "}");
    }

    @Override
    public void onTick(final long instrumentToken, final TickJson tick)
    {
        fanOut.onTick(tick);
    }

    @Override
    public void onOrder(final OrderView order)
    {
        toAccount(order.accountId(), "order", order);
    }

    @Override
    public void onPosition(final PositionView position)
    {
        toAccount(position.accountId(), "position", position);
    }

    @Override
    public void onNotice(final String message)
    {
        channels.values().forEach(c -> c.offer(message));
    }

    /**
     * Sends a ready-made message to every WebSocket of the user connected to this gateway (each queued on its own
     * channel; never blocks).
     *
     * @return how many of the user's WebSockets it went to.
     */
    public int toUser(final String username, final String message)
    {
        int sent = 0;
        for (final Owner owner : owners.values())
        {
            if (owner.username().equals(username))
            {
                owner.client().offer(message);
                sent++;
            }
        }
        return sent;
    }

    private void toAccount(final long accountId, final String type, final Object data)
    {
        String message = null;
        for (final ClientChannel channel : channels.values())
        {
            if (channel.maySee(accountId))
            {
                if (message == null)
                {
                    try
                    {
                        message = "{\"type\":\"" + type + "\",\"data\":" + json.writeValueAsString(data) + "}";
                    }
                    catch (final IOException ex)
                    {
                        LOG.warn("cannot encode a {} message for account {}", type, accountId, ex);
                        return;
                    }
                }
                channel.offer(message);
            }
        }
    }

    /** @return the text as a JSON string: quotes, backslashes and control characters (a client's, echoed) escaped. */
    private static String quote(final String s)
    {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
