package io.quantumleap.gateway.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands an export from the thread writing it to the thread sending the response, in chunks of 64 KiB, at most 16
 * of them waiting: the writer waits for the client, so an export of any size holds about 1 MiB. When the client
 * goes away the writer's next chunk fails; when the writer fails the reader's next read does, so the response is
 * cut off rather than ending as if complete. A client that reads nothing for {@link #STALL_MS} counts as gone, so a
 * response the server never closes cannot hold the writer's thread for good.
 */
final class ExportPipe
{
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] END = new byte[0];
    static final long STALL_MS = 120_000;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final Output output = new Output();
    private final Input input = new Input();
    private volatile boolean readerClosed;
    private volatile Throwable failure;

    /**
     * @return the writer's end. Closing it sends what it holds but does not end the stream: {@link #finish} or
     * {@link #fail} does, so a writer closed on its way out of a failure (try-with-resources closes before the
     * catch) never ends the stream as if it were complete.
     */
    OutputStream output()
    {
        return output;
    }

    /** Ends the stream as complete, once everything was written and the writer's end closed. */
    void finish() throws IOException
    {
        put(END);
    }

    /** @return the response's end. */
    InputStream input()
    {
        return input;
    }

    /** Ends the stream with an error instead: the reader's next read throws. */
    void fail(final Throwable cause)
    {
        failure = cause;
        try
        {
            put(END);
        }
        catch (final IOException ignored)
        {
            // the reader is gone too: nobody to tell
        }
    }

    private void put(final byte[] chunk) throws IOException
    {
        try
        {
            for (long waitedMs = 0; !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS); waitedMs += 100)
            {
                if (readerClosed || waitedMs >= STALL_MS)
                {
                    throw new IOException("the client stopped reading the export");
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export interrupted");
        }
    }

    private final class Output extends OutputStream
    {
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int length;
        private boolean closed;

        @Override
        public void write(final int b) throws IOException
        {
            if (length == buffer.length)
            {
                send();
            }
            buffer[length++] = (byte)b;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int count) throws IOException
        {
            int done = 0;
            while (done < count)
            {
                if (length == buffer.length)
                {
                    send();
                }
                final int n = Math.min(count - done, buffer.length - length);
                System.arraycopy(bytes, offset + done, buffer, length, n);
                length += n;
                done += n;
            }
        }

        @Override
        public void close() throws IOException
        {
            if (!closed)
            {
                closed = true;
                if (length > 0)
                {
                    send();
                }
            }
        }

        private void send() throws IOException
        {
            final byte[] full = length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
            put(full);
            buffer = new byte[CHUNK_BYTES];
            length = 0;
        }
    }

    private final class Input extends InputStream
    {
        private byte[] current;
        private int position;

        @Override
        public int read() throws IOException
        {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int count) throws IOException
        {
            if (count == 0)
            {
                return 0;
            }
            if (current == null || position == current.length)
            {
                if (current == END)
                {
                    return -1;
                }
                current = take();
                position = 0;
                if (current == END)
                {
                    if (failure != null)
                    {
                        throw new IOException("the export failed: " + failure.getMessage(), failure);
                    }
                    return -1;
                }
            }
            final int n = Math.min(count, current.length - position);
            System.arraycopy(current, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close()
        {
            readerClosed = true;
            chunks.clear();
        }

        private byte[] take() throws IOException
        {
            try
            {
                return chunks.take();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("export interrupted");
            }
        }
    }
}
