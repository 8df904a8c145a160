package io.quantumleap.journal.replay;

import io.quantumleap.engine.protocol.*;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.KiteNames;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.DirectBuffer;

/**
 * Renders a journaled message for people: every field by name (SBE's own rendering), then the bytes in hex. The
 * order terms, statuses and tick modes are spelt as Kite and the gateway's API spell them, through {@link KiteNames}
 * as the exports and the replay's summary spell them ({@code SL-M}, {@code TRIGGER PENDING}, {@code regular},
 * {@code quote}); a value {@code KiteNames} has no name for (an enum's null value, or one a newer schema added)
 * keeps SBE's name ({@code NULL_VAL}, {@code SBE_UNKNOWN}).
 */
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
                {
                    final MarketDataCommandDecoder tick =
                        new MarketDataCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(tick.toString()).mode(tick.mode()).text();
                }
                case InstrumentDefinitionCommandDecoder.TEMPLATE_ID ->
                    new InstrumentDefinitionCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case AccountCommandDecoder.TEMPLATE_ID ->
                    new AccountCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case PlaceOrderCommandDecoder.TEMPLATE_ID ->
                {
                    final PlaceOrderCommandDecoder place =
                        new PlaceOrderCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(place.toString()).side(place.side()).orderType(place.orderType())
                        .product("product", place.product()).validity(place.validity()).variety(place.variety())
                        .text();
                }
                case ModifyOrderCommandDecoder.TEMPLATE_ID ->
                {
                    final ModifyOrderCommandDecoder modify =
                        new ModifyOrderCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(modify.toString()).orderType(modify.orderType())
                        .validity(modify.validity()).text();
                }
                case CancelOrderCommandDecoder.TEMPLATE_ID ->
                    new CancelOrderCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerAckCommandDecoder.TEMPLATE_ID ->
                    new BrokerAckCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerRejectCommandDecoder.TEMPLATE_ID ->
                    new BrokerRejectCommandDecoder().wrap(buffer, body, blockLength, version).toString();
                case OrderUpdateCommandDecoder.TEMPLATE_ID ->
                {
                    final OrderUpdateCommandDecoder update =
                        new OrderUpdateCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(update.toString()).status(update.status()).side(update.side())
                        .orderType(update.orderType()).product("product", update.product())
                        .validity(update.validity()).variety(update.variety()).text();
                }
                case TradeCommandDecoder.TEMPLATE_ID ->
                {
                    final TradeCommandDecoder trade =
                        new TradeCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(trade.toString()).side(trade.side()).product("product", trade.product())
                        .text();
                }
                case OvernightPositionCommandDecoder.TEMPLATE_ID ->
                {
                    final OvernightPositionCommandDecoder overnight =
                        new OvernightPositionCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(overnight.toString()).product("product", overnight.product()).text();
                }
                case ConvertPositionCommandDecoder.TEMPLATE_ID ->
                {
                    final ConvertPositionCommandDecoder convert =
                        new ConvertPositionCommandDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(convert.toString()).side(convert.side())
                        .product("oldProduct", convert.oldProduct()).product("newProduct", convert.newProduct())
                        .text();
                }
                case BrokerPositionCommandDecoder.TEMPLATE_ID ->
                {
                    final BrokerPositionCommandDecoder positions =
                        new BrokerPositionCommandDecoder().wrap(buffer, body, blockLength, version);
                    final KiteSpelling spelling = new KiteSpelling(positions.toString());
                    for (final BrokerPositionCommandDecoder.ProductsDecoder position : positions.products())
                    {
                        spelling.product("product", position.product());
                    }
                    yield spelling.text();
                }
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
                {
                    final MarketUpdateEventDecoder tick =
                        new MarketUpdateEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(tick.toString()).mode(tick.mode()).text();
                }
                case OrderEventDecoder.TEMPLATE_ID ->
                {
                    final OrderEventDecoder order = new OrderEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(order.toString()).status(order.status()).side(order.side())
                        .orderType(order.orderType()).product("product", order.product())
                        .validity(order.validity()).variety(order.variety()).text();
                }
                case FillEventDecoder.TEMPLATE_ID ->
                {
                    final FillEventDecoder fill = new FillEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(fill.toString()).side(fill.side()).product("product", fill.product())
                        .text();
                }
                case PositionEventDecoder.TEMPLATE_ID ->
                {
                    final PositionEventDecoder position =
                        new PositionEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(position.toString()).product("product", position.product()).text();
                }
                case RejectEventDecoder.TEMPLATE_ID ->
                    new RejectEventDecoder().wrap(buffer, body, blockLength, version).toString();
                case BrokerRequestEventDecoder.TEMPLATE_ID ->
                {
                    final BrokerRequestEventDecoder request =
                        new BrokerRequestEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(request.toString()).side(request.side())
                        .orderType(request.orderType()).product("product", request.product())
                        .validity(request.validity()).variety(request.variety()).text();
                }
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
                {
                    final BrokerConversionEventDecoder conversion =
                        new BrokerConversionEventDecoder().wrap(buffer, body, blockLength, version);
                    yield new KiteSpelling(conversion.toString()).side(conversion.side())
                        .product("oldProduct", conversion.oldProduct())
                        .product("newProduct", conversion.newProduct()).text();
                }
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

    /**
     * Respells the enum values of SBE's rendering of a message, {@code name=CONSTANT}, as {@link KiteNames} does.
     * Each value is looked for after the previous one, in the order SBE renders the fields (the block's, then each
     * group entry's), and only as a whole field, so a text field holding the same characters is left as it is.
     */
    private static final class KiteSpelling
    {
        private final StringBuilder text;
        private int from;

        KiteSpelling(final String rendered)
        {
            text = new StringBuilder(rendered);
            from = Math.max(0, rendered.indexOf("):"));
        }

        KiteSpelling status(final OrderStatus status)
        {
            return respell("status", status, KiteNames.status(status));
        }

        KiteSpelling side(final Side side)
        {
            return respell("side", side, KiteNames.side(side));
        }

        KiteSpelling orderType(final OrderType orderType)
        {
            return respell("orderType", orderType, KiteNames.orderType(orderType));
        }

        KiteSpelling product(final String field, final Product product)
        {
            return respell(field, product, KiteNames.product(product));
        }

        KiteSpelling validity(final Validity validity)
        {
            return respell("validity", validity, KiteNames.validity(validity));
        }

        KiteSpelling variety(final Variety variety)
        {
            return respell("variety", variety, KiteNames.variety(variety));
        }

        KiteSpelling mode(final TickMode mode)
        {
            return respell("mode", mode, KiteNames.mode(mode));
        }

        String text()
        {
            return text.toString();
        }

        private KiteSpelling respell(final String field, final Enum<?> value, final String kite)
        {
            final String sbe = field + "=" + value.name();
            for (int at = text.indexOf(sbe, from); at >= 0; at = text.indexOf(sbe, at + 1))
            {
                final int end = at + sbe.length();
                final boolean whole = at > 0 && ":|(".indexOf(text.charAt(at - 1)) >= 0 &&
                    (end == text.length() || "|)".indexOf(text.charAt(end)) >= 0);
                if (whole)
                {
                    final int valueAt = at + field.length() + 1;
                    if (!kite.isEmpty())
                    {
                        text.replace(valueAt, end, kite);
                    }
                    from = valueAt + (kite.isEmpty() ? value.name().length() : kite.length());
                    return this;
                }
            }
            return this;
        }
    }
}
