package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * A position with Kite's field names and arithmetic (PROTOCOL.md B.3); money in rupees. The buy and sell prices are
 * the side's average ({@code buy_value = buy_quantity x buy_price x multiplier}), 0 for a side with no quantity.
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PositionView(
    long accountId,
    @Nullable String exchange,
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
    BigDecimal buyPrice,
    BigDecimal buyValue,
    long sellQuantity,
    BigDecimal sellPrice,
    BigDecimal sellValue,
    long dayBuyQuantity,
    BigDecimal dayBuyPrice,
    BigDecimal dayBuyValue,
    long daySellQuantity,
    BigDecimal daySellPrice,
    BigDecimal daySellValue)
{
    /** @return this position with another last price (a flat position's P&amp;L does not depend on it). */
    public PositionView withLastPrice(final BigDecimal price)
    {
        return new PositionView(accountId, exchange, tradingsymbol, instrumentToken, product, quantity,
            overnightQuantity, multiplier, averagePrice, price, closePrice, value, pnl, m2m, realised, unrealised,
            buyQuantity, buyPrice, buyValue, sellQuantity, sellPrice, sellValue, dayBuyQuantity, dayBuyPrice,
            dayBuyValue, daySellQuantity, daySellPrice, daySellValue);
    }
}
