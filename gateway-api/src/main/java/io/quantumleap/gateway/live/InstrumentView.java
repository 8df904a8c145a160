package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;

/** An instrument the engine knows. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record InstrumentView(
    long instrumentToken,
    String exchange,
    String tradingsymbol,
    String segment,
    String instrumentType,
    BigDecimal tickSize,
    int lotSize)
{
    public String key()
    {
        return exchange + ":" + tradingsymbol;
    }
}
