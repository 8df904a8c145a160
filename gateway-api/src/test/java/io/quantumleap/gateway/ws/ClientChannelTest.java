package io.quantumleap.gateway.ws;

import io.micronaut.websocket.WebSocketSession;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.TickJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientChannelTest
{
    private static final long INFY = 408065;
    private static final long SBIN = 779521;

    private final EventLoop loop = new EventLoop();
    private final ClientChannel channel = new ClientChannel(loop.session(), Set.of(), 2, 16, Long.MAX_VALUE,
        new FanOutMetrics(new LatencyRecorders()));

    @Test
    void shouldNeverLetAConflatedTickOvertakeAnOlderTickStillQueuedForTheSocket()
    {
        channel.modes().put(INFY, 2);
        channel.modes().put(SBIN, 2);
        channel.offerTick(SBIN, tick(SBIN, "s1"), 0);
        channel.offerTick(INFY, tick(INFY, "i1"), 0);
        channel.offerTick(INFY, tick(INFY, "i2"), 0);

        loop.runTasks();

        assertEquals(List.of("s1", "i1", "i2,conflated"), loop.written);
    }

    @Test
    void shouldWriteQueuedMessagesInTheOrderTheyWereOffered()
    {
        channel.offer("o1", 0);
        channel.offer("o2", 0);
        channel.offer("o3", 0);

        loop.runTasks();

        assertEquals(List.of("o1", "o2", "o3"), loop.written);
    }

    private static TickJson tick(final long token, final String body)
    {
        final String json = "{\"v\":\"" + body + "\"}";
        return new TickJson(token, json, json, json, 0, LiveState.UNMEASURED);
    }

    /**
     * Netty's ordering, reduced: a write from another thread becomes a task on the event loop; a write made on
     * the event loop (in a completion callback) goes out at once, ahead of tasks still queued.
     */
    private static final class EventLoop
    {
        final List<String> written = new ArrayList<>();
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean onLoop;

        WebSocketSession session()
        {
            return (WebSocketSession)Proxy.newProxyInstance(WebSocketSession.class.getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName())
                {
                    case "sendAsync" -> send((String)args[0]);
                    case "getId" -> "s1";
                    case "isOpen" -> true;
                    default -> null;
                });
        }

        private CompletableFuture<Object> send(final String message)
        {
            final CompletableFuture<Object> done = new CompletableFuture<>();
            final Runnable write = () ->
            {
                written.add(message.replace("{\"v\":\"", "").replace("\"}", "").replace("\",\"conflated\":true}",
                    ",conflated").replace("\"", ""));
                done.complete(message);
            };
            if (onLoop)
            {
                write.run();
            }
            else
            {
                tasks.add(write);
            }
            return done;
        }

        void runTasks()
        {
            onLoop = true;
            Runnable task;
            while ((task = tasks.poll()) != null)
            {
                task.run();
            }
            onLoop = false;
        }
    }
}
