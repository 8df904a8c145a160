package io.quantumleap.gateway.market;

import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.journal.AsciiDigits;
import io.quantumleap.journal.export.InstrumentSymbols;

import java.util.Locale;
import java.util.Optional;

/**
 * An instrument as the API's callers name it: {@code EXCHANGE:TRADINGSYMBOL} (the exchange in any case, e.g.
 * {@code nse:INFY}) or its instrument token, 1 to {@link InstrumentTokens#MAX} (Kite's are 32-bit).
 *
 * @param exchange      the exchange in upper case; null for a token.
 * @param tradingsymbol the symbol; null for a token.
 * @param token         the token; {@link InstrumentSymbols#NO_TOKEN} for a symbol.
 */
public record InstrumentKey(String exchange, String tradingsymbol, long token)
{
    /**
     * @param key the instrument as written.
     * @return it, parsed.
     * @throws IllegalArgumentException naming what is wrong: a key of neither form, or digits outside a token's range.
     */
    public static InstrumentKey parse(final String key)
    {
        final int colon = key.indexOf(':');
        if (colon > 0 && colon < key.length() - 1)
        {
            return new InstrumentKey(key.substring(0, colon).toUpperCase(Locale.ROOT), key.substring(colon + 1),
                InstrumentSymbols.NO_TOKEN);
        }
        final long token = InstrumentSymbols.parseToken(key);
        if (token != InstrumentSymbols.NO_TOKEN)
        {
            return new InstrumentKey(null, null, token);
        }
        if (AsciiDigits.only(key))
        {
            throw new IllegalArgumentException("'" + key + "' is not an instrument token: a token is 1 to " +
                InstrumentTokens.MAX + " (Kite's are 32-bit)");
        }
        throw new IllegalArgumentException("'" + key + "' is neither EXCHANGE:SYMBOL nor an instrument token");
    }

    /** @return true when the key is a token, false when it is a symbol. */
    public boolean isToken()
    {
        return exchange == null;
    }

    /**
     * @return the instrument of this key in the read model, empty when none is known by it; a symbol is looked up as
     *     written, then in upper case, as Kite writes every symbol ({@code nse:infy} is {@code NSE:INFY}, as
     *     {@code qleap replay --instrument} takes it).
     */
    public Optional<InstrumentView> find(final LiveState live)
    {
        if (isToken())
        {
            return live.instrument(token);
        }
        final Optional<InstrumentView> asWritten = live.instrument(exchange, tradingsymbol);
        return asWritten.isPresent() ? asWritten :
            live.instrument(exchange, tradingsymbol.toUpperCase(Locale.ROOT));
    }
}
