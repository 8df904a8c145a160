package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/** One fill (Kite's trade object), price in rupees. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FillView(
    long accountId,
    long clientOrderId,
    @Nullable String orderId,
    @Nullable String tradeId,
    @Nullable String exchange,
    @Nullable String tradingsymbol,
    long instrumentToken,
    String transactionType,
    String product,
    long quantity,
    BigDecimal averagePrice,
    Instant fillTimestamp,
    long journalIndex)
{
}
