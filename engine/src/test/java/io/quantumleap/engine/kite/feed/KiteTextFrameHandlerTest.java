package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTextFrameHandlerTest
{
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final KiteTextFrameHandler handler = new KiteTextFrameHandler(5, publisher);

    @Test
    void shouldPublishOrderUpdatesAndCountEverythingElse()
    {
        assertTrue(handler.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"9\",\"status\":\"COMPLETE\"," +
            "\"instrument_token\":408065}}", 0, 1));
        assertTrue(handler.onTextFrame("{\"type\":\"message\",\"data\":\"hello\"}", 0, 1));
        assertTrue(handler.onTextFrame("{\"type\":\"error\",\"data\":\"bad\"}", 0, 1));
        assertFalse(handler.onTextFrame("{\"type\":\"order\",\"data\":{}}", 0, 1));
        assertFalse(handler.onTextFrame("{", 0, 1));

        assertEquals(1, publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).size());
        assertEquals(1, handler.orderUpdates());
        assertEquals(2, handler.brokerMessages());
        assertEquals(2, handler.invalidFrames());
    }

    @Test
    void shouldCreditAnOrderUpdateToTheAccountThatPlacedTheOrder()
    {
        final RecordingPublisher shared = new RecordingPublisher();
        final KiteTextFrameHandler socketOfAccountOne = new KiteTextFrameHandler(1, shared,
            (brokerOrderId, clientOrderId, receiving) -> "261130000000007".equals(brokerOrderId) ? 7 :
                clientOrderId == 42 ? 9 : receiving);

        socketOfAccountOne.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"261130000000007\"," +
            "\"status\":\"COMPLETE\",\"instrument_token\":408065}}", 0, 1);
        socketOfAccountOne.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"261130000000001\"," +
            "\"status\":\"COMPLETE\",\"instrument_token\":408065}}", 0, 1);
        socketOfAccountOne.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"261130000000002\"," +
            "\"status\":\"OPEN\",\"instrument_token\":408065,\"tag\":\"QL42\"}}", 0, 1);

        final java.util.List<org.agrona.concurrent.UnsafeBuffer> updates =
            shared.commands(OrderUpdateCommandDecoder.TEMPLATE_ID);
        final OrderUpdateCommandDecoder decoder = new OrderUpdateCommandDecoder();
        final io.quantumleap.engine.protocol.MessageHeaderDecoder header =
            new io.quantumleap.engine.protocol.MessageHeaderDecoder();
        assertEquals(7, decoder.wrapAndApplyHeader(updates.get(0), 0, header).accountId());
        assertEquals(1, decoder.wrapAndApplyHeader(updates.get(1), 0, header).accountId());
        assertEquals(9, decoder.wrapAndApplyHeader(updates.get(2), 0, header).accountId());
        assertEquals(42, decoder.clientOrderId());
    }

    @Test
    void shouldPublishAnUpdateOnceWhenEveryConnectionDeliversItAndAgainWhenOneConnectionRepeatsIt()
    {
        final String modified = "{\"type\":\"order\",\"data\":{\"order_id\":\"9\",\"status\":\"MODIFIED\"," +
            "\"quantity\":2,\"price\":1500,\"instrument_token\":408065}}";
        final String open = "{\"type\":\"order\",\"data\":{\"order_id\":\"9\",\"status\":\"OPEN\"," +
            "\"quantity\":3,\"price\":1505.1,\"instrument_token\":408065}}";

        for (final int connection : new int[] {0, 1, 2})
        {
            handler.onTextFrame(modified, connection, 1);
            handler.onTextFrame(open, connection, 1);
        }
        final int afterTheModify = publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).size();
        handler.onTextFrame(modified, 1, 2);
        handler.onTextFrame(modified, 0, 2);
        handler.onTextFrame(modified, 2, 2);

        final List<UnsafeBuffer> updates = publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID);
        assertEquals(2, afterTheModify);
        assertEquals(3, updates.size());
        assertEquals(6, handler.copiesSkipped());
        assertEquals(3, handler.orderUpdates());
        final OrderUpdateCommandDecoder decoder = new OrderUpdateCommandDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        assertEquals(List.of(OrderStatus.MODIFIED, OrderStatus.OPEN, OrderStatus.MODIFIED),
            updates.stream().map(u -> decoder.wrapAndApplyHeader(u, 0, header).status()).toList());
    }

    @Test
    void shouldForgetTheOldestUpdatesBeyondItsMemory()
    {
        for (int i = 0; i <= KiteTextFrameHandler.RECENT_UPDATES; i++)
        {
            handler.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"" + i + "\",\"status\":\"OPEN\"," +
                "\"instrument_token\":408065}}", 0, 1);
        }
        handler.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"0\",\"status\":\"OPEN\"," +
            "\"instrument_token\":408065}}", 1, 1);
        handler.onTextFrame("{\"type\":\"order\",\"data\":{\"order_id\":\"2\",\"status\":\"OPEN\"," +
            "\"instrument_token\":408065}}", 1, 1);

        assertEquals(KiteTextFrameHandler.RECENT_UPDATES + 2, handler.orderUpdates());
        assertEquals(1, handler.copiesSkipped());
    }
}
