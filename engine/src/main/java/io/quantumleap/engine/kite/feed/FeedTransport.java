package io.quantumleap.engine.kite.feed;

/**
 * One ticker WebSocket as the {@link FeedConnection} drives it. Asynchronous: results come back through the
 * connection's {@code on*} methods, on the feed's IO thread, and only for the transport's current socket.
 */
public interface FeedTransport
{
    /**
     * Opens a new socket with this token (closing any previous one).
     *
     * @param accessToken the account's current token.
     */
    void connect(String accessToken);

    /**
     * @param textFrame JSON control message.
     */
    void send(String textFrame);

    /** Sends a WebSocket ping, to keep idle middleboxes from dropping the socket. */
    void ping();

    /** Closes the socket, if any, without reporting it back as a loss. */
    void close();
}
