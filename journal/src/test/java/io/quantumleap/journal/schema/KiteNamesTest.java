package io.quantumleap.journal.schema;

import io.quantumleap.engine.kite.KiteEnums;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KiteNamesTest
{
    @Test
    void shouldSpellEveryStatusKiteSendsSoThatTheTickersParserReadsItBack()
    {
        for (final OrderStatus status : EnumSet.complementOf(EnumSet.of(OrderStatus.PENDING_RISK, OrderStatus.UNKNOWN,
            OrderStatus.SBE_UNKNOWN, OrderStatus.NULL_VAL)))
        {
            assertEquals(status, KiteTextFrameParser.orderStatus(KiteNames.status(status)), status.name());
        }
        assertEquals("TRIGGER PENDING", KiteNames.status(OrderStatus.TRIGGER_PENDING));
        assertEquals("PUT ORDER REQ RECEIVED", KiteNames.status(OrderStatus.PUT_ORDER_REQ_RECEIVED));
        assertEquals("PENDING", KiteNames.status(OrderStatus.PENDING_RISK));
        assertEquals("UNKNOWN", KiteNames.status(OrderStatus.UNKNOWN));
        assertEquals("", KiteNames.status(OrderStatus.NULL_VAL));
    }

    @Test
    void shouldSpellTheTermsOfAnOrderAsKitesRestClientDoes()
    {
        assertEquals("SL-M", KiteNames.orderType(OrderType.SL_M));
        assertEquals("regular", KiteNames.variety(Variety.REGULAR));
        assertEquals("iceberg", KiteNames.variety(Variety.ICEBERG));
        for (final OrderType type : EnumSet.complementOf(EnumSet.of(OrderType.SBE_UNKNOWN, OrderType.NULL_VAL)))
        {
            assertEquals(type, KiteEnums.orderType(KiteNames.orderType(type)), type.name());
        }
        for (final Product product : EnumSet.complementOf(EnumSet.of(Product.SBE_UNKNOWN, Product.NULL_VAL)))
        {
            assertEquals(product, KiteEnums.product(KiteNames.product(product)), product.name());
        }
        for (final Validity validity : EnumSet.complementOf(EnumSet.of(Validity.SBE_UNKNOWN, Validity.NULL_VAL)))
        {
            assertEquals(validity, KiteEnums.validity(KiteNames.validity(validity)), validity.name());
        }
        for (final Side side : EnumSet.complementOf(EnumSet.of(Side.SBE_UNKNOWN, Side.NULL_VAL)))
        {
            assertEquals(side, KiteEnums.side(KiteNames.side(side)), side.name());
        }
        assertEquals("", KiteNames.orderType(OrderType.NULL_VAL));
        assertEquals("", KiteNames.variety(Variety.NULL_VAL));
    }

    @Test
    void shouldSpellTickModesInLowerCaseAsKitesTickerDoes()
    {
        assertEquals("ltp", KiteNames.mode(TickMode.LTP));
        assertEquals("quote", KiteNames.mode(TickMode.QUOTE));
        assertEquals("full", KiteNames.mode(TickMode.FULL));
        assertEquals("", KiteNames.mode(TickMode.NULL_VAL));
    }
}
