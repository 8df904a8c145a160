package io.quantumleap.engine.kite.ticker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.kite.KiteEnums;
import io.quantumleap.engine.kite.rest.KiteTimes;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandEncoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.MutableDirectBuffer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the JSON text frames of the Kite ticker: {@code order} updates become an SBE
 * {@code OrderUpdateCommand}; {@code error} and {@code message} frames become a typed result the feed can
 * log and surface. Text frames are rare, so this runs off the hot path and allocates freely.
 *
 * <p>Never throws for any input: a frame that is not understood yields {@link KiteTextFrame.Invalid} naming
 * the field. Required order fields are {@code order_id}, {@code status} and {@code instrument_token}; the
 * others default to the SBE null value (enums, exchange time) or 0 (quantities, prices) when absent or
 * null. Prices are converted to the instrument's segment unit with {@link KiteTickerProtocol#priceDivisor},
 * rounding half up; Kite's {@code yyyy-mm-dd hh:mm:ss} IST timestamps become Unix seconds, taking
 * {@code exchange_update_timestamp}, else {@code exchange_timestamp}, else {@code order_timestamp}.
 *
 * <p>Owned by one thread (the feed connection's).
 */
public final class KiteTextFrameParser
{
    /** Longest status message kept, in bytes; longer ones are cut. */
    public static final int MAX_STATUS_MESSAGE_BYTES = 1024;

    /** Bytes an OrderUpdateCommand written by this parser can take, message header included. */
    public static final int MAX_ENCODED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        OrderUpdateCommandEncoder.BLOCK_LENGTH + OrderUpdateCommandEncoder.statusMessageHeaderLength() +
        MAX_STATUS_MESSAGE_BYTES;

    /** Prefix of the Kite {@code tag} the engine puts on its own orders, followed by the clientOrderId. */
    public static final String CLIENT_ORDER_TAG_PREFIX = "QL";

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final String[] TIMESTAMP_FIELDS =
        {"exchange_update_timestamp", "exchange_timestamp", "order_timestamp"};

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final OrderUpdateCommandEncoder orderEncoder = new OrderUpdateCommandEncoder();

    /**
     * @param text          the text frame.
     * @param accountId     engine account the connection belongs to.
     * @param receiveTimeNs socket receive time, becomes {@code timestampNs}.
     * @param buffer        where an order update is written; needs {@link #MAX_ENCODED_LENGTH} bytes.
     * @param offset        of the message header.
     * @return the typed result; never null.
     */
    public KiteTextFrame parse(
        final String text,
        final long accountId,
        final long receiveTimeNs,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        try
        {
            return parseOrThrow(text, accountId, receiveTimeNs, buffer, offset);
        }
        catch (final InvalidFieldException ex)
        {
            return new KiteTextFrame.Invalid(ex.field, ex.getMessage());
        }
        catch (final JsonProcessingException ex)
        {
            return new KiteTextFrame.Invalid("json", "not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final RuntimeException ex)
        {
            return new KiteTextFrame.Invalid("json", "could not be parsed: " + ex);
        }
    }

    private KiteTextFrame parseOrThrow(
        final String text,
        final long accountId,
        final long receiveTimeNs,
        final MutableDirectBuffer buffer,
        final int offset) throws JsonProcessingException
    {
        if (text == null || text.isBlank())
        {
            throw new InvalidFieldException("json", "empty text frame; expected {\"type\":...,\"data\":...}");
        }
        final JsonNode root = mapper.readTree(text);
        if (root == null || !root.isObject())
        {
            throw new InvalidFieldException("json", "expected a JSON object {\"type\":...,\"data\":...}");
        }
        final JsonNode type = root.get("type");
        if (type == null || !type.isTextual())
        {
            throw new InvalidFieldException("type", "missing or not a string; expected order, error or message");
        }
        final JsonNode data = root.get("data");
        switch (type.textValue())
        {
            case "order":
                if (data == null || !data.isObject())
                {
                    throw new InvalidFieldException("data", "an order frame needs an object");
                }
                return writeOrder(data, accountId, receiveTimeNs, buffer, offset);
            case "error":
                return new KiteTextFrame.BrokerError(dataText(data));
            case "message":
                return new KiteTextFrame.BrokerMessage(dataText(data));
            default:
                throw new InvalidFieldException(
                    "type", "unknown type '" + type.textValue() + "'; expected order, error or message");
        }
    }

    private static String dataText(final JsonNode data)
    {
        if (data == null || data.isNull() || data.isMissingNode())
        {
            throw new InvalidFieldException("data", "missing; expected a string");
        }
        return data.isTextual() ? data.textValue() : data.toString();
    }

    private KiteTextFrame writeOrder(
        final JsonNode data,
        final long accountId,
        final long receiveTimeNs,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        final String orderId = requiredText(data, "order_id");
        checkBrokerId("order_id", orderId);
        final String exchangeOrderId = optionalText(data, "exchange_order_id");
        if (exchangeOrderId != null)
        {
            checkBrokerId("exchange_order_id", exchangeOrderId);
        }
        final String kiteStatus = requiredText(data, "status");
        final OrderStatus status = orderStatus(kiteStatus);
        final long instrumentToken = requiredToken(data);
        final long divisor = KiteTickerProtocol.priceDivisor(instrumentToken);

        final Side side = side(optionalText(data, "transaction_type"));
        final OrderType orderType = orderType(optionalText(data, "order_type"));
        final Product product = product(optionalText(data, "product"));
        final Validity validity = validity(optionalText(data, "validity"));
        final Variety variety = variety(optionalText(data, "variety"));
        final long qty = quantity(data, "quantity");
        final long filledQty = quantity(data, "filled_quantity");
        final long pendingQty = quantity(data, "pending_quantity");
        final long cancelledQty = quantity(data, "cancelled_quantity");
        final long pricePaise = price(data, "price", divisor);
        final long triggerPricePaise = price(data, "trigger_price", divisor);
        final long averagePricePaise = price(data, "average_price", divisor);
        final long exchangeTimeS = exchangeTimeS(data);
        // A cover order's stop-loss leg carries its entry's tag but is an order of its own (parent_order_id names
        // the entry): the engine follows it as an order placed at the broker, not as an update of the entry.
        final String parentOrderId = optionalText(data, "parent_order_id");
        final boolean leg = null != parentOrderId && !parentOrderId.isEmpty();
        if (leg)
        {
            checkBrokerId("parent_order_id", parentOrderId);
        }
        final long clientOrderId = leg ?
            OrderUpdateCommandEncoder.clientOrderIdNullValue() : clientOrderId(optionalText(data, "tag"));
        final byte[] statusMessage = statusMessage(optionalText(data, "status_message"));

        if (offset < 0 || buffer.capacity() - offset < MAX_ENCODED_LENGTH)
        {
            throw new InvalidFieldException(
                "buffer", "output buffer too small; needs " + MAX_ENCODED_LENGTH + " bytes from the offset");
        }

        orderEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .timestampNs(receiveTimeNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .brokerOrderId(orderId)
            .exchangeOrderId(exchangeOrderId == null ? "" : exchangeOrderId)
            .status(status)
            .instrumentToken(instrumentToken)
            .side(side)
            .orderType(orderType)
            .product(product)
            .validity(validity)
            .variety(variety)
            .qty(qty)
            .filledQty(filledQty)
            .pendingQty(pendingQty)
            .cancelledQty(cancelledQty)
            .pricePaise(pricePaise)
            .triggerPricePaise(triggerPricePaise)
            .averagePricePaise(averagePricePaise)
            .exchangeTimeS(exchangeTimeS)
            .parentOrderId(leg ? parentOrderId : "")
            .putStatusMessage(statusMessage, 0, statusMessage.length);

        return new KiteTextFrame.OrderUpdate(
            MessageHeaderEncoder.ENCODED_LENGTH + orderEncoder.encodedLength(), orderId, kiteStatus);
    }

    /**
     * Map a Kite order status string to the engine's enum.
     *
     * @param kiteStatus as sent by Kite, e.g. {@code "TRIGGER PENDING"}.
     * @return the matching status, or {@link OrderStatus#UNKNOWN} for a string Kite has not documented.
     */
    public static OrderStatus orderStatus(final String kiteStatus)
    {
        switch (kiteStatus.trim().toUpperCase(Locale.ROOT))
        {
            case "PUT ORDER REQ RECEIVED":
                return OrderStatus.PUT_ORDER_REQ_RECEIVED;
            case "VALIDATION PENDING":
                return OrderStatus.VALIDATION_PENDING;
            case "OPEN PENDING":
                return OrderStatus.OPEN_PENDING;
            case "OPEN":
                return OrderStatus.OPEN;
            case "TRIGGER PENDING":
                return OrderStatus.TRIGGER_PENDING;
            case "MODIFY VALIDATION PENDING":
                return OrderStatus.MODIFY_VALIDATION_PENDING;
            case "MODIFY PENDING":
                return OrderStatus.MODIFY_PENDING;
            case "MODIFIED":
                return OrderStatus.MODIFIED;
            case "CANCEL PENDING":
                return OrderStatus.CANCEL_PENDING;
            case "AMO REQ RECEIVED":
                return OrderStatus.AMO_REQ_RECEIVED;
            case "COMPLETE":
                return OrderStatus.COMPLETE;
            case "CANCELLED":
            case "CANCELLED AMO":
                return OrderStatus.CANCELLED;
            case "REJECTED":
                return OrderStatus.REJECTED;
            case "UPDATE":
                return OrderStatus.UPDATE;
            default:
                return OrderStatus.UNKNOWN;
        }
    }

    /**
     * The engine tags its orders {@code "QL"} followed by the clientOrderId in decimal.
     *
     * @param tag Kite {@code tag}, may be null.
     * @return the clientOrderId, or the SBE null value when the tag is not of that form or overflows a long.
     */
    public static long clientOrderId(final String tag)
    {
        final long nullValue = OrderUpdateCommandEncoder.clientOrderIdNullValue();
        if (tag == null || tag.length() <= CLIENT_ORDER_TAG_PREFIX.length() || !tag.startsWith(CLIENT_ORDER_TAG_PREFIX))
        {
            return nullValue;
        }
        long value = 0;
        for (int i = CLIENT_ORDER_TAG_PREFIX.length(); i < tag.length(); i++)
        {
            final char c = tag.charAt(i);
            if (c < '0' || c > '9')
            {
                return nullValue;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                return nullValue;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Side side(final String value)
    {
        return value == null ? Side.NULL_VAL :
            known(KiteEnums.side(value), Side.NULL_VAL, "transaction_type", value, "BUY or SELL");
    }

    private static OrderType orderType(final String value)
    {
        return value == null ? OrderType.NULL_VAL :
            known(KiteEnums.orderType(value), OrderType.NULL_VAL, "order_type", value, "MARKET, LIMIT, SL or SL-M");
    }

    private static Product product(final String value)
    {
        return value == null ? Product.NULL_VAL :
            known(KiteEnums.product(value), Product.NULL_VAL, "product", value, "CNC, NRML, MIS, MTF, CO or BO");
    }

    private static Validity validity(final String value)
    {
        return value == null ? Validity.NULL_VAL :
            known(KiteEnums.validity(value), Validity.NULL_VAL, "validity", value, "DAY, IOC or TTL");
    }

    /** @return {@code mapped}, unless it is the enum's null value: then the field's value is not one Kite sends. */
    private static <E extends Enum<E>> E known(
        final E mapped, final E nullValue, final String field, final String value, final String expected)
    {
        if (mapped == nullValue)
        {
            throw unexpected(field, value, expected);
        }
        return mapped;
    }

    private static Variety variety(final String value)
    {
        if (value == null)
        {
            return Variety.NULL_VAL;
        }
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "regular":
                return Variety.REGULAR;
            case "amo":
                return Variety.AMO;
            case "co":
                return Variety.CO;
            case "iceberg":
                return Variety.ICEBERG;
            case "auction":
                return Variety.AUCTION;
            default:
                throw unexpected("variety", value, "regular, amo, co, iceberg or auction");
        }
    }

    private static InvalidFieldException unexpected(final String field, final String value, final String accepted)
    {
        return new InvalidFieldException("data." + field, "unknown value '" + value + "'; expected " + accepted);
    }

    private static String requiredText(final JsonNode data, final String field)
    {
        final String value = optionalText(data, field);
        if (value == null || value.isEmpty())
        {
            throw new InvalidFieldException("data." + field, "missing; it is required");
        }
        return value;
    }

    private static String optionalText(final JsonNode data, final String field)
    {
        final JsonNode node = data.get(field);
        if (node == null || node.isNull())
        {
            return null;
        }
        if (node.isTextual())
        {
            return node.textValue();
        }
        if (node.isIntegralNumber())
        {
            return node.asText();
        }
        throw new InvalidFieldException("data." + field, "expected a string, got " + node.getNodeType());
    }

    private static void checkBrokerId(final String field, final String value)
    {
        if (value.length() > OrderUpdateCommandEncoder.brokerOrderIdLength())
        {
            throw new InvalidFieldException("data." + field,
                "longer than " + OrderUpdateCommandEncoder.brokerOrderIdLength() + " characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                throw new InvalidFieldException("data." + field, "expected printable ASCII");
            }
        }
    }

    private static long requiredToken(final JsonNode data)
    {
        final JsonNode node = data.get("instrument_token");
        if (node == null || node.isNull())
        {
            throw new InvalidFieldException("data.instrument_token", "missing; it is required");
        }
        final long token = integral(node, "instrument_token");
        if (token < 0 || token > UINT32_MAX)
        {
            throw new InvalidFieldException("data.instrument_token", token + " not in 0.." + UINT32_MAX);
        }
        return token;
    }

    private static long quantity(final JsonNode data, final String field)
    {
        final JsonNode node = data.get(field);
        if (node == null || node.isNull())
        {
            return 0;
        }
        final long qty = integral(node, field);
        if (qty < 0)
        {
            throw new InvalidFieldException("data." + field, qty + " is negative; expected 0 or more");
        }
        return qty;
    }

    private static long integral(final JsonNode node, final String field)
    {
        final BigDecimal value = decimal(node, field);
        try
        {
            return value.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new InvalidFieldException(
                "data." + field, value.toPlainString() + " is not a whole number that fits a long");
        }
    }

    private static long price(final JsonNode data, final String field, final long divisor)
    {
        final JsonNode node = data.get(field);
        if (node == null || node.isNull())
        {
            return 0;
        }
        final BigInteger units = decimal(node, field).multiply(BigDecimal.valueOf(divisor))
            .setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (units.bitLength() > 63)
        {
            throw new InvalidFieldException("data." + field, "price out of range");
        }
        return units.longValue();
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        final BigDecimal value;
        if (node.isNumber())
        {
            if (!node.isBigDecimal() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue()))
            {
                throw new InvalidFieldException("data." + field, "expected a finite number");
            }
            value = node.decimalValue();
        }
        else if (node.isTextual())
        {
            try
            {
                value = new BigDecimal(node.textValue().trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new InvalidFieldException("data." + field, "'" + node.textValue() + "' is not a number");
            }
        }
        else
        {
            throw new InvalidFieldException("data." + field, "expected a number, got " + node.getNodeType());
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS)
        {
            throw new InvalidFieldException("data." + field, "number out of range");
        }
        return value;
    }

    private static long exchangeTimeS(final JsonNode data)
    {
        for (final String field : TIMESTAMP_FIELDS)
        {
            final String value = optionalText(data, field);
            if (value != null && !value.isEmpty())
            {
                try
                {
                    return KiteTimes.epochSeconds(value);
                }
                catch (final DateTimeParseException ex)
                {
                    throw new InvalidFieldException(
                        "data." + field, "'" + value + "' is not a timestamp; expected yyyy-mm-dd hh:mm:ss (IST)");
                }
            }
        }
        return OrderUpdateCommandEncoder.exchangeTimeSNullValue();
    }

    private static byte[] statusMessage(final String message)
    {
        if (message == null)
        {
            return new byte[0];
        }
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_STATUS_MESSAGE_BYTES)
        {
            return bytes;
        }
        int length = MAX_STATUS_MESSAGE_BYTES;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }
        final byte[] cut = new byte[length];
        System.arraycopy(bytes, 0, cut, 0, length);
        return cut;
    }

    private static final class InvalidFieldException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final String field;

        InvalidFieldException(final String field, final String reason)
        {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
