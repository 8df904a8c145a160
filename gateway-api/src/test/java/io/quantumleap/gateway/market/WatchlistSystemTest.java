package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.WatchlistItemRow;
import io.quantumleap.persistence.users.WatchlistRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INFY = 408065;
    private static final long NIFTY_50 = 256265;

    private final GatewayFixture app = new GatewayFixture(Map.of());

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldOfferTheDefaultsThenKeepEachUsersOwnListAcrossARestart() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final HttpResponse<String> created = app.send("POST", "/api/users", admin,
            "{\"username\":\"watcher\",\"password\":\"watcher-password-1\",\"roles\":[\"trader\"]}");
        assertEquals(201, created.statusCode(), created.body());
        final String watcher = app.login("watcher", "watcher-password-1");

        final JsonNode beforeBroker = get(admin);
        assertFalse(beforeBroker.path("saved").asBoolean(), beforeBroker.toString());
        assertEquals(0, beforeBroker.path("items").size(), beforeBroker.toString());
        assertTrue(beforeBroker.path("selected").isNull(), beforeBroker.toString());

        app.connectBroker(admin, null);

        final JsonNode defaults = get(admin);
        assertFalse(defaults.path("saved").asBoolean());
        assertEquals(List.of("NIFTY 50", "NIFTY BANK", "INFY", "RELIANCE", "TCS", "HDFCBANK", "ICICIBANK", "SBIN"),
            symbols(defaults));
        assertEquals(NIFTY_50, defaults.path("selected").asLong());
        final JsonNode infy = defaults.path("items").get(2);
        assertEquals(INFY, infy.path("instrument_token").asLong());
        assertEquals("NSE", infy.path("exchange").asText());
        assertEquals("NSE", infy.path("segment").asText());
        assertEquals(new BigDecimal("0.05"), infy.path("tick_size").decimalValue().stripTrailingZeros());
        assertEquals(1, infy.path("lot_size").asInt());
        assertEquals("quote", infy.path("mode").asText());
        final long sbin = defaults.path("items").get(7).path("instrument_token").asLong();

        final HttpResponse<String> saved = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[{\"instrument_token\":" + sbin + "},{\"instrument_token\":" + INFY + ",\"mode\":\"full\"}]," +
                "\"selected\":" + INFY + "}");
        assertEquals(200, saved.statusCode(), saved.body());
        final JsonNode answer = JSON.readTree(saved.body());
        assertTrue(answer.path("saved").asBoolean());
        assertEquals(List.of("SBIN", "INFY"), symbols(answer));
        assertEquals(List.of("quote", "full"), modes(answer));
        assertEquals(answer, get(admin));

        final JsonNode others = get(watcher);
        assertFalse(others.path("saved").asBoolean());
        assertEquals(8, others.path("items").size());

        app.restart();

        final JsonNode afterRestart = get(app.login("admin", GatewayFixture.ADMIN_PASSWORD));
        assertTrue(afterRestart.path("saved").asBoolean());
        assertEquals(List.of("SBIN", "INFY"), symbols(afterRestart));
        assertEquals(List.of("quote", "full"), modes(afterRestart));
        assertEquals(INFY, afterRestart.path("selected").asLong());

        final String emptied = app.send("PUT", "/api/watchlist", watcher, "{\"items\":[],\"selected\":null}").body();
        assertEquals(JSON.readTree("{\"items\":[],\"selected\":null,\"saved\":true}"), JSON.readTree(emptied));
        assertEquals(JSON.readTree(emptied), get(app.login("watcher", "watcher-password-1")));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldKeepAnInstrumentTheEngineNoLongerKnowsOnlyWhileItIsInTheSavedList() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        final UUID adminId = app.bean(Storage.class).users().findByUsername("admin").orElseThrow().id();
        app.bean(Storage.class).watchlists().save(adminId, new WatchlistRow(List.of(
            new WatchlistItemRow(INFY, "NSE", "INFY", "NSE", new BigDecimal("0.05"), 1, "quote"),
            new WatchlistItemRow(99_000_001L, "NFO", "NIFTY25NOVFUT", "NFO-FUT", new BigDecimal("0.10"), 75, "ltp")),
            99_000_001L));

        final JsonNode listed = get(admin);
        assertEquals(List.of("INFY", "NIFTY25NOVFUT"), symbols(listed));
        assertEquals("NFO-FUT", listed.path("items").get(1).path("segment").asText());
        assertEquals(75, listed.path("items").get(1).path("lot_size").asInt());

        final HttpResponse<String> modeChanged = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[{\"instrument_token\":99000001,\"mode\":\"full\"},{\"instrument_token\":" + INFY + "}]," +
                "\"selected\":99000001}");
        assertEquals(200, modeChanged.statusCode(), modeChanged.body());
        assertEquals(List.of("NIFTY25NOVFUT", "INFY"), symbols(get(admin)));
        assertEquals(List.of("full", "quote"), modes(get(admin)));

        final HttpResponse<String> unknown = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[{\"instrument_token\":" + INFY + "},{\"instrument_token\":99000002}],\"selected\":null}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("items[1].instrument_token: 99000002 is not an instrument the engine knows",
            JSON.readTree(unknown.body()).path("message").asText());

        final HttpResponse<String> removed = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[{\"instrument_token\":" + INFY + "}],\"selected\":null}");
        assertEquals(200, removed.statusCode(), removed.body());
        final HttpResponse<String> addedBack = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[{\"instrument_token\":" + INFY + "},{\"instrument_token\":99000001}],\"selected\":null}");
        assertEquals(400, addedBack.statusCode(), addedBack.body());
        assertEquals(List.of("INFY"), symbols(get(admin)));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldRefuseAListItCannotKeepNamingWhatIsWrongAndSaveNothing() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        final String kept = "{\"items\":[{\"instrument_token\":" + INFY + "}],\"selected\":" + INFY + "}";
        assertEquals(200, app.send("PUT", "/api/watchlist", admin, kept).statusCode());
        final JsonNode before = get(admin);
        final StringBuilder tooMany = new StringBuilder("{\"items\":[");
        for (int i = 0; i <= WatchlistController.MAX_ITEMS; i++)
        {
            tooMany.append(i == 0 ? "" : ",").append("{\"instrument_token\":").append(INFY + i).append('}');
        }
        tooMany.append("]}");

        final Map<String, String> refusals = Map.of(
            "{\"selected\":" + INFY + "}",
            "items: required, the whole list in order (empty to clear it)",
            "{\"items\":[{\"instrument_token\":" + INFY + "},{\"instrument_token\":" + INFY + "}]}",
            "items[1].instrument_token: " + INFY + " is in the list twice",
            "{\"items\":[{\"instrument_token\":" + INFY + ",\"mode\":\"depth\"}]}",
            "items[0].mode: 'depth', expected ltp, quote or full",
            "{\"items\":[{\"mode\":\"ltp\"}]}",
            "items[0].instrument_token: required",
            "{\"items\":[{\"instrument_token\":" + INFY + "}],\"selected\":" + NIFTY_50 + "}",
            "selected: " + NIFTY_50 + " is not an instrument of the list",
            tooMany.toString(),
            "items: " + (WatchlistController.MAX_ITEMS + 1) + " instruments, at most " + WatchlistController.MAX_ITEMS);
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> answer = app.send("PUT", "/api/watchlist", admin, refusal.getKey());
            assertEquals(400, answer.statusCode(), answer.body());
            final JsonNode error = JSON.readTree(answer.body());
            assertEquals("bad_request", error.path("error").asText(), answer.body());
            assertEquals(refusal.getValue(), error.path("message").asText());
        }
        final HttpResponse<String> unknownField = app.send("PUT", "/api/watchlist", admin,
            "{\"items\":[],\"name\":\"mine\"}");
        assertEquals(400, unknownField.statusCode(), unknownField.body());
        assertTrue(unknownField.body().contains("name"), unknownField.body());

        assertEquals(before, get(admin));
        assertEquals(401, app.send("GET", "/api/watchlist", null, null).statusCode());
        assertEquals(401, app.send("PUT", "/api/watchlist", null, kept).statusCode());
    }

    private JsonNode get(final String token) throws Exception
    {
        final HttpResponse<String> response = app.send("GET", "/api/watchlist", token, null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> symbols(final JsonNode watchlist)
    {
        final List<String> symbols = new ArrayList<>();
        watchlist.path("items").forEach(item -> symbols.add(item.path("tradingsymbol").asText()));
        return symbols;
    }

    private static List<String> modes(final JsonNode watchlist)
    {
        final List<String> modes = new ArrayList<>();
        watchlist.path("items").forEach(item -> modes.add(item.path("mode").asText()));
        return modes;
    }
}
