package io.quantumleap.gateway.live;

import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.RiskLimits;
import io.quantumleap.engine.kite.rest.FreezeLimits;
import io.quantumleap.engine.protocol.BrokerSessionEventDecoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.CancelOrderCommandDecoder;
import io.quantumleap.engine.protocol.ConvertPositionCommandDecoder;
import io.quantumleap.engine.protocol.FeedGapEventDecoder;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventDecoder;
import io.quantumleap.engine.protocol.KillSwitchCommandDecoder;
import io.quantumleap.engine.protocol.KillSwitchEventDecoder;
import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.PlaceOrderCommandDecoder;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RiskLimitsCommandDecoder;
import io.quantumleap.engine.protocol.RiskLimitsEventDecoder;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.journal.schema.JournalSchema;
import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * The gateway's read model of the engine: latest market state per instrument, orders with their history, fills
 * and positions per account, built from the engine's event stream.
 *
 * <p>One writer: the thread that polls the engine's event stream calls {@link #onEvent}. HTTP threads read the
 * concurrent maps, which hold immutable snapshots.
 */
public final class LiveState
{
    /** The engine's default limits (account 0) until an admin sets others: enforced, so shown. */
    private static final RiskView.Limits BUILT_IN_DEFAULTS = limits(0, new CoreSettings().defaultLimits());

    /** The publication time of an event that was not timed (replayed from before this process started). */
    public static final long UNMEASURED = Long.MIN_VALUE;
    private static final String MODIFY_VALIDATION_PENDING = Names.status(OrderStatus.MODIFY_VALIDATION_PENDING);
    /** What a cancel the kill switch made says, where the broker says nothing. */
    public static final String PULLED_BY_HALT = "Cancelled by the kill switch (halt): trading is halted.";
    /** An order whose placement, change or cancel the broker has not answered: the engine is asking for it. */
    public static final String OUTCOME_UNKNOWN = "No answer from the broker yet: the engine is checking the broker's " +
        "order book and will show the order as the broker has it (REJECTED if it was never placed).";

    /** The outcome of an order command the API waits for: the first order event, or a reject. */
    public record Outcome(OrderView order, RejectView reject)
    {
    }

    private record OrderKey(long accountId, long clientOrderId)
    {
    }

    private record PositionKey(long accountId, long instrumentToken, String product)
    {
    }

    /** A position conversion waiting for the core: the position event of its new product answers it. */
    private record ConversionKey(long accountId, long commandTimestampNs)
    {
    }

    private record Conversion(String newProduct, CompletableFuture<Outcome> future)
    {
    }

    private final FreezeLimits freezeLimits;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarketUpdateEventDecoder market = new MarketUpdateEventDecoder();
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final FillEventDecoder fill = new FillEventDecoder();
    private final PositionEventDecoder position = new PositionEventDecoder();
    private final RejectEventDecoder reject = new RejectEventDecoder();
    private final InstrumentEventDecoder instrument = new InstrumentEventDecoder();
    private final InstrumentsLoadedEventDecoder instrumentsLoadedEvent = new InstrumentsLoadedEventDecoder();
    private final FeedGapEventDecoder gap = new FeedGapEventDecoder();
    private final BrokerSessionEventDecoder session = new BrokerSessionEventDecoder();
    private final KillSwitchEventDecoder killSwitch = new KillSwitchEventDecoder();
    /** The input sequence of the latest halt: the core's cancels of the working orders it pulls carry it too. */
    private long haltSequence = Long.MIN_VALUE;
    /** Orders a halt pulled, whose cancel then says so while the broker gives no reason of its own. */
    private final java.util.Set<OrderKey> pulledByHalt = ConcurrentHashMap.newKeySet();
    private final RiskLimitsEventDecoder limits = new RiskLimitsEventDecoder();

    private final Map<Long, InstrumentView> instruments = new ConcurrentHashMap<>();
    private final Map<String, InstrumentView> instrumentsByKey = new ConcurrentHashMap<>();
    private final Map<Long, TickJson> ticks = new ConcurrentHashMap<>();
    private final Map<OrderKey, List<OrderView>> orders = new ConcurrentHashMap<>();
    private final Map<String, OrderKey> ordersByBrokerId = new ConcurrentHashMap<>();
    private final Map<Long, List<FillView>> fills = new ConcurrentHashMap<>();
    private final Map<PositionKey, PositionView> positions = new ConcurrentHashMap<>();
    private final Map<OrderKey, Waiter> waiting = new ConcurrentHashMap<>();
    private final Map<Long, Waiter> adminWaiting = new ConcurrentHashMap<>();
    private final Map<ConversionKey, Conversion> conversions = new ConcurrentHashMap<>();
    private final Map<Long, RiskView.Limits> limitsByAccount = new ConcurrentHashMap<>();
    private final Map<Long, String> killSwitches = new ConcurrentHashMap<>();
    private final Map<Long, BrokerSessionState> brokerSessions = new ConcurrentHashMap<>();
    private final java.util.Deque<GapView> gaps = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /**
     * The notice of each gap open now, by connection; guarded by itself, which also orders the gap and kill-switch
     * notices with a client that joins ({@link #join}).
     */
    private final Map<Short, String> openGaps = new TreeMap<>();
    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> accountWatchers = new CopyOnWriteArrayList<>();
    private volatile long lastJournalIndex = -1;
    private volatile long eventsApplied;
    private volatile long rejectsApplied;
    /** Events applied before this process's own (the day replayed at start); -1 until its own start. */
    private volatile long eventsBeforeOwn = -1;
    private volatile long rejectsBeforeOwn;
    private volatile boolean instrumentsLoaded;
    private long publishedNs = UNMEASURED;

    /** A read model whose instruments show the default freeze quantities ({@link FreezeLimits#defaults()}). */
    public LiveState()
    {
        this(FreezeLimits.defaults());
    }

    /**
     * @param freezeLimits gives each instrument the freeze quantity the engine was given with it (the engine's event
     *     does not carry it).
     */
    public LiveState(final FreezeLimits freezeLimits)
    {
        this.freezeLimits = freezeLimits;
    }

    public void addListener(final LiveListener listener)
    {
        listeners.add(listener);
    }

    public void removeListener(final LiveListener listener)
    {
        listeners.remove(listener);
    }

    /**
     * @param watcher told the account of every order, fill and broker session event, and of every position event that
     *                changes a quantity (not those of a new price), before the event is applied, so nothing that
     *                reads this state sees the event before the watcher knows of it; called on the thread that
     *                applies events, must not block.
     */
    public void addAccountWatcher(final LongConsumer watcher)
    {
        accountWatchers.add(watcher);
    }

    public void removeAccountWatcher(final LongConsumer watcher)
    {
        accountWatchers.remove(watcher);
    }

    /**
     * Registers interest in the engine's answer to an order command before it is sent, so the answer cannot be
     * missed. The caller removes it with {@link #forget} when it stops waiting.
     *
     * @param commandTimestampNs the {@code timestampNs} the command carries (its events carry the same).
     */
    public CompletableFuture<Outcome> awaitOutcome(
        final long accountId, final long clientOrderId, final long commandTimestampNs)
    {
        final Waiter waiter = new Waiter(commandTimestampNs, new CompletableFuture<>());
        waiting.put(new OrderKey(accountId, clientOrderId), waiter);
        return waiter.future();
    }

    /**
     * Completes the wait for this order's command with the event it caused: the core stamps every event with the
     * time of the command it handled, so a late event of an earlier command for the same order (a broker update of
     * the first of two places with one client order id) is not taken for the answer.
     */
    private void answer(final OrderKey key, final long eventTimestampNs, final Outcome outcome)
    {
        complete(waiting, key, eventTimestampNs, outcome);
    }

    private static <K> void complete(
        final Map<K, Waiter> waiters, final K key, final long eventTimestampNs, final Outcome outcome)
    {
        final Waiter waiter = waiters.get(key);
        if (waiter != null && waiter.commandTimestampNs() == eventTimestampNs && waiters.remove(key, waiter))
        {
            waiter.future().complete(outcome);
        }
    }

    private record Waiter(long commandTimestampNs, CompletableFuture<Outcome> future)
    {
    }

    /**
     * As {@link #awaitOutcome}, for a risk-limits or kill-switch command of one account (0: the defaults, or every
     * account): the outcome has neither order nor reject when the engine applied it. The caller removes it with
     * {@link #forgetAdmin}.
     */
    public CompletableFuture<Outcome> awaitAdminOutcome(final long accountId, final long commandTimestampNs)
    {
        final Waiter waiter = new Waiter(commandTimestampNs, new CompletableFuture<>());
        adminWaiting.put(accountId, waiter);
        return waiter.future();
    }

    public void forgetAdmin(final long accountId)
    {
        adminWaiting.remove(accountId);
    }

    private void answerAdmin(final long accountId, final long eventTimestampNs, final Outcome outcome)
    {
        complete(adminWaiting, accountId, eventTimestampNs, outcome);
    }

    /**
     * Waits for the core to apply a position conversion command: the outcome has neither order nor reject when it
     * moved the quantity (both positions are then up to date: the new product's position event, carrying the
     * command's time, comes second), a reject when it refused. The caller removes it with {@link #forgetConversion}.
     */
    public CompletableFuture<Outcome> awaitConversion(
        final long accountId, final long commandTimestampNs, final String newProduct)
    {
        final CompletableFuture<Outcome> future = new CompletableFuture<>();
        conversions.put(new ConversionKey(accountId, commandTimestampNs), new Conversion(newProduct, future));
        return future;
    }

    public void forgetConversion(final long accountId, final long commandTimestampNs)
    {
        conversions.remove(new ConversionKey(accountId, commandTimestampNs));
    }

    /** The position of one account in one instrument and product, if it has had one. */
    public Optional<PositionView> position(final long accountId, final long instrumentToken, final String product)
    {
        return Optional.ofNullable(positions.get(new PositionKey(accountId, instrumentToken, product)));
    }

    public void forget(final long accountId, final long clientOrderId)
    {
        waiting.remove(new OrderKey(accountId, clientOrderId));
    }

    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /**
     * @param accountId the account.
     * @return where its broker session stands, as the engine last said; null before the engine said anything.
     */
    public BrokerSessionState brokerSession(final long accountId)
    {
        return brokerSessions.get(accountId);
    }

    /** @return order commands (place, modify, cancel) the engine refused, among the applied events. */
    public long rejectsApplied()
    {
        return rejectsApplied;
    }

    /** @return events applied since start, the day replayed at start included. */
    public long eventsApplied()
    {
        return eventsApplied;
    }

    /**
     * Marks where this process's own events start: every event applied so far was replayed from before it started.
     * Called once, on the thread that applies events, before it applies the first of its own.
     */
    public void ownEventsStart()
    {
        rejectsBeforeOwn = rejectsApplied;
        eventsBeforeOwn = eventsApplied;
    }

    /** @return events of this process's own work applied since it started (the day replayed at start left out). */
    public long ownEventsApplied()
    {
        final long before = eventsBeforeOwn;
        return before < 0 ? 0 : eventsApplied - before;
    }

    /** @return order commands the engine refused in this process's own work (rejects replayed at start left out). */
    public long ownRejectsApplied()
    {
        return eventsBeforeOwn < 0 ? 0 : rejectsApplied - rejectsBeforeOwn;
    }

    public Optional<InstrumentView> instrument(final long token)
    {
        return Optional.ofNullable(instruments.get(token));
    }

    public Optional<InstrumentView> instrument(final String exchange, final String tradingsymbol)
    {
        return Optional.ofNullable(instrumentsByKey.get(exchange + ":" + tradingsymbol));
    }

    /**
     * @return whether the core has applied a whole instruments dump since its journal began: until then the
     *     instruments known may be some of the broker's (none before the first login, part while a dump is loading).
     */
    public boolean instrumentsLoaded()
    {
        return instrumentsLoaded;
    }

    public Collection<InstrumentView> instruments()
    {
        return instruments.values();
    }

    public Optional<QuoteView> quote(final long token)
    {
        return Optional.ofNullable(ticks.get(token)).map(TickJson::quoteView);
    }

    /** @return the instrument's last price in rupees from its latest tick, or empty before its first. */
    public Optional<BigDecimal> lastPrice(final long token)
    {
        return Optional.ofNullable(ticks.get(token)).map(TickJson::lastPrice);
    }

    public Optional<TickJson> tick(final long token)
    {
        return Optional.ofNullable(ticks.get(token));
    }

    /** The latest snapshot of every order of the account, in the order they were placed. */
    public List<OrderView> orders(final long accountId)
    {
        return orders(account -> account == accountId);
    }

    /** The latest snapshot of every order of the accounts {@code which} takes, in the order they were placed. */
    public List<OrderView> orders(final LongPredicate which)
    {
        final List<List<OrderView>> histories = new ArrayList<>();
        orders.forEach((k, history) ->
        {
            if (which.test(k.accountId()))
            {
                histories.add(history);
            }
        });
        histories.sort((a, b) -> Long.compare(a.get(0).journalIndex(), b.get(0).journalIndex()));
        return histories.stream().map(history -> history.get(history.size() - 1)).toList();
    }

    /** An order's snapshots, oldest first, found by client order id or broker order id. */
    public List<OrderView> orderHistory(final long accountId, final String id)
    {
        OrderKey key = ordersByBrokerId.get(id);
        if (key == null)
        {
            try
            {
                key = new OrderKey(accountId, Long.parseLong(id));
            }
            catch (final NumberFormatException ex)
            {
                return List.of();
            }
        }
        if (key.accountId() != accountId)
        {
            return List.of();
        }
        final List<OrderView> history = orders.get(key);
        return history == null ? List.of() : List.copyOf(history);
    }

    public List<FillView> fills(final long accountId)
    {
        return List.copyOf(fills.getOrDefault(accountId, List.of()));
    }

    public List<PositionView> positions(final long accountId)
    {
        return positions(account -> account == accountId);
    }

    /**
     * The positions of the accounts {@code which} takes, by account and tradingsymbol. A flat position's last price
     * is the instrument's latest (the core marks only open positions on ticks; as Kite's positions do, a closed one
     * still shows the market).
     */
    public List<PositionView> positions(final LongPredicate which)
    {
        return positions.values().stream().filter(p -> which.test(p.accountId()))
            .map(p -> p.quantity() != 0 ? p : lastPrice(p.instrumentToken()).map(p::withLastPrice).orElse(p))
            .sorted(Comparator.comparingLong(PositionView::accountId)
                .thenComparing(PositionView::tradingsymbol)).toList();
    }

    /** Applies one SBE event from the engine's stream; unknown templates are ignored (newer engines). */
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        onEvent(buffer, offset, length, UNMEASURED);
    }

    /**
     * Applies one SBE event from the engine's stream, noting when it reached the gateway so that the WebSocket
     * fan-out can time its own stage.
     *
     * @param publishedNs epoch ns on the latency clock, or {@link #UNMEASURED}.
     */
    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long publishedNs)
    {
        this.publishedNs = publishedNs;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case MarketUpdateEventDecoder.TEMPLATE_ID -> onMarket(market.wrap(buffer, body, blockLength, version));
            case OrderEventDecoder.TEMPLATE_ID -> onOrder(order.wrap(buffer, body, blockLength, version));
            case FillEventDecoder.TEMPLATE_ID -> onFill(fill.wrap(buffer, body, blockLength, version));
            case PositionEventDecoder.TEMPLATE_ID -> onPosition(position.wrap(buffer, body, blockLength, version));
            case RejectEventDecoder.TEMPLATE_ID -> onReject(reject.wrap(buffer, body, blockLength, version));
            case InstrumentEventDecoder.TEMPLATE_ID ->
                onInstrument(instrument.wrap(buffer, body, blockLength, version));
            case InstrumentsLoadedEventDecoder.TEMPLATE_ID ->
                onInstrumentsLoaded(instrumentsLoadedEvent.wrap(buffer, body, blockLength, version));
            case FeedGapEventDecoder.TEMPLATE_ID -> onGap(gap.wrap(buffer, body, blockLength, version));
            case BrokerSessionEventDecoder.TEMPLATE_ID -> onSession(session.wrap(buffer, body, blockLength, version));
            case KillSwitchEventDecoder.TEMPLATE_ID ->
                onKillSwitch(killSwitch.wrap(buffer, body, blockLength, version));
            case RiskLimitsEventDecoder.TEMPLATE_ID -> onLimits(limits.wrap(buffer, body, blockLength, version));
            default ->
            {
                return;
            }
        }
        eventsApplied++;
    }

    private void onMarket(final MarketUpdateEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        final long token = e.instrumentToken();
        final int richestMode = e.mode() == TickMode.FULL ? 3 : e.mode() == TickMode.QUOTE ? 2 : 1;
        final long sequence = e.inputSequence();
        final long receivedNs = e.timestampNs();
        final TickJson json = new TickJson(
            new MarketFields(e), instruments.get(token), richestMode, sequence, receivedNs, publishedNs);
        ticks.put(token, json);
        for (final LiveListener l : listeners)
        {
            l.onTick(token, json);
        }
    }

    private void onOrder(final OrderEventDecoder e)
    {
        accountChanging(e.accountId());
        lastJournalIndex = e.inputSequence();
        final long token = e.instrumentToken();
        final InstrumentView inst = instruments.get(token);
        final OrderKey key = new OrderKey(e.accountId(), e.clientOrderId());
        final List<OrderView> earlier = orders.get(key);
        final Instant at = Instant.ofEpochSecond(0, e.timestampNs());
        final Instant placedAt = earlier == null || earlier.isEmpty() ? at : earlier.get(0).placedAt();
        if (e.status() == OrderStatus.CANCEL_PENDING && e.inputSequence() == haltSequence)
        {
            pulledByHalt.add(key);
        }
        final String brokerMessage = blankToNull(e.statusMessage());
        final String statusMessage = brokerMessage != null ? brokerMessage :
            pulledByHalt.contains(key) &&
            (e.status() == OrderStatus.CANCEL_PENDING || e.status() == OrderStatus.CANCELLED) ? PULLED_BY_HALT :
            e.status() == OrderStatus.UNKNOWN ? OUTCOME_UNKNOWN : null;
        final String userTag = blankToNull(e.userTag());
        final String parentOrderId = blankToNull(e.parentOrderId());
        final OrderView view = new OrderView(e.accountId(), e.clientOrderId(), blankToNull(e.brokerOrderId()),
            parentOrderId, Names.status(e.status()), inst == null ? null : inst.exchange(),
            inst == null ? null : inst.tradingsymbol(),
            token, Names.of(e.side()), Names.orderType(e.orderType()), Names.of(e.product()), Names.of(e.validity()),
            Names.variety(e.variety()), e.qty(), e.filledQty(), e.pendingQty(), e.cancelledQty(),
            Prices.rupees(e.pricePaise(), token), Prices.rupees(e.triggerPricePaise(), token),
            Prices.rupees(e.averagePricePaise(), token), e.modifyCount(), userTag, statusMessage, placedAt, at,
            e.inputSequence(), e.exchangeTimeS() > 0 ? Instant.ofEpochSecond(e.exchangeTimeS()) : null,
            JournalSchema.orNull(e.disclosedQty(), OrderEventDecoder.disclosedQtyNullValue()),
            JournalSchema.orNull(e.validityTtlMinutes(), OrderEventDecoder.validityTtlMinutesNullValue()),
            JournalSchema.orNull(e.marketProtectionPct(), OrderEventDecoder.marketProtectionPctNullValue()),
            JournalSchema.orNull(e.icebergLegs(), OrderEventDecoder.icebergLegsNullValue()),
            JournalSchema.orNull(e.icebergQty(), OrderEventDecoder.icebergQtyNullValue()),
            blankToNull(e.auctionNumber()));
        final List<OrderView> history = orders.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        if (!history.isEmpty() && isSameModifyStep(history.get(history.size() - 1), view))
        {
            history.set(history.size() - 1, view);
        }
        else
        {
            history.add(view);
        }
        if (view.orderId() != null)
        {
            ordersByBrokerId.put(view.orderId(), key);
        }
        answer(key, e.timestampNs(), new Outcome(view, null));
        for (final LiveListener l : listeners)
        {
            l.onOrder(view);
        }
    }

    /**
     * The engine shows a modification as MODIFY VALIDATION PENDING when it sends it, and the broker's own update of
     * that step follows with the new terms: one step of the order's history, shown once with the latest terms.
     */
    private static boolean isSameModifyStep(final OrderView earlier, final OrderView later)
    {
        return MODIFY_VALIDATION_PENDING.equals(later.status()) && later.status().equals(earlier.status()) &&
            later.filledQuantity() == earlier.filledQuantity();
    }

    private void onFill(final FillEventDecoder e)
    {
        accountChanging(e.accountId());
        lastJournalIndex = e.inputSequence();
        final long token = e.instrumentToken();
        final InstrumentView inst = instruments.get(token);
        final FillView view = new FillView(e.accountId(), e.clientOrderId(), blankToNull(e.brokerOrderId()),
            blankToNull(e.tradeId()), inst == null ? null : inst.exchange(), inst == null ? null : inst.tradingsymbol(),
            token, Names.of(e.side()), Names.of(e.product()), e.qty(), Prices.rupees(e.pricePaise(), token),
            Instant.ofEpochSecond(0, e.timestampNs()), e.inputSequence());
        fills.computeIfAbsent(view.accountId(), k -> new CopyOnWriteArrayList<>()).add(view);
    }

    private void onPosition(final PositionEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        final long token = e.instrumentToken();
        final InstrumentView inst = instruments.get(token);
        final PositionKey positionKey = new PositionKey(e.accountId(), token, Names.of(e.product()));
        final PositionView held = positions.get(positionKey);
        if (held == null || held.quantity() != e.qty() || held.overnightQuantity() != e.overnightQty() ||
            held.buyQuantity() != e.buyQty() || held.sellQuantity() != e.sellQty())
        {
            accountChanging(e.accountId());
        }
        final PositionView view = new PositionView(e.accountId(), inst == null ? null : inst.exchange(),
            inst == null ? String.valueOf(token) : inst.tradingsymbol(), token, positionKey.product(), e.qty(),
            e.overnightQty(), e.multiplier(), Prices.rupees(e.averagePricePaise(), token),
            Prices.rupees(e.lastPricePaise(), token), Prices.rupees(e.closePricePaise(), token),
            money(e.valuePaise()), money(e.pnlPaise()), money(e.m2mPaise()), money(e.realisedPaise()),
            money(e.unrealisedPaise()),
            e.buyQty(), Prices.average(e.buyValuePaise(), e.buyQty(), e.multiplier(), token), money(e.buyValuePaise()),
            e.sellQty(), Prices.average(e.sellValuePaise(), e.sellQty(), e.multiplier(), token),
            money(e.sellValuePaise()),
            e.dayBuyQty(), Prices.average(e.dayBuyValuePaise(), e.dayBuyQty(), e.multiplier(), token),
            money(e.dayBuyValuePaise()),
            e.daySellQty(), Prices.average(e.daySellValuePaise(), e.daySellQty(), e.multiplier(), token),
            money(e.daySellValuePaise()));
        positions.put(positionKey, view);
        for (final LiveListener l : listeners)
        {
            l.onPosition(view);
        }
        if (!conversions.isEmpty())
        {
            final ConversionKey key = new ConversionKey(view.accountId(), e.timestampNs());
            final Conversion conversion = conversions.get(key);
            if (conversion != null && conversion.newProduct().equals(view.product()) &&
                conversions.remove(key, conversion))
            {
                conversion.future().complete(new Outcome(null, null));
            }
        }
    }

    private void onReject(final RejectEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        final int command = e.commandTemplateId();
        if (command == PlaceOrderCommandDecoder.TEMPLATE_ID || command == ModifyOrderCommandDecoder.TEMPLATE_ID ||
            command == CancelOrderCommandDecoder.TEMPLATE_ID)
        {
            rejectsApplied++;
        }
        final RejectView view = new RejectView(e.accountId(), e.clientOrderId(), e.reason().name(), e.limitValue(),
            e.actualValue());
        if (command == RiskLimitsCommandDecoder.TEMPLATE_ID || command == KillSwitchCommandDecoder.TEMPLATE_ID)
        {
            answerAdmin(view.accountId(), e.timestampNs(), new Outcome(null, view));
            return;
        }
        if (command == ConvertPositionCommandDecoder.TEMPLATE_ID)
        {
            final Conversion conversion = conversions.remove(new ConversionKey(view.accountId(), e.timestampNs()));
            if (conversion != null)
            {
                conversion.future().complete(new Outcome(null, view));
            }
            return;
        }
        answer(new OrderKey(view.accountId(), view.clientOrderId()), e.timestampNs(), new Outcome(null, view));
    }

    private void onInstrument(final InstrumentEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        final long token = e.instrumentToken();
        final InstrumentView view = new InstrumentView(token, e.exchange().name(), e.tradingsymbol().trim(),
            InstrumentView.dumpSegment(e.segment().name(), e.instrumentType().name()),
            e.instrumentType().name(), Prices.rupees(e.tickSizePaise(), token), e.lotSize(),
            freezeLimits.freezeQty(e.segment(), e.tradingsymbol().trim()));
        final InstrumentView previous = instruments.put(token, view);
        if (previous != null)
        {
            instrumentsByKey.remove(previous.key(), previous);
        }
        instrumentsByKey.put(view.key(), view);
    }

    private void onInstrumentsLoaded(final InstrumentsLoadedEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        instrumentsLoaded = true;
    }

    private void onGap(final FeedGapEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        gaps.addLast(new GapView(e.connectionId(), e.state().name().toLowerCase(java.util.Locale.ROOT),
            Instant.ofEpochSecond(0, e.timestampNs())));
        while (gaps.size() > 100)
        {
            gaps.pollFirst();
        }
        final String notice = "{\"type\":\"gap\",\"data\":{\"connection\":" + e.connectionId() + ",\"state\":\"" +
            e.state().name().toLowerCase(java.util.Locale.ROOT) + "\",\"last_message_ns\":" + e.lastMessageNs() + "}}";
        synchronized (openGaps)
        {
            if (e.state() == GapState.GAP_STARTED)
            {
                openGaps.put(e.connectionId(), notice);
            }
            else
            {
                openGaps.remove(e.connectionId());
            }
            notice(notice);
        }
    }

    /**
     * Registers a new live client with {@code join}, then hands {@code to} the notice of every feed gap open now and
     * of every kill switch set since the start, off again or not: a client that connects during a gap or a halt
     * learns of it (a dashboard opened then shows it, one that reconnects drops a switch turned off meanwhile), and
     * no such notice comes between the two (one that follows reaches the client as registered).
     */
    public void join(final Runnable join, final java.util.function.Consumer<String> to)
    {
        synchronized (openGaps)
        {
            join.run();
            openGaps.values().forEach(to);
            new TreeMap<>(killSwitches).forEach((accountId, mode) -> to.accept(killSwitchNotice(accountId, mode)));
        }
    }

    private static String killSwitchNotice(final long accountId, final String mode)
    {
        return "{\"type\":\"kill_switch\",\"data\":{\"account_id\":" + accountId + ",\"mode\":\"" + mode + "\"}}";
    }

    private void onSession(final BrokerSessionEventDecoder e)
    {
        accountChanging(e.accountId());
        lastJournalIndex = e.inputSequence();
        final BrokerSessionState state = e.state();
        if (state != BrokerSessionState.NULL_VAL && state != BrokerSessionState.SBE_UNKNOWN)
        {
            brokerSessions.put(e.accountId(), state);
        }
        notice("{\"type\":\"broker\",\"data\":{\"account_id\":" + e.accountId() + ",\"state\":\"" +
            e.state().name().toLowerCase(java.util.Locale.ROOT) + "\",\"token_expiry\":" + e.tokenExpiryS() + "}}");
    }

    private void onKillSwitch(final KillSwitchEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        final String mode = e.mode().name().toLowerCase(java.util.Locale.ROOT);
        if (e.mode() == io.quantumleap.engine.protocol.KillSwitchMode.HALT)
        {
            haltSequence = e.inputSequence();
        }
        synchronized (openGaps)
        {
            killSwitches.put(e.accountId(), mode);
            notice(killSwitchNotice(e.accountId(), mode));
        }
        answerAdmin(e.accountId(), e.timestampNs(), new Outcome(null, null));
    }

    private static RiskView.Limits limits(final long accountId, final RiskLimits l)
    {
        return new RiskView.Limits(accountId, Prices.rupees(l.maxOrderValuePaise()), l.maxPositionQty(),
            l.priceBandBps(), l.ordersPerSecond(), l.ordersPerMinute(), l.ordersPerDay());
    }

    private void onLimits(final RiskLimitsEventDecoder e)
    {
        lastJournalIndex = e.inputSequence();
        limitsByAccount.put(e.accountId(), limits(e.accountId(), new RiskLimits(e.maxOrderValuePaise(),
            e.maxPositionQty(), e.priceBandBps(), e.ordersPerSecond(), e.ordersPerMinute(), e.ordersPerDay())));
        answerAdmin(e.accountId(), e.timestampNs(), new Outcome(null, null));
    }

    /** The latest feed gap notices (started and ended), oldest first, at most 100. */
    public List<GapView> gaps()
    {
        return List.copyOf(gaps);
    }

    /** Limits and kill switches now in force; account 0 holds the defaults and the global switch. */
    public RiskView risk()
    {
        final Map<Long, RiskView.Limits> limits = new TreeMap<>(limitsByAccount);
        limits.putIfAbsent(0L, BUILT_IN_DEFAULTS);
        return new RiskView(List.copyOf(limits.values()), killSwitches.entrySet().stream()
            .sorted(Map.Entry.comparingByKey()).map(e -> new RiskView.KillSwitch(e.getKey(), e.getValue())).toList());
    }

    /** @return the limits in force for an account: its own, or else the defaults of account 0. */
    public RiskView.Limits limitsFor(final long accountId)
    {
        final RiskView.Limits own = limitsByAccount.get(accountId);
        return own != null ? own : limitsByAccount.getOrDefault(0L, BUILT_IN_DEFAULTS);
    }

    /** @return the kill switch in force for an account, its own or the global one: halt, reduce_only or off. */
    public String killSwitchFor(final long accountId)
    {
        final String global = killSwitches.getOrDefault(0L, "off");
        final String own = killSwitches.getOrDefault(accountId, "off");
        return "halt".equals(global) || "halt".equals(own) ? "halt" :
            "off".equals(global) ? own : global;
    }

    private void accountChanging(final long accountId)
    {
        for (final LongConsumer watcher : accountWatchers)
        {
            watcher.accept(accountId);
        }
    }

    private void notice(final String json)
    {
        for (final LiveListener l : listeners)
        {
            l.onNotice(json);
        }
    }

    private static BigDecimal money(final long paise)
    {
        return Prices.rupees(paise);
    }

    private static String blankToNull(final String s)
    {
        final String trimmed = s == null ? "" : s.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
