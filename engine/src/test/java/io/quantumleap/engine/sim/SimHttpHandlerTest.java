package io.quantumleap.engine.sim;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SimHttpHandlerTest extends SimulatorFixture
{
    @Test
    void shouldDropAnUpgradeWhoseClientClosedBeforeItWasAnswered()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new SimHttpHandler(sim.agent(), sim.faults()));
        final FullHttpRequest upgrade = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
            "/?api_key=" + sim.apiKey() + "&access_token=" + http.accessToken);
        upgrade.headers()
            .set(HttpHeaderNames.HOST, "127.0.0.1")
            .set(HttpHeaderNames.UPGRADE, "websocket")
            .set(HttpHeaderNames.CONNECTION, "Upgrade")
            .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
            .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");

        final CountDownLatch closed = new CountDownLatch(1);
        sim.agent().submit(() -> awaitQuietly(closed));
        channel.writeInbound(upgrade);
        channel.close();
        closed.countDown();
        sim.agent().call(() -> null);
        channel.runPendingTasks();

        assertDoesNotThrow(channel::checkException);
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
        assertEquals(0, upgrade.refCnt());
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
