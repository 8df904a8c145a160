package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Renders simulator state in the JSON shapes of the Kite mocks. Called on the simulator thread.
 */
final class KiteJson
{
    private KiteJson()
    {
    }

    static double rupees(final long paise)
    {
        return paise / 100.0;
    }

    static ObjectNode order(final ObjectMapper mapper, final Order o, final String userId)
    {
        final ObjectNode n = mapper.createObjectNode();
        final Instrument instrument = o.instrument;
        n.put("account_id", userId);
        n.put("placed_by", userId);
        n.put("order_id", o.orderId);
        n.put("exchange_order_id", o.exchangeOrderId);
        n.put("parent_order_id", o.parentOrderId);
        n.put("status", o.status);
        n.put("status_message", o.statusMessage);
        n.put("status_message_raw", o.statusMessage);
        n.put("order_timestamp", KiteTime.dateTime(o.orderTimestampMs));
        n.put("exchange_update_timestamp",
            o.exchangeOrderId == null ? null : KiteTime.dateTime(o.exchangeUpdateTimestampMs));
        n.put("exchange_timestamp", o.exchangeOrderId == null ? null : KiteTime.dateTime(o.exchangeTimestampMs));
        n.put("variety", o.variety);
        n.put("modified", o.modified);
        n.put("exchange", instrument.exchange);
        n.put("tradingsymbol", instrument.tradingsymbol);
        n.put("instrument_token", instrument.token);
        n.put("order_type", o.orderType);
        n.put("transaction_type", o.transactionType);
        n.put("validity", o.validity);
        n.put("validity_ttl", o.validityTtl);
        n.put("product", o.product);
        n.put("quantity", o.quantity);
        n.put("disclosed_quantity", o.disclosedQuantity);
        n.put("price", instrument.rupees(o.pricePaise));
        n.put("trigger_price", instrument.rupees(o.triggerPricePaise));
        n.put("average_price", o.averagePrice());
        n.put("filled_quantity", o.filledQuantity);
        final long unfilled = o.quantity - o.filledQuantity;
        n.put("pending_quantity", Order.REJECTED.equals(o.status) || Order.COMPLETE.equals(o.status) ? 0 : unfilled);
        n.put("cancelled_quantity", o.cancelledQuantity);
        n.put("market_protection", o.marketProtection);
        final ObjectNode meta = n.putObject("meta");
        if (o.iceberg != null)
        {
            final ObjectNode iceberg = meta.putObject("iceberg");
            iceberg.put("leg", o.icebergLeg);
            iceberg.put("legs", o.iceberg.legs);
            iceberg.put("leg_quantity", o.iceberg.legQuantity);
            iceberg.put("total_quantity", o.iceberg.totalQuantity);
            iceberg.put("remaining_quantity", o.iceberg.totalQuantity - o.iceberg.placedQuantity);
        }
        n.put("tag", o.tag);
        final ArrayNode tags = n.putArray("tags");
        if (o.tag != null)
        {
            tags.add(o.tag);
        }
        for (final String tag : o.extraTags)
        {
            tags.add(tag);
        }
        if (o.isMarketProtected())
        {
            tags.add("mktp");
            tags.add(String.format(java.util.Locale.ROOT, "mktp:%.2f", o.appliedMarketProtection()));
        }
        n.put("guid", o.guid);
        n.put("auction_number", o.auctionNumber);
        n.putNull("terminal_id");
        return n;
    }

    /**
     * The order-update payload of postbacks and WebSocket "order" messages (mocks/postback.json).
     */
    static ObjectNode postback(
        final ObjectMapper mapper, final Order o, final ObjectNode snapshot, final String userId, final int appId,
        final String apiSecret)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("user_id", userId);
        n.put("unfilled_quantity", Order.REJECTED.equals(o.status) ? 0 :
            snapshot.get("quantity").asLong() - snapshot.get("filled_quantity").asLong());
        n.put("app_id", appId);
        final String orderTimestamp = snapshot.get("order_timestamp").asText();
        n.put("checksum", Sessions.sha256Hex(o.orderId + orderTimestamp + apiSecret));
        n.setAll(snapshot);
        n.remove("account_id");
        n.remove("tags");
        n.remove("validity_ttl");
        return n;
    }

    static ObjectNode trade(final ObjectMapper mapper, final Trade t)
    {
        final ObjectNode n = mapper.createObjectNode();
        final Order o = t.order;
        n.put("trade_id", t.tradeId);
        n.put("order_id", o.orderId);
        n.put("exchange", o.instrument.exchange);
        n.put("tradingsymbol", o.instrument.tradingsymbol);
        n.put("instrument_token", o.instrument.token);
        n.put("product", o.product);
        n.put("average_price", o.instrument.rupees(t.pricePaise));
        n.put("quantity", t.qty);
        n.put("exchange_order_id", o.exchangeOrderId);
        n.put("transaction_type", o.transactionType);
        n.put("fill_timestamp", KiteTime.dateTime(t.fillTimestampMs));
        n.put("order_timestamp", KiteTime.time(t.fillTimestampMs));
        n.put("exchange_timestamp", KiteTime.dateTime(t.fillTimestampMs));
        return n;
    }

    /**
     * A row of Kite's {@code net} positions: the totals carry the earlier days' quantity, {@code m2m} marks it from
     * the previous close it was carried at.
     *
     * @param closePaise the close the instrument's day counts from ({@link Market#closePaise}).
     */
    static ObjectNode position(
        final ObjectMapper mapper, final Position p, final long lastPricePaise, final long closePaise)
    {
        return position(mapper, p, lastPricePaise, p.overnightQty == 0 ? closePaise : p.overnightClosePaise,
            p.overnightQty, p.buyQty, p.buyValueUnits, p.sellQty, p.sellValueUnits);
    }

    /** A row of Kite's {@code day} positions: the day's buys and sells alone. */
    static ObjectNode dayPosition(
        final ObjectMapper mapper, final Position p, final long lastPricePaise, final long closePaise)
    {
        return position(mapper, p, lastPricePaise, closePaise, 0, p.dayBuyQty(), p.dayBuyValueUnits(),
            p.daySellQty(), p.daySellValueUnits());
    }

    private static ObjectNode position(
        final ObjectMapper mapper,
        final Position p,
        final long lastPricePaise,
        final long closePaise,
        final long overnightQty,
        final long buyQty,
        final long buyValueUnits,
        final long sellQty,
        final long sellValueUnits)
    {
        final ObjectNode n = mapper.createObjectNode();
        final Instrument instrument = p.instrument;
        final long qty = buyQty - sellQty;
        final long pnl = instrument.moneyPaise(sellValueUnits - buyValueUnits + qty * lastPricePaise);
        final long carryAtClose = instrument.moneyPaise(Math.abs(overnightQty) * closePaise);
        final long carryAtPrice = instrument.moneyPaise(overnightQty == 0 ? 0 : p.overnightValueUnits);
        final long buyValue = instrument.moneyPaise(buyValueUnits);
        final long sellValue = instrument.moneyPaise(sellValueUnits);
        final long buyM2m = overnightQty > 0 ? buyValue - carryAtPrice + carryAtClose : buyValue;
        final long sellM2m = overnightQty < 0 ? sellValue - carryAtPrice + carryAtClose : sellValue;
        n.put("tradingsymbol", instrument.tradingsymbol);
        n.put("exchange", instrument.exchange);
        n.put("instrument_token", instrument.token);
        n.put("product", p.product);
        n.put("quantity", qty);
        n.put("overnight_quantity", overnightQty);
        n.put("multiplier", instrument.multiplier);
        n.put("average_price", qty > 0 ? price(instrument, buyValueUnits, buyQty) :
            qty < 0 ? price(instrument, sellValueUnits, sellQty) : 0);
        n.put("close_price", instrument.rupees(closePaise));
        n.put("last_price", instrument.rupees(lastPricePaise));
        n.put("value", rupees(sellValue - buyValue));
        n.put("pnl", rupees(pnl));
        n.put("m2m", rupees(overnightQty == 0 ? pnl : p.m2mPaise(lastPricePaise)));
        // Kite keeps the whole P&L of the day in `unrealised`, closed positions' too, and `realised` at 0
        // (positions.json).
        n.put("unrealised", rupees(pnl));
        n.put("realised", 0);
        n.put("buy_quantity", buyQty);
        n.put("buy_price", price(instrument, buyValueUnits, buyQty));
        n.put("buy_value", rupees(buyValue));
        n.put("buy_m2m", rupees(buyM2m));
        n.put("sell_quantity", sellQty);
        n.put("sell_price", price(instrument, sellValueUnits, sellQty));
        n.put("sell_value", rupees(sellValue));
        n.put("sell_m2m", rupees(sellM2m));
        n.put("day_buy_quantity", p.dayBuyQty());
        n.put("day_buy_price", price(instrument, p.dayBuyValueUnits(), p.dayBuyQty()));
        n.put("day_buy_value", rupees(instrument.moneyPaise(p.dayBuyValueUnits())));
        n.put("day_sell_quantity", p.daySellQty());
        n.put("day_sell_price", price(instrument, p.daySellValueUnits(), p.daySellQty()));
        n.put("day_sell_value", rupees(instrument.moneyPaise(p.daySellValueUnits())));
        return n;
    }

    /** The average price of {@code qty} worth {@code valueUnits} in rupees, not rounded; 0 for none. */
    private static double price(final Instrument instrument, final long valueUnits, final long qty)
    {
        return qty == 0 ? 0 : (double)valueUnits / qty / instrument.unitsPerRupee;
    }

    /** @param usedQty the holding's quantity sold today ({@link Broker#usedQuantity}). */
    static ObjectNode holding(
        final ObjectMapper mapper, final Broker.Holding h, final long usedQty, final Market market, final long nowMs)
    {
        final ObjectNode n = mapper.createObjectNode();
        final Instrument instrument = h.instrument;
        final long lastPricePaise = market.ltpPaise[instrument.index];
        final long close = market.closePaise(instrument);
        n.put("tradingsymbol", instrument.tradingsymbol);
        n.put("exchange", instrument.exchange);
        n.put("instrument_token", instrument.token);
        n.put("isin", h.isin);
        n.put("product", "CNC");
        n.put("price", 0);
        n.put("quantity", h.qty);
        n.put("used_quantity", usedQty);
        n.put("t1_quantity", h.t1Qty);
        n.put("realised_quantity", h.qty);
        n.put("authorised_quantity", 0);
        n.put("authorised_date", KiteTime.date(nowMs) + " 00:00:00");
        n.putObject("authorisation");
        n.put("opening_quantity", h.qty);
        n.put("short_quantity", 0);
        n.put("collateral_quantity", 0);
        n.put("collateral_type", "");
        n.put("discrepancy", false);
        n.put("average_price", rupees(h.averagePricePaise));
        n.put("last_price", rupees(lastPricePaise));
        n.put("close_price", rupees(close));
        n.put("pnl", rupees((lastPricePaise - h.averagePricePaise) * h.totalQty()));
        n.put("day_change", rupees(lastPricePaise - close));
        n.put("day_change_percentage", close == 0 ? 0 : (lastPricePaise - close) * 100.0 / close);
        final ObjectNode mtf = n.putObject("mtf");
        mtf.put("quantity", 0);
        mtf.put("used_quantity", 0);
        mtf.put("average_price", 0);
        mtf.put("value", 0);
        mtf.put("initial_margin", 0);
        return n;
    }

    /** A holding as {@code /portfolio/holdings/compact} lists it (mocks/holdings_compact.json). */
    static ObjectNode compactHolding(final ObjectMapper mapper, final Broker.Holding h)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("exchange", h.instrument.exchange);
        n.put("tradingsymbol", h.instrument.tradingsymbol);
        n.put("instrument_token", h.instrument.token);
        n.put("t1_quantity", h.t1Qty);
        n.put("quantity", h.qty);
        return n;
    }

    /**
     * The totals of {@code /portfolio/holdings/summary} (mocks/holdings_summary.json) over the holdings
     * {@link #holding} renders: invested at the average price, valued at the last price, today's P&amp;L against the
     * close.
     */
    static ObjectNode holdingsSummary(
        final ObjectMapper mapper, final List<Broker.Holding> holdings, final Market market)
    {
        long investedPaise = 0;
        long currentPaise = 0;
        long closePaise = 0;
        for (final Broker.Holding h : holdings)
        {
            investedPaise += h.averagePricePaise * h.totalQty();
            currentPaise += market.ltpPaise[h.instrument.index] * h.totalQty();
            closePaise += market.closePaise(h.instrument) * h.totalQty();
        }
        final long totalPnlPaise = currentPaise - investedPaise;
        final long todayPnlPaise = currentPaise - closePaise;
        final ObjectNode n = mapper.createObjectNode();
        n.put("total_pnl", rupees(totalPnlPaise));
        n.put("total_pnl_percent", investedPaise == 0 ? 0 : totalPnlPaise * 100.0 / investedPaise);
        n.put("today_pnl", rupees(todayPnlPaise));
        n.put("today_pnl_percent", closePaise == 0 ? 0 : todayPnlPaise * 100.0 / closePaise);
        n.put("invested_amount", rupees(investedPaise));
        n.put("current_value", rupees(currentPaise));
        return n;
    }

    /**
     * A segment's funds: the margin used and an unrealised loss are taken from the opening balance; an unrealised
     * profit is not available to trade with until it is realised (it shows in {@code m2m_unrealised}), so what is
     * available ({@code net}) and what is used ({@code debits}) always add up to the opening balance.
     */
    static ObjectNode margin(
        final ObjectMapper mapper, final long openingPaise, final long usedPaise, final long m2mPaise)
    {
        final ObjectNode n = mapper.createObjectNode();
        final long net = openingPaise + Math.min(0, m2mPaise) - usedPaise;
        n.put("enabled", true);
        n.put("net", rupees(net));
        final ObjectNode available = n.putObject("available");
        available.put("adhoc_margin", 0);
        available.put("cash", rupees(openingPaise));
        available.put("opening_balance", rupees(openingPaise));
        available.put("live_balance", rupees(net));
        available.put("collateral", 0);
        available.put("intraday_payin", 0);
        final ObjectNode utilised = n.putObject("utilised");
        utilised.put("debits", rupees(usedPaise - Math.min(0, m2mPaise)));
        utilised.put("exposure", 0);
        utilised.put("m2m_realised", 0);
        utilised.put("m2m_unrealised", rupees(m2mPaise));
        utilised.put("option_premium", 0);
        utilised.put("payout", 0);
        utilised.put("span", rupees(usedPaise));
        utilised.put("holding_sales", 0);
        utilised.put("turnover", 0);
        utilised.put("liquid_collateral", 0);
        utilised.put("stock_collateral", 0);
        utilised.put("delivery", 0);
        return n;
    }

    static ObjectNode profile(final ObjectMapper mapper, final String userId)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("user_id", userId);
        n.put("user_type", "individual");
        n.put("email", userId.toLowerCase(java.util.Locale.ROOT) + "@sim.quantumleap.local");
        n.put("user_name", "Paper Trader");
        n.put("user_shortname", "Paper");
        n.put("broker", "ZERODHA");
        final ArrayNode exchanges = n.putArray("exchanges");
        exchanges.add("NSE").add("NFO").add("BSE").add("BFO").add("CDS").add("MCX");
        n.putArray("products").add("CNC").add("NRML").add("MIS").add("MTF").add("CO");
        n.putArray("order_types").add("MARKET").add("LIMIT").add("SL").add("SL-M");
        n.putNull("avatar_url");
        n.putObject("meta").put("demat_consent", "physical");
        return n;
    }

    /**
     * {@code /user/profile/full} (mocks/full_profile.json): the profile with the account's masked personal details,
     * made up for the paper user from its id.
     */
    static ObjectNode fullProfile(final ObjectMapper mapper, final String userId)
    {
        final ObjectNode n = profile(mapper, userId);
        final String masked = "*" + userId.substring(Math.max(0, userId.length() - 4));
        n.put("twofa_type", "totp");
        n.put("phone", masked);
        n.putArray("bank_accounts").addObject().put("name", "Paper Bank").put("branch", "").put("account", masked);
        n.putArray("dp_ids").add(masked);
        n.put("pan", masked);
        n.putArray("tags");
        n.put("password_timestamp", "1970-01-01 00:00:00");
        n.put("twofa_timestamp", "1970-01-01 00:00:00");
        final ObjectNode meta = (ObjectNode)n.get("meta");
        meta.put("poa", "physical");
        meta.put("silo", "");
        meta.putArray("account_blocks");
        return n;
    }

    static ObjectNode quote(final ObjectMapper mapper, final Market m, final Instrument instrument, final long nowMs)
    {
        final int i = instrument.index;
        final ObjectNode n = mapper.createObjectNode();
        n.put("instrument_token", instrument.token);
        if (instrument.isIndex())
        {
            n.put("tradingsymbol", instrument.tradingsymbol);
        }
        n.put("timestamp", KiteTime.dateTime(nowMs));
        if (!instrument.isIndex())
        {
            n.put("last_trade_time", KiteTime.dateTime(m.lastTradeTimeS[i] * 1000));
        }
        n.put("last_price", instrument.rupees(m.ltpPaise[i]));
        if (!instrument.isIndex())
        {
            n.put("last_quantity", m.lastQty[i]);
            n.put("buy_quantity", m.totalBuyQty[i]);
            n.put("sell_quantity", m.totalSellQty[i]);
            n.put("volume", m.volume[i]);
            n.put("average_price", instrument.rupees(m.averagePricePaise(i)));
            n.put("oi", m.oi[i]);
            n.put("oi_day_high", m.oiDayHigh[i]);
            n.put("oi_day_low", m.oiDayLow[i]);
        }
        n.put("net_change", instrument.rupees(m.ltpPaise[i] - m.previousClosePaise[i]));
        if (!instrument.isIndex())
        {
            n.put("lower_circuit_limit", instrument.rupees(m.lowerLimitPaise[i]));
            n.put("upper_circuit_limit", instrument.rupees(m.upperLimitPaise[i]));
        }
        n.set("ohlc", ohlc(mapper, m, instrument));
        if (!instrument.isIndex())
        {
            final ObjectNode depth = n.putObject("depth");
            final ArrayNode buy = depth.putArray("buy");
            final ArrayNode sell = depth.putArray("sell");
            for (int level = 0; level < Market.DEPTH; level++)
            {
                final int slot = i * Market.DEPTH + level;
                buy.addObject().put("price", instrument.rupees(m.bidPricePaise[slot])).put("quantity", m.bidQty[slot])
                    .put("orders", m.bidOrders[slot]);
                sell.addObject().put("price", instrument.rupees(m.askPricePaise[slot])).put("quantity", m.askQty[slot])
                    .put("orders", m.askOrders[slot]);
            }
        }
        return n;
    }

    static ObjectNode ohlc(final ObjectMapper mapper, final Market m, final Instrument instrument)
    {
        final int i = instrument.index;
        final ObjectNode ohlc = mapper.createObjectNode();
        ohlc.put("open", instrument.rupees(m.openPaise[i]));
        ohlc.put("high", instrument.rupees(m.highPaise[i]));
        ohlc.put("low", instrument.rupees(m.lowPaise[i]));
        ohlc.put("close", instrument.rupees(m.previousClosePaise[i]));
        return ohlc;
    }
}
