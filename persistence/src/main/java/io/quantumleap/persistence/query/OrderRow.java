package io.quantumleap.persistence.query;

import java.time.Instant;
import java.util.UUID;

/**
 * An order's current state. Prices in the instrument's integer unit (paise for equities).
 *
 * @param id              our id.
 * @param clientOrderId   the engine's client order id, or null for orders placed outside it.
 * @param brokerOrderId   Kite order_id, or null before the broker acknowledged.
 * @param status          Kite status (or the engine's PENDING_RISK / UNKNOWN).
 * @param instrumentToken Kite instrument_token.
 * @param side            BUY or SELL.
 * @param orderType       MARKET, LIMIT, SL, SL_M.
 * @param product         CNC, NRML, MIS, ...
 * @param validity        DAY, IOC, TTL.
 * @param variety         REGULAR, AMO, ...
 * @param quantity        ordered.
 * @param filledQuantity  filled.
 * @param pendingQuantity open.
 * @param cancelledQuantity cancelled.
 * @param price           limit price.
 * @param triggerPrice    trigger price.
 * @param averagePrice    average fill price.
 * @param tag             Kite tag or null.
 * @param placedAt        first seen.
 * @param updatedAt       last change.
 */
public record OrderRow(UUID id, Long clientOrderId, String brokerOrderId, String status, long instrumentToken,
    String side, String orderType, String product, String validity, String variety, long quantity,
    long filledQuantity, long pendingQuantity, long cancelledQuantity, long price, long triggerPrice,
    long averagePrice, String tag, Instant placedAt, Instant updatedAt)
{
}
