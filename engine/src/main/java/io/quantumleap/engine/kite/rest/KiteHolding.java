package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of {@code GET /portfolio/holdings}.
 *
 * @param tradingsymbol   exchange symbol.
 * @param exchange        e.g. {@code NSE}.
 * @param instrumentToken Kite instrument token.
 * @param isin            ISIN.
 * @param product         product.
 * @param quantity        settled quantity.
 * @param t1Quantity      bought, not yet settled.
 * @param usedQuantity    sold today.
 * @param averagePrice    average buy price.
 * @param lastPrice       last price.
 * @param closePrice      previous close.
 * @param pnl             profit and loss.
 * @param auctionNumber   the auction the holding may be sold into ({@code /portfolio/holdings/auctions}), else null.
 */
public record KiteHolding(
    String tradingsymbol,
    String exchange,
    long instrumentToken,
    String isin,
    String product,
    long quantity,
    long t1Quantity,
    long usedQuantity,
    BigDecimal averagePrice,
    BigDecimal lastPrice,
    BigDecimal closePrice,
    BigDecimal pnl,
    String auctionNumber)
{
    /**
     * @return the shares held at the day's start: settled plus T1 (neither falls when shares are sold during the day;
     *     {@link #usedQuantity} counts those), a negative figure read as none.
     */
    public long heldAtDayStart()
    {
        return Math.max(0, quantity) + Math.max(0, t1Quantity);
    }

    static List<KiteHolding> listFrom(final JsonNode data)
    {
        KiteJson.requireArray(data, "data");
        final KiteHolding[] holdings = new KiteHolding[data.size()];
        for (int i = 0; i < holdings.length; i++)
        {
            final JsonNode node = KiteJson.requireObject(data.get(i), "holding");
            holdings[i] = new KiteHolding(
                KiteJson.textOrEmpty(node, "tradingsymbol"),
                KiteJson.textOrEmpty(node, "exchange"),
                KiteJson.longValue(node, "instrument_token"),
                KiteJson.textOrEmpty(node, "isin"),
                KiteJson.textOrEmpty(node, "product"),
                KiteJson.longValue(node, "quantity"),
                KiteJson.longValue(node, "t1_quantity"),
                KiteJson.longValue(node, "used_quantity"),
                KiteJson.decimal(node, "average_price"),
                KiteJson.decimal(node, "last_price"),
                KiteJson.decimal(node, "close_price"),
                KiteJson.decimal(node, "pnl"),
                KiteJson.text(node, "auction_number"));
        }
        return List.of(holdings);
    }
}
