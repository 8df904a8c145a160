package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.value.ConvertibleValues;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.quantumleap.gateway.ws.QueryTokenReader;
import io.quantumleap.journal.FirstAndMore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a request's query against the parameters its route takes, for every API route at once, as the JSON reader
 * reads a body against its fields, so that no request is answered as if a parameter it gave were not there:
 * <ul>
 * <li>a parameter the route does not take is a 400 naming it and those the route takes
 * ({@code acount_id: GET /api/positions takes no such parameter; it takes account_id}), and every other one it does
 * not take with it, in the order given ({@code exchnage, lmit: GET /api/instruments takes no such parameters; it takes
 * q, exchange, limit}), so that one answer says all there is to mend: left unread, a misspelt filter would be answered
 * for every account, instrument or user. The first 20 are named and the rest counted ({@code ... and 5 more}), each
 * cut to its first {@value #SHOWN_NAME} characters, so that the answer stays short whatever the query;</li>
 * <li>a parameter the route takes one value of, given more than once ({@code ?account_id=1&account_id=2}), is a 400
 * naming it: the binder would otherwise join the values into one text ({@code NSE,BSE}) or fail to read them as a
 * number and quote them as a list ({@code '[1, 2]'}). One the route takes as a list ({@code i} of
 * {@code /api/quotes}) may come any number of times;</li>
 * <li>an optional parameter given empty ({@code ?exchange=}, {@code ?exchange}, or spaces alone) is a 400 naming
 * it: the binder reads an empty value as none, so a filter emptied by mistake ({@code ?user=} with the name
 * forgotten) would be answered for every user, account or instrument; leaving the parameter out says that, and the
 * dashboard leaves out a filter it has no value for. A required parameter given empty is its route's to refuse,
 * saying what it takes ({@code at: required: a journal index, or a time like ...}).</li>
 * </ul>
 * What a route takes is read once from its arguments: each {@code @QueryValue}, under the name it binds, and
 * {@value QueryTokenReader#PARAMETER} on the paths whose session token {@link QueryTokenReader} reads from the query.
 * No route reads its query another way; one with a {@code @RequestBean} or a {@code @QueryValue} map, whose
 * parameters cannot be listed, would not be checked for unknown or empty ones, and one reading
 * {@link HttpRequest#getParameters()} itself is to be marked {@link AnyQueryParameters}, as a route whose query
 * someone else writes is. The first parameter refused, in the order given, decides the answer. Runs after the
 * security filter, as the route's own refusals of its parameters do, and after the user's rate limit, before the body
 * is read ({@link FilterOrder}).
 */
@ServerFilter("/api/**")
final class QueryParameterFilter implements Ordered
{
    /** {@value QueryTokenReader#PARAMETER} where it is read: an empty token is the security filter's to refuse. */
    private static final Taken TOKEN = new Taken(false, false);
    /** The longest unknown parameter name a refusal shows whole, in characters. */
    private static final int SHOWN_NAME = 64;

    private final Map<RouteInfo<?>, Route> routes = new ConcurrentHashMap<>();

    @Override
    public int getOrder()
    {
        return FilterOrder.QUERY_PARAMETERS;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final HttpParameters given = request.getParameters();
        // values(), a view: isEmpty() and names() copy the names into a new set, at every request.
        if (given.values().isEmpty() ||
            !(RouteAttributes.getRouteMatch(request).orElse(null) instanceof MethodBasedRouteMatch<?, ?> match))
        {
            return null;
        }
        final Route route = route(match);
        final boolean token = QueryTokenReader.readsTokenOf(request.getPath());
        List<String> unknown = null;
        for (final String name : given.names())
        {
            final Taken takes = token && QueryTokenReader.PARAMETER.equals(name) ? TOKEN : route.taken().get(name);
            if (takes == null && !route.any())
            {
                if (unknown == null)
                {
                    unknown = new ArrayList<>();
                }
                unknown.add(name);
            }
            if (takes == null || unknown != null)
            {
                continue;
            }
            final List<String> values = given.getAll(name);
            final int count = values.size();
            if (!takes.many() && count > 1)
            {
                return badRequest(name + ": given " + (count == 2 ? "twice" : count + " times") + "; give it once");
            }
            if (takes.optional() && !route.any() && anyBlank(values))
            {
                return badRequest(name + ": empty; give a value or leave " + name + " out");
            }
        }
        return unknown == null ? null : badRequest(notTaken(request, unknown, route, token));
    }

    /**
     * @param match a request's route.
     * @return what the route takes, read from its arguments at its first request and kept for every other.
     */
    Route route(final MethodBasedRouteMatch<?, ?> match)
    {
        final Route known = routes.get(match.getRouteInfo());
        return known != null ? known : routes.computeIfAbsent(match.getRouteInfo(), info -> Route.of(match));
    }

    private static boolean anyBlank(final List<String> values)
    {
        for (int i = 0; i < values.size(); i++)
        {
            if (values.get(i).isBlank())
            {
                return true;
            }
        }
        return false;
    }

    private static String notTaken(
        final HttpRequest<?> request, final List<String> unknown, final Route route, final boolean token)
    {
        final List<String> taken = new ArrayList<>(route.taken().keySet());
        if (token && !taken.contains(QueryTokenReader.PARAMETER))
        {
            taken.add(QueryTokenReader.PARAMETER);
        }
        final String where = FirstAndMore.named(unknown, QueryParameterFilter::shown) + ": " +
            request.getMethodName() + " " + request.getPath();
        return taken.isEmpty() ? where + " takes no query parameters" : where + " takes no such parameter" +
            (unknown.size() == 1 ? "" : "s") + "; it takes " + String.join(", ", taken);
    }

    /**
     * @param name a parameter's name as given.
     * @return it, or its first {@value #SHOWN_NAME} characters and {@code ...}: a refusal does not echo a name of
     * thousands (this filter's and {@link RequestTargetFilter}'s).
     */
    static String shown(final String name)
    {
        return name.codePointCount(0, name.length()) <= SHOWN_NAME ? name :
            name.substring(0, name.offsetByCodePoints(0, SHOWN_NAME)) + "...";
    }

    private static MutableHttpResponse<?> badRequest(final String message)
    {
        return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request", message));
    }

    /**
     * What a route takes in its query, {@value QueryTokenReader#PARAMETER} aside: that is read by path.
     *
     * @param taken the parameters it takes, under the names they bind, in the order of its arguments.
     * @param any   whether it takes any parameter, none refused as unknown or empty: it is marked
     *              {@link AnyQueryParameters}, or takes parameters that cannot be listed.
     */
    record Route(Map<String, Taken> taken, boolean any)
    {
        static Route of(final MethodBasedRouteMatch<?, ?> match)
        {
            final Map<String, Taken> taken = new LinkedHashMap<>();
            boolean any = match.hasAnnotation(AnyQueryParameters.class);
            for (final Argument<?> argument : match.getArguments())
            {
                final AnnotationMetadata annotations = argument.getAnnotationMetadata();
                if (annotations.hasStereotype(RequestBean.class))
                {
                    any = true;
                }
                else if (annotations.hasStereotype(QueryValue.class))
                {
                    final Class<?> type = (argument.isOptional() ?
                        argument.getFirstTypeVariable().orElse(argument) : argument).getType();
                    any |= Map.class.isAssignableFrom(type) || ConvertibleValues.class.isAssignableFrom(type);
                    taken.put(annotations.stringValue(Bindable.class).filter(name -> !name.isBlank())
                        .orElse(argument.getName()), new Taken(type.isArray() || Iterable.class.isAssignableFrom(type),
                        argument.isNullable() || argument.isOptional() ||
                        annotations.stringValue(Bindable.class, "defaultValue").isPresent()));
                }
            }
            return new Route(Collections.unmodifiableMap(taken), any);
        }
    }

    /**
     * A query parameter a route takes.
     *
     * @param many     whether it takes any number of values (a list), not one.
     * @param optional whether the route reads it left out as a default (all, the caller's account, ...).
     */
    record Taken(boolean many, boolean optional)
    {
    }
}
