package io.quantumleap.engine.protocol;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaVersionTest
{
    private static final int VERSION_1_REJECT_BLOCK = 52;
    private static final int VERSION_1_ORDER_BLOCK = OrderEventDecoder.externalEncodingOffset();
    private static final int VERSION_6_ORDER_BLOCK = OrderEventDecoder.disclosedQtyEncodingOffset();
    private static final int VERSION_3_ORDER_UPDATE_BLOCK = OrderUpdateCommandDecoder.parentOrderIdEncodingOffset();

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void shouldReadAVersionOneRejectEventWithTheVersionTwoFieldsAbsent()
    {
        new RejectEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .inputSequence(7).timestampNs(11).accountId(3).clientOrderId(5).commandTemplateId(10)
            .reason(RejectReason.PRICE_OFF_TICK).limitValue(5).actualValue(150_001)
            .brokerErrorType(BrokerErrorType.MARGIN).httpStatus(400).message("garbage past a version 1 block");
        headerEncoder.wrap(buffer, 0).blockLength(VERSION_1_REJECT_BLOCK).version(1);

        final RejectEventDecoder reject = new RejectEventDecoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(RejectReason.PRICE_OFF_TICK, reject.reason());
        assertEquals(150_001, reject.actualValue());
        assertEquals(BrokerErrorType.NULL_VAL, reject.brokerErrorType());
        assertEquals(RejectEventDecoder.httpStatusNullValue(), reject.httpStatus());
        assertEquals("", reject.message());
    }

    @Test
    void shouldReadAVersionOneOrderEventAsNotExternal()
    {
        new OrderEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .external(BooleanType.TRUE);
        headerEncoder.wrap(buffer, 0).blockLength(VERSION_1_ORDER_BLOCK).version(1);

        final OrderEventDecoder order = new OrderEventDecoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(9, order.clientOrderId());
        assertEquals(BooleanType.NULL_VAL, order.external());
    }

    @Test
    void shouldReadAVersionTwoOrderEventWithNoStatusMessage()
    {
        new OrderEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .external(BooleanType.FALSE).statusMessage("garbage past a version 2 message");
        headerEncoder.wrap(buffer, 0).version(2);

        final OrderEventDecoder order = new OrderEventDecoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(BooleanType.FALSE, order.external());
        assertEquals("", order.statusMessage());
    }

    @Test
    void shouldReadAVersionSixOrderEventWithoutTheOrdersTermsAndItsVarDataAfterTheShorterBlock()
    {
        final OrderEventEncoder encoder = new OrderEventEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9).qty(40).disclosedQty(8)
            .marketProtectionPct(3);
        encoder.limit(MessageHeaderEncoder.ENCODED_LENGTH + VERSION_6_ORDER_BLOCK);
        encoder.statusMessage("open").userTag("swing").parentOrderId("P1");
        headerEncoder.wrap(buffer, 0).blockLength(VERSION_6_ORDER_BLOCK).version(6);

        final OrderEventDecoder order = new OrderEventDecoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(40, order.qty());
        assertEquals(OrderEventDecoder.disclosedQtyNullValue(), order.disclosedQty());
        assertEquals(OrderEventDecoder.marketProtectionPctNullValue(), order.marketProtectionPct());
        assertEquals(OrderEventDecoder.icebergQtyNullValue(), order.icebergQty());
        assertEquals("open", order.statusMessage());
        assertEquals("swing", order.userTag());
        assertEquals("P1", order.parentOrderId());
        assertEquals("", order.auctionNumber());
    }

    @Test
    void shouldReadAVersionThreeOrderUpdateWithNoParentAndItsStatusMessageAfterTheShorterBlock()
    {
        final OrderUpdateCommandEncoder encoder = new OrderUpdateCommandEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).accountId(4).brokerOrderId("L1").qty(10)
            .exchangeTimeS(77);
        encoder.limit(MessageHeaderEncoder.ENCODED_LENGTH + VERSION_3_ORDER_UPDATE_BLOCK);
        encoder.statusMessage("stop-loss leg");
        headerEncoder.wrap(buffer, 0).blockLength(VERSION_3_ORDER_UPDATE_BLOCK).version(3);

        final OrderUpdateCommandDecoder update = new OrderUpdateCommandDecoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(77, update.exchangeTimeS());
        assertEquals(0, update.parentOrderId(0));
        assertEquals("", update.parentOrderId());
        assertEquals("stop-loss leg", update.statusMessage());
    }

    @Test
    void shouldReadAVersionThreeOrderEventAndBrokerRequestWithNoParent()
    {
        new OrderEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .statusMessage("open").userTag("mine").parentOrderId("garbage past a version 3 event");
        headerEncoder.wrap(buffer, 0).version(3);
        final OrderEventDecoder order = new OrderEventDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals("open", order.statusMessage());
        assertEquals("mine", order.userTag());
        assertEquals("", order.parentOrderId());

        new BrokerRequestEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .parentOrderId("garbage past a version 3 event");
        headerEncoder.wrap(buffer, 0).version(3);
        final BrokerRequestEventDecoder request =
            new BrokerRequestEventDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(9, request.clientOrderId());
        assertEquals("", request.parentOrderId());
    }

    @Test
    void shouldReadAVersionFourPlaceAndBrokerRequestWithNoAuctionNumber()
    {
        new PlaceOrderCommandEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .auctionNumber("garbage past a version 4 command");
        headerEncoder.wrap(buffer, 0).version(4);
        final PlaceOrderCommandDecoder place = new PlaceOrderCommandDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(9, place.clientOrderId());
        assertEquals(0, place.auctionNumberLength());

        new BrokerRequestEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).clientOrderId(9)
            .parentOrderId("E1").auctionNumber("garbage past a version 4 event");
        headerEncoder.wrap(buffer, 0).version(4);
        final BrokerRequestEventDecoder request =
            new BrokerRequestEventDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals("E1", request.parentOrderId());
        assertEquals("", request.auctionNumber());
    }

    @Test
    void shouldKeepTheVersionOneLayoutOfEveryOldField()
    {
        assertEquals(10, MessageHeaderDecoder.SCHEMA_VERSION);
        assertEquals(VERSION_1_REJECT_BLOCK, RejectEventDecoder.brokerErrorTypeEncodingOffset());
        assertEquals(167, VERSION_6_ORDER_BLOCK);
        assertEquals(4, BrokerRequestType.RECONCILE.value());
        assertEquals(26, RejectReason.BROKER_REJECTED.value());
    }
}
