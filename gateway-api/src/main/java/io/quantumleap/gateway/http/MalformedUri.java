package io.quantumleap.gateway.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.web.router.uri.UriUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Marks a request whose target is not a URI ({@code /api/orders?x=%zz}, a raw {@code \}) so that
 * {@link RequestTargetFilter} answers it with a 400 naming the fault.
 *
 * <p>Micronaut cannot build a request from such a target: it builds one for {@code /} instead, without the headers,
 * and sends the parse error down its error path, where the security filter refuses that stand-in as unauthenticated
 * (401) before any handler sees the error. So the check runs in each connection's pipeline, just ahead of Micronaut's
 * handler, on the target as Micronaut would parse it: a malformed one is replaced by {@code /} and the fault is put in
 * {@link #HEADER}, which the client's own value of that header never reaches.
 */
@Singleton
final class MalformedUri implements BeanCreatedEventListener<NettyServerCustomizer.Registry>
{
    /** The header that carries the fault of a marked request; removed from every request as it arrives. */
    static final String HEADER = "X-QuantumLeap-Malformed-URI";

    private static final int SHOWN = 200;

    private final Marker marker;

    MalformedUri(final HttpServerConfiguration configuration)
    {
        marker = new Marker(configuration.isEscapeHtmlUrl());
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(final BeanCreatedEvent<NettyServerCustomizer.Registry> event)
    {
        final NettyServerCustomizer.Registry registry = event.getBean();
        // Ahead of Micronaut's handler, once Micronaut has built the connection's pipeline.
        ConnectionPipelines.onEachBuilt(registry, pipeline ->
        {
            final String micronaut = ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND;
            if (pipeline.get(micronaut) != null && pipeline.get(Marker.class) == null)
            {
                pipeline.addBefore(micronaut, "quantumleap-malformed-uri", marker);
            }
        });
        return registry;
    }

    /**
     * @param target a request's target as it arrived, each byte of it one character
     * @param escapes whether Micronaut percent-encodes what a relative target may not hold
     *     ({@code micronaut.server.escape-html-url}) before it parses it
     * @return what is wrong with it, in printable ASCII, or null when Micronaut can build a request from it
     */
    @Nullable
    static String fault(final String target, final boolean escapes)
    {
        if (UriUtil.isValidPath(target))
        {
            return null;
        }
        final String parsed = escapes && UriUtil.isRelative(target) ? UriUtil.toValidPath(target) : target;
        try
        {
            final URI uri = new URI(parsed);
            if (uri.getAuthority() != null || uri.getScheme() != null)
            {
                new URI(null, null, uri.getPath(), uri.getQuery(), uri.getFragment());
            }
            return null;
        }
        catch (final URISyntaxException ex)
        {
            return "URI '" + shown(parsed) + "': " + what(ex.getInput(), ex.getIndex(), ex.getReason());
        }
    }

    private static String what(final String input, final int index, final String reason)
    {
        if (index < 0 || index >= input.length())
        {
            return reason.isEmpty() ? "not a URI" :
                Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        final char character = input.charAt(index);
        if (character == '%')
        {
            return "'" + shown(input.substring(index, Math.min(input.length(), index + 3))) + "' at index " + index +
                " is not a percent-escape (% and two hex digits); a % itself is written %25";
        }
        final String escape = String.format(Locale.ROOT, "%%%02X", character & 0xFF);
        final String named = character > ' ' && character < 0x7F ? "the character '" + character + "'" :
            "the byte 0x" + escape.substring(1);
        return named + " at index " + index + " must be percent-encoded (" + escape + ")";
    }

    /** @return {@code text} in printable ASCII, any other byte as its percent-escape, cut to {@value #SHOWN}. */
    private static String shown(final String text)
    {
        final StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < SHOWN; i++)
        {
            final char character = text.charAt(i);
            if (character >= ' ' && character < 0x7F)
            {
                shown.append(character);
            }
            else
            {
                shown.append(String.format(Locale.ROOT, "%%%02X", character & 0xFF));
            }
        }
        return shown.length() < SHOWN ? shown.toString() : shown.substring(0, SHOWN) + "...";
    }

    @ChannelHandler.Sharable
    private static final class Marker extends ChannelInboundHandlerAdapter
    {
        private final boolean escapes;

        Marker(final boolean escapes)
        {
            this.escapes = escapes;
        }

        @Override
        public void channelRead(final ChannelHandlerContext context, final Object message)
        {
            if (message instanceof HttpRequest request)
            {
                request.headers().remove(HEADER);
                final String fault = fault(request.uri(), escapes);
                if (fault != null)
                {
                    request.headers().set(HEADER, fault);
                    request.setUri("/");
                }
            }
            context.fireChannelRead(message);
        }
    }
}
