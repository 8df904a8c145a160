package io.quantumleap.gateway.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.cors.CorsFilter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilterOrderTest
{
    private static final String CORS = "Micronaut's CORS filter";
    private static final String SECURITY = "Micronaut's security filter";
    private static final List<String> SEQUENCE = List.of(
        "io.quantumleap.gateway.http.RefusedRequestMetrics",
        "io.quantumleap.gateway.http.SecurityHeadersFilter",
        CORS,
        "io.quantumleap.gateway.http.RequestTargetFilter",
        "io.quantumleap.gateway.ratelimit.AddressRateLimitFilter",
        "io.quantumleap.gateway.http.RouteMissFilter",
        "io.quantumleap.gateway.ws.UpgradeRequiredFilter",
        "io.quantumleap.gateway.http.JsonBodyFilter",
        SECURITY,
        "io.quantumleap.gateway.ratelimit.UserRateLimitFilter",
        "io.quantumleap.gateway.http.QueryParameterFilter",
        "io.quantumleap.gateway.http.SingleJsonBodyFilter");

    @Test
    void shouldGiveEveryFilterItsOwnOrderInTheDocumentedSequence() throws Exception
    {
        final Map<String, Integer> orders = new LinkedHashMap<>();
        for (final String name : SEQUENCE)
        {
            orders.put(name, order(name));
        }

        final List<String> sorted = orders.entrySet().stream()
            .sorted(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .toList();
        assertEquals(SEQUENCE, sorted, orders.toString());
        assertEquals(SEQUENCE.size(), Set.copyOf(orders.values()).size(), orders.toString());
    }

    @Test
    void shouldPlaceEveryFilterOfTheGatewayInTheSequenceEachWithAnOrderOfItsOwn() throws Exception
    {
        final Path classes = Path.of(
            RouteMissFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final Set<String> filters = new TreeSet<>();
        final Set<String> ordered = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes))
        {
            for (final Path file : files.filter(path -> path.toString().endsWith(".class")).toList())
            {
                final String name = classes.relativize(file).toString().replace(file.getFileSystem()
                    .getSeparator(), ".").replaceAll("\\.class$", "");
                if (name.contains("$"))
                {
                    continue;
                }
                final Class<?> type = Class.forName(name, false, FilterOrderTest.class.getClassLoader());
                if (type.isAnnotationPresent(ServerFilter.class))
                {
                    filters.add(name);
                    if (Ordered.class.isAssignableFrom(type))
                    {
                        ordered.add(name);
                    }
                }
            }
        }

        final Set<String> listed = SEQUENCE.stream().filter(name -> name.startsWith("io.quantumleap."))
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, filters);
        assertEquals(filters, ordered);
    }

    private static int order(final String name) throws Exception
    {
        if (CORS.equals(name))
        {
            return CorsFilter.CORS_FILTER_ORDER;
        }
        if (SECURITY.equals(name))
        {
            return ServerFilterPhase.SECURITY.order();
        }
        final Constructor<?> constructor = Class.forName(name).getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        final List<Object> arguments = new ArrayList<>();
        for (int i = 0; i < constructor.getParameterCount(); i++)
        {
            arguments.add(null);
        }
        return ((Ordered)constructor.newInstance(arguments.toArray())).getOrder();
    }
}
