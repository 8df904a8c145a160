package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;

/** An order as the API shows it: Kite's order fields, prices in rupees. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record OrderView(
    long accountId,
    long clientOrderId,
    String orderId,
    String status,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    String transactionType,
    String orderType,
    String product,
    String validity,
    String variety,
    long quantity,
    long filledQuantity,
    long pendingQuantity,
    long cancelledQuantity,
    BigDecimal price,
    BigDecimal triggerPrice,
    BigDecimal averagePrice,
    int modifyCount,
    String tag,
    Instant updatedAt,
    long journalIndex)
{
}
