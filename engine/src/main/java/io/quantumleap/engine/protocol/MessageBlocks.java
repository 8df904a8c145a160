package io.quantumleap.engine.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * The shortest root block a message may have at each schema version. A message written at version {@code v} holds
 * every fixed field its root had at {@code v}: SBE adds fields at the end of the block, each with its
 * {@code sinceVersion}, so the block of an older message ends before the first field added after it was written.
 * A block shorter than that is malformed; a longer one was written by a newer build and decodes all the same.
 *
 * <p>One table for every reader of the journals (the core reads commands, the persister events), derived once from
 * the generated decoders (each root field's {@code sinceVersion} and offset), so a field added to the schema is
 * accounted for without a list of versions kept by hand. A lookup allocates nothing. (This class is written by
 * hand; the rest of the package is generated from the schema.)
 */
public final class MessageBlocks
{
    /** Every message of the schema, commands and events; a test holds it to the schema file. */
    static final List<Class<?>> DECODERS = List.of(
        MarketDataCommandDecoder.class, InstrumentDefinitionCommandDecoder.class, AccountCommandDecoder.class,
        PlaceOrderCommandDecoder.class, ModifyOrderCommandDecoder.class, CancelOrderCommandDecoder.class,
        BrokerAckCommandDecoder.class, BrokerRejectCommandDecoder.class, OrderUpdateCommandDecoder.class,
        TradeCommandDecoder.class, OvernightPositionCommandDecoder.class, OrderBookCommandDecoder.class,
        ConvertPositionCommandDecoder.class, RiskLimitsCommandDecoder.class, KillSwitchCommandDecoder.class,
        BrokerSessionCommandDecoder.class, FeedGapCommandDecoder.class, TimerCommandDecoder.class,
        BrokerPositionCommandDecoder.class, InstrumentsLoadedCommandDecoder.class, BrokerHoldingsCommandDecoder.class,
        MarketUpdateEventDecoder.class, OrderEventDecoder.class, FillEventDecoder.class, PositionEventDecoder.class,
        RejectEventDecoder.class, BrokerRequestEventDecoder.class, RiskLimitsEventDecoder.class,
        KillSwitchEventDecoder.class, BrokerSessionEventDecoder.class, FeedGapEventDecoder.class,
        InstrumentEventDecoder.class, BrokerConversionEventDecoder.class, InstrumentsLoadedEventDecoder.class);

    private static final String SINCE_VERSION = "SinceVersion";
    private static final String ENCODING_OFFSET = "EncodingOffset";
    private static final int[][] MINIMUM = table();

    private MessageBlocks()
    {
    }

    /**
     * @param templateId of the message.
     * @param version    the schema version it was written with (a newer one than this build's counts as this
     *                   build's).
     * @return the shortest root block it may have, or 0 for a template this schema does not have.
     */
    public static int minimum(final int templateId, final int version)
    {
        if (templateId < 0 || templateId >= MINIMUM.length || MINIMUM[templateId] == null)
        {
            return 0;
        }
        final int[] byVersion = MINIMUM[templateId];
        return byVersion[Math.max(0, Math.min(version, byVersion.length - 1))];
    }

    private static int[][] table()
    {
        int maxId = 0;
        for (final Class<?> decoder : DECODERS)
        {
            maxId = Math.max(maxId, constant(decoder, "TEMPLATE_ID"));
        }
        final int[][] table = new int[maxId + 1][];
        for (final Class<?> decoder : DECODERS)
        {
            final int id = constant(decoder, "TEMPLATE_ID");
            if (table[id] != null)
            {
                throw new IllegalStateException("two messages have template id " + id);
            }
            table[id] = byVersion(decoder);
        }
        return table;
    }

    private static int[] byVersion(final Class<?> decoder)
    {
        final int[] minimum = new int[MessageHeaderDecoder.SCHEMA_VERSION + 1];
        Arrays.fill(minimum, constant(decoder, "BLOCK_LENGTH"));
        for (final Method since : decoder.getMethods())
        {
            final String name = since.getName();
            if (!Modifier.isStatic(since.getModifiers()) || since.getParameterCount() != 0 ||
                !name.endsWith(SINCE_VERSION))
            {
                continue;
            }
            final Method offset;
            try
            {
                offset = decoder.getMethod(name.substring(0, name.length() - SINCE_VERSION.length()) +
                    ENCODING_OFFSET);
            }
            catch (final NoSuchMethodException ex)
            {
                continue; // variable-length data: after the block, not part of it
            }
            final int sinceVersion = (int)invoke(since);
            final int fieldOffset = (int)invoke(offset);
            for (int v = 0; v < Math.min(sinceVersion, minimum.length); v++)
            {
                minimum[v] = Math.min(minimum[v], fieldOffset);
            }
        }
        return minimum;
    }

    private static int constant(final Class<?> decoder, final String name)
    {
        try
        {
            return decoder.getField(name).getInt(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(decoder.getSimpleName() + " has no " + name, ex);
        }
    }

    private static Object invoke(final Method method)
    {
        try
        {
            return method.invoke(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot call " + method, ex);
        }
    }
}
