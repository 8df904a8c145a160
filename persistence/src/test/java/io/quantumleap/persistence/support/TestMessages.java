package io.quantumleap.persistence.support;

import io.quantumleap.engine.protocol.BrokerConversionEventEncoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.FillEventEncoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventEncoder;
import io.quantumleap.engine.protocol.KillSwitchEventEncoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderEventEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.PositionEventEncoder;
import io.quantumleap.engine.protocol.PositionType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventEncoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandEncoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

public final class TestMessages
{
    public static final long DAY_NS = 86_400_000_000_000L;
    public static final long T0_NS = 1_796_000_000_000_000_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MarketDataCommandEncoder tick = new MarketDataCommandEncoder();
    /** The status message of every REJECTED order built here. */
    public static final String REJECTION = "Insufficient funds. Required margin is 1500.00 but available is 10.00.";

    private final OrderEventEncoder order = new OrderEventEncoder();
    private final FillEventEncoder fill = new FillEventEncoder();
    private final PositionEventEncoder position = new PositionEventEncoder();
    private final RejectEventEncoder reject = new RejectEventEncoder();
    private final KillSwitchEventEncoder killSwitch = new KillSwitchEventEncoder();
    private final BrokerConversionEventEncoder brokerConversion = new BrokerConversionEventEncoder();
    private final InstrumentsLoadedEventEncoder instrumentsLoaded = new InstrumentsLoadedEventEncoder();
    private long inputSequence = 1;
    private final TimerCommandEncoder timer = new TimerCommandEncoder();

    public byte[] tick(final long timestampNs, final long token, final long lastPricePaise, final long volume)
    {
        tick.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .instrumentToken(token)
            .mode(TickMode.FULL)
            .lastPricePaise(lastPricePaise)
            .lastTradedQty(10)
            .averageTradedPricePaise(lastPricePaise)
            .volumeTraded(volume)
            .totalBuyQty(1000)
            .totalSellQty(2000)
            .openPricePaise(lastPricePaise - 100)
            .highPricePaise(lastPricePaise + 200)
            .lowPricePaise(lastPricePaise - 300)
            .closePricePaise(lastPricePaise - 50)
            .priceChangePaise(50)
            .lastTradeTimeS(timestampNs / 1_000_000_000L)
            .oi(0)
            .oiDayHigh(0)
            .oiDayLow(0)
            .exchangeTimeS(timestampNs / 1_000_000_000L);
        tick.bidsCount(1).next().pricePaise(lastPricePaise - 5).qty(7).orders(1);
        tick.asksCount(1).next().pricePaise(lastPricePaise + 5).qty(9).orders(2);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength());
    }

    public byte[] timer(final long timestampNs)
    {
        timer.wrapAndApplyHeader(buffer, 0, header).timestampNs(timestampNs).timerId(1);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength());
    }

    public byte[] order(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final String brokerOrderId,
        final OrderStatus status,
        final long qty,
        final long filledQty)
    {
        return order(timestampNs, accountId, clientOrderId, brokerOrderId, status, qty, filledQty,
            status == OrderStatus.REJECTED ? REJECTION : "");
    }

    public byte[] order(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final String brokerOrderId,
        final OrderStatus status,
        final long qty,
        final long filledQty,
        final String statusMessage)
    {
        return order(timestampNs, accountId, clientOrderId, brokerOrderId, status, qty, filledQty, statusMessage, "");
    }

    public byte[] order(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final String brokerOrderId,
        final OrderStatus status,
        final long qty,
        final long filledQty,
        final String statusMessage,
        final String parentOrderId)
    {
        final boolean cancelled = status == OrderStatus.CANCELLED;
        order.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .brokerOrderId(brokerOrderId)
            .status(status)
            .instrumentToken(738561)
            .side(Side.BUY)
            .orderType(OrderType.LIMIT)
            .product(Product.CNC)
            .validity(Validity.DAY)
            .variety(Variety.REGULAR)
            .qty(qty)
            .filledQty(filledQty)
            .pendingQty(cancelled ? 0 : qty - filledQty)
            .cancelledQty(cancelled ? qty - filledQty : 0)
            .pricePaise(250_000)
            .triggerPricePaise(0)
            .averagePricePaise(filledQty > 0 ? 250_000 : 0)
            .modifyCount(0)
            .exchangeTimeS(0)
            .tag("")
            .disclosedQty(0)
            .validityTtlMinutes(0)
            .marketProtectionPct(0)
            .icebergLegs(0)
            .icebergQty(0)
            .statusMessage(statusMessage)
            .userTag("")
            .parentOrderId(parentOrderId)
            .auctionNumber("");
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
    }

    public byte[] orderWithTerms(
        final long timestampNs,
        final long clientOrderId,
        final long disclosedQty,
        final int ttlMinutes,
        final int marketProtectionPct,
        final int icebergLegs,
        final long icebergQty,
        final String auctionNumber)
    {
        final byte[] plain = order(timestampNs, 7, clientOrderId, "25010100000000" + clientOrderId, OrderStatus.OPEN,
            100, 0);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[plain.length + auctionNumber.length()]);
        bytes.putBytes(0, plain);
        final OrderEventEncoder terms = new OrderEventEncoder().wrap(bytes, MessageHeaderEncoder.ENCODED_LENGTH)
            .disclosedQty(disclosedQty)
            .validityTtlMinutes(ttlMinutes)
            .marketProtectionPct(marketProtectionPct)
            .icebergLegs(icebergLegs)
            .icebergQty(icebergQty);
        terms.limit(plain.length - Integer.BYTES);
        terms.auctionNumber(auctionNumber);
        return bytes.byteArray();
    }

    /** An order event as schema version 6 wrote it: without the order's terms and the auction number. */
    public static byte[] asVersion6(final byte[] orderEvent)
    {
        final int header = MessageHeaderEncoder.ENCODED_LENGTH;
        final int block = OrderEventEncoder.disclosedQtyEncodingOffset();
        final int varData = orderEvent.length - header - OrderEventEncoder.BLOCK_LENGTH - Integer.BYTES;
        final UnsafeBuffer v6 = new UnsafeBuffer(new byte[header + block + varData]);
        v6.putBytes(0, orderEvent, 0, header + block);
        v6.putBytes(header + block, orderEvent, header + OrderEventEncoder.BLOCK_LENGTH, varData);
        v6.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)block, java.nio.ByteOrder.LITTLE_ENDIAN);
        v6.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)6, java.nio.ByteOrder.LITTLE_ENDIAN);
        return v6.byteArray();
    }

    /** A message as schema version 1 wrote it: the first {@code block} bytes of its block and no var data. */
    public static byte[] asVersion1(final byte[] message, final int block)
    {
        final int header = MessageHeaderEncoder.ENCODED_LENGTH;
        final UnsafeBuffer v1 = new UnsafeBuffer(new byte[header + block]);
        v1.putBytes(0, message, 0, header + block);
        v1.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)block, java.nio.ByteOrder.LITTLE_ENDIAN);
        v1.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)1, java.nio.ByteOrder.LITTLE_ENDIAN);
        return v1.byteArray();
    }

    public byte[] fill(
        final long timestampNs, final long accountId, final long clientOrderId, final String brokerOrderId,
        final String tradeId, final long qty)
    {
        fill.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .brokerOrderId(brokerOrderId)
            .tradeId(tradeId)
            .instrumentToken(738561)
            .side(Side.BUY)
            .product(Product.CNC)
            .qty(qty)
            .pricePaise(250_000)
            .exchangeTimeS(timestampNs / 1_000_000_000L);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength());
    }

    public byte[] position(final long timestampNs, final long accountId, final long qty)
    {
        position.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .instrumentToken(738561)
            .product(Product.CNC)
            .qty(qty)
            .overnightQty(0)
            .multiplier(1)
            .buyQty(qty)
            .buyValuePaise(qty * 250_000)
            .sellQty(0)
            .sellValuePaise(0)
            .dayBuyQty(qty)
            .dayBuyValuePaise(qty * 250_000)
            .daySellQty(0)
            .daySellValuePaise(0)
            .averagePricePaise(250_000)
            .lastPricePaise(251_000)
            .closePricePaise(249_000)
            .valuePaise(-qty * 250_000)
            .pnlPaise(qty * 1_000)
            .m2mPaise(qty * 1_000)
            .realisedPaise(0)
            .unrealisedPaise(qty * 1_000);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + position.encodedLength());
    }

    public byte[] reject(final long timestampNs, final long accountId, final long clientOrderId)
    {
        return reject(timestampNs, accountId, clientOrderId, RejectReason.PRICE_OFF_TICK);
    }

    public byte[] reject(
        final long timestampNs, final long accountId, final long clientOrderId, final RejectReason reason)
    {
        reject.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .commandTemplateId(10)
            .reason(reason)
            .limitValue(5)
            .actualValue(3)
            .brokerErrorType(BrokerErrorType.NONE)
            .httpStatus(0)
            .message("");
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength());
    }

    /** The broker refused a placement (HTTP 400, an OrderException) with {@code message}. */
    public byte[] brokerReject(
        final long timestampNs, final long accountId, final long clientOrderId, final String message)
    {
        reject.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .commandTemplateId(10)
            .reason(RejectReason.BROKER_REJECTED)
            .limitValue(io.quantumleap.engine.protocol.BrokerRequestType.PLACE.value())
            .actualValue(400)
            .brokerErrorType(BrokerErrorType.ORDER)
            .httpStatus(400)
            .message(message);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength());
    }

    public byte[] instrument(final long timestampNs, final long token, final String symbol, final long tickSizePaise)
    {
        final io.quantumleap.engine.protocol.InstrumentEventEncoder e =
            new io.quantumleap.engine.protocol.InstrumentEventEncoder();
        e.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .instrumentToken(token)
            .exchange(io.quantumleap.engine.protocol.Exchange.NSE)
            .segment(io.quantumleap.engine.protocol.Segment.NSE)
            .instrumentType(io.quantumleap.engine.protocol.InstrumentType.EQ)
            .tickSizePaise(tickSizePaise)
            .lotSize(1)
            .tradingsymbol(symbol);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    public TestMessages inputSequence(final long sequence)
    {
        inputSequence = sequence;
        return this;
    }

    public byte[] killSwitch(final long timestampNs, final long accountId)
    {
        killSwitch.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .mode(KillSwitchMode.HALT);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + killSwitch.encodedLength());
    }

    public byte[] brokerConversion(final long timestampNs, final long accountId, final long instrumentToken,
        final long qty, final Product oldProduct, final Product newProduct)
    {
        brokerConversion.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .instrumentToken(instrumentToken)
            .side(Side.SELL)
            .positionType(PositionType.OVERNIGHT)
            .qty(qty)
            .oldProduct(oldProduct)
            .newProduct(newProduct);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + brokerConversion.encodedLength());
    }

    public byte[] instrumentsLoaded(final long timestampNs, final long rows, final long published, final int known)
    {
        instrumentsLoaded.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .rows(rows)
            .published(published)
            .instruments(known);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + instrumentsLoaded.encodedLength());
    }

    private byte[] copy(final int length)
    {
        return Arrays.copyOf(buffer.byteArray(), length);
    }
}
