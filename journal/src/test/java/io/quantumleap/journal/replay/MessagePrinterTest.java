package io.quantumleap.journal.replay;

import io.quantumleap.engine.protocol.BrokerPositionCommandDecoder;
import io.quantumleap.engine.protocol.BrokerPositionCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderEventEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePrinterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    private int order(final Validity validity, final String statusMessage)
    {
        final OrderEventEncoder order = new OrderEventEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).inputSequence(7)
            .timestampNs(1_780_000_000_000_000_000L).accountId(1).clientOrderId(2)
            .brokerOrderId("B2").status(OrderStatus.TRIGGER_PENDING).instrumentToken(408_065).side(Side.SELL)
            .orderType(OrderType.SL_M).product(Product.MIS).validity(validity).variety(Variety.REGULAR).qty(10)
            .triggerPricePaise(149_000).tag("QL2");
        order.statusMessage(statusMessage).userTag("").parentOrderId("").auctionNumber("");
        return MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength();
    }

    private String sbe(final int length)
    {
        return new OrderEventDecoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH, OrderEventDecoder.BLOCK_LENGTH,
            OrderEventDecoder.SCHEMA_VERSION).toString() + " bytes=" + MessagePrinter.hex(buffer, 0, length);
    }

    @Test
    void shouldRespellOnlyTheEnumFieldsOfAMessageLeavingTheRestAsSbeRendersIt()
    {
        final int length = order(Validity.DAY, "x|orderType=SL_M|variety=REGULAR|");

        final String printed = MessagePrinter.describe(buffer, 0, length);

        assertEquals(sbe(length).replaceFirst("\\|status=TRIGGER_PENDING\\|", "|status=TRIGGER PENDING|")
            .replaceFirst("\\|orderType=SL_M\\|", "|orderType=SL-M|")
            .replaceFirst("\\|variety=REGULAR\\|", "|variety=regular|"), printed);
        assertTrue(printed.contains("|statusMessage='x|orderType=SL_M|variety=REGULAR|'|"), printed);
    }

    @Test
    void shouldKeepSbesNameOfAValueKiteNamesDoesNotName()
    {
        final int length = order(Validity.NULL_VAL, "");

        final String printed = MessagePrinter.describe(buffer, 0, length);

        assertTrue(printed.contains("|orderType=SL-M|product=MIS|validity=NULL_VAL|variety=regular|"), printed);
    }

    @Test
    void shouldPrintTheProductOfEveryEntryOfAGroupAsKiteNamesIt()
    {
        final BrokerPositionCommandEncoder positions = new BrokerPositionCommandEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestampNs(1).accountId(1)
            .instrumentToken(408_065).requestedNs(1);
        positions.productsCount(2).next().product(Product.CNC).dayBuyQty(5).daySellQty(0).overnightQty(3)
            .next().product(Product.MIS).dayBuyQty(1).daySellQty(1).overnightQty(0);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + positions.encodedLength();

        final String printed = MessagePrinter.describe(buffer, 0, length);

        assertEquals(new BrokerPositionCommandDecoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH,
            BrokerPositionCommandDecoder.BLOCK_LENGTH, BrokerPositionCommandDecoder.SCHEMA_VERSION).toString() +
            " bytes=" + MessagePrinter.hex(buffer, 0, length), printed);
        assertTrue(printed.contains("products=[(product=CNC|dayBuyQty=5|daySellQty=0|overnightQty=3)," +
            "(product=MIS|dayBuyQty=1|daySellQty=1|overnightQty=0)]"), printed);
    }
}
