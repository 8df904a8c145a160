package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import org.junit.jupiter.api.Test;

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
}
