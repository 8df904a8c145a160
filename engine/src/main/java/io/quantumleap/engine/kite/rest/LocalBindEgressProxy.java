package io.quantumleap.engine.kite.rest;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback-only HTTP proxy, private to one {@link KiteRestClient}, whose outgoing connections are bound to
 * a chosen local address. This is how an account's orders leave from its registered static IP on a JDK whose
 * {@link java.net.http.HttpClient} cannot bind a local address itself: the client sends everything through
 * this proxy ({@code CONNECT} tunnels for https, absolute-form requests for plain http).
 *
 * <p>Threads: one acceptor thread, plus two daemon threads per open tunnel (one per direction). The HTTP
 * client keeps few connections open, so this stays small.
 */
final class LocalBindEgressProxy implements Closeable
{
    private static final System.Logger LOGGER = System.getLogger(LocalBindEgressProxy.class.getName());
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final InetAddress bindAddress;
    private final int connectTimeoutMs;
    private final ServerSocket serverSocket;
    private volatile boolean running = true;

    LocalBindEgressProxy(final InetAddress bindAddress, final int connectTimeoutMs)
    {
        this.bindAddress = bindAddress;
        this.connectTimeoutMs = connectTimeoutMs;
        try
        {
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot open the local egress proxy", ex);
        }
        daemon("kite-egress-accept", this::acceptLoop).start();
    }

    InetSocketAddress address()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            serverSocket.close();
        }
        catch (final IOException ignore)
        {
            // Closing is best effort; the acceptor thread ends either way.
        }
    }

    private void acceptLoop()
    {
        while (running)
        {
            try
            {
                final Socket client = serverSocket.accept();
                daemon("kite-egress-" + THREAD_IDS.incrementAndGet(), () -> serve(client)).start();
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    LOGGER.log(System.Logger.Level.WARNING, "egress proxy accept failed: " + ex);
                }
            }
        }
    }

    private void serve(final Socket client)
    {
        try (client)
        {
            final InputStream fromClient = client.getInputStream();
            final byte[] header = readHeader(fromClient);
            final String head = new String(header, StandardCharsets.ISO_8859_1);
            final String requestLine = head.substring(0, head.indexOf("\r\n"));
            final String[] parts = requestLine.split(" ");
            if (parts.length < 3)
            {
                reply(client.getOutputStream(), "400 Bad Request");
                return;
            }
            final boolean tunnel = "CONNECT".equals(parts[0]);
            final InetSocketAddress target = tunnel ? hostPort(parts[1], 443) : absoluteTarget(parts[1]);
            try (Socket upstream = new Socket())
            {
                upstream.bind(new InetSocketAddress(bindAddress, 0));
                upstream.connect(target, connectTimeoutMs);
                upstream.setTcpNoDelay(true);
                if (tunnel)
                {
                    reply(client.getOutputStream(), "200 Connection established");
                }
                else
                {
                    upstream.getOutputStream().write(header);
                    upstream.getOutputStream().flush();
                }
                final Thread back = daemon("kite-egress-" + THREAD_IDS.incrementAndGet(),
                    () -> pipe(upstream, client));
                back.start();
                pipe(client, upstream);
                back.join();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "egress proxy connection failed: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(final Socket from, final Socket to)
    {
        final byte[] buffer = new byte[8192];
        try
        {
            final InputStream in = from.getInputStream();
            final OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0)
            {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        }
        catch (final IOException ignore)
        {
            // One side closed: the other direction ends on its own.
        }
    }

    private static byte[] readHeader(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream header = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0 || header.size() >= MAX_HEADER_BYTES)
            {
                throw new IOException("request header incomplete or too long");
            }
            header.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                matched + 1 : (b == '\r' ? 1 : 0);
        }
        return header.toByteArray();
    }

    private static InetSocketAddress absoluteTarget(final String uriText)
    {
        final URI uri = URI.create(uriText);
        if (null == uri.getHost())
        {
            throw new IllegalArgumentException("proxy request without an absolute URI: " + uriText);
        }
        return new InetSocketAddress(uri.getHost(), -1 != uri.getPort() ? uri.getPort() : 80);
    }

    private static InetSocketAddress hostPort(final String authority, final int defaultPort)
    {
        final int colon = authority.lastIndexOf(':');
        if (colon < 0)
        {
            return new InetSocketAddress(authority, defaultPort);
        }
        return new InetSocketAddress(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)));
    }

    private static void reply(final OutputStream out, final String status) throws IOException
    {
        out.write(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Thread daemon(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
