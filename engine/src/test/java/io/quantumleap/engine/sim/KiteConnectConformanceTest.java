package io.quantumleap.engine.sim;

import com.zerodhatech.kiteconnect.KiteConnect;
import com.zerodhatech.kiteconnect.Routes;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.NetworkException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.TokenException;
import com.zerodhatech.models.CombinedMarginData;
import com.zerodhatech.models.ContractNote;
import com.zerodhatech.models.ContractNoteParams;
import com.zerodhatech.models.GTT;
import com.zerodhatech.models.GTTParams;
import com.zerodhatech.models.HistoricalData;
import com.zerodhatech.models.Holding;
import com.zerodhatech.models.Instrument;
import com.zerodhatech.models.LTPQuote;
import com.zerodhatech.models.Margin;
import com.zerodhatech.models.MarginCalculationData;
import com.zerodhatech.models.MarginCalculationParams;
import com.zerodhatech.models.Order;
import com.zerodhatech.models.OrderParams;
import com.zerodhatech.models.Position;
import com.zerodhatech.models.Profile;
import com.zerodhatech.models.Quote;
import com.zerodhatech.models.Tick;
import com.zerodhatech.models.Trade;
import com.zerodhatech.models.User;
import com.zerodhatech.ticker.KiteTicker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteConnectConformanceTest
{
    private static final String ROOT_URL = "https://api.kite.trade";
    private static final String LOGIN_URL = "https://kite.trade/connect/login";
    private static final String WS_URI = "wss://ws.kite.trade/?access_token=:access_token&api_key=:api_key";

    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private KiteConnect kite;

    @BeforeEach
    void start() throws Throwable
    {
        start(SimHttp.context(clock).tickRatePerSecond(20));
    }

    private void start(final KiteSimulator.Context context) throws Throwable
    {
        sim = new KiteSimulator(context).start();
        pointClientAt(sim.restBaseUrl(), sim.restBaseUrl() + "/connect/login",
            "ws://127.0.0.1:" + sim.port() + "/?access_token=:access_token&api_key=:api_key");
        kite = new KiteConnect(sim.apiKey());
        final User user = kite.generateSession(requestToken(kite.getLoginURL()), sim.apiSecret());
        kite.setAccessToken(user.accessToken);
        kite.setPublicToken(user.publicToken);
    }

    @AfterEach
    void stop()
    {
        sim.close();
    }

    @AfterAll
    static void restoreClient() throws Throwable
    {
        pointClientAt(ROOT_URL, LOGIN_URL, WS_URI);
    }

    @Test
    void shouldGenerateASessionAndReadTheProfileAndMargins() throws Throwable
    {
        final Profile profile = kite.getProfile();
        assertEquals("Paper", profile.userShortname);
        assertEquals("ZERODHA", profile.broker);
        final Margin equity = kite.getMargins("equity");
        assertEquals(1_000_000.0, Double.parseDouble(equity.net), 1e-6);
        assertTrue(kite.getMargins().containsKey("commodity"));
    }

    @Test
    void shouldPlaceModifyAndCancelOrdersAndReadTheBooks() throws Throwable
    {
        final Order market = kite.placeOrder(params("MARKET", 3, null), "regular");
        final double ltp = kite.getLTP(new String[] { "NSE:INFY" }).get("NSE:INFY").lastPrice;
        final Order limit = kite.placeOrder(params("LIMIT", 2, Math.floor(ltp * 0.95)), "regular");

        final OrderParams change = new OrderParams();
        change.quantity = 4;
        change.orderType = "LIMIT";
        change.price = Math.floor(ltp * 0.94);
        kite.modifyOrder(limit.orderId, change, "regular");
        kite.cancelOrder(limit.orderId, "regular");

        final List<Order> orders = kite.getOrders();
        assertEquals(2, orders.size());
        assertEquals("COMPLETE", orders.get(0).status);
        assertEquals("CANCELLED", orders.get(1).status);
        assertEquals("4", orders.get(1).quantity);
        assertNotNull(orders.get(0).orderTimestamp);
        final List<Order> history = kite.getOrderHistory(limit.orderId);
        assertEquals("PUT ORDER REQ RECEIVED", history.get(0).status);
        assertEquals("MODIFIED", history.get(6).status);
        final List<Trade> trades = kite.getOrderTrades(market.orderId);
        assertTrue(trades.size() >= 1);
        assertEquals(trades.size(), kite.getTrades().size());
        final Map<String, List<Position>> positions = kite.getPositions();
        assertEquals(3, positions.get("net").get(0).netQuantity);
        assertEquals(3, positions.get("day").get(0).netQuantity);
        final List<Holding> holdings = kite.getHoldings();
        assertEquals("INFY", holdings.get(0).tradingSymbol);
    }

    @Test
    void shouldReadAPriceTheClientComputedInFloatingPointAsThePriceItStandsFor() throws Throwable
    {
        final double ltp = kite.getLTP(new String[] { "NSE:INFY" }).get("NSE:INFY").lastPrice;
        final double price = Math.floor(ltp * 0.95) + 0.35;
        final double noisy = Math.nextUp(price);
        assertTrue(String.valueOf(noisy).length() > String.valueOf(price).length(), String.valueOf(noisy));

        final Order limit = kite.placeOrder(params("LIMIT", 2, noisy), "regular");

        final Order placed = kite.getOrderHistory(limit.orderId).get(kite.getOrderHistory(limit.orderId).size() - 1);
        assertEquals("OPEN", placed.status, placed.statusMessage);
        assertEquals(price, Double.parseDouble(placed.price), 1e-9);
        final OrderParams change = new OrderParams();
        change.quantity = 2;
        change.orderType = "LIMIT";
        change.price = Math.nextDown(price - 0.05);
        kite.modifyOrder(limit.orderId, change, "regular");
        final List<Order> history = kite.getOrderHistory(limit.orderId);
        assertEquals(price - 0.05, Double.parseDouble(history.get(history.size() - 1).price), 1e-9);
    }

    @Test
    void shouldConvertPositionsThroughTheClient() throws Throwable
    {
        final Instrument option = kite.getInstruments("NFO").stream()
            .filter(i -> "CE".equals(i.instrument_type) && i.tradingsymbol.startsWith("NIFTY")).findFirst()
            .orElseThrow();
        final OrderParams params = params("MARKET", 130, null);
        params.exchange = "NFO";
        params.tradingsymbol = option.tradingsymbol;
        params.product = "NRML";
        kite.placeOrder(params, "regular");

        kite.convertPosition(option.tradingsymbol, "NFO", "BUY", "day", "NRML", "MIS", 65);

        final List<Position> net = kite.getPositions().get("net");
        assertEquals(65, net.get(0).netQuantity);
        assertEquals(65, net.get(1).netQuantity);
        assertEquals("MIS", net.get(1).product);
    }

    @Test
    void shouldAnswerAutosliceWithTheMockShapeThatThisClientVersionCannotRead() throws Throwable
    {
        final OrderParams params = params("MARKET", 2, null);

        final Throwable failure = assertThrows(Throwable.class, () -> kite.placeAutoSliceOrder(params, "regular"));

        assertTrue(failure.getMessage().contains("BEGIN_ARRAY"), failure.getMessage());
        assertEquals(1, kite.getOrders().size());
        assertEquals("COMPLETE", kite.getOrders().get(0).status);
    }

    @Test
    void shouldServeInstrumentsAndQuotes() throws Throwable
    {
        final List<Instrument> all = kite.getInstruments();
        final List<Instrument> nse = kite.getInstruments("NSE");
        assertTrue(all.size() > nse.size());
        final Instrument nifty = all.stream().filter(i -> i.instrument_token == 256265).findFirst().orElseThrow();
        assertEquals("NIFTY 50", nifty.tradingsymbol);
        final Map<String, Quote> quote = kite.getQuote(new String[] { "NSE:INFY" });
        assertEquals(408065, quote.get("NSE:INFY").instrumentToken);
        assertEquals(5, quote.get("NSE:INFY").depth.buy.size());
        final Map<String, LTPQuote> ltp = kite.getLTP(new String[] { "NSE:INFY", "NSE:NIFTY 50" });
        assertEquals(2, ltp.size());
    }

    @Test
    void shouldServeHistoricalCandlesTheClientReads() throws Throwable
    {
        final SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");

        final HistoricalData minutes = kite.getHistoricalData(format.parse("2026-11-27 09:15:00"),
            format.parse("2026-11-27 15:29:00"), "408065", "minute", false, false);
        final HistoricalData days = kite.getHistoricalData(format.parse("2026-11-23 00:00:00"),
            format.parse("2026-11-27 23:59:59"), "408065", "day", false, true);

        assertEquals(375, minutes.dataArrayList.size());
        assertEquals("2026-11-27T09:15:00+0530", minutes.dataArrayList.get(0).timeStamp);
        assertTrue(minutes.dataArrayList.get(0).volume > 0);
        assertEquals(4, days.dataArrayList.size());
        assertEquals(minutes.dataArrayList.get(374).close, days.dataArrayList.get(3).close);
    }

    @Test
    void shouldSurfaceKiteErrorsAsTheClientsExceptions() throws Throwable
    {
        sim.faults().failRequests(429, 1);
        assertThrows(NetworkException.class, () -> kite.getProfile());

        final OrderParams bad = params("LIMIT", 1, null);
        final KiteException input = assertThrows(KiteException.class, () -> kite.placeOrder(bad, "regular"));
        assertTrue(input.message.contains("`price`"), input.message);

        kite.setAccessToken("bogus");
        assertThrows(TokenException.class, () -> kite.getProfile());
    }

    @Test
    void shouldStreamTicksAndOrderUpdatesToKiteTicker() throws Throwable
    {
        final BlockingQueue<Tick> ticks = new LinkedBlockingQueue<>();
        final BlockingQueue<Order> updates = new LinkedBlockingQueue<>();
        final KiteTicker ticker = new KiteTicker(kite.getAccessToken(), kite.getApiKey());
        final ArrayList<Long> tokens = new ArrayList<>(List.of(408065L, 256265L));
        ticker.setOnConnectedListener(() ->
        {
            ticker.subscribe(tokens);
            ticker.setMode(tokens, KiteTicker.modeFull);
        });
        ticker.setOnTickerArrivalListener(ticks::addAll);
        ticker.setOnOrderUpdateListener(updates::add);
        ticker.connect();
        try
        {
            boolean fullInfy = false;
            boolean index = false;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!(fullInfy && index) && System.nanoTime() < deadline)
            {
                final Tick tick = ticks.poll(1, TimeUnit.SECONDS);
                if (tick == null)
                {
                    continue;
                }
                if (tick.getInstrumentToken() == 408065 && "full".equals(tick.getMode()))
                {
                    fullInfy = tick.getMarketDepth().get("buy").size() == 5 && tick.getLastTradedPrice() > 0;
                }
                index |= tick.getInstrumentToken() == 256265 && tick.getLastTradedPrice() > 20_000;
            }
            assertTrue(fullInfy && index);

            final Order placed = kite.placeOrder(params("MARKET", 1, null), "regular");
            Order update;
            do
            {
                update = updates.poll(10, TimeUnit.SECONDS);
                assertNotNull(update);
            }
            while (!"COMPLETE".equals(update.status));
            assertEquals(placed.orderId, update.orderId);
            assertEquals("INFY", update.tradingSymbol);
        }
        finally
        {
            ticker.disconnect();
        }
    }

    @Test
    void shouldPlaceEveryVarietyThroughTheClientAndShowItInTheBooks() throws Throwable
    {
        final double ltp = kite.getLTP(new String[] { "NSE:INFY" }).get("NSE:INFY").lastPrice;
        final OrderParams cover = params("MARKET", 2, null);
        cover.product = "MIS";
        cover.triggerPrice = Math.floor(ltp * 0.98 * 20) / 20;
        final Order entry = kite.placeOrder(cover, "co");
        final OrderParams iceberg = params("LIMIT", 6, Math.floor(ltp * 0.95 * 20) / 20);
        iceberg.icebergLegs = 3;
        iceberg.icebergQuantity = 2;
        final Order firstLeg = kite.placeOrder(iceberg, "iceberg");
        sim.openAuction("22", "NSE", "SBIN", 60);
        final OrderParams auction = params("LIMIT", 4, kite.getLTP(new String[] { "NSE:SBIN" }).get("NSE:SBIN")
            .lastPrice);
        auction.tradingsymbol = "SBIN";
        auction.transactionType = "SELL";
        auction.auctionNumber = "22";
        assertEquals("22", kite.getAuctionInstruments().get(0).auctionNumber);
        final Order auctionOrder = kite.placeOrder(auction, "auction");

        final List<Order> afterPlacing = kite.getOrders();
        final Order stopLeg = afterPlacing.get(1);
        assertEquals(entry.orderId, stopLeg.parentOrderId);
        assertEquals("co", stopLeg.orderVariety);
        assertEquals("TRIGGER PENDING", stopLeg.status);
        kite.cancelOrder(stopLeg.orderId, entry.orderId, "co");
        final OrderParams legChange = new OrderParams();
        legChange.quantity = 2;
        legChange.orderType = "LIMIT";
        legChange.price = Math.floor(ltp * 0.94 * 20) / 20;
        kite.modifyOrder(firstLeg.orderId, legChange, "iceberg");
        kite.cancelOrder(firstLeg.orderId, "iceberg");
        clock.advanceMs(10 * 3_600_000L);
        final Order amo = kite.placeOrder(params("LIMIT", 1, Math.floor(ltp * 0.95 * 20) / 20), "amo");

        final List<Order> orders = kite.getOrders();
        assertEquals(5, orders.size());
        assertEquals(List.of("co", "co", "iceberg", "auction", "amo"),
            orders.stream().map(o -> o.orderVariety).collect(java.util.stream.Collectors.toList()));
        assertEquals("COMPLETE", orders.get(1).status);
        assertEquals("CANCELLED", orders.get(2).status);
        assertEquals(Map.of("leg", 1.0, "legs", 3.0, "leg_quantity", 2.0, "total_quantity", 6.0,
            "remaining_quantity", 4.0), orders.get(2).meta.get("iceberg"));
        assertEquals("22", orders.get(3).auctionNumber);
        assertEquals(auctionOrder.orderId, orders.get(3).orderId);
        assertEquals("AMO REQ RECEIVED", orders.get(4).status);
        final List<Order> amoHistory = kite.getOrderHistory(amo.orderId);
        assertEquals("AMO REQ RECEIVED", amoHistory.get(amoHistory.size() - 1).status);
        final List<Order> legHistory = kite.getOrderHistory(firstLeg.orderId);
        assertTrue(legHistory.stream().anyMatch(o -> "MODIFIED".equals(o.status)));
        final KiteException refused = assertThrows(KiteException.class, () -> kite.placeOrder(iceberg, "bracket"));
        assertEquals(400, refused.code);
    }

    @Test
    void shouldCalculateMarginsBasketsAndContractNotesThroughTheClient() throws Throwable
    {
        final List<MarginCalculationData> margins = kite.getMarginCalculation(List.of(
            marginParams("NSE", "INFY", "BUY", "CNC", "LIMIT", 10, 1500.0)));
        final List<Instrument> calls = kite.getInstruments("NFO").stream()
            .filter(i -> "CE".equals(i.instrument_type) && i.tradingsymbol.startsWith("NIFTY"))
            .sorted(Comparator.comparing((Instrument i) -> i.expiry).thenComparing(i -> Double.parseDouble(i.strike)))
            .collect(java.util.stream.Collectors.toList());
        final Instrument sold = calls.get(calls.size() / 4);
        final Instrument bought = calls.get(calls.size() / 4 + 1);
        final CombinedMarginData basket = kite.getCombinedMarginCalculation(List.of(
            marginParams("NFO", sold.tradingsymbol, "SELL", "NRML", "MARKET", 65, 0),
            marginParams("NFO", bought.tradingsymbol, "BUY", "NRML", "MARKET", 65, 0)), true, false);
        final ContractNoteParams sell = new ContractNoteParams();
        sell.orderID = "1";
        sell.exchange = "NSE";
        sell.tradingSymbol = "INFY";
        sell.transactionType = "SELL";
        sell.variety = "regular";
        sell.product = "CNC";
        sell.orderType = "LIMIT";
        sell.quantity = 10;
        sell.averagePrice = 1500.0;
        final List<ContractNote> notes = kite.getVirtualContractNote(List.of(sell));

        final MarginCalculationData delivery = margins.get(0);
        assertEquals("INFY", delivery.tradingSymbol);
        assertEquals(15_000.0, delivery.var, 1e-9);
        assertEquals(15_000.0, delivery.total, 1e-9);
        assertEquals(1.0, delivery.leverage, 1e-9);
        assertEquals("stt", delivery.charges.transactionTaxType);
        assertEquals(15.0, delivery.charges.transactionTax, 1e-9);
        assertEquals(0.015, delivery.charges.SEBITurnoverCharge, 1e-12);
        assertEquals(0.08559, delivery.charges.gst.IGST, 1e-12);
        assertEquals(17.81109, delivery.charges.total, 1e-9);
        assertEquals(2, basket.orders.size());
        assertTrue(basket.orders.get(0).span > 0);
        assertTrue(basket.orders.get(1).option_premium > 0);
        assertTrue(basket.finalMargin.total < basket.initialMargin.total,
            basket.finalMargin.total + " < " + basket.initialMargin.total);
        assertTrue(basket.finalMargin.option_premium < 0);
        assertEquals("SELL", notes.get(0).transactionType);
        assertEquals(10, notes.get(0).quantity);
        assertEquals(1500.0, notes.get(0).price, 1e-9);
        assertEquals(0.0, notes.get(0).charges.stampDuty, 1e-9);
        assertEquals(15.0 + 0.4605 + 0.015 + 13.0 + 2.42559, notes.get(0).charges.total, 1e-9);
        final KiteException refused = assertThrows(KiteException.class, () -> kite.getMarginCalculation(List.of(
            marginParams("NSE", "NOSUCH", "BUY", "CNC", "LIMIT", 1, 10.0))));
        assertEquals(400, refused.code);
        assertTrue(refused.message.contains("`tradingsymbol` NOSUCH"), refused.message);
    }

    private static MarginCalculationParams marginParams(
        final String exchange, final String tradingsymbol, final String side, final String product,
        final String orderType, final int quantity, final double price)
    {
        final MarginCalculationParams params = new MarginCalculationParams();
        params.exchange = exchange;
        params.tradingSymbol = tradingsymbol;
        params.transactionType = side;
        params.variety = "regular";
        params.product = product;
        params.orderType = orderType;
        params.quantity = quantity;
        params.price = price;
        return params;
    }

    @Test
    void shouldPlaceReadModifyFireAndCancelGttsThroughTheClient() throws Throwable
    {
        final double ltp = kite.getLTP(new String[] { "NSE:INFY" }).get("NSE:INFY").lastPrice;
        final double lower = Math.floor(ltp * 0.96 * 20) / 20;
        final double upper = Math.floor(ltp * 1.04 * 20) / 20;
        final GTT single = kite.placeGTT(gtt("single", ltp, List.of(upper), List.of(gttOrder("BUY", 2, upper))));
        final GTT twoLeg = kite.placeGTT(gtt("two-leg", ltp, List.of(lower, upper),
            List.of(gttOrder("SELL", 1, lower), gttOrder("SELL", 1, upper))));

        final List<GTT> gtts = kite.getGTTs();
        assertEquals(2, gtts.size());
        final GTT read = kite.getGTT(single.id);
        assertEquals("single", read.triggerType);
        assertEquals("active", read.status);
        assertEquals("INFY", read.condition.tradingSymbol);
        assertEquals(408065, read.condition.instrumentToken);
        assertEquals(List.of(upper), read.condition.triggerValues);
        assertEquals(2, read.orders.get(0).quantity);
        assertEquals("LIMIT", read.orders.get(0).orderType);
        assertEquals(null, read.orders.get(0).result);
        assertNotNull(read.expiresAt);
        assertNotNull(read.meta);
        assertEquals(List.of(lower, upper), kite.getGTT(twoLeg.id).condition.triggerValues);

        final GTT modified = kite.modifyGTT(single.id, gtt("single", ltp, List.of(upper),
            List.of(gttOrder("BUY", 3, upper))));
        assertEquals(single.id, modified.id);
        assertEquals(3, kite.getGTT(single.id).orders.get(0).quantity);
        final io.quantumleap.engine.sim.Instrument simInfy = sim.agent().universe().byKey("NSE", "INFY");
        final long lowerPaise = Math.round(lower * 100);
        sim.agent().call(() ->
        {
            sim.agent().market().trade(simInfy.index, lowerPaise, 1, clock.epochMillis() / 1000);
            sim.agent().market().rebuildDepth(simInfy.index);
            sim.agent().gtts().onMarketStep();
            return null;
        });
        final GTT fired = kite.getGTT(twoLeg.id);
        assertEquals("triggered", fired.status);
        final GTT.GTTResult result = fired.orders.get(0).result;
        assertNotNull(result.orderResult.orderId);
        assertEquals(lower, result.triggeredAtPrice, 1e-9);
        assertEquals(null, fired.orders.get(1).result);
        assertTrue(kite.getOrders().stream().anyMatch(o -> o.orderId.equals(result.orderResult.orderId)));

        assertEquals(single.id, kite.cancelGTT(single.id).id);
        assertEquals(1, kite.getGTTs().size());
        final KiteException refused = assertThrows(KiteException.class, () -> kite.getGTT(single.id + 1000));
        assertEquals(400, refused.code);
    }

    private static GTTParams gtt(final String type, final double ltp, final List<Double> triggers,
        final List<GTTParams.GTTOrderParams> orders)
    {
        final GTTParams params = new GTTParams();
        params.triggerType = type;
        params.exchange = "NSE";
        params.tradingsymbol = "INFY";
        params.instrumentToken = 408065;
        params.lastPrice = ltp;
        params.triggerPrices = triggers;
        params.orders = orders;
        return params;
    }

    @Test
    void shouldSquareOffIntradayPositionsAtTheCutOffWhenTheMarketKeepsItsHours() throws Throwable
    {
        sim.close();
        clock.advanceMs((5 * 60 + 19) * 60_000L);
        start(SimHttp.context(clock).tickRatePerSecond(20).enforceMarketHours(true));
        final OrderParams intraday = params("MARKET", 3, null);
        intraday.product = "MIS";
        intraday.marketProtection = -1;
        kite.placeOrder(intraday, "regular");
        assertEquals(3, netQuantity("MIS"));

        clock.advanceMs(60_000L);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (kite.getOrders().size() < 2 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }

        final List<Order> orders = kite.getOrders();
        assertEquals(2, orders.size());
        final Order squareOff = orders.get(1);
        assertEquals(List.of("SELL", "MARKET", "MIS", "3", "COMPLETE"), List.of(squareOff.transactionType,
            squareOff.orderType, squareOff.product, squareOff.filledQuantity, squareOff.status));
        assertEquals(0, netQuantity("MIS"));
        final KiteException refused = assertThrows(KiteException.class, () -> kite.placeOrder(intraday, "regular"));
        assertEquals("Intraday MIS orders are not accepted after the auto square-off of intraday positions at 15:20 " +
            "IST for equity; use CNC instead.", refused.message);
    }

    private int netQuantity(final String product) throws Throwable
    {
        return kite.getPositions().get("net").stream().filter(p -> product.equals(p.product))
            .mapToInt(p -> p.netQuantity).sum();
    }

    private static GTTParams.GTTOrderParams gttOrder(final String side, final int quantity, final double price)
    {
        final GTTParams.GTTOrderParams order = new GTTParams().new GTTOrderParams();
        order.transactionType = side;
        order.quantity = quantity;
        order.price = price;
        order.orderType = "LIMIT";
        order.product = "CNC";
        return order;
    }

    private static OrderParams params(final String orderType, final int qty, final Double price)
    {
        final OrderParams params = new OrderParams();
        params.exchange = "NSE";
        params.tradingsymbol = "INFY";
        params.transactionType = "BUY";
        params.orderType = orderType;
        params.quantity = qty;
        params.price = price;
        params.product = "CNC";
        params.validity = "DAY";
        return params;
    }

    private static String requestToken(final String loginUrl) throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(loginUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return SimHttp.query(response.headers().firstValue("Location").orElseThrow()).get("request_token");
    }

    private static void pointClientAt(final String rootUrl, final String loginUrl, final String wsUri)
        throws Exception
    {
        set("_rootUrl", rootUrl);
        set("_loginUrl", loginUrl);
        set("_wsuri", wsUri);
    }

    private static void set(final String field, final String value) throws Exception
    {
        final Field f = Routes.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(null, value);
    }
}
