package io.quantumleap.gateway.http;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

import java.util.function.Consumer;

/** Changes each HTTP connection's Netty pipeline once Micronaut has built it, with Micronaut's customizer hook. */
public final class ConnectionPipelines
{
    private ConnectionPipelines()
    {
    }

    /**
     * @param registry the HTTP server's customizer registry, as a {@code BeanCreatedEventListener} is handed it
     * @param change   what to do to a connection's pipeline once Micronaut has put its handlers in, on its event loop
     */
    public static void onEachBuilt(
        final NettyServerCustomizer.Registry registry, final Consumer<ChannelPipeline> change)
    {
        registry.register(new PerConnection(null, change));
    }

    private static final class PerConnection implements NettyServerCustomizer
    {
        private final Channel channel;
        private final Consumer<ChannelPipeline> change;

        PerConnection(final Channel channel, final Consumer<ChannelPipeline> change)
        {
            this.channel = channel;
            this.change = change;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(final Channel channel, final ChannelRole role)
        {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel, change) : this;
        }

        @Override
        public void onStreamPipelineBuilt()
        {
            if (channel != null)
            {
                change.accept(channel.pipeline());
            }
        }
    }
}
