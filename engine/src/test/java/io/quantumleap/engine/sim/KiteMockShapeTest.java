package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteMockShapeTest
{
    private static final Path MOCKS = locateMocks();
    private static final ManualClock CLOCK = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private static KiteSimulator sim;
    private static SimHttp http;
    private static JsonNode session;
    private static String orderId;
    private static TickerClient ticker;

    @BeforeAll
    static void start() throws Exception
    {
        sim = new KiteSimulator(SimHttp.context(CLOCK)).start();
        http = new SimHttp(sim);
        final String requestToken = http.requestToken();
        session = SimHttp.json(http.post("/session/token", "api_key", sim.apiKey(), "request_token", requestToken,
            "checksum", Sessions.sha256Hex(sim.apiKey() + requestToken + sim.apiSecret())));
        http.accessToken = session.get("data").get("access_token").asText();
        ticker = TickerClient.connect(sim, http.accessToken);
        ticker.nextBinary();
        orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "2", "product", "CNC");
    }

    @AfterAll
    static void stop()
    {
        sim.close();
    }

    @Test
    void shouldAnswerEveryMockedEndpointWithAtLeastTheMocksFields() throws Exception
    {
        assertShape("generate_session.json", session);
        assertShape("profile.json", get("/user/profile"));
        assertShape("margins.json", get("/user/margins"));
        assertShape("margins_equity.json", get("/user/margins/equity"));
        assertShape("orders.json", get("/orders"));
        assertShape("order_info.json", get("/orders/" + orderId));
        assertShape("trades.json", get("/trades"));
        assertShape("order_trades.json", get("/orders/" + orderId + "/trades"));
        assertShape("positions.json", get("/portfolio/positions"));
        assertShape("holdings.json", get("/portfolio/holdings"));
        assertShape("holdings_compact.json", get("/portfolio/holdings/compact"));
        assertShape("holdings_summary.json", get("/portfolio/holdings/summary"));
        assertShape("holdings_auth.json", SimHttp.json(http.post("/portfolio/holdings/authorise")));
        assertShape("full_profile.json", get("/user/profile/full"));
        assertShape("quote.json", get("/quote?i=NSE:INFY"));
        assertShape("ohlc.json", get("/quote/ohlc?i=NSE:INFY"));
        assertShape("ltp.json", get("/quote/ltp?i=NSE:INFY"));
        assertShape("order_response.json", SimHttp.json(http.post("/orders/regular", "exchange", "NSE",
            "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product",
            "CNC")));
        assertShape("session_logout.json", SimHttp.json(http.delete("/session/token?api_key=" + sim.apiKey() +
            "&access_token=x")));
    }

    @Test
    void shouldSendOrderUpdatesWithThePostbackMocksFields() throws Exception
    {
        JsonNode message;
        do
        {
            message = SimHttp.MAPPER.readTree(ticker.nextText());
        }
        while (!"COMPLETE".equals(message.get("data").get("status").asText()));

        assertEquals(paths(mock("postback.json")), intersect(paths(mock("postback.json")), paths(message.get("data"))));
    }

    @Test
    void shouldServeTheInstrumentDumpWithTheMocksHeader() throws Exception
    {
        final String header = Files.readAllLines(MOCKS.resolve("instruments_all.csv")).get(0);

        assertEquals(header, http.get("/instruments").body().split("\n")[0]);
        assertEquals(header, http.get("/instruments/NSE").body().split("\n")[0]);
    }

    private static JsonNode get(final String path) throws Exception
    {
        return SimHttp.json(http.get(path));
    }

    private static void assertShape(final String mockFile, final JsonNode ours) throws Exception
    {
        final Set<String> expected = paths(mock(mockFile));
        final Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(paths(ours));
        missing.removeIf(path -> path.contains(".iceberg"));
        assertTrue(missing.isEmpty(), mockFile + " fields missing from the simulator: " + missing);
    }

    private static Set<String> intersect(final Set<String> a, final Set<String> b)
    {
        final Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    static JsonNode mock(final String name) throws Exception
    {
        return SimHttp.MAPPER.readTree(MOCKS.resolve(name).toFile());
    }

    private static Set<String> paths(final JsonNode node)
    {
        final Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(final JsonNode node, final String prefix, final Set<String> paths)
    {
        if (node.isObject())
        {
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                final String key = prefix.endsWith("data.") && isInstrumentKey(field.getKey()) ? "*" : field.getKey();
                paths.add(prefix + key);
                collect(field.getValue(), prefix + key + ".", paths);
            }
        }
        else if (node.isArray())
        {
            for (final JsonNode element : node)
            {
                collect(element, prefix + "[].", paths);
            }
        }
    }

    private static boolean isInstrumentKey(final String key)
    {
        return key.contains(":");
    }

    private static Path locateMocks()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("kite").resolve("mocks");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/kite/mocks directory above " + Paths.get("").toAbsolutePath());
    }
}
