package io.quantumleap.journal.replay;

import io.quantumleap.engine.protocol.*;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.DirectBuffer;

/** Renders a journaled message for people: every field by name (SBE's own rendering), then the bytes in hex. */
public final class MessagePrinter
{
    private MessagePrinter()
    {
    }

    /**
     * @param buffer holding the message, header included.
     * @param offset of the message.
     * @param length of the message.
     * @return one line with the decoded fields, or the name and hex when it cannot be decoded.
     */
    public static String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < JournalSchema.HEADER_LENGTH)
        {
            return "(" + length + " bytes, no SBE header) " + hex(buffer, offset, length);
        }
        final int templateId = JournalSchema.templateId(buffer, offset);
        final int blockLength = JournalSchema.blockLength(buffer, offset);
        final int version = JournalSchema.version(buffer, offset);
        final int body = offset + JournalSchema.HEADER_LENGTH;
        String fields;
        try
        {
            fields = switch (templateId)
            {
                case MarketDataCommandDecoder.TEMPLATE_ID ->
                    new MarketDataCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case InstrumentDefinitionCommandDecoder.TEMPLATE_ID ->
                    new InstrumentDefinitionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case AccountCommandDecoder.TEMPLATE_ID ->
                    new AccountCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case PlaceOrderCommandDecoder.TEMPLATE_ID ->
                    new PlaceOrderCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case ModifyOrderCommandDecoder.TEMPLATE_ID ->
                    new ModifyOrderCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case CancelOrderCommandDecoder.TEMPLATE_ID ->
                    new CancelOrderCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerAckCommandDecoder.TEMPLATE_ID ->
                    new BrokerAckCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerRejectCommandDecoder.TEMPLATE_ID ->
                    new BrokerRejectCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case OrderUpdateCommandDecoder.TEMPLATE_ID ->
                    new OrderUpdateCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case TradeCommandDecoder.TEMPLATE_ID ->
                    new TradeCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case OvernightPositionCommandDecoder.TEMPLATE_ID ->
                    new OvernightPositionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case ConvertPositionCommandDecoder.TEMPLATE_ID ->
                    new ConvertPositionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerPositionCommandDecoder.TEMPLATE_ID ->
                    new BrokerPositionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerHoldingsCommandDecoder.TEMPLATE_ID ->
                    new BrokerHoldingsCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case RiskLimitsCommandDecoder.TEMPLATE_ID ->
                    new RiskLimitsCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case KillSwitchCommandDecoder.TEMPLATE_ID ->
                    new KillSwitchCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerSessionCommandDecoder.TEMPLATE_ID ->
                    new BrokerSessionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case FeedGapCommandDecoder.TEMPLATE_ID ->
                    new FeedGapCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case TimerCommandDecoder.TEMPLATE_ID ->
                    new TimerCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case InstrumentsLoadedCommandDecoder.TEMPLATE_ID ->
                    new InstrumentsLoadedCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case OrderBookCommandDecoder.TEMPLATE_ID ->
                    new OrderBookCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case MarketUpdateEventDecoder.TEMPLATE_ID ->
                    new MarketUpdateEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case OrderEventDecoder.TEMPLATE_ID ->
                    new OrderEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case FillEventDecoder.TEMPLATE_ID ->
                    new FillEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case PositionEventDecoder.TEMPLATE_ID ->
                    new PositionEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case RejectEventDecoder.TEMPLATE_ID ->
                    new RejectEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerRequestEventDecoder.TEMPLATE_ID ->
                    new BrokerRequestEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case RiskLimitsEventDecoder.TEMPLATE_ID ->
                    new RiskLimitsEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case KillSwitchEventDecoder.TEMPLATE_ID ->
                    new KillSwitchEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerSessionEventDecoder.TEMPLATE_ID ->
                    new BrokerSessionEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case FeedGapEventDecoder.TEMPLATE_ID ->
                    new FeedGapEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case InstrumentEventDecoder.TEMPLATE_ID ->
                    new InstrumentEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerConversionEventDecoder.TEMPLATE_ID ->
                    new BrokerConversionEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case InstrumentsLoadedEventDecoder.TEMPLATE_ID ->
                    new InstrumentsLoadedEventDecoder().wrap(buffer, body, blockLength, version).toString();
                default -> MessageFields.name(templateId);
            };
        }
        catch (final RuntimeException ex)
        {
            fields = MessageFields.name(templateId) + " (undecodable: " + ex.getMessage() + ")";
        }
        return fields + " bytes=" + hex(buffer, offset, length);
    }

    /**
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length how many.
     * @return lower-case hex, two digits a byte.
     */
    public static String hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder hex = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            hex.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
