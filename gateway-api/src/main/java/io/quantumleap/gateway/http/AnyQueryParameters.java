package io.quantumleap.gateway.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route whose query is written by someone other than the API's clients, so {@link QueryParameterFilter} refuses
 * none of its parameters as unknown or empty: the Kite login redirect's callback, to which Kite adds parameters of
 * its own (such as {@code action}, {@code type}, {@code status}) that the route does not read and may add more, and
 * which answers the browser with a redirect to the dashboard, never a JSON error it would show as a page. A value
 * given more than once is still refused, as the route could not read it as one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnyQueryParameters
{
}
