package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.testing.SystemProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigurationTest
{
    @RegisterExtension
    final SystemProperties properties = new SystemProperties();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qleap.engine.risk.max.order.value.paise | 0 | expected paise of at least 1",
        "qleap.engine.risk.max.position.qty | -5 | expected a quantity of at least 1",
        "qleap.engine.risk.price.band.bps | -1 | expected basis points from 1 to 2147483647",
        "qleap.engine.risk.orders.per.second | 0 | expected orders from 1 to 2147483647",
        "qleap.engine.risk.orders.per.minute | -400 | expected orders from 1 to 2147483647",
        "qleap.engine.risk.orders.per.day | 0 | expected orders from 1 to 2147483647",
        "qleap.engine.risk.orders.per.day | 3000000000 | expected orders from 1 to 2147483647",
        "qleap.engine.instrument.capacity | -1 | expected a capacity from 1 to 16777216",
        "qleap.engine.instrument.capacity | 16777217 | expected a capacity from 1 to 16777216",
        "qleap.engine.orders.per.account.capacity | 0 | expected a capacity from 1 to 16777216",
        "qleap.engine.retained.terminal.orders | -65536 | expected a capacity from 1 to 16777216",
        "qleap.engine.parked.broker.updates | 0 | expected a capacity from 1 to 1048576",
        "qleap.engine.parked.broker.updates | 1048577 | expected a capacity from 1 to 1048576",
        "qleap.engine.park.timeout.ns | -10 | expected nanoseconds from 1000000 to 86400000000000",
        "qleap.engine.expiry.grace.ns | 0 | expected nanoseconds from 1000000 to 86400000000000",
        "qleap.engine.reconcile.interval.ns | 999999 | expected nanoseconds from 1000000 to 86400000000000",
        "qleap.engine.ack.timeout.ns | 86400000000001 | expected nanoseconds from 1000000 to 86400000000000",
        "qleap.engine.ring.size | -8 | expected a power of two from 1 to 1073741824",
        "qleap.engine.ring.slot.size | 32 | expected a size in bytes from 64 to 2147483647",
        "qleap.engine.risk.max.position.qty | lots | expected an integer",
    })
    void shouldRefuseAValueOutOfRangeAtStartNamingThePropertyTheValueAndWhatIsExpected(
        final String property, final String value, final String expected)
    {
        properties.set(property, value);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new PipelineContext().conclude());

        assertEquals(property + "=" + value + ": " + expected, ex.getMessage());
    }

    @Test
    void shouldTakeTheBoundsOfEachRange()
    {
        properties.set(Configuration.MAX_POSITION_PROP_NAME, "1");
        properties.set(Configuration.INSTRUMENT_CAPACITY_PROP_NAME, Integer.toString(Configuration.CAPACITY_MAX));
        properties.set(Configuration.PARKED_UPDATES_PROP_NAME, Integer.toString(Configuration.PARKED_UPDATES_MAX));
        properties.set(Configuration.ACK_TIMEOUT_PROP_NAME, Long.toString(Configuration.DURATION_MAX_NS));
        properties.set(Configuration.PARK_TIMEOUT_PROP_NAME, Long.toString(Configuration.DURATION_MIN_NS));

        final CoreSettings settings = Configuration.coreSettingsFromProperties();

        assertEquals(1, settings.defaultLimits().maxPositionQty());
        assertEquals(Configuration.CAPACITY_MAX, settings.instrumentCapacity());
        assertEquals(Configuration.PARKED_UPDATES_MAX, settings.parkedBrokerUpdates());
        assertEquals(Configuration.DURATION_MAX_NS, settings.ackTimeoutNs());
        assertEquals(Configuration.DURATION_MIN_NS, settings.parkTimeoutNs());
    }

    @Test
    void shouldStartWithTheDefaults()
    {
        final PipelineContext context = new PipelineContext().conclude();

        final CoreSettings settings = context.coreSettings();
        assertEquals(Configuration.RING_SIZE_DEFAULT, context.ringSize());
        assertEquals(Configuration.SLOT_SIZE_DEFAULT, context.slotSize());
        assertEquals(Configuration.MAX_ORDER_VALUE_DEFAULT, settings.defaultLimits().maxOrderValuePaise());
        assertEquals(Configuration.MAX_POSITION_DEFAULT, settings.defaultLimits().maxPositionQty());
        assertEquals(Configuration.PRICE_BAND_DEFAULT, settings.defaultLimits().priceBandBps());
        assertEquals(Configuration.ORDERS_PER_SECOND_DEFAULT, settings.defaultLimits().ordersPerSecond());
        assertEquals(Configuration.ORDERS_PER_MINUTE_DEFAULT, settings.defaultLimits().ordersPerMinute());
        assertEquals(Configuration.ORDERS_PER_DAY_DEFAULT, settings.defaultLimits().ordersPerDay());
        assertEquals(Configuration.INSTRUMENT_CAPACITY_DEFAULT, settings.instrumentCapacity());
        assertEquals(Configuration.ORDERS_PER_ACCOUNT_DEFAULT, settings.ordersPerAccountCapacity());
        assertEquals(Configuration.RETAINED_ORDERS_DEFAULT, settings.retainedTerminalOrders());
        assertEquals(Configuration.PARKED_UPDATES_DEFAULT, settings.parkedBrokerUpdates());
        assertEquals(Configuration.PARK_TIMEOUT_DEFAULT, settings.parkTimeoutNs());
        assertEquals(Configuration.EXPIRY_GRACE_DEFAULT, settings.expiryGraceNs());
        assertEquals(Configuration.RECONCILE_INTERVAL_DEFAULT, settings.reconcileIntervalNs());
        assertEquals(Configuration.ACK_TIMEOUT_DEFAULT, settings.ackTimeoutNs());
    }

    @Test
    void shouldRefuseANonNumberWithTheRefusalAsTheInnermostCauseSoAStartFailureReportNamesTheProperty()
    {
        properties.set(Configuration.ORDERS_PER_SECOND_PROP_NAME, "ten");

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new PipelineContext().conclude());

        assertEquals("qleap.engine.risk.orders.per.second=ten: expected an integer", ex.getMessage());
        assertNull(ex.getCause());
    }

    @Test
    void shouldRefuseABooleanPropertyThatIsNeitherTrueNorFalse()
    {
        properties.set("qleap.test.flag", "ture");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Configuration.booleanProperty("qleap.test.flag", true));

        assertEquals("qleap.test.flag=ture: expected true or false", ex.getMessage());
    }

}
