package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.value.ConvertibleValues;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.quantumleap.gateway.ws.QueryTokenReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request's query against the parameters its route takes, for every API route at once, as the JSON reader
 * reads a body against its fields, so that no request is answered as if a parameter it gave were not there:
 * <ul>
 * <li>a parameter the route does not take is a 400 naming it and those the route takes
 * ({@code acount_id: GET /api/positions takes no such parameter; it takes account_id}), and every other one it does
 * not take with it, in the order given ({@code exchnage, lmit: GET /api/instruments takes no such parameters; it takes
 * q, exchange, limit}), so that one answer says all there is to mend: left unread, a misspelt filter would be answered
 * for every account, instrument or user;</li>
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
 * security filter, as the route's own refusals of its parameters do.
 */
@ServerFilter("/api/**")
final class QueryParameterFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final Map<String, List<String>> given = request.getParameters().asMap();
        if (given.isEmpty() ||
            !(RouteAttributes.getRouteMatch(request).orElse(null) instanceof MethodBasedRouteMatch<?, ?> route))
        {
            return null;
        }
        final Map<String, Taken> taken = new LinkedHashMap<>();
        boolean any = route.hasAnnotation(AnyQueryParameters.class);
        for (final Argument<?> argument : route.getArguments())
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
        if (QueryTokenReader.readsTokenOf(request.getPath()))
        {
            // An empty token is the security filter's to refuse: it is a token that opens nothing.
            taken.put(QueryTokenReader.PARAMETER, new Taken(false, false));
        }
        List<String> unknown = null;
        for (final Map.Entry<String, List<String>> parameter : given.entrySet())
        {
            final String name = parameter.getKey();
            final Taken takes = taken.get(name);
            final int count = parameter.getValue().size();
            if (takes == null && !any)
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
            if (!takes.many() && count > 1)
            {
                return badRequest(name + ": given " + (count == 2 ? "twice" : count + " times") + "; give it once");
            }
            if (takes.optional() && !any && parameter.getValue().stream().anyMatch(String::isBlank))
            {
                return badRequest(name + ": empty; give a value or leave " + name + " out");
            }
        }
        if (unknown == null)
        {
            return null;
        }
        final String where = String.join(", ", unknown) + ": " + request.getMethodName() + " " + request.getPath();
        return badRequest(taken.isEmpty() ? where + " takes no query parameters" : where + " takes no such parameter" +
            (unknown.size() == 1 ? "" : "s") + "; it takes " + String.join(", ", taken.keySet()));
    }

    private static MutableHttpResponse<?> badRequest(final String message)
    {
        return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request", message));
    }

    /**
     * A query parameter a route takes.
     *
     * @param many     whether it takes any number of values (a list), not one.
     * @param optional whether the route reads it left out as a default (all, the caller's account, ...).
     */
    private record Taken(boolean many, boolean optional)
    {
    }
}
