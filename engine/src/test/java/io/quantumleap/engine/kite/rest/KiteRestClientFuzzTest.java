package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteRestClientFuzzTest
{
    private static final int MUTATIONS_PER_REPLY = 150;
    private static final String GTT_REPLY = "{\"status\":\"success\",\"data\":[{\"id\":123,\"user_id\":\"XX0000\"," +
        "\"parent_trigger\":null,\"type\":\"two-leg\",\"created_at\":\"2026-11-30 10:00:00\"," +
        "\"updated_at\":\"2026-11-30 10:00:00\",\"expires_at\":\"2027-11-30 10:00:00\",\"status\":\"triggered\"," +
        "\"condition\":{\"exchange\":\"NSE\",\"last_price\":1520.5,\"tradingsymbol\":\"INFY\"," +
        "\"trigger_values\":[1400,1600],\"instrument_token\":408065},\"orders\":[{\"exchange\":\"NSE\"," +
        "\"tradingsymbol\":\"INFY\",\"product\":\"CNC\",\"order_type\":\"LIMIT\",\"transaction_type\":\"SELL\"," +
        "\"quantity\":1,\"price\":1399,\"result\":null},{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
        "\"product\":\"CNC\",\"order_type\":\"LIMIT\",\"transaction_type\":\"SELL\",\"quantity\":1,\"price\":1601," +
        "\"result\":{\"account_id\":\"XX0000\",\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"validity\":\"DAY\"," +
        "\"product\":\"CNC\",\"order_type\":\"LIMIT\",\"transaction_type\":\"SELL\",\"quantity\":1,\"price\":1601," +
        "\"triggered_at\":1601.2,\"timestamp\":\"2026-11-30 11:00:00\"," +
        "\"order_result\":{\"order_id\":\"261130000001\"," +
        "\"rejection_reason\":\"\",\"status\":\"success\"}}}],\"meta\":null}]}";

    private final FakeKiteServer server = new FakeKiteServer();
    private final KiteRestClient client = new KiteRestClient(server.clientContext()
        .requestTimeout(Duration.ofSeconds(5)));

    private record Endpoint(String route, byte[] reply, Supplier<CompletableFuture<?>> call)
    {
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldAnswerEveryMangledReplyWithAValueOrAKiteErrorAndCountIt() throws Exception
    {
        final Random random = new Random(20261204L);
        final List<String> unexpected = new ArrayList<>();
        int refused = 0;
        int calls = 0;
        for (final Endpoint endpoint : endpoints())
        {
            server.route(endpoint.route(), new FakeKiteServer.Reply(200, "application/json", endpoint.reply(), false));
            assertNull(outcome(endpoint), endpoint.route() + ": the intact reply must parse");
            final JsonNode intact = KiteJson.MAPPER.readTree(endpoint.reply());
            for (int i = 0; i < MUTATIONS_PER_REPLY; i++)
            {
                final byte[] mangled = mangle(intact, endpoint.reply(), random);
                server.route(endpoint.route(), new FakeKiteServer.Reply(200, "application/json", mangled, false));
                calls++;
                final Throwable error = outcome(endpoint);
                if (null == error)
                {
                    continue;
                }
                if (error instanceof KiteException kite && null != kite.getMessage() && !kite.getMessage().isBlank())
                {
                    refused++;
                    continue;
                }
                unexpected.add(endpoint.route() + " answered " + error + " for " +
                    new String(mangled, StandardCharsets.UTF_8));
            }
        }
        assertTrue(unexpected.isEmpty(), unexpected.size() + " of " + calls + " mangled replies failed with " +
            "something other than a KiteException, e.g.:\n" + String.join("\n", unexpected.subList(0,
            Math.min(5, unexpected.size()))));
        assertTrue(refused > calls / 4, refused + " of " + calls + " refused: the mutations hardly changed anything");
        long counted = 0;
        for (final KiteErrorType type : KiteErrorType.values())
        {
            counted += client.errorCount(type);
        }
        assertEquals(refused, counted, "every refused reply is counted by its error type");
    }

    private Throwable outcome(final Endpoint endpoint) throws InterruptedException
    {
        try
        {
            endpoint.call().get().get(10, TimeUnit.SECONDS);
            return null;
        }
        catch (final ExecutionException ex)
        {
            return KiteRestClient.unwrap(ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            return ex;
        }
        catch (final RuntimeException ex)
        {
            return ex;
        }
    }

    private List<Endpoint> endpoints()
    {
        final KiteOrderParams order = new KiteOrderParams("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1500", null, 0,
            "DAY", 0, 0, 0, 0, null);
        return List.of(
            mock("GET /orders", "orders.json", client::orders),
            mock("GET /orders/151220000000000", "order_info.json", () -> client.orderHistory("151220000000000")),
            mock("GET /trades", "trades.json", client::trades),
            mock("GET /orders/151220000000000/trades", "order_trades.json",
                () -> client.orderTrades("151220000000000")),
            mock("GET /portfolio/positions", "positions.json", client::positions),
            mock("GET /portfolio/holdings", "holdings.json", client::holdings),
            mock("GET /portfolio/holdings/auctions", "auctions_list.json", client::holdingsAuctions),
            mock("GET /user/margins", "margins.json", client::margins),
            mock("GET /user/profile", "profile.json", client::profile),
            mock("POST /session/token", "generate_session.json", () -> client.generateSession("request-token")),
            mock("GET /quote", "quote.json", () -> client.quote(List.of("NSE:INFY"))),
            mock("GET /quote/ohlc", "ohlc.json", () -> client.ohlc(List.of("NSE:INFY"))),
            mock("GET /quote/ltp", "ltp.json", () -> client.ltp(List.of("NSE:INFY"))),
            mock("POST /orders/regular", "order_response.json", () -> client.placeOrder("regular", order)),
            mock("PUT /orders/regular/151220000000000", "order_modify.json",
                () -> client.modifyOrder("regular", "151220000000000", order)),
            mock("DELETE /orders/regular/151220000000000", "order_cancel.json",
                () -> client.cancelOrder("regular", "151220000000000", null)),
            mock("PUT /portfolio/positions", "convert_position.json",
                () -> client.convertPosition("NSE", "INFY", "BUY", "day", 1, "MIS", "CNC")),
            mock("POST /margins/orders", "order_margins.json", () -> client.orderMargins("regular", List.of(order))),
            mock("POST /margins/basket", "basket_margins.json",
                () -> client.basketMargins(List.of(new KiteMarginOrder("regular", order)), true)),
            new Endpoint("GET /gtt/triggers", GTT_REPLY.getBytes(StandardCharsets.UTF_8), client::gtts));
    }

    private static Endpoint mock(final String route, final String name, final Supplier<CompletableFuture<?>> call)
    {
        return new Endpoint(route, KiteMocks.bytes(name), call);
    }

    /** One change: a value of another type or out of range, a field gone, or the text cut or with a byte changed. */
    private static byte[] mangle(final JsonNode intact, final byte[] text, final Random random)
    {
        final int how = random.nextInt(10);
        if (how == 0)
        {
            return Arrays.copyOf(text, random.nextInt(text.length));
        }
        if (how == 1)
        {
            final byte[] flipped = text.clone();
            flipped[random.nextInt(flipped.length)] = (byte)random.nextInt(256);
            return flipped;
        }
        final JsonNode copy = intact.deepCopy();
        final List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        final JsonNode container = containers.get(random.nextInt(containers.size()));
        final JsonNode replacement = how == 2 ? null : oddValue(random);
        if (container instanceof ObjectNode object)
        {
            final List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            final String name = names.get(random.nextInt(names.size()));
            if (null == replacement)
            {
                object.remove(name);
            }
            else
            {
                object.set(name, replacement);
            }
        }
        else
        {
            final ArrayNode array = (ArrayNode)container;
            final int index = random.nextInt(array.size());
            if (null == replacement)
            {
                array.remove(index);
            }
            else
            {
                array.set(index, replacement);
            }
        }
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(final JsonNode node, final List<JsonNode> containers)
    {
        if ((node.isObject() || node.isArray()) && !node.isEmpty())
        {
            containers.add(node);
            node.forEach((child) -> collect(child, containers));
        }
    }

    private static JsonNode oddValue(final Random random)
    {
        final JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(14))
        {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.textNode("");
            case 2 -> nodes.textNode("not a value");
            case 3 -> nodes.numberNode(-1);
            case 4 -> nodes.numberNode(0);
            case 5 -> nodes.numberNode(Long.MAX_VALUE);
            case 6 -> nodes.numberNode(new BigInteger("123456789012345678901234567890"));
            case 7 -> nodes.numberNode(new BigDecimal("1e400"));
            case 8 -> nodes.numberNode(new BigDecimal("-0.000001"));
            case 9 -> nodes.booleanNode(true);
            case 10 -> nodes.objectNode();
            case 11 -> nodes.arrayNode();
            case 12 -> nodes.textNode("2026-13-45 25:61:61");
            default -> nodes.numberNode(1.5);
        };
    }
}
