package io.quantumleap.engine.testing;

import io.quantumleap.engine.protocol.AccountCommandEncoder;
import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.BrokerAckCommandEncoder;
import io.quantumleap.engine.protocol.BrokerPositionCommandEncoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionCommandEncoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.CancelOrderCommandEncoder;
import io.quantumleap.engine.protocol.ConvertPositionCommandEncoder;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.FeedGapCommandEncoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandEncoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.BrokerHoldingsCommandEncoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedCommandEncoder;
import io.quantumleap.engine.protocol.KillSwitchCommandEncoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandEncoder;
import io.quantumleap.engine.protocol.OvernightPositionCommandEncoder;
import io.quantumleap.engine.protocol.PlaceOrderCommandEncoder;
import io.quantumleap.engine.protocol.PositionType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RiskLimitsCommandEncoder;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.OrderBookCommandEncoder;
import io.quantumleap.engine.protocol.TimerCommandEncoder;
import io.quantumleap.engine.protocol.TradeCommandEncoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes test commands into one reusable buffer: each method returns the command's length (header included),
 * the bytes are at offset 0 of {@link #buffer()} until the next call. Ids given as strings allocate: fine in
 * tests, not for allocation measurements (pre-encode those).
 */
public final class Commands
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MarketDataCommandEncoder marketData = new MarketDataCommandEncoder();
    private final InstrumentDefinitionCommandEncoder instrument = new InstrumentDefinitionCommandEncoder();
    private final InstrumentsLoadedCommandEncoder instrumentsLoaded = new InstrumentsLoadedCommandEncoder();
    private final BrokerHoldingsCommandEncoder holdings = new BrokerHoldingsCommandEncoder();
    private final AccountCommandEncoder account = new AccountCommandEncoder();
    private final PlaceOrderCommandEncoder place = new PlaceOrderCommandEncoder();
    private final ModifyOrderCommandEncoder modify = new ModifyOrderCommandEncoder();
    private final CancelOrderCommandEncoder cancel = new CancelOrderCommandEncoder();
    private final BrokerAckCommandEncoder ack = new BrokerAckCommandEncoder();
    private final BrokerRejectCommandEncoder brokerReject = new BrokerRejectCommandEncoder();
    private final OrderUpdateCommandEncoder orderUpdate = new OrderUpdateCommandEncoder();
    private final TradeCommandEncoder trade = new TradeCommandEncoder();
    private final OvernightPositionCommandEncoder overnight = new OvernightPositionCommandEncoder();
    private final ConvertPositionCommandEncoder convert = new ConvertPositionCommandEncoder();
    private final BrokerPositionCommandEncoder brokerPosition = new BrokerPositionCommandEncoder();
    private final RiskLimitsCommandEncoder limits = new RiskLimitsCommandEncoder();
    private final KillSwitchCommandEncoder killSwitch = new KillSwitchCommandEncoder();
    private final BrokerSessionCommandEncoder session = new BrokerSessionCommandEncoder();
    private final FeedGapCommandEncoder feedGap = new FeedGapCommandEncoder();
    private final OrderBookCommandEncoder orderBook = new OrderBookCommandEncoder();
    private final TimerCommandEncoder timer = new TimerCommandEncoder();
    private int length;

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** @return the length of the last encoded command. */
    public int length()
    {
        return length;
    }

    private int done(final int messageLength)
    {
        length = MessageHeaderEncoder.ENCODED_LENGTH + messageLength;
        return length;
    }

    public int instrument(
        final long ts, final long token, final Exchange exchange, final Segment segment, final InstrumentType type,
        final long tickSizePaise, final int lotSize, final long freezeQty, final int multiplier, final String symbol)
    {
        final InstrumentDefinitionCommandEncoder e = instrument.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).instrumentToken(token).exchangeToken(token >>> 8).exchange(exchange).segment(segment)
            .instrumentType(type).tickSizePaise(tickSizePaise).lotSize(lotSize).freezeQty(freezeQty)
            .multiplier(multiplier).expiryEpochDay(0).strikePricePaise(0).lowerCircuitPaise(0).upperCircuitPaise(0)
            .tradingsymbol(symbol).name(symbol);
        return done(e.encodedLength());
    }

    /** The broker's holdings of an account, all in one part: pairs of instrument token and quantity. */
    public int holdings(final long ts, final long accountId, final long... tokenAndQuantity)
    {
        return holdings(ts, accountId, true, tokenAndQuantity);
    }

    /** One part of the broker's holdings of an account: pairs of instrument token and quantity. */
    public int holdings(final long ts, final long accountId, final boolean first, final long... tokenAndQuantity)
    {
        final BrokerHoldingsCommandEncoder e = holdings.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).first(first ? BooleanType.TRUE : BooleanType.FALSE);
        final BrokerHoldingsCommandEncoder.HoldingsEncoder rows = e.holdingsCount(tokenAndQuantity.length / 2);
        for (int i = 0; i + 1 < tokenAndQuantity.length; i += 2)
        {
            rows.next().instrumentToken(tokenAndQuantity[i]).quantity(tokenAndQuantity[i + 1]);
        }
        return done(e.encodedLength());
    }

    public int instrumentsLoaded(final long ts, final long rows, final long published)
    {
        final InstrumentsLoadedCommandEncoder e = instrumentsLoaded.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).rows(rows).published(published).rejected(rows - published).dropped(0);
        return done(e.encodedLength());
    }

    /** An NSE equity: tick 5 paise, lot 1, multiplier 1. */
    public int equity(final long ts, final long token, final String symbol)
    {
        return instrument(ts, token, Exchange.NSE, Segment.NSE, InstrumentType.EQ, 5, 1, 0, 1, symbol);
    }

    public int account(final long ts, final long accountId, final String userId)
    {
        final AccountCommandEncoder e = account.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).brokerUserId(userId);
        return done(e.encodedLength());
    }

    /** A tick in LTP or QUOTE mode (no depth). */
    public int tick(
        final long ts, final long token, final TickMode mode, final long ltp, final long volume, final long close)
    {
        final MarketDataCommandEncoder e = marketData.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).instrumentToken(token).mode(mode).tradable(BooleanType.TRUE).connectionId((short)0)
            .lastPricePaise(ltp).lastTradedQty(1).averageTradedPricePaise(ltp).volumeTraded(volume)
            .totalBuyQty(volume / 2).totalSellQty(volume / 2).openPricePaise(close).highPricePaise(Math.max(ltp, close))
            .lowPricePaise(Math.min(ltp, close)).closePricePaise(close).priceChangePaise(0)
            .lastTradeTimeS(ts / 1_000_000_000L)
            .oi(0).oiDayHigh(0).oiDayLow(0).exchangeTimeS(ts / 1_000_000_000L);
        e.bidsCount(0);
        e.asksCount(0);
        return done(e.encodedLength());
    }

    /** A FULL mode tick with five levels each side, one tick apart around LTP. */
    public int fullTick(
        final long ts, final long token, final long ltp, final long volume, final long close, final long tick)
    {
        final MarketDataCommandEncoder e = marketData.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).instrumentToken(token).mode(TickMode.FULL).tradable(BooleanType.TRUE).connectionId((short)1)
            .lastPricePaise(ltp).lastTradedQty(10).averageTradedPricePaise(ltp).volumeTraded(volume)
            .totalBuyQty(volume / 2).totalSellQty(volume / 2).openPricePaise(close).highPricePaise(Math.max(ltp, close))
            .lowPricePaise(Math.min(ltp, close)).closePricePaise(close).priceChangePaise(0)
            .lastTradeTimeS(ts / 1_000_000_000L)
            .oi(volume / 3).oiDayHigh(volume / 2).oiDayLow(volume / 4).exchangeTimeS(ts / 1_000_000_000L);
        final MarketDataCommandEncoder.BidsEncoder bids = e.bidsCount(5);
        for (int i = 0; i < 5; i++)
        {
            bids.next().pricePaise(ltp - (i + 1) * tick).qty(100L * (i + 1)).orders(i + 1);
        }
        final MarketDataCommandEncoder.AsksEncoder asks = e.asksCount(5);
        for (int i = 0; i < 5; i++)
        {
            asks.next().pricePaise(ltp + (i + 1) * tick).qty(90L * (i + 1)).orders(i + 2);
        }
        return done(e.encodedLength());
    }

    public int place(
        final long ts, final long accountId, final long clientOrderId, final long token, final Side side,
        final OrderType type, final Product product, final long qty, final long pricePaise, final long triggerPaise,
        final int marketProtectionPct)
    {
        return place(ts, accountId, clientOrderId, token, side, type, product, qty, pricePaise, triggerPaise,
            marketProtectionPct, Validity.DAY, 0);
    }

    /** A REGULAR order with the given validity (TTL minutes matter only for TTL). */
    public int place(
        final long ts, final long accountId, final long clientOrderId, final long token, final Side side,
        final OrderType type, final Product product, final long qty, final long pricePaise, final long triggerPaise,
        final int marketProtectionPct, final Validity validity, final int ttlMinutes)
    {
        final PlaceOrderCommandEncoder e = place.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).instrumentToken(token).side(side)
            .orderType(type).product(product).validity(validity).variety(Variety.REGULAR).qty(qty)
            .pricePaise(pricePaise).triggerPricePaise(triggerPaise).disclosedQty(0).validityTtlMinutes(ttlMinutes)
            .marketProtectionPct(marketProtectionPct).icebergLegs(0).icebergQty(0).tag("").auctionNumber("");
        return done(e.encodedLength());
    }

    /** A LIMIT CNC sell of holdings into the exchange auction of this number (empty: none given). */
    public int auction(
        final long ts, final long accountId, final long clientOrderId, final long token, final long qty,
        final long pricePaise, final String auctionNumber)
    {
        final PlaceOrderCommandEncoder e = place.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).instrumentToken(token).side(Side.SELL)
            .orderType(OrderType.LIMIT).product(Product.CNC).validity(Validity.DAY).variety(Variety.AUCTION).qty(qty)
            .pricePaise(pricePaise).triggerPricePaise(0).disclosedQty(0).validityTtlMinutes(0)
            .marketProtectionPct(0).icebergLegs(0).icebergQty(0).tag("").auctionNumber(auctionNumber);
        return done(e.encodedLength());
    }

    /** A cover order: a MARKET or LIMIT entry with the trigger of its stop-loss leg, product CO. */
    public int cover(
        final long ts, final long accountId, final long clientOrderId, final long token, final Side side,
        final OrderType type, final long qty, final long pricePaise, final long triggerPaise)
    {
        place(ts, accountId, clientOrderId, token, side, type, Product.CO, qty, pricePaise, triggerPaise, 2);
        place.variety(Variety.CO);
        return done(place.encodedLength());
    }

    /** A LIMIT DAY REGULAR MIS order placed with a tag. */
    public int tagged(
        final long ts, final long accountId, final long clientOrderId, final long token, final Side side,
        final long qty, final long pricePaise, final String tag)
    {
        place(ts, accountId, clientOrderId, token, side, OrderType.LIMIT, Product.MIS, qty, pricePaise, 0, 0);
        place.tag(tag);
        return done(place.encodedLength());
    }

        /** A LIMIT MIS order with every validity and variety field given. */
    public int placeWith(
        final long ts, final long accountId, final long clientOrderId, final long token, final long qty,
        final long pricePaise, final Validity validity, final int ttlMinutes, final Variety variety,
        final int icebergLegs, final long icebergQty, final long disclosedQty)
    {
        final PlaceOrderCommandEncoder e = place.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).instrumentToken(token).side(Side.BUY)
            .orderType(OrderType.LIMIT).product(Product.MIS).validity(validity).variety(variety).qty(qty)
            .pricePaise(pricePaise).triggerPricePaise(0).disclosedQty(disclosedQty).validityTtlMinutes(ttlMinutes)
            .marketProtectionPct(0).icebergLegs(icebergLegs).icebergQty(icebergQty).tag("").auctionNumber("");
        return done(e.encodedLength());
    }

    /** A LIMIT DAY REGULAR MIS order. */
    public int limit(
        final long ts, final long accountId, final long clientOrderId, final long token, final Side side,
        final long qty, final long pricePaise)
    {
        return place(ts, accountId, clientOrderId, token, side, OrderType.LIMIT, Product.MIS, qty, pricePaise, 0, 0);
    }

    public int modify(
        final long ts, final long accountId, final long clientOrderId, final OrderType type, final long qty,
        final long pricePaise, final long triggerPaise)
    {
        final ModifyOrderCommandEncoder e = modify.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).orderType(type).validity(Validity.DAY)
            .qty(qty).pricePaise(pricePaise).triggerPricePaise(triggerPaise).disclosedQty(0);
        return done(e.encodedLength());
    }

    public int cancel(final long ts, final long accountId, final long clientOrderId)
    {
        final CancelOrderCommandEncoder e = cancel.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId);
        return done(e.encodedLength());
    }

    public int ack(
        final long ts, final long accountId, final long clientOrderId, final BrokerRequestType type,
        final CharSequence brokerOrderId)
    {
        final BrokerAckCommandEncoder e = ack.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).requestType(type)
            .brokerOrderId(brokerOrderId);
        return done(e.encodedLength());
    }

    public int brokerReject(
        final long ts, final long accountId, final long clientOrderId, final BrokerRequestType type,
        final BrokerErrorType errorType, final String message)
    {
        final BrokerRejectCommandEncoder e = brokerReject.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).requestType(type).errorType(errorType)
            .httpStatus(errorType == BrokerErrorType.TIMEOUT ? 0 : 400).message(message);
        return done(e.encodedLength());
    }

    public int orderUpdate(
        final long ts, final long accountId, final long clientOrderId, final CharSequence brokerOrderId,
        final OrderStatus status, final long token, final Side side, final OrderType type, final Product product,
        final long qty, final long filledQty, final long pricePaise, final long triggerPaise,
        final long averagePricePaise, final long exchangeTimeS)
    {
        return orderUpdate(ts, accountId, clientOrderId, brokerOrderId, status, token, side, type, product, qty,
            filledQty, pricePaise, triggerPaise, averagePricePaise, exchangeTimeS, "");
    }

    /** A broker order update with Kite's status_message. */
    public int orderUpdate(
        final long ts, final long accountId, final long clientOrderId, final CharSequence brokerOrderId,
        final OrderStatus status, final long token, final Side side, final OrderType type, final Product product,
        final long qty, final long filledQty, final long pricePaise, final long triggerPaise,
        final long averagePricePaise, final long exchangeTimeS, final String statusMessage)
    {
        final OrderUpdateCommandEncoder e = orderUpdate.wrapAndApplyHeader(buffer, 0, header);
        final boolean terminal = status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED;
        e.timestampNs(ts).accountId(accountId).clientOrderId(clientOrderId).brokerOrderId(brokerOrderId)
            .exchangeOrderId("X" + brokerOrderId).status(status).instrumentToken(token).side(side).orderType(type)
            .product(product).validity(Validity.DAY).variety(Variety.REGULAR).qty(qty).filledQty(filledQty)
            .pendingQty(terminal ? 0 : qty - filledQty).cancelledQty(terminal ? qty - filledQty : 0)
            .pricePaise(pricePaise).triggerPricePaise(triggerPaise).averagePricePaise(averagePricePaise)
            .exchangeTimeS(exchangeTimeS).parentOrderId("").statusMessage(statusMessage);
        return done(e.encodedLength());
    }

    /**
     * Rewrites the order update just encoded as a version 3 writer wrote it, before {@code parentOrderId} (the last
     * field of the block): the shorter block, the var data right after it.
     */
    public int asVersionThreeOrderUpdate()
    {
        final int body = MessageHeaderEncoder.ENCODED_LENGTH;
        final int shorterBlock = OrderUpdateCommandEncoder.parentOrderIdEncodingOffset();
        final int varData = length - body - OrderUpdateCommandEncoder.BLOCK_LENGTH;
        buffer.putBytes(body + shorterBlock, buffer, body + OrderUpdateCommandEncoder.BLOCK_LENGTH, varData);
        header.wrap(buffer, 0).blockLength(shorterBlock).version(3);
        return done(shorterBlock + varData);
    }

    /** A broker update of a cover order's stop-loss leg: its own order (untagged), naming its entry as parent. */
    public int coverLeg(
        final long ts, final long accountId, final CharSequence brokerOrderId, final String parentOrderId,
        final OrderStatus status, final long token, final Side side, final long qty, final long triggerPaise)
    {
        final OrderUpdateCommandEncoder e = orderUpdate.wrapAndApplyHeader(buffer, 0, header);
        final boolean terminal = status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED ||
            status == OrderStatus.COMPLETE;
        e.timestampNs(ts).accountId(accountId).clientOrderId(OrderUpdateCommandEncoder.clientOrderIdNullValue())
            .brokerOrderId(brokerOrderId).exchangeOrderId("").status(status).instrumentToken(token).side(side)
            .orderType(OrderType.SL_M).product(Product.CO).validity(Validity.DAY).variety(Variety.CO).qty(qty)
            .filledQty(0).pendingQty(terminal ? 0 : qty).cancelledQty(status == OrderStatus.CANCELLED ? qty : 0)
            .pricePaise(0).triggerPricePaise(triggerPaise).averagePricePaise(0).exchangeTimeS(ts / 1_000_000_000L)
            .parentOrderId(parentOrderId).statusMessage("");
        return done(e.encodedLength());
    }

    public int trade(
        final long ts, final long accountId, final CharSequence brokerOrderId, final CharSequence tradeId,
        final long token, final Side side, final Product product, final long qty, final long pricePaise)
    {
        final TradeCommandEncoder e = trade.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).brokerOrderId(brokerOrderId).tradeId(tradeId).instrumentToken(token)
            .side(side).product(product).qty(qty).pricePaise(pricePaise).exchangeTimeS(ts / 1_000_000_000L);
        return done(e.encodedLength());
    }

    public int overnight(
        final long ts, final long accountId, final long token, final Product product, final long qty,
        final long averagePricePaise)
    {
        final OvernightPositionCommandEncoder e = overnight.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).instrumentToken(token).product(product).qty(qty)
            .averagePricePaise(averagePricePaise);
        return done(e.encodedLength());
    }

    public int convert(
        final long ts, final long accountId, final long token, final Side side, final PositionType type,
        final long qty, final Product oldProduct, final Product newProduct)
    {
        final ConvertPositionCommandEncoder e = convert.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).instrumentToken(token).side(side).positionType(type).qty(qty)
            .oldProduct(oldProduct).newProduct(newProduct);
        return done(e.encodedLength());
    }

    /** One product's quantities in a {@link #brokerPosition}: the day's bought and sold, the signed carry. */
    public record Day(Product product, long buyQty, long sellQty, long overnightQty)
    {
    }

    public static Day day(final Product product, final long buyQty, final long sellQty)
    {
        return new Day(product, buyQty, sellQty, 0);
    }

    public static Day carry(final Product product, final long overnightQty)
    {
        return new Day(product, 0, 0, overnightQty);
    }

    public int brokerPosition(final long ts, final long accountId, final long token, final Day... days)
    {
        return brokerPosition(ts, ts, accountId, token, days);
    }

    public int brokerPosition(
        final long ts, final long requestedNs, final long accountId, final long token, final Day... days)
    {
        final BrokerPositionCommandEncoder e = brokerPosition.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).instrumentToken(token).requestedNs(requestedNs);
        final BrokerPositionCommandEncoder.ProductsEncoder products = e.productsCount(days.length);
        for (final Day day : days)
        {
            products.next().product(day.product()).dayBuyQty(day.buyQty()).daySellQty(day.sellQty())
                .overnightQty(day.overnightQty());
        }
        return done(e.encodedLength());
    }

    public int limits(
        final long ts, final long accountId, final long maxOrderValuePaise, final long maxPositionQty,
        final int priceBandBps, final int perSecond, final int perMinute, final int perDay)
    {
        final RiskLimitsCommandEncoder e = limits.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).maxOrderValuePaise(maxOrderValuePaise).maxPositionQty(maxPositionQty)
            .priceBandBps(priceBandBps).ordersPerSecond(perSecond).ordersPerMinute(perMinute).ordersPerDay(perDay);
        return done(e.encodedLength());
    }

    public int killSwitch(final long ts, final long accountId, final KillSwitchMode mode)
    {
        final KillSwitchCommandEncoder e = killSwitch.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).mode(mode).reason("test");
        return done(e.encodedLength());
    }

    public int session(final long ts, final long accountId, final BrokerSessionState state, final long tokenExpiryS)
    {
        final BrokerSessionCommandEncoder e = session.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).state(state).tokenExpiryS(tokenExpiryS);
        return done(e.encodedLength());
    }

    public int feedGap(final long ts, final int connectionId, final GapState state)
    {
        final FeedGapCommandEncoder e = feedGap.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).connectionId((short)connectionId).state(state).lastMessageNs(ts - 5_000_000_000L);
        return done(e.encodedLength());
    }

    public int orderBook(final long ts, final long accountId, final long requestedNs, final int orders)
    {
        final OrderBookCommandEncoder e = orderBook.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).accountId(accountId).requestedNs(requestedNs).orders(orders);
        return done(e.encodedLength());
    }

        public int timer(final long ts, final long timerId)
    {
        final TimerCommandEncoder e = timer.wrapAndApplyHeader(buffer, 0, header);
        e.timestampNs(ts).timerId(timerId);
        return done(e.encodedLength());
    }
}
