package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** An instrument the engine knows. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
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
