package io.quantumleap.journal.schema;

import io.quantumleap.engine.protocol.*;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads the few fields replay filters on (time, instrument) from any journaled message without decoding
 * it. Offsets come from the generated decoders, so they follow the schema; a field that an older message
 * version does not carry reads as absent. Allocates nothing.
 */
public final class MessageFields
{
    /** Returned when a message carries no instrument token. */
    public static final long NO_INSTRUMENT = -1;

    /** Largest template id in the schema plus one. */
    private static final int MAX_TEMPLATE_ID = 256;
    private static final int ABSENT = -1;
    private static final int[] TIMESTAMP_OFFSETS = new int[MAX_TEMPLATE_ID];
    private static final int[] TOKEN_OFFSETS = new int[MAX_TEMPLATE_ID];
    private static final String[] NAMES = new String[MAX_TEMPLATE_ID];

    static
    {
        java.util.Arrays.fill(TIMESTAMP_OFFSETS, ABSENT);
        java.util.Arrays.fill(TOKEN_OFFSETS, ABSENT);

        message(MarketDataCommandDecoder.TEMPLATE_ID, "MarketDataCommand",
            MarketDataCommandDecoder.timestampNsEncodingOffset(),
            MarketDataCommandDecoder.instrumentTokenEncodingOffset());
        message(InstrumentDefinitionCommandDecoder.TEMPLATE_ID, "InstrumentDefinitionCommand",
            InstrumentDefinitionCommandDecoder.timestampNsEncodingOffset(),
            InstrumentDefinitionCommandDecoder.instrumentTokenEncodingOffset());
        message(AccountCommandDecoder.TEMPLATE_ID, "AccountCommand",
            AccountCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(PlaceOrderCommandDecoder.TEMPLATE_ID, "PlaceOrderCommand",
            PlaceOrderCommandDecoder.timestampNsEncodingOffset(),
            PlaceOrderCommandDecoder.instrumentTokenEncodingOffset());
        message(ModifyOrderCommandDecoder.TEMPLATE_ID, "ModifyOrderCommand",
            ModifyOrderCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(CancelOrderCommandDecoder.TEMPLATE_ID, "CancelOrderCommand",
            CancelOrderCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(BrokerAckCommandDecoder.TEMPLATE_ID, "BrokerAckCommand",
            BrokerAckCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(BrokerRejectCommandDecoder.TEMPLATE_ID, "BrokerRejectCommand",
            BrokerRejectCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(OrderUpdateCommandDecoder.TEMPLATE_ID, "OrderUpdateCommand",
            OrderUpdateCommandDecoder.timestampNsEncodingOffset(),
            OrderUpdateCommandDecoder.instrumentTokenEncodingOffset());
        message(TradeCommandDecoder.TEMPLATE_ID, "TradeCommand",
            TradeCommandDecoder.timestampNsEncodingOffset(), TradeCommandDecoder.instrumentTokenEncodingOffset());
        message(OvernightPositionCommandDecoder.TEMPLATE_ID, "OvernightPositionCommand",
            OvernightPositionCommandDecoder.timestampNsEncodingOffset(),
            OvernightPositionCommandDecoder.instrumentTokenEncodingOffset());
        message(ConvertPositionCommandDecoder.TEMPLATE_ID, "ConvertPositionCommand",
            ConvertPositionCommandDecoder.timestampNsEncodingOffset(),
            ConvertPositionCommandDecoder.instrumentTokenEncodingOffset());
        message(BrokerPositionCommandDecoder.TEMPLATE_ID, "BrokerPositionCommand",
            BrokerPositionCommandDecoder.timestampNsEncodingOffset(),
            BrokerPositionCommandDecoder.instrumentTokenEncodingOffset());
        message(BrokerHoldingsCommandDecoder.TEMPLATE_ID, "BrokerHoldingsCommand",
            BrokerHoldingsCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(RiskLimitsCommandDecoder.TEMPLATE_ID, "RiskLimitsCommand",
            RiskLimitsCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(KillSwitchCommandDecoder.TEMPLATE_ID, "KillSwitchCommand",
            KillSwitchCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(BrokerSessionCommandDecoder.TEMPLATE_ID, "BrokerSessionCommand",
            BrokerSessionCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(FeedGapCommandDecoder.TEMPLATE_ID, "FeedGapCommand",
            FeedGapCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(TimerCommandDecoder.TEMPLATE_ID, "TimerCommand",
            TimerCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(InstrumentsLoadedCommandDecoder.TEMPLATE_ID, "InstrumentsLoadedCommand",
            InstrumentsLoadedCommandDecoder.timestampNsEncodingOffset(), ABSENT);
        message(OrderBookCommandDecoder.TEMPLATE_ID, "OrderBookCommand",
            OrderBookCommandDecoder.timestampNsEncodingOffset(), ABSENT);

        message(MarketUpdateEventDecoder.TEMPLATE_ID, "MarketUpdateEvent",
            MarketUpdateEventDecoder.timestampNsEncodingOffset(),
            MarketUpdateEventDecoder.instrumentTokenEncodingOffset());
        message(OrderEventDecoder.TEMPLATE_ID, "OrderEvent",
            OrderEventDecoder.timestampNsEncodingOffset(), OrderEventDecoder.instrumentTokenEncodingOffset());
        message(FillEventDecoder.TEMPLATE_ID, "FillEvent",
            FillEventDecoder.timestampNsEncodingOffset(), FillEventDecoder.instrumentTokenEncodingOffset());
        message(PositionEventDecoder.TEMPLATE_ID, "PositionEvent",
            PositionEventDecoder.timestampNsEncodingOffset(), PositionEventDecoder.instrumentTokenEncodingOffset());
        message(RejectEventDecoder.TEMPLATE_ID, "RejectEvent", RejectEventDecoder.timestampNsEncodingOffset(), ABSENT);
        message(BrokerRequestEventDecoder.TEMPLATE_ID, "BrokerRequestEvent",
            BrokerRequestEventDecoder.timestampNsEncodingOffset(),
            BrokerRequestEventDecoder.instrumentTokenEncodingOffset());
        message(RiskLimitsEventDecoder.TEMPLATE_ID, "RiskLimitsEvent",
            RiskLimitsEventDecoder.timestampNsEncodingOffset(), ABSENT);
        message(KillSwitchEventDecoder.TEMPLATE_ID, "KillSwitchEvent",
            KillSwitchEventDecoder.timestampNsEncodingOffset(), ABSENT);
        message(BrokerSessionEventDecoder.TEMPLATE_ID, "BrokerSessionEvent",
            BrokerSessionEventDecoder.timestampNsEncodingOffset(), ABSENT);
        message(FeedGapEventDecoder.TEMPLATE_ID, "FeedGapEvent",
            FeedGapEventDecoder.timestampNsEncodingOffset(), ABSENT);
        message(InstrumentEventDecoder.TEMPLATE_ID, "InstrumentEvent",
            InstrumentEventDecoder.timestampNsEncodingOffset(), InstrumentEventDecoder.instrumentTokenEncodingOffset());
        message(BrokerConversionEventDecoder.TEMPLATE_ID, "BrokerConversionEvent",
            BrokerConversionEventDecoder.timestampNsEncodingOffset(),
            BrokerConversionEventDecoder.instrumentTokenEncodingOffset());
        message(InstrumentsLoadedEventDecoder.TEMPLATE_ID, "InstrumentsLoadedEvent",
            InstrumentsLoadedEventDecoder.timestampNsEncodingOffset(), ABSENT);
    }

    private MessageFields()
    {
    }

    private static void message(
        final int templateId, final String name, final int timestampOffset, final int tokenOffset)
    {
        NAMES[templateId] = name;
        TIMESTAMP_OFFSETS[templateId] = timestampOffset;
        TOKEN_OFFSETS[templateId] = tokenOffset;
    }

    /**
     * @param templateId of a message.
     * @return whether the schema defines it.
     */
    public static boolean isKnown(final int templateId)
    {
        return templateId >= 0 && templateId < MAX_TEMPLATE_ID && null != NAMES[templateId];
    }

    /**
     * @param templateId of a message.
     * @return the message name, or {@code template <id>} for an unknown one.
     */
    public static String name(final int templateId)
    {
        return isKnown(templateId) ? NAMES[templateId] : "template " + templateId;
    }

    /**
     * @param name a message name (case-insensitive), e.g. {@code FillEvent}.
     * @return its template id, or -1 when the schema has no such message.
     */
    public static int templateIdOf(final String name)
    {
        for (int i = 0; i < MAX_TEMPLATE_ID; i++)
        {
            if (null != NAMES[i] && NAMES[i].equalsIgnoreCase(name))
            {
                return i;
            }
        }
        return -1;
    }

    /** @return names of every message of the schema, in template id order. */
    public static java.util.List<String> names()
    {
        final java.util.List<String> names = new java.util.ArrayList<>();
        for (final String name : NAMES)
        {
            if (null != name)
            {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * @param buffer holding a schema-checked message, header included.
     * @param offset of the message.
     * @return the message's timestampNs, or {@link Long#MIN_VALUE} when it carries none.
     */
    public static long timestampNs(final DirectBuffer buffer, final int offset)
    {
        final int templateId = JournalSchema.templateId(buffer, offset);
        final int fieldOffset = isKnown(templateId) ? TIMESTAMP_OFFSETS[templateId] : ABSENT;
        if (fieldOffset == ABSENT || fieldOffset + Long.BYTES > JournalSchema.blockLength(buffer, offset))
        {
            return Long.MIN_VALUE;
        }
        return buffer.getLong(offset + JournalSchema.HEADER_LENGTH + fieldOffset, LITTLE_ENDIAN);
    }

    /**
     * @param buffer holding a schema-checked message, header included.
     * @param offset of the message.
     * @return the instrument token the message is about, or {@link #NO_INSTRUMENT}.
     */
    public static long instrumentToken(final DirectBuffer buffer, final int offset)
    {
        final int templateId = JournalSchema.templateId(buffer, offset);
        final int fieldOffset = isKnown(templateId) ? TOKEN_OFFSETS[templateId] : ABSENT;
        if (fieldOffset == ABSENT || fieldOffset + Integer.BYTES > JournalSchema.blockLength(buffer, offset))
        {
            return NO_INSTRUMENT;
        }
        return buffer.getInt(offset + JournalSchema.HEADER_LENGTH + fieldOffset, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }
}
