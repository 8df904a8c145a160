package io.quantumleap.engine.kite.feed;

import org.agrona.DirectBuffer;

/**
 * Ingress of the engine's ring as the Kite adapters see it: one SBE command (message header included) per
 * call, copied into the ring before the call returns.
 *
 * <p>Implementations state which threads may call them; the pipeline's multi-producer ring accepts the feed
 * IO thread and the order router together. Wire it to the pipeline with
 * {@code pipelinePublisher::tryPublish} for the feed (never block the IO thread; a dropped tick is superseded
 * by the next) and {@code pipelinePublisher::publish} for broker state and session changes (must not be lost).
 */
@FunctionalInterface
public interface CommandPublisher
{
    /**
     * @param buffer holding the command; only read during the call.
     * @param offset of the message header.
     * @param length of header plus body.
     * @return true if published, false if the ring refused it (full or closed); the caller counts the drop.
     */
    boolean publish(DirectBuffer buffer, int offset, int length);
}
