package io.quantumleap.engine.kite.ticker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTextFrameParserTest
{
    private static final long ACCOUNT_ID = 7;
    private static final long RECEIVE_TIME_NS = 1_646_279_665_000_000_123L;

    private final KiteTextFrameParser parser = new KiteTextFrameParser();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[KiteTextFrameParser.MAX_ENCODED_LENGTH]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderUpdateCommandDecoder order = new OrderUpdateCommandDecoder();

    @Test
    void shouldTurnThePostbackMockWrappedAsAnOrderFrameIntoAnOrderUpdateCommand()
    {
        final String frame = "{\"type\":\"order\",\"data\":" + KiteMocks.text("postback.json") + "}";

        final KiteTextFrame result = parser.parse(frame, ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);

        final KiteTextFrame.OrderUpdate update = assertInstanceOf(KiteTextFrame.OrderUpdate.class, result);
        assertEquals("220303000308932", update.brokerOrderId());
        assertEquals("COMPLETE", update.kiteStatus());
        decodeOrder();
        assertEquals(RECEIVE_TIME_NS, order.timestampNs());
        assertEquals(ACCOUNT_ID, order.accountId());
        assertEquals(OrderUpdateCommandDecoder.clientOrderIdNullValue(), order.clientOrderId());
        assertEquals("220303000308932", order.brokerOrderId());
        assertEquals("1000000001482421", order.exchangeOrderId());
        assertEquals(OrderStatus.COMPLETE, order.status());
        assertEquals(779521, order.instrumentToken());
        assertEquals(Side.BUY, order.side());
        assertEquals(OrderType.MARKET, order.orderType());
        assertEquals(Product.CNC, order.product());
        assertEquals(Validity.DAY, order.validity());
        assertEquals(Variety.REGULAR, order.variety());
        assertEquals(1, order.qty());
        assertEquals(1, order.filledQty());
        assertEquals(0, order.pendingQty());
        assertEquals(0, order.cancelledQty());
        assertEquals(0, order.pricePaise());
        assertEquals(0, order.triggerPricePaise());
        assertEquals(47_000, order.averagePricePaise());
        assertEquals(OffsetDateTime.parse("2022-03-03T09:24:25+05:30").toEpochSecond(), order.exchangeTimeS());
        assertEquals("", order.statusMessage());
        assertEquals(update.encodedLength(), MessageHeaderDecoder.ENCODED_LENGTH + order.encodedLength());
    }

    @Test
    void shouldMapEveryKiteOrderStatus()
    {
        final Map<String, OrderStatus> expected = Map.ofEntries(
            Map.entry("PUT ORDER REQ RECEIVED", OrderStatus.PUT_ORDER_REQ_RECEIVED),
            Map.entry("VALIDATION PENDING", OrderStatus.VALIDATION_PENDING),
            Map.entry("OPEN PENDING", OrderStatus.OPEN_PENDING),
            Map.entry("OPEN", OrderStatus.OPEN),
            Map.entry("TRIGGER PENDING", OrderStatus.TRIGGER_PENDING),
            Map.entry("MODIFY VALIDATION PENDING", OrderStatus.MODIFY_VALIDATION_PENDING),
            Map.entry("MODIFY PENDING", OrderStatus.MODIFY_PENDING),
            Map.entry("MODIFIED", OrderStatus.MODIFIED),
            Map.entry("CANCEL PENDING", OrderStatus.CANCEL_PENDING),
            Map.entry("AMO REQ RECEIVED", OrderStatus.AMO_REQ_RECEIVED),
            Map.entry("COMPLETE", OrderStatus.COMPLETE),
            Map.entry("CANCELLED", OrderStatus.CANCELLED),
            Map.entry("REJECTED", OrderStatus.REJECTED),
            Map.entry("UPDATE", OrderStatus.UPDATE),
            Map.entry("SOMETHING NEW", OrderStatus.UNKNOWN));
        for (final Map.Entry<String, OrderStatus> entry : expected.entrySet())
        {
            final KiteTextFrame result = parser.parse(
                orderFrame(data -> data.put("status", entry.getKey())), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);

            assertInstanceOf(KiteTextFrame.OrderUpdate.class, result, entry.getKey());
            decodeOrder();
            assertEquals(entry.getValue(), order.status(), entry.getKey());
        }
    }

    @Test
    void shouldTakeTheClientOrderIdFromAnEngineTagOnly()
    {
        assertEquals(42, clientOrderIdOfTag("QL42"));
        assertEquals(Long.MAX_VALUE, clientOrderIdOfTag("QL" + Long.MAX_VALUE));
        final long nullValue = OrderUpdateCommandDecoder.clientOrderIdNullValue();
        assertEquals(nullValue, clientOrderIdOfTag("QL"));
        assertEquals(nullValue, clientOrderIdOfTag("QL12a"));
        assertEquals(nullValue, clientOrderIdOfTag("ql12"));
        assertEquals(nullValue, clientOrderIdOfTag("mktp"));
        assertEquals(nullValue, clientOrderIdOfTag("QL99999999999999999999"));
    }

    @Test
    void shouldLeaveACoverOrdersStopLossLegToItsOwnOrderThoughItCarriesTheEntrysTag()
    {
        parser.parse(orderFrame(data -> data.put("tag", "QL42").put("variety", "co")
            .put("parent_order_id", "151220000000000")), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        assertEquals(OrderUpdateCommandDecoder.clientOrderIdNullValue(), order.clientOrderId());
        assertEquals("151220000000000", order.parentOrderId());

        parser.parse(orderFrame(data -> data.put("tag", "QL42").put("variety", "co").putNull("parent_order_id")),
            ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        assertEquals(42, order.clientOrderId());
        assertEquals("", order.parentOrderId());

        final KiteTextFrame bad = parser.parse(orderFrame(data -> data.put("parent_order_id", "1512\u00072")),
            ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        assertEquals(new KiteTextFrame.Invalid("data.parent_order_id", "expected printable ASCII"), bad);
    }

    @Test
    void shouldConvertPricesByTheSegmentDivisorOfTheInstrument()
    {
        parser.parse(orderFrame(data -> data.put("instrument_token", 412675).put("price", 82.1234567)
            .put("trigger_price", "82.5").put("average_price", 82.12345675)), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        assertEquals(821_234_567L, order.pricePaise());
        assertEquals(825_000_000L, order.triggerPricePaise());
        assertEquals(821_234_568L, order.averagePricePaise());

        parser.parse(orderFrame(data -> data.put("instrument_token", 6 + 256 * 10).put("price", 82.1234)),
            ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        assertEquals(821_234L, order.pricePaise());

        parser.parse(orderFrame(data -> data.put("price", 1573.15)), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        assertEquals(157_315L, order.pricePaise());
    }

    @Test
    void shouldSurfaceErrorAndMessageFrames()
    {
        assertEquals(new KiteTextFrame.BrokerError("Invalid access token"),
            parser.parse("{\"type\":\"error\",\"data\":\"Invalid access token\"}", ACCOUNT_ID, 0, buffer, 0));
        assertEquals(new KiteTextFrame.BrokerMessage("Markets open at 09:15"),
            parser.parse("{\"type\":\"message\",\"data\":\"Markets open at 09:15\"}", ACCOUNT_ID, 0, buffer, 0));
    }

    @Test
    void shouldNameTheFieldOfEveryBrokenFrame()
    {
        assertInvalid("json", "not json");
        assertInvalid("json", "");
        assertInvalid("json", (String)null);
        assertInvalid("json", "[1,2]");
        assertInvalid("json", "{\"type\":\"order\",\"data\":{");
        assertInvalid("type", "{\"data\":{}}");
        assertInvalid("type", "{\"type\":3}");
        assertInvalid("type", "{\"type\":\"tick\",\"data\":{}}");
        assertInvalid("data", "{\"type\":\"order\",\"data\":\"x\"}");
        assertInvalid("data", "{\"type\":\"error\"}");
        assertInvalid("data.order_id", orderFrame(data -> data.remove("order_id")));
        assertInvalid("data.order_id", orderFrame(data -> data.put("order_id", "1234567890123456789012345")));
        assertInvalid("data.status", orderFrame(data -> data.putNull("status")));
        assertInvalid("data.instrument_token", orderFrame(data -> data.remove("instrument_token")));
        assertInvalid("data.instrument_token", orderFrame(data -> data.put("instrument_token", -1)));
        assertInvalid("data.instrument_token", orderFrame(data -> data.put("instrument_token", 1L << 32)));
        assertInvalid("data.quantity", orderFrame(data -> data.put("quantity", "ten")));
        assertInvalid("data.quantity", orderFrame(data -> data.put("quantity", 1.5)));
        assertInvalid("data.quantity", orderFrame(data -> data.put("quantity", -1)));
        assertInvalid("data.filled_quantity", orderFrame(data -> data.putObject("filled_quantity")));
        assertInvalid("data.price", orderFrame(data -> data.put("price", "abc")));
        assertInvalid("data.price", orderFrame(data -> data.put("price", 1e300)));
        assertInvalid("data.price", orderFrame(data -> data.put("price", "1e999999999")));
        assertInvalid("data.price", "{\"type\":\"order\",\"data\":{\"order_id\":\"1\",\"status\":\"OPEN\"," +
            "\"instrument_token\":1,\"price\":1e999999999}}");
        assertInvalid("data.quantity", orderFrame(data -> data.put("quantity", "1e999999999")));
        assertInvalid("data.transaction_type", orderFrame(data -> data.put("transaction_type", "HOLD")));
        assertInvalid("data.order_type", orderFrame(data -> data.put("order_type", "STOP")));
        assertInvalid("data.product", orderFrame(data -> data.put("product", "XYZ")));
        assertInvalid("data.validity", orderFrame(data -> data.put("validity", "GTC")));
        assertInvalid("data.variety", orderFrame(data -> data.put("variety", "bracket")));
        assertInvalid("data.exchange_update_timestamp",
            orderFrame(data -> data.put("exchange_update_timestamp", "03/03/2022 09:24")));
        assertInvalid("data.tag", orderFrame(data -> data.putArray("tag")));
    }

    @Test
    void shouldRefuseAnOutputBufferTooSmallWithoutThrowing()
    {
        final String frame = orderFrame(data ->
        {
        });

        assertInvalid("buffer", parser.parse(frame, ACCOUNT_ID, 0, new UnsafeBuffer(new byte[64]), 0));
        assertInvalid("buffer", parser.parse(frame, ACCOUNT_ID, 0, buffer, -1));
    }

    @Test
    void shouldFallBackToTheOrderTimestampAndCutAnOverlongStatusMessage()
    {
        parser.parse(orderFrame(data -> data.putNull("exchange_update_timestamp").putNull("exchange_timestamp")
            .put("status_message", "x".repeat(5000))), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();

        assertEquals(OffsetDateTime.parse("2022-03-03T09:24:25+05:30").toEpochSecond(), order.exchangeTimeS());
        assertEquals(KiteTextFrameParser.MAX_STATUS_MESSAGE_BYTES, order.statusMessage().length());
    }

    @Test
    void shouldNeverThrowForRandomMutationsOfAnOrderFrame()
    {
        final long seed = Long.getLong("qleap.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        final String frame = "{\"type\":\"order\",\"data\":" + KiteMocks.text("postback.json") + "}";
        final String alphabet = "{}[]\":,.-0123456789eE ntrufalsQLx\\";
        for (int i = 0; i < 5_000; i++)
        {
            final StringBuilder mutated = new StringBuilder(frame);
            for (int m = 1 + random.nextInt(4); m > 0 && mutated.length() > 0; m--)
            {
                final int at = random.nextInt(mutated.length());
                switch (random.nextInt(3))
                {
                    case 0:
                        mutated.deleteCharAt(at);
                        break;
                    case 1:
                        mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        break;
                    default:
                        mutated.setLength(at);
                        break;
                }
            }

            assertNotNull(parser.parse(mutated.toString(), ACCOUNT_ID, 0, buffer, 0), "seed " + seed + " case " + i);
        }
    }

    private long clientOrderIdOfTag(final String tag)
    {
        parser.parse(orderFrame(data -> data.put("tag", tag)), ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0);
        decodeOrder();
        return order.clientOrderId();
    }

    private void assertInvalid(final String field, final String frame)
    {
        assertInvalid(field, parser.parse(frame, ACCOUNT_ID, RECEIVE_TIME_NS, buffer, 0));
    }

    private static void assertInvalid(final String field, final KiteTextFrame result)
    {
        final KiteTextFrame.Invalid invalid = assertInstanceOf(KiteTextFrame.Invalid.class, result, field);
        assertEquals(field, invalid.field(), invalid.describe());
        assertTrue(invalid.describe().contains(field));
        assertTrue(!invalid.reason().isBlank());
    }

    private static String orderFrame(final java.util.function.Consumer<ObjectNode> edit)
    {
        try
        {
            final ObjectNode data = (ObjectNode)KiteMocks.JSON.readTree(KiteMocks.text("postback.json"));
            edit.accept(data);
            return "{\"type\":\"order\",\"data\":" + KiteMocks.JSON.writeValueAsString(data) + "}";
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void decodeOrder()
    {
        header.wrap(buffer, 0);
        assertEquals(OrderUpdateCommandDecoder.TEMPLATE_ID, header.templateId());
        order.wrapAndApplyHeader(buffer, 0, header);
    }
}
