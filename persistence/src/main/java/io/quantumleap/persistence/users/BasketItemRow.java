package io.quantumleap.persistence.users;

import java.math.BigDecimal;

/**
 * One order of a basket, as Kite's order parameters name it; the instrument's names as they were when it was added.
 *
 * @param transactionType {@code BUY} or {@code SELL}.
 * @param orderType       {@code MARKET}, {@code LIMIT}, {@code SL} or {@code SL-M}.
 * @param product         e.g. {@code CNC}, {@code MIS}, {@code NRML}.
 * @param variety         {@code regular} or {@code amo}.
 * @param validity        {@code DAY} or {@code IOC}.
 * @param price           the limit price in rupees; null for MARKET and SL-M.
 * @param triggerPrice    the trigger price in rupees of SL and SL-M; null otherwise.
 * @param marketProtection of MARKET and SL-M: how far from the last price in percent the fill may go, -1 for the
 *                        broker's automatic; null otherwise.
 */
public record BasketItemRow(
    long instrumentToken,
    String exchange,
    String tradingsymbol,
    String transactionType,
    String orderType,
    String product,
    String variety,
    String validity,
    long quantity,
    BigDecimal price,
    BigDecimal triggerPrice,
    Integer marketProtection)
{
}
