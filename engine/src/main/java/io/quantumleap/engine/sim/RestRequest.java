package io.quantumleap.engine.sim;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A decoded HTTP request handed from a Netty thread to the simulator thread. Immutable.
 */
final class RestRequest
{
    final String method;
    final String path;
    final Map<String, List<String>> query;
    final Map<String, List<String>> form;
    final String formError;
    final String kiteVersion;
    final String authorization;
    final String contentType;
    final byte[] body;
    final boolean loopback;

    RestRequest(
        final String method,
        final String path,
        final Map<String, List<String>> query,
        final Map<String, List<String>> form,
        final String formError,
        final String kiteVersion,
        final String authorization,
        final String contentType,
        final byte[] body,
        final boolean loopback)
    {
        this.method = method;
        this.path = path;
        this.query = query;
        this.form = form;
        this.formError = formError;
        this.kiteVersion = kiteVersion;
        this.authorization = authorization;
        this.contentType = contentType;
        this.body = body;
        this.loopback = loopback;
    }

    String queryParam(final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> queryParams(final String name)
    {
        final List<String> values = query.get(name);
        return values == null ? Collections.emptyList() : values;
    }

    /** A form field, falling back to the query string (some clients send DELETE parameters there). */
    String param(final String name)
    {
        final List<String> values = form.get(name);
        if (values != null && !values.isEmpty())
        {
            return values.get(0);
        }
        return queryParam(name);
    }
}
