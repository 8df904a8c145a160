package io.quantumleap.gateway.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardOriginTest
{
    @Test
    void shouldKeepAPlainWebOrigin()
    {
        assertEquals("http://127.0.0.1:8080", BrokerController.dashboardOrigin("http://127.0.0.1:8080"));
        assertEquals("https://desk.example.com", BrokerController.dashboardOrigin("https://desk.example.com"));
        assertEquals("http://[::1]:8080", BrokerController.dashboardOrigin("http://[::1]:8080"));
    }

    @Test
    void shouldFallBackToARelativeRedirectForAnythingElse()
    {
        assertEquals("", BrokerController.dashboardOrigin(null));
        assertEquals("", BrokerController.dashboardOrigin("http://bad host:8080"));
        assertEquals("", BrokerController.dashboardOrigin("javascript://x.example.com"));
        assertEquals("", BrokerController.dashboardOrigin("http://x.example.com/elsewhere"));
        assertEquals("", BrokerController.dashboardOrigin("http://x.example.com?next=1"));
        assertEquals("", BrokerController.dashboardOrigin("http://user@x.example.com"));
        assertEquals("", BrokerController.dashboardOrigin("http:///nohost"));
        assertEquals("", BrokerController.dashboardOrigin(""));
    }
}
