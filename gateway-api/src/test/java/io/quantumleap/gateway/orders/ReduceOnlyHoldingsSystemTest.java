package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReduceOnlyHoldingsSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayFixture app;
    private String admin;

    @BeforeEach
    void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    void shouldLetDeliverySharesHeldBeSoldAndNotBoughtBackUnderReduceOnly() throws Exception
    {
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NSE:SBIN");
        final String above = ltp.multiply(new BigDecimal("1.01")).setScale(1, RoundingMode.UP).toPlainString();
        assertEquals(200, app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":1,\"mode\":\"reduce_only\"}}").statusCode());

        final AtomicReference<HttpResponse<String>> sold = new AtomicReference<>();
        GatewayFixture.await("a sale of 2 of the 16 SBIN held, once the broker's holdings reached the engine",
            Duration.ofSeconds(30), () ->
            {
                sold.set(send(order("SELL", 2, above)));
                return sold.get().statusCode() == 201 || sold.get().statusCode() == 202;
            });
        final HttpResponse<String> buy = send(order("BUY", 1, above));
        assertEquals(422, buy.statusCode(), buy.body());
        assertTrue(buy.body().contains("\"error\":\"kill_switch_reduce_only\""), buy.body());
        final HttpResponse<String> tooMany = send(order("SELL", 15, above));
        assertEquals(422, tooMany.statusCode(), tooMany.body());
        assertTrue(tooMany.body().contains("(up to 14); this one is for 15"), tooMany.body());
        final HttpResponse<String> rest = send(order("SELL", 14, above));
        assertTrue(rest.statusCode() == 201 || rest.statusCode() == 202, rest.body());
        final long sale = JSON.readTree(sold.get().body()).path("client_order_id").asLong();
        GatewayFixture.await("the sale in the order book", Duration.ofSeconds(30), () ->
        {
            try
            {
                final HttpResponse<String> placed = app.send("GET", "/api/orders/" + sale, admin, null);
                return placed.statusCode() == 200 && placed.body().contains("\"transaction_type\":\"SELL\"") &&
                    placed.body().contains("\"product\":\"CNC\"");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private static String order(final String side, final long quantity, final String price)
    {
        return "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"transaction_type\":\"" + side + "\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":" + quantity + ",\"product\":\"CNC\",\"price\":" + price + "}";
    }

    private HttpResponse<String> send(final String body)
    {
        try
        {
            return app.send("POST", "/api/orders", admin, body);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
