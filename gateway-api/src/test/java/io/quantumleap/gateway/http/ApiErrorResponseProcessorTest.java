package io.quantumleap.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiErrorResponseProcessorTest
{
    @Test
    void shouldNameAFieldAsTheClientWroteIt()
    {
        assertEquals("limits.max_position_qty", ApiErrorResponseProcessor.wireName("change.limits.maxPositionQty"));
        assertEquals("quantity", ApiErrorResponseProcessor.wireName("request.quantity"));
        assertEquals("password", ApiErrorResponseProcessor.wireName("password"));
        assertEquals("kill_switch.account_id", ApiErrorResponseProcessor.wireName("change.killSwitch.accountId"));
    }
}
