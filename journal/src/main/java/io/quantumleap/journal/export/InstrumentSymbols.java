package io.quantumleap.journal.export;

import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandDecoder;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.journal.AsciiDigits;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.schema.JournalSchema;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2LongHashMap;

import java.util.Locale;

/**
 * The instruments a journal defines, as the REST API names them ({@code EXCHANGE:TRADINGSYMBOL}, e.g.
 * {@code NSE:INFY}), from the definitions handed to {@link #onExcerpt}: {@code InstrumentDefinitionCommand}s of
 * {@code in} or {@code InstrumentEvent}s of {@code out}, in journal order, so a token defined again (a later
 * instruments dump) takes its newer definition from then on. Holds one entry per token and one per symbol, never
 * one per definition. Used on one thread.
 */
public final class InstrumentSymbols implements ExcerptHandler
{
    /** Returned by {@link #token(String)} for a symbol the journal does not define. */
    public static final long NO_TOKEN = -1;

    /**
     * @param text an instrument token as a user writes it, digits only.
     * @return the token, or {@link #NO_TOKEN} when the text is not 1 to {@link InstrumentTokens#MAX} in digits.
     */
    public static long parseToken(final String text)
    {
        if (text.length() > 10 || !AsciiDigits.only(text))
        {
            return NO_TOKEN;
        }
        final long token = Long.parseLong(text);
        return InstrumentTokens.valid(token) ? token : NO_TOKEN;
    }

    private final InstrumentDefinitionCommandDecoder definition = new InstrumentDefinitionCommandDecoder();
    private final InstrumentEventDecoder event = new InstrumentEventDecoder();
    private static final int EXAMPLES = 3;

    private final Long2ObjectHashMap<String> symbolsByToken = new Long2ObjectHashMap<>();
    private final Object2LongHashMap<String> tokensBySymbol = new Object2LongHashMap<>(NO_TOKEN);
    private final long[] firstTokens = new long[EXAMPLES];
    private int firstTokenCount;

    /**
     * Takes one definition; messages of other templates are ignored. A definition the core refuses for want of an
     * exchange or a symbol defines nothing here either.
     */
    @Override
    public void onExcerpt(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        final int body = offset + JournalSchema.HEADER_LENGTH;
        final int blockLength = JournalSchema.blockLength(buffer, offset);
        final int version = JournalSchema.version(buffer, offset);
        switch (JournalSchema.templateId(buffer, offset))
        {
            case InstrumentDefinitionCommandDecoder.TEMPLATE_ID ->
            {
                final InstrumentDefinitionCommandDecoder d = definition.wrap(buffer, body, blockLength, version);
                define(d.instrumentToken(), d.exchange(), d.tradingsymbol());
            }
            case InstrumentEventDecoder.TEMPLATE_ID ->
            {
                final InstrumentEventDecoder e = event.wrap(buffer, body, blockLength, version);
                define(e.instrumentToken(), e.exchange(), e.tradingsymbol());
            }
            default ->
            {
                // not a definition: nothing to learn
            }
        }
    }

    /**
     * @param instrumentToken Kite instrument token.
     * @return {@code EXCHANGE:TRADINGSYMBOL} as last defined, or null when no definition of it has been seen.
     */
    public String symbol(final long instrumentToken)
    {
        return symbolsByToken.get(instrumentToken);
    }

    /**
     * @param symbol {@code EXCHANGE:TRADINGSYMBOL}, in any case.
     * @return the token last defined under it, or {@link #NO_TOKEN}.
     */
    public long token(final String symbol)
    {
        return tokensBySymbol.getValue(symbol.toUpperCase(Locale.ROOT));
    }

    /**
     * @return for a person told an instrument is not among them: how many tokens are defined and the first few, e.g.
     * {@code 2: 408065 NSE:INFY, 738561 NSE:RELIANCE}, or {@code none}.
     */
    public String describe()
    {
        if (symbolsByToken.isEmpty())
        {
            return "none";
        }
        final StringBuilder text = new StringBuilder().append(symbolsByToken.size()).append(':');
        for (int i = 0; i < firstTokenCount; i++)
        {
            text.append(i == 0 ? " " : ", ").append(firstTokens[i]).append(' ').append(symbol(firstTokens[i]));
        }
        return symbolsByToken.size() > firstTokenCount ? text.append(", ...").toString() : text.toString();
    }

    private void define(final long instrumentToken, final Exchange exchange, final String tradingsymbol)
    {
        final String trimmed = tradingsymbol.trim();
        if (exchange == Exchange.NULL_VAL || exchange == Exchange.SBE_UNKNOWN || trimmed.isEmpty())
        {
            return;
        }
        final String symbol = exchange.name() + ':' + trimmed;
        if (null == symbolsByToken.put(instrumentToken, symbol) && firstTokenCount < EXAMPLES)
        {
            firstTokens[firstTokenCount++] = instrumentToken;
        }
        tokensBySymbol.put(symbol.toUpperCase(Locale.ROOT), instrumentToken);
    }
}
