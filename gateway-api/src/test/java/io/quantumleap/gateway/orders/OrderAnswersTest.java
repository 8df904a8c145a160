package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.support.OpenApiDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongToIntFunction;

import static io.quantumleap.gateway.support.OpenApiDocuments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderAnswersTest
{
    private static final Set<String> REFUSED_BY_THE_ROUTE_BEFORE_THE_ENGINE = Set.of("400", "404", "503");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ACCOUNT = 1;
    private static final long INFY = 408_065;

    private final CoreHarness core = new CoreHarness();
    private final Commands commands = core.commands();
    private final LiveState live = new LiveState();
    private final Map<String, Object> document = OpenApiDocuments.built();
    private int applied;
    private long ts = 1_796_000_000_000_000_000L;

    @BeforeEach
    void setUp()
    {
        core.send(commands.account(next(), ACCOUNT, "AB1234"));
        core.send(commands.equity(next(), INFY, "INFY"));
        core.send(commands.tick(next(), INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        apply();
    }

    @Test
    void shouldAnswerEveryOrderCommandWithAResponseTheDocumentDescribes()
    {
        final List<String> problems = new ArrayList<>();
        final Set<String> answered = new TreeSet<>();

        check("post", "/api/orders", command(42, true, ns -> commands.limit(ns, ACCOUNT, 42, INFY, Side.BUY, 1,
            150_010)), answered, problems);
        core.send(commands.ack(next(), ACCOUNT, 42, BrokerRequestType.PLACE, "B42"));
        broker(OrderStatus.OPEN, 1, 150_010);
        check("put", "/api/orders/{id}", command(42, false, ns -> commands.modify(ns, ACCOUNT, 42, OrderType.LIMIT,
            2, 150_020, 0)), answered, problems);
        core.send(commands.ack(next(), ACCOUNT, 42, BrokerRequestType.MODIFY, "B42"));
        broker(OrderStatus.OPEN, 2, 150_020);
        check("delete", "/api/orders/{id}", command(42, false, ns -> commands.cancel(ns, ACCOUNT, 42)), answered,
            problems);
        broker(OrderStatus.CANCELLED, 2, 150_020);
        check("post", "/api/orders", command(42, true, ns -> commands.limit(ns, ACCOUNT, 42, INFY, Side.BUY, 1,
            150_010)), answered, problems);
        check("put", "/api/orders/{id}", command(42, false, ns -> commands.modify(ns, ACCOUNT, 42, OrderType.LIMIT,
            3, 150_020, 0)), answered, problems);
        check("delete", "/api/orders/{id}", command(42, false, ns -> commands.cancel(ns, ACCOUNT, 42)), answered,
            problems);
        check("post", "/api/orders", OrdersController.answer(ACCOUNT, 43, INFY, null, true), answered, problems);
        check("post", "/api/orders", HttpResponse.created(new OrderRequests.Sliced(ACCOUNT, 3, 2L, 1, 1, List.of(
            new OrderRequests.Slice(2, 201, 46L, null, "PENDING", null, null),
            new OrderRequests.Slice(1, 422, null, null, null, "price_band", "the price is ...")))), answered,
            problems);
        check("put", "/api/orders/{id}", OrdersController.answer(ACCOUNT, 43, INFY, null, false), answered,
            problems);
        check("delete", "/api/orders/{id}", OrdersController.answer(ACCOUNT, 43, INFY, null, false), answered,
            problems);

        core.send(commands.limit(next(), ACCOUNT, 44, INFY, Side.BUY, 1, 150_010));
        core.send(commands.ack(next(), ACCOUNT, 44, BrokerRequestType.PLACE, "B44"));
        core.send(commands.orderUpdate(next(), ACCOUNT, 44, "B44", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 1, 0, 150_010, 0, 0, ts / 1_000_000_000L));
        core.send(commands.limits(next(), ACCOUNT, 1_000_000_000L, 100_000, 2_000, 1, 400, 3_000));
        apply();
        check("post", "/api/orders", command(45, true, ns -> commands.limit(ns, ACCOUNT, 45, INFY, Side.BUY, 1,
            150_010)), answered, problems);
        check("put", "/api/orders/{id}", command(44, false, ns -> commands.modify(ns, ACCOUNT, 44, OrderType.LIMIT,
            2, 150_020, 0)), answered, problems);

        check("post", "/api/orders", OrdersController.brokerNotConnected(ACCOUNT,
            BrokerSessionState.TOKEN_EXPIRED), answered, problems);
        check("put", "/api/orders/{id}", OrdersController.brokerNotConnected(ACCOUNT,
            BrokerSessionState.LOGIN_REQUIRED), answered, problems);
        check("delete", "/api/orders/{id}", OrdersController.brokerNotConnected(ACCOUNT,
            BrokerSessionState.TOKEN_EXPIRED), answered, problems);
        assertNull(OrdersController.brokerNotConnected(ACCOUNT, BrokerSessionState.CONNECTED));
        assertNull(OrdersController.brokerNotConnected(ACCOUNT, null));

        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(documented("post", "/api/orders", "put", "/api/orders/{id}", "delete", "/api/orders/{id}"),
            answered);
    }

    private long next()
    {
        ts += 1_000_000L;
        return ts;
    }

    private void apply()
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied));
        }
    }

    private void broker(final OrderStatus status, final long qty, final long pricePaise)
    {
        core.send(commands.orderUpdate(next(), ACCOUNT, 42, "B42", status, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, qty, 0, pricePaise, 0, 0, ts / 1_000_000_000L));
        apply();
    }

    private HttpResponse<?> command(final long clientOrderId, final boolean created, final LongToIntFunction encode)
    {
        final long commandNs = next();
        final CompletableFuture<LiveState.Outcome> outcome = live.awaitOutcome(ACCOUNT, clientOrderId, commandNs);
        core.send(encode.applyAsInt(commandNs));
        apply();
        assertTrue(outcome.isDone(), "the engine did not answer the command");
        return OrdersController.answer(ACCOUNT, clientOrderId, INFY, outcome.join(), created);
    }

    @SuppressWarnings("unchecked")
    private void check(
        final String method, final String path, final HttpResponse<?> response, final Set<String> answered,
        final List<String> problems)
    {
        final String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + response.code();
        answered.add(where);
        final Map<String, Object> documented = at(document, "paths", path, method, "responses",
            Integer.toString(response.code()));
        if (documented == null)
        {
            problems.add(where + ": answered, but the document does not list it");
            return;
        }
        final JsonNode body = JSON.valueToTree(response.body());
        final Set<String> fields = new TreeSet<>();
        body.properties().forEach(field -> fields.add(field.getKey()));
        final Set<String> properties = properties(at(documented, "content", "application/json", "schema"), fields);
        if (!properties.containsAll(fields))
        {
            problems.add(where + ": sends " + fields + ", the document lists " + properties);
        }
        final String status = body.path("status").asText(null);
        if (status != null && !String.valueOf(documented.get("description")).contains(status))
        {
            problems.add(where + ": sent status " + status + ", the document says '" + documented.get("description") +
                "'");
        }
        final Map<String, Object> examples = at(documented, "content", "application/json", "examples");
        if (examples == null)
        {
            if (status != null)
            {
                problems.add(where + ": the document shows no example of it");
            }
            return;
        }
        for (final Map.Entry<String, Object> example : examples.entrySet())
        {
            final Object value = ((Map<String, Object>)example.getValue()).get("value");
            final JsonNode sample = value instanceof String text ? read(text) : JSON.valueToTree(value);
            final Set<String> shown = new TreeSet<>();
            sample.properties().forEach(field -> shown.add(field.getKey()));
            if (!properties.containsAll(shown))
            {
                // An example of another of the answer's documented shapes (oneOf).
                continue;
            }
            if (!sample.path("status").equals(body.path("status")) ||
                sample.path("order_id").isTextual() != body.path("order_id").isTextual())
            {
                problems.add(where + ": sent " + body + ", the document's example '" + example.getKey() + "' is " +
                    sample);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> documented(final String... methodsAndPaths)
    {
        final Set<String> all = new TreeSet<>();
        for (int i = 0; i < methodsAndPaths.length; i += 2)
        {
            final String method = methodsAndPaths[i];
            final String path = methodsAndPaths[i + 1];
            final Map<String, Object> operation = at(document, "paths", path, method);
            final Set<String> shared = shared(operation.get("operationId").toString());
            for (final String status : at(operation, "responses").keySet())
            {
                if (!shared.contains(status) && !REFUSED_BY_THE_ROUTE_BEFORE_THE_ENGINE.contains(status))
                {
                    all.add(method.toUpperCase(Locale.ROOT) + " " + path + " " + status);
                }
            }
        }
        return all;
    }

    private static Set<String> shared(final String operationId)
    {
        final String name = operationId.replaceFirst("_\\d+$", "");
        final Method route = Arrays.stream(OrdersController.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("OrdersController has no method " + operationId));
        final Set<String> own = new TreeSet<>();
        for (final ApiResponse response : route.getAnnotationsByType(ApiResponse.class))
        {
            own.add(response.responseCode());
        }
        final Set<String> shared = new TreeSet<>();
        for (final AnnotatedElement element : List.of(OrdersController.class, route))
        {
            for (final Annotation annotation : element.getAnnotations())
            {
                stereotyped(annotation.annotationType(), shared);
            }
        }
        shared.removeAll(own);
        return shared;
    }

    private static void stereotyped(final Class<? extends Annotation> type, final Set<String> statuses)
    {
        if (type.getEnclosingClass() != ApiErrors.class)
        {
            return;
        }
        for (final ApiResponse response : type.getAnnotationsByType(ApiResponse.class))
        {
            statuses.add(response.responseCode());
        }
        for (final Annotation annotation : type.getAnnotations())
        {
            stereotyped(annotation.annotationType(), statuses);
        }
    }

    private static JsonNode read(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The properties of the schema, or of the first of its {@code oneOf} shapes that has every one of {@code fields}
     * (else of its first shape).
     */
    @SuppressWarnings("unchecked")
    private Set<String> properties(final Map<String, Object> schema, final Set<String> fields)
    {
        final Map<String, Object> resolved = resolve(schema);
        final Object oneOf = resolved.get("oneOf");
        if (oneOf == null)
        {
            return ((Map<String, Object>)resolved.get("properties")).keySet();
        }
        Set<String> first = null;
        for (final Object shape : (List<Object>)oneOf)
        {
            final Set<String> properties = properties((Map<String, Object>)shape, fields);
            first = first == null ? properties : first;
            if (properties.containsAll(fields))
            {
                return properties;
            }
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(final Map<String, Object> schema)
    {
        final Object ref = schema.get("$ref");
        return ref == null ? schema :
            resolve(at(document, "components", "schemas", ref.toString().substring("#/components/schemas/".length())));
    }
}
