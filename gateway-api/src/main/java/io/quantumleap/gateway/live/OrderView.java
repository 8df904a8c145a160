package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the API shows it: Kite's order fields, prices in rupees.
 *
 * @param parentOrderId the broker order id of the order this one is a leg of (a cover order's stop-loss leg names its
 *                      entry), null when none.
 * @param tag           the one the order was placed with.
 * @param statusMessage the broker's word on where the order is (a rejection's reason, or its refusal of the last
 *                      modify or cancel), null when it said nothing.
 * @param placedAt      when the engine took the order.
 * @param updatedAt     when this state began.
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderView(
    long accountId,
    long clientOrderId,
    @Nullable String orderId,
    @Nullable String parentOrderId,
    String status,
    @Nullable String exchange,
    @Nullable String tradingsymbol,
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
    @Nullable String tag,
    @Nullable String statusMessage,
    Instant placedAt,
    Instant updatedAt,
    long journalIndex)
{
}
