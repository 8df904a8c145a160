package io.quantumleap.gateway.orders;

import io.quantumleap.engine.kite.KiteEnums;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;

import java.util.Locale;

/** The instrument a request names by exchange and trading symbol, one check and one wording for every request. */
public final class Instruments
{
    private Instruments()
    {
    }

    /**
     * @return the instrument the engine knows as {@code exchange:tradingsymbol} (either in any case).
     * @throws ApiException 400 naming the exchange if Kite has no such exchange, else the trading symbol if the
     *     engine knows no such instrument.
     */
    public static InstrumentView named(final LiveState live, final String exchange, final String tradingsymbol)
    {
        final String upperExchange = exchange.toUpperCase(Locale.ROOT);
        if (!KiteEnums.EXCHANGES.contains(upperExchange))
        {
            throw ApiException.badRequest("exchange: '" + exchange + "' is not one of " +
                String.join(", ", KiteEnums.EXCHANGES));
        }
        final String upperSymbol = tradingsymbol.toUpperCase(Locale.ROOT);
        return live.instrument(upperExchange, upperSymbol).orElseThrow(() -> ApiException.badRequest(
            "tradingsymbol: no instrument " + upperExchange + ":" + upperSymbol + " is known"));
    }
}
