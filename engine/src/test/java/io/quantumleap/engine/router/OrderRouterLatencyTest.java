package io.quantumleap.engine.router;

import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.SteppingClock;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRouterLatencyTest
{
    private static final long STEP = 1_000;

    private final SteppingClock clock = new SteppingClock(1_780_000_000_000_000_000L, STEP);
    private final LatencyRecorders latency = new LatencyRecorders(clock, 64);
    private final List<String> forwarded = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void shouldTimeTheHopToTheBrokerAndTheBrokersAnswerAndStillForwardEveryReply()
    {
        final long[] answerAt = new long[1];
        final OrderRouter router = new OrderRouter((request, replies) ->
        {
            answerAt[0] = clock.nanoTime() + 30 * STEP;
            if (request.clientOrderId() == 7)
            {
                replies.ack(answerAt[0], request.accountId(), 7, request.requestType(), "B7");
            }
            else
            {
                replies.reject(answerAt[0], request.accountId(), request.clientOrderId(), request.requestType(),
                    BrokerErrorType.MARGIN, 400, "Insufficient funds");
            }
            replies.orderUpdate(answerAt[0], 1, request.clientOrderId(), "B7", OrderStatus.OPEN, 408065, Side.BUY,
                OrderType.LIMIT, Product.MIS, 1, 0, 150_000, 0, 0, 0);
        }, recording(), 1 << 12, latency);

        // The core's sink stamps the request (read 1), the router sends it (read 2), the broker answers (read 3).
        router.sink().onEvent(11, buffer, 0, request(7, BrokerRequestType.PLACE));
        assertEquals(1, router.doWork());
        router.sink().onEvent(12, buffer, 0, request(8, BrokerRequestType.PLACE));
        assertEquals(1, router.doWork());

        assertEquals(List.of("ack 7", "update 7", "reject 8", "update 8"), forwarded);
        assertOnly(LatencyStage.ORDER_SEND, 2, STEP);
        assertOnly(LatencyStage.BROKER_ACK, 2, STEP + 30 * STEP);
    }

    @Test
    void shouldTimeTheBrokerButNotTheHopForRequestsThatArriveFromAnotherProcess()
    {
        final OrderRouter router = new OrderRouter((request, replies) ->
            replies.ack(clock.nanoTime(), request.accountId(), request.clientOrderId(), request.requestType(), "B1"),
            recording(), 1 << 12, latency);
        router.onEvent(buffer, 0, request(5, BrokerRequestType.CANCEL));
        assertEquals(List.of("ack 5"), forwarded);
        assertOnly(LatencyStage.ORDER_SEND, 0, 0);
        assertOnly(LatencyStage.BROKER_ACK, 1, STEP);
    }

    private int request(final long clientOrderId, final BrokerRequestType type)
    {
        final BrokerRequestEventEncoder e = new BrokerRequestEventEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.inputSequence(clientOrderId).timestampNs(1).accountId(1).clientOrderId(clientOrderId).requestType(type)
            .brokerOrderId("").instrumentToken(408065).side(Side.BUY).orderType(OrderType.LIMIT).product(Product.MIS)
            .qty(1).pricePaise(150_000).tradingsymbol("INFY").parentOrderId("").auctionNumber("");
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private BrokerReplies recording()
    {
        return new BrokerReplies()
        {
            @Override
            public void ack(
                final long ts, final long accountId, final long clientOrderId, final BrokerRequestType type,
                final CharSequence brokerOrderId)
            {
                forwarded.add("ack " + clientOrderId);
            }

            @Override
            public void reject(
                final long ts, final long accountId, final long clientOrderId, final BrokerRequestType type,
                final BrokerErrorType errorType, final int httpStatus, final CharSequence message)
            {
                forwarded.add("reject " + clientOrderId);
            }

            @Override
            public void orderUpdate(
                final long ts, final long accountId, final long clientOrderId, final CharSequence brokerOrderId,
                final OrderStatus status, final long token, final Side side, final OrderType orderType,
                final Product product, final long qty, final long filledQty, final long price, final long trigger,
                final long average, final long exchangeTimeS)
            {
                forwarded.add("update " + clientOrderId);
            }

            @Override
            public void trade(
                final long ts, final long accountId, final CharSequence brokerOrderId, final CharSequence tradeId,
                final long token, final Side side, final Product product, final long qty, final long price,
                final long exchangeTimeS)
            {
                forwarded.add("trade " + tradeId);
            }
        };
    }

    private void assertOnly(final LatencyStage stage, final long count, final long valueNs)
    {
        final Histogram h = latency.stage(stage).intervalHistogram(null);
        assertEquals(count, h.getTotalCount(), stage.id());
        if (count > 0)
        {
            assertTrue(h.valuesAreEquivalent(valueNs, h.getMinValue()) &&
                h.valuesAreEquivalent(valueNs, h.getMaxValue()),
                stage.id() + ": " + h.getMinValue() + ".." + h.getMaxValue() + ", expected " + valueNs);
        }
    }
}
