package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorMarginsFuzzTest extends SimulatorFixture
{
    private static final List<String> PATHS = List.of("/margins/orders", "/margins/basket", "/charges/orders");
    private static final List<String> FIELDS = List.of("exchange", "tradingsymbol", "transaction_type", "variety",
        "product", "order_type", "quantity", "price", "average_price");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> WRONG = List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("x"),
        NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1.25e300), NODES.numberNode(1.0005),
        NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), NODES.textNode("NaN"),
        NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.textNode("BUY\u0000"));

    @Test
    void shouldAnswerEveryMangledBodyWithKitesErrorEnvelopeAndNeverAServerError() throws Exception
    {
        final Random random = new Random(20260401);
        for (int i = 0; i < 400; i++)
        {
            final String path = PATHS.get(random.nextInt(PATHS.size()));
            final String body;
            final String field;
            switch (random.nextInt(4))
            {
                case 0:
                    body = garbage(random);
                    field = null;
                    break;
                case 1:
                    body = truncated(random, path);
                    field = null;
                    break;
                default:
                {
                    field = FIELDS.get(random.nextInt(FIELDS.size() - 2));
                    final ArrayNode orders = NODES.arrayNode();
                    final ObjectNode order = valid(path);
                    if (random.nextBoolean())
                    {
                        order.remove(field);
                    }
                    else
                    {
                        order.set(field, WRONG.get(random.nextInt(WRONG.size())));
                    }
                    orders.add(valid(path)).add(order);
                    body = orders.toString();
                    break;
                }
            }

            final HttpResponse<String> response = http.rawPost(path, "application/json", body);

            final String context = path + " " + body + " -> " + response.body();
            assertEquals(400, response.statusCode(), context);
            final JsonNode envelope = SimHttp.json(response);
            assertEquals("error", envelope.get("status").asText(), context);
            assertEquals("InputException", envelope.get("error_type").asText(), context);
            assertFalse(envelope.get("message").asText().isEmpty(), context);
            assertTrue(envelope.has("data"), context);
            if (field != null)
            {
                assertTrue(envelope.get("message").asText().contains("orders[1]: "), context);
                assertTrue(envelope.get("message").asText().contains("`" + field + "`") ||
                    "tradingsymbol".equals(field) || "exchange".equals(field), context);
            }
        }
        assertEquals(200, http.rawPost("/margins/orders", "application/json", "[" + valid("/margins/orders") + "]")
            .statusCode());
    }

    private static ObjectNode valid(final String path)
    {
        final ObjectNode order = NODES.objectNode();
        order.put("exchange", "NSE");
        order.put("tradingsymbol", "INFY");
        order.put("transaction_type", "BUY");
        order.put("variety", "regular");
        order.put("product", "CNC");
        order.put("order_type", "LIMIT");
        order.put("quantity", 3);
        if (path.startsWith("/charges"))
        {
            order.put("average_price", 1500.5);
        }
        else
        {
            order.put("price", 1500.5);
        }
        return order;
    }

    private static String garbage(final Random random)
    {
        final String alphabet = "[]{}\",:0123456789.-eEtruefalsn \\u";
        final StringBuilder sb = new StringBuilder();
        final int length = random.nextInt(60);
        for (int i = 0; i < length; i++)
        {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String truncated(final Random random, final String path)
    {
        final String whole = "[" + valid(path) + "]";
        return whole.substring(0, 1 + random.nextInt(whole.length() - 2));
    }
}
