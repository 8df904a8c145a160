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
 * @param exchangeTimestamp when the exchange last touched the order, as the broker reported it; null before then.
 * @param disclosedQuantity the quantity shown to the market (0: all of it). This and the other terms below are null
 *                      for an order whose events were recorded before the engine's events carried them.
 * @param validityTtl   minutes a TTL order lives, 0 for other validities.
 * @param marketProtection a MARKET or SL-M order's market protection: a percentage, -1 the exchange's default, 0
 *                      none.
 * @param icebergLegs   an iceberg order's number of legs, 0 for other varieties.
 * @param icebergQuantity an iceberg order's quantity per leg, 0 for other varieties.
 * @param auctionNumber the auction an auction order sells into, null for other varieties.
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
    long journalIndex,
    @Nullable Instant exchangeTimestamp,
    @Nullable Long disclosedQuantity,
    @Nullable Integer validityTtl,
    @Nullable Integer marketProtection,
    @Nullable Integer icebergLegs,
    @Nullable Long icebergQuantity,
    @Nullable String auctionNumber)
{
}
