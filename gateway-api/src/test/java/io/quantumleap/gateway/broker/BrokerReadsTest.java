package io.quantumleap.gateway.broker;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BrokerReadsTest
{
    @Test
    void shouldWriteAPriceWithoutAnExponent()
    {
        assertEquals("1250", BrokerReads.plain(new BigDecimal("1.25E+3")).toString());
        assertEquals("1250.50", BrokerReads.plain(new BigDecimal("1250.50")).toString());
        assertNull(BrokerReads.plain(null));
    }
}
