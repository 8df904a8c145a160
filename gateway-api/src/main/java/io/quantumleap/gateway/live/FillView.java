package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;

/** One fill (Kite's trade object), price in rupees. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record FillView(
    long accountId,
    long clientOrderId,
    String orderId,
    String tradeId,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    String transactionType,
    String product,
    long quantity,
    BigDecimal averagePrice,
    Instant fillTimestamp,
    long journalIndex)
{
}
