package io.quantumleap.engine.kite.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.engine.kite.KiteEnums;
import io.quantumleap.engine.kite.feed.BrokerSession;
import io.quantumleap.engine.kite.feed.CommandPublisher;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteHolding;
import io.quantumleap.engine.kite.rest.KiteOrderParams;
import io.quantumleap.engine.kite.rest.KitePosition;
import io.quantumleap.engine.kite.rest.KitePrices;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.rest.KiteTimes;
import io.quantumleap.engine.kite.rest.KiteTrade;
import io.quantumleap.engine.kite.rest.PlaceOrderResult;
import io.quantumleap.engine.kite.rest.RateLimitBucket;
import io.quantumleap.engine.kite.ticker.KiteTextFrame;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerHoldingsCommandEncoder;
import io.quantumleap.engine.protocol.BrokerPositionCommandEncoder;
import io.quantumleap.engine.protocol.BrokerRejectCommandEncoder;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderBookCommandEncoder;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OvernightPositionCommandEncoder;
import io.quantumleap.engine.protocol.TradeCommandEncoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.router.Broker;
import io.quantumleap.engine.router.BrokerReplies;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kite implementation of the order router's {@link Broker} SPI: translates each {@code BrokerRequestEvent}
 * into an asynchronous REST call on the account's {@link KiteRestClient} and answers exactly once through
 * {@link BrokerReplies} (ack, or reject typed by Kite's {@code error_type}). Prices go out as exact decimal strings
 * made from the integer units with the instrument's segment divisor; the order's {@code tag} ("QL" + client order
 * id) lets every later update be matched back. A reply that never comes is a reject with error type
 * {@code TIMEOUT}, meaning the outcome is unknown; {@link #reconcile} later resolves such orders.
 *
 * <p>Reconciliation ({@link #reconcile}) publishes richer commands than {@link BrokerReplies} carries (Kite's
 * validity, variety, exchange order id and status message), straight into the ring through a
 * {@link CommandPublisher}.
 *
 * <p>Threads: {@link #send} on the router thread; replies complete on HTTP client threads; reconciliation
 * output is serialised on this object.
 */
public final class KiteBroker implements Broker
{
    /** Why a reconciliation runs. */
    public enum ReconcileReason
    {
        /** Engine start: also loads overnight positions. */
        START,
        /** A ticker connection came back: order updates may have been missed. */
        RECONNECT,
        /** A new access token: the session may have missed updates while it was expired. */
        TOKEN_ROTATION,
        /** The engine asked: an order's outcome is still unknown (a timeout, a lost reply). */
        UNKNOWN_OUTCOME;

        /**
         * @return true when the reconciliation also loads the overnight positions: on start, and after a login,
         * which begins the trading day's session (the core takes the same overnight position again as a no-op).
         */
        public boolean loadsPositions()
        {
            return START == this || TOKEN_ROTATION == this;
        }
    }

    /**
     * What a reconciliation published.
     *
     * @param orders          order updates.
     * @param trades          trades.
     * @param positions       overnight positions (on start and after a login only).
     * @param unknownResolved orders whose placement outcome was unknown and that Kite does not have.
     * @param invalid         broker rows skipped as malformed.
     */
    public record ReconcileResult(int orders, int trades, int positions, int unknownResolved, int invalid)
    {
    }

    private static final System.Logger LOGGER = System.getLogger(KiteBroker.class.getName());
    private static final long NO_PRICE = Long.MIN_VALUE;
    private static final int MAX_MESSAGE_CHARS = 512;
    private static final int MAX_REMEMBERED_ORDERS = 1 << 20;
    /** Kite has six products, one position each per instrument; more rows than this for one are not Kite's. */
    private static final int MAX_PRODUCTS_PER_INSTRUMENT = 16;
    /** Holdings per {@code BrokerHoldingsCommand}: 12 bytes each, so a part fits a ring slot of 1 KiB. */
    static final int HOLDINGS_PER_PART = 64;
    /** Kite's instrument tokens are unsigned 32-bit numbers. */

    private final Map<Long, KiteRestClient> clients;
    private final CommandPublisher publisher;
    private final EpochNanoClock clock;
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(
        Math.max(2048, KiteTextFrameParser.MAX_ENCODED_LENGTH)));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BrokerRejectCommandEncoder rejectEncoder = new BrokerRejectCommandEncoder();
    private final TradeCommandEncoder tradeEncoder = new TradeCommandEncoder();
    /** Trades already handed to the engine, as order id / trade id; guarded by this. */
    private final Set<String> publishedTrades = new java.util.HashSet<>();
    private final OvernightPositionCommandEncoder positionEncoder = new OvernightPositionCommandEncoder();
    private final BrokerPositionCommandEncoder brokerPositionEncoder = new BrokerPositionCommandEncoder();
    private final BrokerHoldingsCommandEncoder brokerHoldingsEncoder = new BrokerHoldingsCommandEncoder();
    private final OrderBookCommandEncoder orderBookEncoder = new OrderBookCommandEncoder();
    private final KiteTextFrameParser orderParser = new KiteTextFrameParser();
    private final Map<Long, Set<Long>> unknownPlacements = new ConcurrentHashMap<>();
    /**
     * Conversions under way here, by account/instrument: how many, and when the last began (kept when none is under
     * way: one entry per instrument ever converted here).
     */
    private final Map<String, long[]> conversions = new ConcurrentHashMap<>();
    private final AtomicLong droppedCommands = new AtomicLong();
    /** Account that placed each order this process sent, by Kite order id (order updates are credited to it). */
    private final Map<String, Long> orderAccounts = new ConcurrentHashMap<>();
    /** The same by client order id, known before Kite's answer. */
    private final Map<Long, Long> clientOrderAccounts = new ConcurrentHashMap<>();
    /** Broker sessions bound to accounts: an account without a usable token is not reconciled. */
    private final Map<Long, BrokerSession> sessions = new ConcurrentHashMap<>();
    private final ReconcileScheduler reconciles =
        new ReconcileScheduler(this::reconcile, this::sessionUsable, ReconcileScheduler.commonPoolDelays());

    /**
     * @param clients   REST client per engine account id (each with its account's egress).
     * @param publisher the engine's ring for reconciliation output; a blocking publish, since broker state must
     *                  not be lost.
     * @param clock     stamps commands.
     */
    public KiteBroker(
        final Map<Long, KiteRestClient> clients, final CommandPublisher publisher, final EpochNanoClock clock)
    {
        this.clients = new ConcurrentHashMap<>(clients);
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * The account an order update belongs to: by Kite's order id once the placement was acknowledged, before that
     * (Kite may push the update first) by the client order id the engine tags its orders with.
     *
     * @param brokerOrderId      Kite's order id.
     * @param clientOrderId      the client order id from the order's tag, or the SBE null value.
     * @param receivingAccountId the account whose ticker socket received the update.
     * @return the account that placed the order through this process, else {@code receivingAccountId}.
     */
    public long accountOf(final String brokerOrderId, final long clientOrderId, final long receivingAccountId)
    {
        Long account = null == brokerOrderId ? null : orderAccounts.get(brokerOrderId);
        if (null == account)
        {
            account = clientOrderAccounts.get(clientOrderId);
        }
        return null == account ? receivingAccountId : account;
    }

    /**
     * Adds the REST client of an account linked after start, or replaces it (the account's Kite app changed).
     * Requests already being sent finish on the old client.
     *
     * @param accountId the engine account.
     * @param client    its REST client.
     * @return the client it replaces, for the caller to close, or null.
     */
    public KiteRestClient useClient(final long accountId, final KiteRestClient client)
    {
        return clients.put(accountId, client);
    }

    @Override
    public void send(final BrokerRequestEventDecoder decoder, final BrokerReplies replies)
    {
        final Request request = decode(decoder);
        final KiteRestClient client = clients.get(request.accountId);
        if (null == client)
        {
            reject(replies, request, BrokerErrorType.INPUT, 0,
                "no Kite session configured for account " + request.accountId);
            return;
        }
        final String invalid = request.invalidField();
        if (null != invalid)
        {
            reject(replies, request, BrokerErrorType.INPUT, 0, invalid);
            return;
        }
        final CompletableFuture<PlaceOrderResult> call;
        switch (request.type)
        {
            case PLACE:
                if (clientOrderAccounts.size() >= MAX_REMEMBERED_ORDERS)
                {
                    clientOrderAccounts.clear();
                }
                clientOrderAccounts.put(request.clientOrderId, request.accountId);
                call = client.placeOrder(request.variety, request.params());
                break;
            case MODIFY:
                call = client.modifyOrder(request.variety, request.brokerOrderId, request.params());
                break;
            default:
                call = client.cancelOrder(request.variety, request.brokerOrderId,
                    request.parentOrderId.isEmpty() ? null : request.parentOrderId);
                break;
        }
        call.whenComplete((result, error) ->
        {
            if (null == error)
            {
                if (fitsBrokerId(result.orderId()))
                {
                    if (orderAccounts.size() >= MAX_REMEMBERED_ORDERS)
                    {
                        orderAccounts.clear();
                    }
                    orderAccounts.put(result.orderId(), request.accountId);
                    replies.ack(clock.nanoTime(), request.accountId, request.clientOrderId, request.type,
                        result.orderId());
                }
                else
                {
                    reject(replies, request, BrokerErrorType.DATA, 200,
                        "order_id does not fit 24 ASCII characters: " + result.orderId());
                }
            }
            else
            {
                onFailure(replies, request, error);
            }
        });
    }

    /** Reconciles the request's account: the engine asks while one of its orders stays UNKNOWN. */
    @Override
    public void resolveUnknown(final BrokerRequestEventDecoder request)
    {
        if (request.brokerOrderId().trim().isEmpty())
        {
            // A placement whose outcome is unknown (also one from before a restart, which this process never sent):
            // the reconciliation rejects it unless the book has an order with its tag.
            unknownPlacements.computeIfAbsent(request.accountId(), (id) -> ConcurrentHashMap.newKeySet())
                .add(request.clientOrderId());
        }
        requestReconcile(request.accountId(), ReconcileReason.UNKNOWN_OUTCOME);
    }

    /**
     * Reconciles the account soon: requests made while one runs fold into one run after it, an account without a
     * usable token waits for its next login, and a run that fails for a passing reason (rate limit, timeout, 5xx)
     * is retried. Use this rather than {@link #reconcile} wherever requests can come in bursts.
     *
     * @param accountId the account.
     * @param reason    why.
     */
    public void requestReconcile(final long accountId, final ReconcileReason reason)
    {
        if (null == clients.get(accountId))
        {
            LOGGER.log(System.Logger.Level.WARNING, "reconcile (" + reason + ") of account " + accountId +
                " skipped: the account has no Kite client");
            return;
        }
        reconciles.request(accountId, reason);
    }

    /** Starts no more reconciliations or retries; call before closing the REST clients. */
    public void close()
    {
        reconciles.close();
    }

    /** @return reconciliations started through {@link #requestReconcile}, retries included. */
    public long reconcileRuns()
    {
        return reconciles.runs();
    }

    /** @return reconciliations retried after a passing failure. */
    public long reconcileRetries()
    {
        return reconciles.retries();
    }

    /** @return reconciliations that failed for good (out of retries, or refused). */
    public long reconcileFailures()
    {
        return reconciles.failures();
    }

    /**
     * Fetches Kite's view of one account and publishes it as commands: every order of the day as an
     * {@code OrderUpdateCommand}, every trade as a {@code TradeCommand}, when the reason
     * {@link ReconcileReason#loadsPositions() loads positions} the overnight positions as
     * {@code OvernightPositionCommand}s, then each instrument's positions as a {@code BrokerPositionCommand} and the
     * delivery holdings as {@code BrokerHoldingsCommand}s (left out when the broker cannot read them); a
     * placement whose outcome was unknown and that Kite does not have is resolved with a {@code BrokerRejectCommand}
     * (error type ORDER), so it leaves UNKNOWN.
     *
     * @param accountId the account.
     * @param reason    why.
     * @return completes when every command is published.
     */
    public CompletableFuture<ReconcileResult> reconcile(final long accountId, final ReconcileReason reason)
    {
        final KiteRestClient client = clients.get(accountId);
        if (null == client)
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown account " + accountId));
        }
        final long requestedNs = clock.nanoTime();
        final CompletableFuture<JsonNode> orders = client.getJson("/orders", RateLimitBucket.OTHER);
        final CompletableFuture<List<KiteTrade>> trades = client.trades();
        final CompletableFuture<List<KitePosition>> positions = reason.loadsPositions() ?
            client.positions().thenApply((p) -> p.net()) : CompletableFuture.completedFuture(List.of());
        final CompletableFuture<List<KiteHolding>> holdings = reason.loadsPositions() ?
            holdingsOrNone(accountId, client) : CompletableFuture.completedFuture(null);
        return CompletableFuture.allOf(orders, trades, positions, holdings)
            .thenApply((ignore) ->
            {
                final ReconcileResult result = publishReconciliation(accountId, requestedNs, orders.join(),
                    trades.join(), positions.join());
                publishHoldings(accountId, holdings.join());
                return result;
            });
    }

    /** The account's holdings, or null (logged) when the broker cannot read them: they are not worth a reconcile. */
    private static CompletableFuture<List<KiteHolding>> holdingsOrNone(
        final long accountId, final KiteRestClient client)
    {
        return client.holdings().exceptionally((ex) ->
        {
            LOGGER.log(System.Logger.Level.WARNING, "account " + accountId + ": the broker's holdings could not " +
                "be read, the kill switch's reduce-only mode keeps the last known: " + KiteRestClient.unwrap(ex));
            return null;
        });
    }

    /**
     * Publishes the account's delivery holdings as {@code BrokerHoldingsCommand}s of at most
     * {@link #HOLDINGS_PER_PART} each, the first marked so; nothing when {@code holdings} is null.
     */
    private synchronized void publishHoldings(final long accountId, final List<KiteHolding> holdings)
    {
        if (null == holdings)
        {
            return;
        }
        final List<KiteHolding> valid = holdings.stream()
            .filter((h) -> InstrumentTokens.valid(h.instrumentToken())).toList();
        final long nowNs = clock.nanoTime();
        int from = 0;
        do
        {
            final int to = Math.min(valid.size(), from + HOLDINGS_PER_PART);
            final BrokerHoldingsCommandEncoder e = brokerHoldingsEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
                .timestampNs(nowNs)
                .accountId(accountId)
                .first(from == 0 ? BooleanType.TRUE : BooleanType.FALSE);
            final BrokerHoldingsCommandEncoder.HoldingsEncoder rows = e.holdingsCount(to - from);
            for (int i = from; i < to; i++)
            {
                final KiteHolding holding = valid.get(i);
                rows.next().instrumentToken(holding.instrumentToken())
                    .quantity(holding.heldAtDayStart());
            }
            publish(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
            from = to;
        }
        while (from < valid.size());
    }

    /**
     * Fetches the account's positions and publishes each instrument's as a {@code BrokerPositionCommand}, so a
     * conversion made at the broker in another app during the day reaches the engine without waiting for the next
     * login. Nothing is fetched while the account's session is not usable.
     *
     * @param accountId the account.
     * @return completes with the number of instruments published.
     */
    public CompletableFuture<Integer> reconcilePositions(final long accountId)
    {
        final KiteRestClient client = clients.get(accountId);
        if (null == client)
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown account " + accountId));
        }
        if (!sessionUsable(accountId))
        {
            return CompletableFuture.completedFuture(0);
        }
        final long requestedNs = clock.nanoTime();
        final CompletableFuture<List<KiteHolding>> holdings = holdingsOrNone(accountId, client);
        return client.positions().thenCombine(holdings, (p, h) ->
        {
            final int published = publishPositions(accountId, requestedNs, p.net());
            publishHoldings(accountId, h);
            return published;
        });
    }

    private synchronized int publishPositions(
        final long accountId, final long requestedNs, final List<KitePosition> positions)
    {
        return publishBrokerPositions(accountId, requestedNs, clock.nanoTime(), positions);
    }

    /**
     * Ties an account's REST client to its broker session: a new token is set on the client and the account
     * is reconciled (orders placed while the session was expired, or whose outcome was unknown, are resolved).
     *
     * @param accountId the account.
     * @param session   its broker session.
     */
    public void bindSession(final long accountId, final BrokerSession session)
    {
        if (null == clients.get(accountId))
        {
            throw new IllegalArgumentException("no Kite client for account " + accountId);
        }
        sessions.put(accountId, session);
        session.onRebind((token) ->
        {
            clients.get(accountId).accessToken(token);
            requestReconcile(accountId, ReconcileReason.TOKEN_ROTATION);
        });
    }

    private boolean sessionUsable(final long accountId)
    {
        final BrokerSession session = sessions.get(accountId);
        return null == session || session.usable();
    }

    /**
     * @param accountId the account.
     * @return client order ids whose placement outcome is unknown, awaiting reconciliation.
     */
    public Set<Long> unknownPlacements(final long accountId)
    {
        return Set.copyOf(unknownPlacements.getOrDefault(accountId, Set.of()));
    }

    /**
     * @return commands the ring refused.
     */
    public long droppedCommands()
    {
        return droppedCommands.get();
    }

    private synchronized ReconcileResult publishReconciliation(
        final long accountId, final long requestedNs, final JsonNode orders, final List<KiteTrade> trades,
        final List<KitePosition> positions)
    {
        final long nowNs = clock.nanoTime();
        int orderCount = 0;
        int invalid = 0;
        final Set<Long> seenClientOrderIds = new HashSet<>();
        if (orders.isArray())
        {
            for (final JsonNode order : orders)
            {
                final KiteTextFrame frame = orderParser.parse(
                    "{\"type\":\"order\",\"data\":" + order + "}", accountId, nowNs, out, 0);
                if (frame instanceof KiteTextFrame.OrderUpdate)
                {
                    publish(((KiteTextFrame.OrderUpdate)frame).encodedLength());
                    orderCount++;
                    final JsonNode tag = order.get("tag");
                    if (null != tag && tag.isTextual())
                    {
                        seenClientOrderIds.add(KiteTextFrameParser.clientOrderId(tag.textValue()));
                    }
                }
                else
                {
                    invalid++;
                    LOGGER.log(System.Logger.Level.WARNING, "reconcile account " + accountId + ": order skipped: " +
                        frame);
                }
            }
        }
        else
        {
            invalid++;
        }
        if (orders.isArray() && 0 == invalid)
        {
            // The whole book is in: the engine closes its live orders the book no longer has.
            orderBookEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
                .timestampNs(nowNs)
                .accountId(accountId)
                .requestedNs(requestedNs)
                .orders(orderCount);
            publish(MessageHeaderEncoder.ENCODED_LENGTH + orderBookEncoder.encodedLength());
        }
        int tradeCount = 0;
        for (final KiteTrade trade : trades)
        {
            if (publishTrade(accountId, nowNs, trade))
            {
                tradeCount++;
            }
            else
            {
                invalid++;
            }
        }
        int positionCount = 0;
        for (final KitePosition position : positions)
        {
            if (0 != position.overnightQuantity())
            {
                final long averagePrice = priceUnits(position.averagePrice(), position.instrumentToken(),
                    "account " + accountId + ": overnight position in " + position.instrumentToken());
                if (NO_PRICE == averagePrice)
                {
                    invalid++;
                    continue;
                }
                positionEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
                    .timestampNs(nowNs)
                    .accountId(accountId)
                    .instrumentToken(position.instrumentToken())
                    .product(KiteEnums.product(position.product()))
                    .qty(position.overnightQuantity())
                    .averagePricePaise(averagePrice);
                publish(MessageHeaderEncoder.ENCODED_LENGTH + positionEncoder.encodedLength());
                positionCount++;
            }
        }
        publishBrokerPositions(accountId, requestedNs, nowNs, positions);
        int resolved = 0;
        final Set<Long> unknown = unknownPlacements.get(accountId);
        if (null != unknown)
        {
            for (final Long clientOrderId : Set.copyOf(unknown))
            {
                unknown.remove(clientOrderId);
                if (!seenClientOrderIds.contains(clientOrderId))
                {
                    rejectEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
                        .timestampNs(nowNs)
                        .accountId(accountId)
                        .clientOrderId(clientOrderId)
                        .requestType(BrokerRequestType.PLACE)
                        .errorType(BrokerErrorType.ORDER)
                        .httpStatus(0)
                        .message("not in Kite's order book at reconciliation: the placement did not happen");
                    publish(MessageHeaderEncoder.ENCODED_LENGTH + rejectEncoder.encodedLength());
                    resolved++;
                }
            }
        }
        return new ReconcileResult(orderCount, tradeCount, positionCount, resolved, invalid);
    }

    /**
     * Marks a conversion of one instrument's position as under way here, from before it is sent to the broker until
     * the engine has been told of it (the returned action ends it). A reconciliation does not publish the broker's
     * positions of that instrument meanwhile, nor those it asked for before the conversion began: they may show the
     * conversion before the engine has it, or the position before it, and the core would make the difference again
     * or undo it.
     *
     * @param accountId       the account.
     * @param instrumentToken the instrument.
     * @return ends the mark; call it once.
     */
    public Runnable conversionUnderWay(final long accountId, final long instrumentToken)
    {
        final String key = accountId + "/" + instrumentToken;
        final long startedNs = clock.nanoTime();
        conversions.compute(key, (k, c) -> c == null ? new long[]{1, startedNs} : new long[]{c[0] + 1, startedNs});
        return () -> conversions.computeIfPresent(key, (k, c) -> new long[]{c[0] - 1, c[1]});
    }

    private boolean conversionAffects(final long accountId, final long instrumentToken, final long requestedNs)
    {
        final long[] c = conversions.get(accountId + "/" + instrumentToken);
        return c != null && (c[0] > 0 || c[1] >= requestedNs);
    }

    /**
     * The broker's day and overnight quantities of each instrument's positions, by product, after the trades: the
     * core makes a conversion the broker made that the engine never heard of. Instruments with a conversion under way
     * here since the positions were asked for are left out ({@link #conversionUnderWay}).
     */
    private int publishBrokerPositions(
        final long accountId, final long requestedNs, final long nowNs, final List<KitePosition> positions)
    {
        int published = 0;
        final Map<Long, List<KitePosition>> byInstrument = new LinkedHashMap<>();
        for (final KitePosition position : positions)
        {
            final List<KitePosition> products =
                byInstrument.computeIfAbsent(position.instrumentToken(), (token) -> new ArrayList<>());
            if (null != position.product() && products.size() < MAX_PRODUCTS_PER_INSTRUMENT)
            {
                products.add(position);
            }
        }
        for (final Map.Entry<Long, List<KitePosition>> instrument : byInstrument.entrySet())
        {
            if (conversionAffects(accountId, instrument.getKey(), requestedNs))
            {
                continue;
            }
            final BrokerPositionCommandEncoder e = brokerPositionEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
                .timestampNs(nowNs)
                .accountId(accountId)
                .instrumentToken(instrument.getKey())
                .requestedNs(requestedNs);
            final BrokerPositionCommandEncoder.ProductsEncoder products =
                e.productsCount(instrument.getValue().size());
            for (final KitePosition position : instrument.getValue())
            {
                products.next()
                    .product(KiteEnums.product(position.product()))
                    .dayBuyQty(position.dayBuyQuantity())
                    .daySellQty(position.daySellQuantity())
                    .overnightQty(position.overnightQuantity());
            }
            publish(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
            published++;
        }
        return published;
    }

    /**
     * Fetches the fills of one order and publishes those not published before: called when an order update shows
     * its filled quantity growing, since positions are built from trades.
     *
     * @return how many new trades were published.
     */
    public CompletableFuture<Integer> publishOrderTrades(final long accountId, final String brokerOrderId)
    {
        final KiteRestClient client = clients.get(accountId);
        if (null == client)
        {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown account " + accountId));
        }
        return client.orderTrades(brokerOrderId).thenApply((trades) -> publishNewTrades(accountId, trades));
    }

    private synchronized int publishNewTrades(final long accountId, final List<KiteTrade> trades)
    {
        final long nowNs = clock.nanoTime();
        int published = 0;
        for (final KiteTrade trade : trades)
        {
            if (!publishedTrades.contains(trade.orderId() + '/' + trade.tradeId()) &&
                publishTrade(accountId, nowNs, trade))
            {
                published++;
            }
        }
        return published;
    }

    private boolean publishTrade(final long accountId, final long nowNs, final KiteTrade trade)
    {
        if (!fitsBrokerId(trade.orderId()) || !fitsBrokerId(trade.tradeId()))
        {
            return false;
        }
        final long price = priceUnits(trade.averagePrice(), trade.instrumentToken(),
            "account " + accountId + ": trade " + trade.tradeId() + " of order " + trade.orderId());
        if (NO_PRICE == price)
        {
            return false;
        }
        if (!publishedTrades.add(trade.orderId() + '/' + trade.tradeId()))
        {
            return true;
        }
        final long exchangeTimeS = istToEpochSeconds(
            null != trade.exchangeTimestamp() ? trade.exchangeTimestamp() : trade.fillTimestamp());
        tradeEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .timestampNs(nowNs)
            .accountId(accountId)
            .brokerOrderId(trade.orderId())
            .tradeId(trade.tradeId())
            .instrumentToken(trade.instrumentToken())
            .side(KiteEnums.side(trade.transactionType()))
            .product(KiteEnums.product(trade.product()))
            .qty(trade.quantity())
            .pricePaise(price)
            .exchangeTimeS(exchangeTimeS);
        publish(MessageHeaderEncoder.ENCODED_LENGTH + tradeEncoder.encodedLength());
        return true;
    }

    private void onFailure(final BrokerReplies replies, final Request request, final Throwable error)
    {
        final Throwable cause = KiteRestClient.unwrap(error);
        if (cause instanceof KiteException)
        {
            final KiteException kite = (KiteException)cause;
            if (BrokerRequestType.PLACE == request.type && kite.type().outcomeUnknown())
            {
                unknownPlacements.computeIfAbsent(request.accountId, (id) -> ConcurrentHashMap.newKeySet())
                    .add(request.clientOrderId);
            }
            reject(replies, request, kite.type().brokerErrorType(), kite.httpStatus(), kite.reason());
        }
        else
        {
            reject(replies, request, KiteErrorType.GENERAL.brokerErrorType(), 0, String.valueOf(cause));
        }
    }

    private void reject(
        final BrokerReplies replies,
        final Request request,
        final BrokerErrorType errorType,
        final int httpStatus,
        final String message)
    {
        replies.reject(clock.nanoTime(), request.accountId, request.clientOrderId, request.type, errorType,
            Math.max(0, Math.min(0xFFFF, httpStatus)),
            message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message);
    }

    private void publish(final int length)
    {
        if (!publisher.publish(out, 0, length))
        {
            final long count = droppedCommands.incrementAndGet();
            LOGGER.log(System.Logger.Level.ERROR, "ring refused a broker reply (" + count + " so far)");
        }
    }

    private static Request decode(final BrokerRequestEventDecoder d)
    {
        final Request request = new Request();
        request.accountId = d.accountId();
        request.clientOrderId = d.clientOrderId();
        request.type = d.requestType();
        request.brokerOrderId = d.brokerOrderId().trim();
        request.instrumentToken = d.instrumentToken();
        request.exchange = d.exchange().name();
        request.side = KiteEnums.side(d.side());
        request.orderTypeEnum = d.orderType();
        request.orderType = KiteEnums.orderType(d.orderType());
        request.product = KiteEnums.product(d.product());
        request.validityEnum = d.validity();
        request.validity = KiteEnums.validity(d.validity());
        request.variety = KiteEnums.variety(d.variety());
        request.qty = d.qty();
        request.pricePaise = d.pricePaise();
        request.triggerPricePaise = d.triggerPricePaise();
        request.disclosedQty = d.disclosedQty();
        request.validityTtlMinutes = d.validityTtlMinutes();
        request.marketProtectionPct = d.marketProtectionPct();
        request.icebergLegs = d.icebergLegs();
        request.icebergQty = d.icebergQty();
        request.tradingsymbol = d.tradingsymbol().trim();
        request.tag = d.tag().trim();
        request.parentOrderId = d.parentOrderId();
        request.auctionNumber = d.auctionNumber();
        return request;
    }

    /**
     * @return the price in the instrument's unit, or {@link #NO_PRICE} (said in the log, naming {@code what}) when
     * it is beyond what a price field holds: Kite's reply is refused for that one item, not the whole reconciliation.
     */
    private static long priceUnits(final BigDecimal rupees, final long instrumentToken, final String what)
    {
        try
        {
            return KitePrices.toUnits(rupees, KitePrices.segmentOf(instrumentToken));
        }
        catch (final ArithmeticException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, what + " skipped: average_price " + rupees +
                " is beyond what a price holds");
            return NO_PRICE;
        }
    }

    private static boolean fitsBrokerId(final String id)
    {
        if (null == id || id.isEmpty() || id.length() > 24)
        {
            return false;
        }
        for (int i = 0; i < id.length(); i++)
        {
            if (id.charAt(i) > 0x7E || id.charAt(i) < 0x20)
            {
                return false;
            }
        }
        return true;
    }

    private static long istToEpochSeconds(final String text)
    {
        if (null == text || text.isEmpty())
        {
            return 0;
        }
        try
        {
            return KiteTimes.epochSeconds(text);
        }
        catch (final DateTimeParseException ex)
        {
            return 0;
        }
    }

    /** One decoded request, handed from the router thread to the HTTP reply threads. */
    private static final class Request
    {
        long accountId;
        long clientOrderId;
        BrokerRequestType type;
        String brokerOrderId;
        long instrumentToken;
        String exchange;
        String side;
        OrderType orderTypeEnum;
        String orderType;
        String product;
        Validity validityEnum;
        String validity;
        String variety;
        long qty;
        long pricePaise;
        long triggerPricePaise;
        long disclosedQty;
        int validityTtlMinutes;
        int marketProtectionPct;
        int icebergLegs;
        long icebergQty;
        String tradingsymbol;
        String tag;
        /** The entry of a cover order's stop-loss leg (Kite wants it to modify or exit the leg), empty for none. */
        String parentOrderId;
        /** Kite's auction_number of an auction order, empty for other varieties. */
        String auctionNumber;

        String invalidField()
        {
            if (BrokerRequestType.PLACE != type && BrokerRequestType.MODIFY != type && BrokerRequestType.CANCEL != type)
            {
                return "requestType: expected PLACE, MODIFY or CANCEL, was " + type;
            }
            if (null == variety)
            {
                return "variety: expected REGULAR, AMO, CO, ICEBERG or AUCTION";
            }
            if (BrokerRequestType.PLACE != type)
            {
                if (brokerOrderId.isEmpty())
                {
                    return "brokerOrderId: required to " + type;
                }
                if (BrokerRequestType.CANCEL == type)
                {
                    return null;
                }
            }
            if (null == orderType)
            {
                return "orderType: expected MARKET, LIMIT, SL or SL_M";
            }
            if (qty <= 0)
            {
                return "qty: must be > 0, was " + qty;
            }
            if (BrokerRequestType.MODIFY == type)
            {
                return null;
            }
            if (tradingsymbol.isEmpty())
            {
                return "tradingsymbol: required";
            }
            if ("NULL_VAL".equals(exchange) || "SBE_UNKNOWN".equals(exchange))
            {
                return "exchange: expected NSE, NFO, CDS, BSE, BFO, BCD, MCX or MCXSX";
            }
            if (null == side)
            {
                return "side: expected BUY or SELL";
            }
            if (null == product)
            {
                return "product: expected CNC, NRML, MIS, MTF, CO or BO";
            }
            if (tag.length() > KiteOrderParams.MAX_TAG_LENGTH)
            {
                return "tag: Kite accepts at most 20 characters, was " + tag.length();
            }
            return null;
        }

        KiteOrderParams params()
        {
            final int segment = KitePrices.segmentOf(instrumentToken);
            final boolean limitPrice = OrderType.LIMIT == orderTypeEnum || OrderType.SL == orderTypeEnum;
            final boolean trigger = OrderType.SL == orderTypeEnum || OrderType.SL_M == orderTypeEnum ||
                ("co".equals(variety) && triggerPricePaise > 0);
            return new KiteOrderParams(
                exchange,
                tradingsymbol,
                side,
                orderType,
                qty,
                product,
                limitPrice ? KitePrices.format(pricePaise, segment) : null,
                trigger ? KitePrices.format(triggerPricePaise, segment) : null,
                disclosedQty,
                validity,
                Validity.TTL == validityEnum ? validityTtlMinutes : 0,
                "iceberg".equals(variety) ? icebergLegs : 0,
                icebergQty,
                OrderType.MARKET == orderTypeEnum || OrderType.SL_M == orderTypeEnum ? marketProtectionPct : 0,
                tag.isEmpty() ? null : tag,
                auctionNumber.isEmpty() ? null : auctionNumber,
                parentOrderId.isEmpty() ? null : parentOrderId);
        }
    }
}
