package io.quantumleap.benchmarks.rig;

import io.quantumleap.gateway.runtime.ThreadTimes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

/**
 * What one small write on loopback costs the writing thread on this machine, with the reader asleep and awake.
 * On loopback the writer's own system call also delivers the bytes to the reader's socket and wakes the reader, so
 * a write to a reader asleep in {@code select} carries the wake-up of another CPU: a few µs on bare metal, tens of µs
 * on some virtual machines, where waking another vCPU goes through the host. Every tick the system writes to a
 * sleeping rig client pays it inside the {@code ws_write} stage; a remote client, behind a network card, does not.
 * The rig measures both cases before the run so that its report can say how much of {@code ws_write} is this
 * machine's wake-up rather than the system. The writer and the reader are pinned to two different CPUs (with
 * util-linux's {@code taskset}), as the kernel mostly places a woken client beside a busy core thread: left to
 * the kernel, two threads that take turns often share a CPU and the write wakes nothing across.
 */
final class LoopbackWriteCost
{
    /** About one quote tick as the gateway writes it, in a WebSocket frame. */
    static final int MESSAGE_BYTES = 200;

    /**
     * @param writes     timed writes in each case.
     * @param wokeP50Ns  a write's median cost when it wakes a reader asleep in {@code select}.
     * @param wokeP99Ns  its 99th percentile.
     * @param awakeP50Ns a write's median cost when the reader polls its socket and needs no wake-up.
     * @param awakeP99Ns its 99th percentile.
     */
    record Result(int writes, long wokeP50Ns, long wokeP99Ns, long awakeP50Ns, long awakeP99Ns)
    {
        /** @return what waking the reader adds to the median write. */
        long wakeUpNs()
        {
            return Math.max(0, wokeP50Ns - awakeP50Ns);
        }

        String describe()
        {
            return String.format(Locale.ROOT, "a %d-byte write costs the writer %.1f us (p99 %.1f) when it wakes a "
                + "reader asleep in select on another CPU, %.1f us (p99 %.1f) when the reader polls: the wake-up "
                + "adds %.1f us", MESSAGE_BYTES, wokeP50Ns / 1_000.0,
                wokeP99Ns / 1_000.0, awakeP50Ns / 1_000.0, awakeP99Ns / 1_000.0, wakeUpNs() / 1_000.0);
        }
    }

    private LoopbackWriteCost()
    {
    }

    /**
     * Times {@code writes} writes of {@link #MESSAGE_BYTES} bytes {@code gapNs} apart (the writer sleeping in
     * between, as the system's core thread does between ticks), first to a reader that sleeps in {@code select},
     * then to one that polls, after a round of each not timed while the JIT compiles the loops.
     */
    static Result measure(final int writes, final long gapNs) throws IOException, InterruptedException
    {
        if (writes < 1 || gapNs < 0)
        {
            throw new IllegalArgumentException("writes must be at least 1 and the gap not negative: " + writes
                + ", " + gapNs);
        }
        if (Runtime.getRuntime().availableProcessors() < 2)
        {
            throw new IOException("one CPU: a write wakes no reader on another");
        }
        final FutureTask<Result> task = new FutureTask<>(() ->
        {
            pin(0);
            return measurePinned(writes, gapNs);
        });
        new Thread(task, "rig-write-cost").start();
        try
        {
            return task.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof IOException io)
            {
                throw io;
            }
            throw new IllegalStateException("measuring a loopback write", ex.getCause());
        }
    }

    private static Result measurePinned(final int writes, final long gapNs) throws IOException, InterruptedException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel writer = SocketChannel.open(server.getLocalAddress());
            SocketChannel reader = server.accept())
        {
            writer.setOption(StandardSocketOptions.TCP_NODELAY, true);
            reader.configureBlocking(false);
            final int warmUp = Math.min(writes, 200);
            time(writer, reader, false, warmUp, gapNs);
            final long[] woke = time(writer, reader, false, writes, gapNs);
            time(writer, reader, true, warmUp, gapNs);
            final long[] awake = time(writer, reader, true, writes, gapNs);
            return new Result(writes, percentile(woke, 0.50), percentile(woke, 0.99), percentile(awake, 0.50),
                percentile(awake, 0.99));
        }
    }

    /** @return the sorted cost of each write, in ns. */
    private static long[] time(final SocketChannel writer, final SocketChannel reader, final boolean polling,
        final int writes, final long gapNs) throws IOException, InterruptedException
    {
        final Reader drain = new Reader(reader, polling, writes * (long)MESSAGE_BYTES);
        final Thread thread = new Thread(drain, polling ? "rig-write-cost-poll" : "rig-write-cost-sleep");
        thread.setDaemon(true);
        thread.start();
        drain.ready.await();
        if (drain.failure != null)
        {
            thread.join();
            throw drain.failure;
        }
        final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        final long[] costs = new long[writes];
        for (int i = 0; i < writes; i++)
        {
            LockSupport.parkNanos(gapNs);
            message.clear();
            final long start = System.nanoTime();
            while (message.hasRemaining())
            {
                writer.write(message);
            }
            costs[i] = System.nanoTime() - start;
        }
        thread.join();
        if (drain.failure != null)
        {
            throw drain.failure;
        }
        Arrays.sort(costs);
        return costs;
    }

    /** Pins the calling thread to one CPU with {@code taskset}. */
    static void pin(final int cpu) throws IOException, InterruptedException
    {
        final String tid = Long.toString(ThreadTimes.currentThreadId());
        final Process taskset = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid)
            .redirectErrorStream(true).start();
        final String said = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (taskset.waitFor() != 0)
        {
            throw new IOException("taskset could not pin thread " + tid + " to CPU " + cpu + ": " + said);
        }
    }

    private static long percentile(final long[] sorted, final double quantile)
    {
        return sorted[Math.min(sorted.length - 1, (int)Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Reads until it has all the bytes of a round, asleep in a selector or polling the socket. */
    private static final class Reader implements Runnable
    {
        private final SocketChannel channel;
        private final boolean polling;
        private final long expected;
        /** Counted down once the reader is pinned and registered, or has failed. */
        private final CountDownLatch ready = new CountDownLatch(1);
        private volatile IOException failure;

        Reader(final SocketChannel channel, final boolean polling, final long expected)
        {
            this.channel = channel;
            this.polling = polling;
            this.expected = expected;
        }

        @Override
        public void run()
        {
            final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            long read = 0;
            try (Selector selector = Selector.open())
            {
                pin(1);
                final SelectionKey key = channel.register(selector, polling ? 0 : SelectionKey.OP_READ);
                ready.countDown();
                while (read < expected)
                {
                    if (!polling)
                    {
                        selector.select();
                        selector.selectedKeys().clear();
                    }
                    buffer.clear();
                    final int n = channel.read(buffer);
                    if (n < 0)
                    {
                        throw new IOException("the writer closed the connection after " + read + " of " + expected
                            + " bytes");
                    }
                    read += n;
                    if (polling && n == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                key.cancel();
                selector.selectNow();
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
            catch (final InterruptedException ex)
            {
                failure = new IOException("interrupted while pinning the reader", ex);
            }
            catch (final RuntimeException ex)
            {
                failure = new IOException(ex);
            }
            finally
            {
                ready.countDown();
            }
        }
    }
}
