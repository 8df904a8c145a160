package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.ticker.KiteTextFrame;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feed's text path: order updates become {@code OrderUpdateCommand}s in the ring; Kite's error and
 * message frames are logged; frames that do not parse are counted and the first few logged with the field.
 *
 * <p>Kite sends each order update to every ticker connection of the user, so with several connections one change
 * arrives several times, interleaved with the next ones: a modify's {@code MODIFIED} (old terms) and {@code OPEN}
 * (new terms) from one connection, then the same two from the next, would take the order back and forth. An update
 * whose text another connection has already delivered, and this one has not, is that copy: it is counted and not
 * published. The same text again on a connection that delivered it already is a new update and is published.
 *
 * <p>Owned by the feed's IO thread.
 */
public final class KiteTextFrameHandler implements TextFrameHandler
{
    private static final System.Logger LOGGER = System.getLogger(KiteTextFrameHandler.class.getName());
    private static final long MAX_LOGGED_INVALID = 20;
    /** Order-update texts remembered to recognise other connections' copies (a few seconds of busy trading). */
    static final int RECENT_UPDATES = 1024;

    private final KiteTextFrameParser parser = new KiteTextFrameParser();
    private final UnsafeBuffer command =
        new UnsafeBuffer(ByteBuffer.allocateDirect(KiteTextFrameParser.MAX_ENCODED_LENGTH));
    private final long accountId;
    private final CommandPublisher publisher;
    private final OrderOwners owners;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderUpdateCommandDecoder update = new OrderUpdateCommandDecoder();
    private long orderUpdates;
    private long brokerMessages;
    private long invalidFrames;
    private long droppedCommands;
    private long copiesSkipped;
    /** An order update's text and the connections (one bit each) that have delivered it since it was published. */
    private final Map<String, Integer> recent = new LinkedHashMap<>(RECENT_UPDATES * 2, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Integer> eldest)
        {
            return size() > RECENT_UPDATES;
        }
    };

    /**
     * @param accountId engine account of the api_key's user.
     * @param publisher the ring.
     */
    public KiteTextFrameHandler(final long accountId, final CommandPublisher publisher)
    {
        this(accountId, publisher, (brokerOrderId, clientOrderId, receivingAccountId) -> receivingAccountId);
    }

    /**
     * @param accountId engine account of the socket's Kite user.
     * @param publisher the ring.
     * @param owners    credits each order update to the account that placed the order.
     */
    public KiteTextFrameHandler(final long accountId, final CommandPublisher publisher, final OrderOwners owners)
    {
        this.accountId = accountId;
        this.publisher = publisher;
        this.owners = owners;
    }

    @Override
    public boolean onTextFrame(final String text, final int connectionId, final long receiveNs)
    {
        if (isCopy(text, connectionId))
        {
            copiesSkipped++;
            return true;
        }
        KiteTextFrame frame = parser.parse(text, accountId, receiveNs, command, 0);
        if (frame instanceof KiteTextFrame.OrderUpdate)
        {
            delivered(text, connectionId);
            final long clientOrderId = update.wrapAndApplyHeader(command, 0, header).clientOrderId();
            final long owner = owners.accountOf(((KiteTextFrame.OrderUpdate)frame).brokerOrderId(), clientOrderId,
                accountId);
            if (owner != accountId)
            {
                frame = parser.parse(text, owner, receiveNs, command, 0);
            }
            orderUpdates++;
            if (!publisher.publish(command, 0, ((KiteTextFrame.OrderUpdate)frame).encodedLength()))
            {
                droppedCommands++;
            }
            return true;
        }
        if (frame instanceof KiteTextFrame.BrokerError)
        {
            brokerMessages++;
            LOGGER.log(System.Logger.Level.WARNING, "Kite ticker error on connection " + connectionId + ": " +
                ((KiteTextFrame.BrokerError)frame).message());
            return true;
        }
        if (frame instanceof KiteTextFrame.BrokerMessage)
        {
            brokerMessages++;
            LOGGER.log(System.Logger.Level.INFO, "Kite message on connection " + connectionId + ": " +
                ((KiteTextFrame.BrokerMessage)frame).message());
            return true;
        }
        invalidFrames++;
        if (invalidFrames <= MAX_LOGGED_INVALID)
        {
            LOGGER.log(System.Logger.Level.WARNING, "connection " + connectionId + ": " +
                ((KiteTextFrame.Invalid)frame).describe() + " (" + invalidFrames + " so far)");
        }
        return false;
    }

    /**
     * @return whether {@code text} is an order update another connection delivered already and this one had not:
     * Kite's copy of it for this connection, which this connection has now delivered. Only order updates are
     * remembered, so this is answered before the text is parsed.
     */
    private boolean isCopy(final String text, final int connectionId)
    {
        final int bit = 1 << (connectionId & 31);
        final Integer delivered = recent.get(text);
        if (delivered == null || (delivered & bit) != 0)
        {
            return false;
        }
        recent.put(text, delivered | bit);
        return true;
    }

    /** Remembers an order update about to be published as delivered by this connection only, as its newest. */
    private void delivered(final String text, final int connectionId)
    {
        recent.remove(text);
        recent.put(text, 1 << (connectionId & 31));
    }

    /** @return order updates another connection had delivered already, not published again. */
    public long copiesSkipped()
    {
        return copiesSkipped;
    }

    /** @return order updates published or dropped. */
    public long orderUpdates()
    {
        return orderUpdates;
    }

    /** @return Kite error and message frames. */
    public long brokerMessages()
    {
        return brokerMessages;
    }

    /** @return frames that did not parse. */
    public long invalidFrames()
    {
        return invalidFrames;
    }

    /** @return order updates the ring refused. */
    public long droppedCommands()
    {
        return droppedCommands;
    }
}
