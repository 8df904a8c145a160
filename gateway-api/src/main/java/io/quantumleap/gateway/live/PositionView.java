package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;

/** A position with Kite's field names and arithmetic (PROTOCOL.md B.3); money in rupees. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PositionView(
    long accountId,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    String product,
    long quantity,
    long overnightQuantity,
    int multiplier,
    BigDecimal averagePrice,
    BigDecimal lastPrice,
    BigDecimal closePrice,
    BigDecimal value,
    BigDecimal pnl,
    BigDecimal m2m,
    BigDecimal realised,
    BigDecimal unrealised,
    long buyQuantity,
    BigDecimal buyValue,
    long sellQuantity,
    BigDecimal sellValue,
    long dayBuyQuantity,
    BigDecimal dayBuyValue,
    long daySellQuantity,
    BigDecimal daySellValue)
{
}
