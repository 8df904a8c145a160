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
import java.util.Collections;
import java.util.LinkedHashMap;
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
    void shouldOfferTheDefaultsThenKeepEachUsersOwnListsAcrossARestart() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final HttpResponse<String> created = app.send("POST", "/api/users", admin,
            "{\"username\":\"watcher\",\"password\":\"watcher-password-1\",\"roles\":[\"trader\"]}");
        assertEquals(201, created.statusCode(), created.body());
        final String watcher = app.login("watcher", "watcher-password-1");

        assertEquals(JSON.readTree("{\"lists\":[{\"name\":\"Watchlist 1\",\"items\":[],\"selected\":null}]," +
            "\"active\":0,\"saved\":false,\"version\":0,\"loading\":true}"), get(admin));

        app.connectBroker(admin, null);
        JsonNode defaults = get(admin);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (defaults.path("loading").asBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "the defaults still loading after 60 s: " + defaults);
            Thread.sleep(5);
            defaults = get(admin);
        }

        assertFalse(defaults.path("saved").asBoolean());
        assertEquals(1, defaults.path("lists").size());
        final JsonNode list = defaults.path("lists").get(0);
        assertEquals("Watchlist 1", list.path("name").asText());
        assertEquals(List.of("NIFTY 50", "NIFTY BANK", "INFY", "RELIANCE", "TCS", "HDFCBANK", "ICICIBANK", "SBIN"),
            symbols(list));
        assertEquals(NIFTY_50, list.path("selected").asLong());
        final JsonNode infy = list.path("items").get(2);
        assertEquals(INFY, infy.path("instrument_token").asLong());
        assertEquals("NSE", infy.path("exchange").asText());
        assertEquals("NSE", infy.path("segment").asText());
        assertEquals(new BigDecimal("0.05"), infy.path("tick_size").decimalValue().stripTrailingZeros());
        assertEquals(1, infy.path("lot_size").asInt());
        assertEquals("quote", infy.path("mode").asText());
        final long sbin = list.path("items").get(7).path("instrument_token").asLong();

        final HttpResponse<String> saved = app.send("PUT", "/api/watchlist", admin, "{\"lists\":[" +
            "{\"name\":\" Stocks \",\"items\":[{\"instrument_token\":" + sbin + "},{\"instrument_token\":" + INFY +
            ",\"mode\":\"full\"}],\"selected\":" + INFY + "}," +
            "{\"name\":\"Index\",\"items\":[{\"instrument_token\":" + NIFTY_50 + ",\"mode\":\"ltp\"}," +
            "{\"instrument_token\":" + INFY + "}],\"selected\":null}],\"active\":1}");
        assertEquals(200, saved.statusCode(), saved.body());
        final JsonNode answer = JSON.readTree(saved.body());
        assertTrue(answer.path("saved").asBoolean());
        assertEquals(1, answer.path("active").asInt());
        assertEquals("Stocks", answer.path("lists").get(0).path("name").asText());
        assertEquals(List.of("SBIN", "INFY"), symbols(answer.path("lists").get(0)));
        assertEquals(List.of("quote", "full"), modes(answer.path("lists").get(0)));
        assertEquals(INFY, answer.path("lists").get(0).path("selected").asLong());
        assertEquals(List.of("NIFTY 50", "INFY"), symbols(answer.path("lists").get(1)));
        assertEquals(List.of("ltp", "quote"), modes(answer.path("lists").get(1)));
        assertTrue(answer.path("lists").get(1).path("selected").isNull());
        assertEquals(answer, get(admin));

        final JsonNode others = get(watcher);
        assertFalse(others.path("saved").asBoolean());
        assertEquals(8, others.path("lists").get(0).path("items").size());

        app.restart();

        assertEquals(answer, get(app.login("admin", GatewayFixture.ADMIN_PASSWORD)));
        final JsonNode replayed = get(app.login("watcher", "watcher-password-1"));
        assertFalse(replayed.path("loading").asBoolean(), replayed.toString());
        assertEquals(8, replayed.path("lists").get(0).path("items").size());

        final String emptied = app.send("PUT", "/api/watchlist", watcher,
            "{\"lists\":[{\"name\":\"Mine\",\"items\":[],\"selected\":null}],\"active\":0}").body();
        assertEquals(JSON.readTree("{\"lists\":[{\"name\":\"Mine\",\"items\":[],\"selected\":null}]," +
            "\"active\":0,\"saved\":true,\"version\":1,\"loading\":false}"), JSON.readTree(emptied));
        assertEquals(JSON.readTree(emptied), get(app.login("watcher", "watcher-password-1")));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldKeepAnInstrumentTheEngineNoLongerKnowsOnlyWhileItIsInASavedList() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        connectAndAwaitInstruments(admin);
        final UUID adminId = app.bean(Storage.class).users().findByUsername("admin").orElseThrow().id();
        app.bean(Storage.class).watchlists().save(adminId, List.of(
            new WatchlistRow("Stocks", List.of(
                new WatchlistItemRow(INFY, "NSE", "INFY", "NSE", new BigDecimal("0.05"), 1, "quote")), null),
            new WatchlistRow("Expiring", List.of(
                new WatchlistItemRow(99_000_001L, "NFO", "NIFTY25NOVFUT", "NFO-FUT", new BigDecimal("0.10"), 75,
                    "ltp")),
                99_000_001L)), 0, 0L).orElseThrow();

        final JsonNode listed = get(admin);
        assertEquals(List.of("NIFTY25NOVFUT"), symbols(listed.path("lists").get(1)));
        assertEquals("NFO-FUT", listed.path("lists").get(1).path("items").get(0).path("segment").asText());
        assertEquals(75, listed.path("lists").get(1).path("items").get(0).path("lot_size").asInt());

        final HttpResponse<String> moved = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"Stocks\",\"items\":[{\"instrument_token\":99000001,\"mode\":\"full\"}," +
                "{\"instrument_token\":" + INFY + "}],\"selected\":99000001}],\"active\":0}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(List.of("NIFTY25NOVFUT", "INFY"), symbols(get(admin).path("lists").get(0)));
        assertEquals(List.of("full", "quote"), modes(get(admin).path("lists").get(0)));

        final HttpResponse<String> unknown = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"Stocks\",\"items\":[{\"instrument_token\":" + INFY + "}]}," +
                "{\"name\":\"New\",\"items\":[{\"instrument_token\":99000002}]}]}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("lists[1].items[0].instrument_token: 99000002 is not an instrument the engine knows",
            JSON.readTree(unknown.body()).path("message").asText());

        final HttpResponse<String> removed = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"Stocks\",\"items\":[{\"instrument_token\":" + INFY + "}]}]}");
        assertEquals(200, removed.statusCode(), removed.body());
        final HttpResponse<String> addedBack = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"Stocks\",\"items\":[{\"instrument_token\":" + INFY + "}," +
                "{\"instrument_token\":99000001}]}]}");
        assertEquals(400, addedBack.statusCode(), addedBack.body());
        assertEquals(List.of("INFY"), symbols(get(admin).path("lists").get(0)));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldRefuseListsItCannotKeepNamingWhatIsWrongAndSaveNothing() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        connectAndAwaitInstruments(admin);
        final String kept = "{\"lists\":[{\"name\":\"Kept\",\"items\":[{\"instrument_token\":" + INFY + "}]," +
            "\"selected\":" + INFY + "}],\"active\":0}";
        assertEquals(200, app.send("PUT", "/api/watchlist", admin, kept).statusCode());
        final JsonNode before = get(admin);
        final String infy = "{\"instrument_token\":" + INFY + "}";
        final StringBuilder tooMany = new StringBuilder("{\"lists\":[{\"name\":\"Big\",\"items\":[");
        for (int i = 0; i <= WatchlistController.MAX_ITEMS; i++)
        {
            tooMany.append(i == 0 ? "" : ",").append("{\"instrument_token\":").append(INFY + i).append('}');
        }
        tooMany.append("]}]}");
        final String eight = "{\"lists\":[" + String.join(",",
            Collections.nCopies(8, "{\"name\":\"L\",\"items\":[]}")) + "]}";

        final Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"active\":0}", "lists: required, give 1 to 7 in order");
        refusals.put("{\"lists\":[]}", "lists: 0 lists, give 1 to 7 in order");
        refusals.put(eight, "lists: 8 lists, give 1 to 7 in order");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[]}],\"active\":1}",
            "active: 1 is not one of the lists (0 to 0)");
        refusals.put("{\"lists\":[null]}", "lists[0]: required");
        refusals.put("{\"lists\":[{\"name\":\"  \",\"items\":[]}]}", "lists[0].name: required, give 1 to 30");
        refusals.put("{\"lists\":[{\"name\":\"" + "x".repeat(31) + "\",\"items\":[]}]}",
            "lists[0].name: 31 characters, give 1 to 30");
        refusals.put("{\"lists\":[{\"name\":\"A\"}]}",
            "lists[0].items: required, the whole list in order (empty to clear it)");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[]},{\"name\":\"B\",\"items\":[" + infy + "," + infy +
            "]}]}", "lists[1].items[1].instrument_token: " + INFY + " is in the list twice");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[{\"instrument_token\":" + INFY +
            ",\"mode\":\"depth\"}]}]}", "lists[0].items[0].mode: 'depth', expected ltp, quote or full");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[{\"mode\":\"ltp\"}]}]}",
            "lists[0].items[0].instrument_token: required");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[" + infy + "],\"selected\":" + NIFTY_50 + "}]}",
            "lists[0].selected: " + NIFTY_50 + " is not an instrument of the list");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[]}],\"version\":-1}",
            "version: -1, give the version the lists were read as");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[]},{\"name\":\"B\",\"items\":[" + infy +
            ",{\"instrument_token\":\"x\"}]}]}",
            "lists[1].items[1].instrument_token: expected a whole number, got the text 'x'");
        refusals.put("{\"lists\":[{\"name\":\"A\",\"items\":[7]}]}",
            "lists[0].items[0]: expected an object ({...}), got a number");
        refusals.put("{\"lists\":{\"name\":\"A\"}}", "lists: expected a list ([...]), got an object");
        refusals.put(tooMany.toString(), "lists[0].items: " + (WatchlistController.MAX_ITEMS + 1) +
            " instruments, at most " + WatchlistController.MAX_ITEMS);
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> answer = app.send("PUT", "/api/watchlist", admin, refusal.getKey());
            assertEquals(400, answer.statusCode(), answer.body());
            final JsonNode error = JSON.readTree(answer.body());
            assertEquals("bad_request", error.path("error").asText(), answer.body());
            assertEquals(refusal.getValue(), error.path("message").asText());
        }
        final HttpResponse<String> unknownField = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"A\",\"items\":[],\"colour\":\"red\"}]}");
        assertEquals(400, unknownField.statusCode(), unknownField.body());
        assertTrue(unknownField.body().contains("lists[0]: unknown field 'colour'"), unknownField.body());

        assertEquals(before, get(admin));
        assertEquals(401, app.send("GET", "/api/watchlist", null, null).statusCode());
        assertEquals(401, app.send("PUT", "/api/watchlist", null, kept).statusCode());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldRefuseASaveFromAWindowThatReadTheListsBeforeAnotherWindowSaved() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        connectAndAwaitInstruments(admin);
        final String window = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final long read = get(admin).path("version").asLong();
        assertEquals(0, read);

        final HttpResponse<String> first = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"First\",\"items\":[{\"instrument_token\":" + INFY + "}]}],\"version\":0}");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(1, JSON.readTree(first.body()).path("version").asLong());

        final HttpResponse<String> stale = app.send("PUT", "/api/watchlist", window,
            "{\"lists\":[{\"name\":\"Second\",\"items\":[]}],\"version\":0}");
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("watchlist_changed", JSON.readTree(stale.body()).path("error").asText());
        assertEquals("the watchlists were changed elsewhere (now version 1); read them again",
            JSON.readTree(stale.body()).path("message").asText());
        assertEquals(JSON.readTree(first.body()), get(window));

        final HttpResponse<String> afterReading = app.send("PUT", "/api/watchlist", window,
            "{\"lists\":[{\"name\":\"Second\",\"items\":[]}],\"version\":1}");
        assertEquals(200, afterReading.statusCode(), afterReading.body());
        assertEquals(2, JSON.readTree(afterReading.body()).path("version").asLong());
        final HttpResponse<String> unconditional = app.send("PUT", "/api/watchlist", admin,
            "{\"lists\":[{\"name\":\"Third\",\"items\":[]}]}");
        assertEquals(200, unconditional.statusCode(), unconditional.body());
        assertEquals(3, get(window).path("version").asLong());
        assertEquals("Third", get(window).path("lists").get(0).path("name").asText());
    }

    private void connectAndAwaitInstruments(final String token) throws Exception
    {
        app.connectBroker(token, null);
        app.lastPrice(token, "NSE:INFY");
    }

    private JsonNode get(final String token) throws Exception
    {
        final HttpResponse<String> response = app.send("GET", "/api/watchlist", token, null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> symbols(final JsonNode list)
    {
        final List<String> symbols = new ArrayList<>();
        list.path("items").forEach(item -> symbols.add(item.path("tradingsymbol").asText()));
        return symbols;
    }

    private static List<String> modes(final JsonNode list)
    {
        final List<String> modes = new ArrayList<>();
        list.path("items").forEach(item -> modes.add(item.path("mode").asText()));
        return modes;
    }
}
