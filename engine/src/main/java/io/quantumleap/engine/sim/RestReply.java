package io.quantumleap.engine.sim;

/**
 * An HTTP response produced on the simulator thread. Immutable.
 */
final class RestReply
{
    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    static final String HTML = "text/html; charset=utf-8";

    final int status;
    final String contentType;
    final byte[] body;
    final String location;

    RestReply(final int status, final String contentType, final byte[] body, final String location)
    {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.location = location;
    }
}
