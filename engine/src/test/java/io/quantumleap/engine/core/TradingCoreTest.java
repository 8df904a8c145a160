package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.InstrumentEventDecoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventDecoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandEncoder;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.engine.testing.Commands;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCoreTest
{
    private static final long T0 = 1_780_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long INFY = 408_065;
    private static final long NIFTY_FUT = 13_238_786;
    private static final long GOLD = 53_505_799;
    private static final long ACCOUNT = 1;
    private static final long OTHER_ACCOUNT = 2;

    private CoreHarness h;
    private Commands c;
    private long ts = T0;

    @BeforeEach
    void setUp()
    {
        h = new CoreHarness();
        c = h.commands();
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.account(ts, OTHER_ACCOUNT, "CD5678"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.instrument(ts, NIFTY_FUT, Exchange.NFO, Segment.NFO, InstrumentType.FUT, 10, 65, 1_800, 1,
            "NIFTY26DECFUT"));
        h.send(c.instrument(ts, GOLD, Exchange.MCX, Segment.MCX, InstrumentType.FUT, 100, 1, 0, 100, "GOLD26DECFUT"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        h.send(c.tick(ts, NIFTY_FUT, TickMode.QUOTE, 2_600_000, 1_000, 2_590_000));
        h.send(c.tick(ts, GOLD, TickMode.QUOTE, 13_000_000, 10, 12_900_000));
        h.sink().clear();
    }

    private long next()
    {
        ts += 200_000_000L;
        return ts;
    }

    private void placeAndOpen(final long clientOrderId, final Side side, final long qty, final long pricePaise)
    {
        h.send(c.limit(next(), ACCOUNT, clientOrderId, INFY, side, qty, pricePaise));
        h.send(c.ack(next(), ACCOUNT, clientOrderId, BrokerRequestType.PLACE, "B" + clientOrderId));
        h.send(c.orderUpdate(next(), ACCOUNT, clientOrderId, "B" + clientOrderId, OrderStatus.OPEN, INFY, side,
            OrderType.LIMIT, Product.MIS, qty, 0, pricePaise, 0, 0, ts / SECOND));
    }

    @Test
    void shouldEmitMarketUpdateForEveryTickOfAKnownInstrument()
    {
        assertEquals(1, h.send(c.tick(next(), INFY, TickMode.QUOTE, 150_500, 2_000, 149_000)));
        final MarketUpdateEventDecoder update = h.lastMarketUpdate();
        assertEquals(150_500, update.lastPricePaise());
        assertEquals(2_000, update.volumeTraded());
        assertEquals(1_500, update.changePaise());
        assertEquals(h.journal().lastIndex(), update.inputSequence());
    }

    @Test
    void shouldKnowWhichFeedGapsAreOpen()
    {
        final long hashWithNone = h.core().stateHash();
        h.send(c.feedGap(next(), 255, GapState.GAP_STARTED));
        h.send(c.feedGap(next(), 0, GapState.GAP_STARTED));
        h.send(c.feedGap(next(), 64, GapState.GAP_STARTED));
        h.send(c.feedGap(next(), 0, GapState.GAP_ENDED));
        h.send(c.feedGap(next(), 0, GapState.GAP_ENDED));
        h.send(c.feedGap(next(), 3, GapState.GAP_ENDED));
        assertArrayEquals(new int[] {64, 255}, h.core().openGaps());
        final long hashWithTwo = h.core().stateHash();
        h.send(c.feedGap(next(), 64, GapState.GAP_ENDED));
        h.send(c.feedGap(next(), 255, GapState.GAP_ENDED));
        assertArrayEquals(new int[0], h.core().openGaps());
        assertNotEquals(hashWithNone, hashWithTwo);
    }

    @Test
    void shouldKeepFiveLevelsOfDepthFromFullTick()
    {
        h.send(c.fullTick(next(), INFY, 150_000, 5_000, 149_000, 5));
        final MarketUpdateEventDecoder update = h.lastMarketUpdate();
        final MarketUpdateEventDecoder.BidsDecoder bids = update.bids();
        assertEquals(5, bids.count());
        assertEquals(149_995, bids.next().pricePaise());
        assertEquals(149_975, h.core().instrumentByToken(INFY).bidPricePaise(4));
        assertEquals(150_025, h.core().instrumentByToken(INFY).askPricePaise(4));
    }

    @Test
    void shouldCarryTheLastFullTicksDepthAndOpenInterestInLaterQuoteAndLtpUpdates()
    {
        h.send(c.fullTick(next(), INFY, 150_000, 5_000, 149_000, 5));
        h.send(c.tick(next(), INFY, TickMode.QUOTE, 150_200, 6_000, 149_000));
        MarketUpdateEventDecoder update = h.lastMarketUpdate();
        assertEquals(TickMode.QUOTE, update.mode());
        assertEquals(5_000 / 3, update.oi());
        assertEquals(149_995, firstBid(h.lastMarketUpdate()));
        assertEquals(150_005, firstAsk(h.lastMarketUpdate()));
        h.send(c.tick(next(), INFY, TickMode.LTP, 150_300, 0, 0));
        update = h.lastMarketUpdate();
        assertEquals(TickMode.LTP, update.mode());
        assertEquals(150_300, update.lastPricePaise());
        assertEquals(6_000, update.volumeTraded());
        assertEquals(1_300, update.changePaise());
        assertEquals(5, update.bids().count());
    }

    @Test
    void shouldTakeTheBidsOfAFullTickWhoseAsksOverrunTheCommandAndRejectIt()
    {
        h.send(c.fullTick(next(), INFY, 150_000, 5_000, 149_000, 5));
        final int length = c.fullTick(next(), INFY, 151_000, 5_000, 149_000, 5);
        assertEquals(1, h.send(length - 50));
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        h.send(c.tick(next(), INFY, TickMode.QUOTE, 150_000, 6_000, 149_000));
        assertEquals(150_995, firstBid(h.lastMarketUpdate()));
        assertEquals(150_005, firstAsk(h.lastMarketUpdate()));
        assertEquals(150_995, h.core().instrumentByToken(INFY).bidPricePaise(0));
        assertEquals(150_025, h.core().instrumentByToken(INFY).askPricePaise(4));
    }

    @Test
    void shouldKeepFiveLevelsAndTheKnownFieldsOfWiderDepthEntries()
    {
        final int body = c.tick(next(), INFY, TickMode.FULL, 150_000, 5_000, 149_000) - 8;
        final UnsafeBuffer b = (UnsafeBuffer)c.buffer();
        int at = body;
        b.putShort(at, (short)24);
        b.putShort(at + 2, (short)7);
        at += 4;
        for (int i = 0; i < 7; i++, at += 24)
        {
            b.putLong(at, 149_995 - 5L * i);
            b.putLong(at + 8, 100 + i);
            b.putInt(at + 16, 1 + i);
            b.putInt(at + 20, -1);
        }
        b.putShort(at, (short)20);
        b.putShort(at + 2, (short)2);
        at += 4;
        for (int i = 0; i < 2; i++, at += 20)
        {
            b.putLong(at, 150_005 + 5L * i);
            b.putLong(at + 8, 90 + i);
            b.putInt(at + 16, 2 + i);
        }
        assertEquals(1, h.send(at));
        final MarketUpdateEventDecoder update = h.lastMarketUpdate();
        final MarketUpdateEventDecoder.BidsDecoder bids = update.bids();
        assertEquals(5, bids.count());
        for (int i = 0; i < 5; i++)
        {
            bids.next();
            assertEquals(149_995 - 5L * i, bids.pricePaise());
            assertEquals(100 + i, bids.qty());
            assertEquals(1 + i, bids.orders());
        }
        final MarketUpdateEventDecoder.AsksDecoder asks = update.asks();
        assertEquals(2, asks.count());
        assertEquals(150_005, asks.next().pricePaise());
        assertEquals(150_010, asks.next().pricePaise());
        assertEquals(0, h.core().instrumentByToken(INFY).askPricePaise(2));
    }

    @Test
    void shouldKeepMarketStateOfMoreInstrumentsThanTheConfiguredCapacity()
    {
        final CoreHarness small = new CoreHarness(new CoreSettings().instrumentCapacity(2));
        final Commands s = small.commands();
        for (int i = 0; i < 5; i++)
        {
            small.send(s.equity(ts, 1_000 + i, "EQ" + i));
            small.send(s.tick(next(), 1_000 + i, TickMode.QUOTE, 10_000 + i, 100 + i, 9_000));
        }
        for (int i = 0; i < 5; i++)
        {
            assertEquals(10_000 + i, small.core().instrumentByToken(1_000 + i).lastPricePaise());
            assertEquals(100 + i, small.core().instrumentByToken(1_000 + i).volumeTraded());
        }
    }

    private static long firstBid(final MarketUpdateEventDecoder update)
    {
        final MarketUpdateEventDecoder.BidsDecoder bids = update.bids();
        assertEquals(5, bids.count());
        return bids.next().pricePaise();
    }

    private static long firstAsk(final MarketUpdateEventDecoder update)
    {
        final MarketUpdateEventDecoder.BidsDecoder bids = update.bids();
        while (bids.hasNext())
        {
            bids.next();
        }
        final MarketUpdateEventDecoder.AsksDecoder asks = update.asks();
        assertEquals(5, asks.count());
        return asks.next().pricePaise();
    }

    @Test
    void shouldRejectTickForUnknownInstrumentAndCarryOn()
    {
        h.send(c.tick(next(), 999, TickMode.LTP, 100, 0, 0));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT);
        assertEquals(1, h.core().rejectCount(RejectReason.UNKNOWN_INSTRUMENT));
        assertEquals(1, h.send(c.tick(next(), INFY, TickMode.LTP, 150_100, 0, 0)));
        assertEquals(MarketUpdateEventDecoder.TEMPLATE_ID, h.lastTemplateId());
    }

    @Test
    void shouldFindInstrumentByTokenAndByExchangeAndSymbol()
    {
        assertEquals(INFY, h.core().instrumentBySymbol(Exchange.NSE, "INFY").token());
        assertNull(h.core().instrumentBySymbol(Exchange.BSE, "INFY"));
    }

    @Test
    void shouldMoveTokenToNewInstrumentWhenTokenIsReusedAfterExpiry()
    {
        final Instrument old = h.core().instrumentByToken(NIFTY_FUT);
        assertEquals(1, h.send(c.instrument(next(), NIFTY_FUT, Exchange.NFO, Segment.NFO, InstrumentType.FUT, 10, 65,
            1_800, 1, "NIFTY27JANFUT")));
        assertEquals(InstrumentEventDecoder.TEMPLATE_ID, h.lastTemplateId());
        final Instrument reused = h.core().instrumentByToken(NIFTY_FUT);
        assertNotEquals(old.id(), reused.id());
        assertEquals(old, h.core().instrumentBySymbol(Exchange.NFO, "NIFTY26DECFUT"));
    }

    @Test
    void shouldTellTheEndOfAnInstrumentsDumpWithTheInstrumentsItKnows()
    {
        assertEquals(1, h.send(c.equity(next(), 2_885_633, "RELIANCE")));
        assertEquals(1, h.send(c.instrumentsLoaded(next(), 5, 4)));

        assertEquals(InstrumentsLoadedEventDecoder.TEMPLATE_ID, h.lastTemplateId());
        final InstrumentsLoadedEventDecoder loaded = h.lastInstrumentsLoaded();
        assertEquals(5, loaded.rows());
        assertEquals(4, loaded.published());
        assertEquals(4, loaded.instruments());
        assertEquals(ts, loaded.timestampNs());
    }

    @Test
    void shouldRefuseAnEndOfDumpWithMoreRowsPublishedThanTheDumpHad()
    {
        assertEquals(1, h.send(c.instrumentsLoaded(next(), 3, 4)));

        final RejectEventDecoder reject = h.assertRejected(RejectReason.INVALID_FIELD);
        assertEquals(3, reject.limitValue());
        assertEquals(4, reject.actualValue());
        assertEquals(0, h.sink().countOf(InstrumentsLoadedEventDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldAcceptLimitOrderAndRequestPlacementTaggedWithClientOrderId()
    {
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 42, INFY, Side.BUY, 10, 150_000)));
        final OrderEventDecoder order = h.lastOrder();
        assertEquals(OrderStatus.PENDING_RISK, order.status());
        assertEquals("QL42", order.tag());
        assertEquals("", order.statusMessage());
        assertEquals("", order.userTag());
        final BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.PLACE, request.requestType());
        assertEquals("INFY", request.tradingsymbol());
        assertEquals(Exchange.NSE, request.exchange());
        assertEquals("QL42", request.tag());
        assertEquals(10, request.qty());
    }

    @Test
    void shouldRejectOrderWhenPriceOffTick()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_003));
        assertEquals(5, h.assertRejected(RejectReason.PRICE_OFF_TICK).limitValue());
    }

    @Test
    void shouldRejectZeroOrNegativeQuantity()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 0, 150_000));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, -5, 150_000));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        assertEquals(2, h.core().rejectCount(RejectReason.INVALID_QUANTITY));
    }

    @Test
    void shouldRejectClientOrderIdTooLongForTheKiteTag()
    {
        h.send(c.limit(next(), ACCOUNT, 1_000_000_000_000_000_000L, INFY, Side.BUY, 1, 150_000));
        h.assertRejected(RejectReason.INVALID_FIELD);
        h.send(c.limit(next(), ACCOUNT, TradingCore.MAX_CLIENT_ORDER_ID, INFY, Side.BUY, 1, 150_000));
        assertEquals("QL" + TradingCore.MAX_CLIENT_ORDER_ID, h.lastBrokerRequest().tag());
    }

    @Test
    void shouldRejectTtlWithoutMinutesIcebergOutsideKitesLegsAndDisclosedAboveQuantity()
    {
        h.send(c.placeWith(next(), ACCOUNT, 1, INFY, 100, 150_000, Validity.TTL, 0, Variety.REGULAR, 0, 0, 0));
        h.assertRejected(RejectReason.INVALID_FIELD);
        h.send(c.placeWith(next(), ACCOUNT, 2, INFY, 100, 150_000, Validity.DAY, 0, Variety.ICEBERG, 1, 100, 0));
        h.assertRejected(RejectReason.INVALID_FIELD);
        h.send(c.placeWith(next(), ACCOUNT, 3, INFY, 100, 150_000, Validity.DAY, 0, Variety.ICEBERG, 4, 0, 0));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        h.send(c.placeWith(next(), ACCOUNT, 4, INFY, 100, 150_000, Validity.DAY, 0, Variety.REGULAR, 0, 0, 101));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        assertEquals(2, h.send(c.placeWith(next(), ACCOUNT, 5, INFY, 100, 150_000, Validity.TTL, 5, Variety.ICEBERG,
            4, 25, 10)));
        assertEquals(4, h.lastBrokerRequest().icebergLegs());
        assertEquals(5, h.lastBrokerRequest().validityTtlMinutes());
    }

    @Test
    void shouldPlaceAnAuctionOrderOnlyWithTheNumberOfItsAuctionAndCarryThatToTheBroker()
    {
        h.send(c.auction(next(), ACCOUNT, 1, INFY, 1, 150_000, ""));
        assertEquals(0, h.assertRejected(RejectReason.INVALID_FIELD).actualValue());
        h.send(c.auction(next(), ACCOUNT, 2, INFY, 1, 150_000, "123456789"));
        assertEquals(9, h.assertRejected(RejectReason.INVALID_FIELD).actualValue());

        assertEquals(2, h.send(c.auction(next(), ACCOUNT, 3, INFY, 1, 150_000, "31")));
        final BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(Variety.AUCTION, request.variety());
        assertEquals("", request.parentOrderId());
        assertEquals("31", request.auctionNumber());
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 4, INFY, Side.BUY, 1, 150_000)));
        final BrokerRequestEventDecoder regular = h.lastBrokerRequest();
        assertEquals("", regular.parentOrderId());
        assertEquals("", regular.auctionNumber());
    }

    @Test
    void shouldRejectDuplicateClientOrderId()
    {
        h.send(c.limit(next(), ACCOUNT, 7, INFY, Side.BUY, 1, 150_000));
        h.send(c.limit(next(), ACCOUNT, 7, INFY, Side.SELL, 1, 150_000));
        h.assertRejected(RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertEquals(2, h.send(c.limit(next(), OTHER_ACCOUNT, 7, INFY, Side.BUY, 1, 150_000)));
    }

    @Test
    void shouldRejectQuantityThatIsNotALotMultipleOrAboveFreeze()
    {
        h.send(c.place(next(), ACCOUNT, 1, NIFTY_FUT, Side.BUY, OrderType.LIMIT, Product.NRML, 100, 2_600_000, 0, 0));
        h.assertRejected(RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        h.send(c.place(next(), ACCOUNT, 2, NIFTY_FUT, Side.BUY, OrderType.LIMIT, Product.NRML, 65 * 28, 2_600_000, 0,
            0));
        assertEquals(1_800, h.assertRejected(RejectReason.FREEZE_QUANTITY).limitValue());
    }

    @Test
    void shouldHoldEachLegOfAnIcebergNotItsWholeToTheFreezeQuantity()
    {
        h.send(c.placeWith(next(), ACCOUNT, 1, NIFTY_FUT, 65 * 28, 5_000, Validity.DAY, 0, Variety.ICEBERG, 2,
            65 * 28, 0));
        assertEquals(65 * 28, h.assertRejected(RejectReason.FREEZE_QUANTITY).actualValue());
        assertEquals(2, h.send(c.placeWith(next(), ACCOUNT, 2, NIFTY_FUT, 65 * 28, 5_000, Validity.DAY, 0,
            Variety.ICEBERG, 2, 65 * 14, 0)));
        assertEquals(65 * 28, h.lastBrokerRequest().qty());
        assertEquals(65 * 14, h.lastBrokerRequest().icebergQty());
    }

    @Test
    void shouldRequireMarketProtectionOnMarketAndStopLossMarketOrders()
    {
        h.send(c.place(next(), ACCOUNT, 1, INFY, Side.BUY, OrderType.MARKET, Product.MIS, 1, 0, 0, 0));
        h.assertRejected(RejectReason.MARKET_PROTECTION_REQUIRED);
        h.send(c.place(next(), ACCOUNT, 2, INFY, Side.SELL, OrderType.SL_M, Product.MIS, 1, 0, 149_000, 0));
        h.assertRejected(RejectReason.MARKET_PROTECTION_REQUIRED);
        assertEquals(2, h.send(c.place(next(), ACCOUNT, 3, INFY, Side.BUY, OrderType.MARKET, Product.MIS, 1, 0, 0,
            -1)));
    }

    @Test
    void shouldRejectOrderOutsidePriceBandAroundLtp()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 1, 200_000));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.PRICE_BAND);
        assertEquals(2_000, reject.limitValue());
        assertEquals(3_333, reject.actualValue());
    }

    @Test
    void shouldBoundOnlyAPricePastItsReferenceOnTheSideItWouldTradeAt()
    {
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 1, 75_000)));
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.SELL, 1, 225_000)));
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.SELL, 1, 105_000));
        assertEquals(3_000, h.assertRejected(RejectReason.PRICE_BAND).actualValue());

        assertEquals(2, h.send(c.place(next(), ACCOUNT, 4, INFY, Side.SELL, OrderType.SL, Product.MIS, 1, 95_000,
            97_500, 0)));
        h.send(c.place(next(), ACCOUNT, 5, INFY, Side.BUY, OrderType.SL, Product.MIS, 1, 200_000, 155_000, 0));
        final RejectEventDecoder pastTrigger = h.assertRejected(RejectReason.PRICE_BAND);
        assertEquals(2_000, pastTrigger.limitValue());
        assertEquals(2_903, pastTrigger.actualValue());
        assertEquals(2, h.send(c.place(next(), ACCOUNT, 6, INFY, Side.SELL, OrderType.SL_M, Product.MIS, 1, 0,
            90_000, -1)));
    }

    @Test
    void shouldRejectOrderWithoutReferencePrice()
    {
        h.send(c.equity(next(), 777, "NEWCO"));
        h.send(c.limit(next(), ACCOUNT, 1, 777, Side.BUY, 1, 10_000));
        h.assertRejected(RejectReason.NO_REFERENCE_PRICE);
    }

    @Test
    void shouldRejectOrderAboveMaxOrderValueCountingTheMultiplier()
    {
        h.send(c.place(next(), ACCOUNT, 1, GOLD, Side.BUY, OrderType.LIMIT, Product.NRML, 1, 13_000_000, 0, 0));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.MAX_ORDER_VALUE);
        assertEquals(1_300_000_000L, reject.actualValue());
    }

    @Test
    void shouldCountACurrencyContractsValueAndPnlInPaiseThoughItsPricesAreInTenMillionthsOfARupee()
    {
        final long usdInr = 412_675;
        h.send(c.instrument(next(), usdInr, Exchange.CDS, Segment.CDS, InstrumentType.FUT, 25_000, 1, 10_000, 1_000,
            "USDINR26DECFUT"));
        h.send(c.tick(next(), usdInr, TickMode.QUOTE, 880_050_000, 100, 879_000_000));
        h.send(c.limits(next(), ACCOUNT, 17_601_000, 100, 2_000, 10, 400, 3_000));

        h.send(c.place(next(), ACCOUNT, 1, usdInr, Side.BUY, OrderType.LIMIT, Product.NRML, 3, 880_050_000, 0, 0));
        assertEquals(26_401_500, h.assertRejected(RejectReason.MAX_ORDER_VALUE).actualValue());
        h.send(c.place(next(), ACCOUNT, 2, usdInr, Side.BUY, OrderType.LIMIT, Product.NRML, 2, 880_050_000, 0, 0));
        h.send(c.ack(next(), ACCOUNT, 2, BrokerRequestType.PLACE, "U2"));
        h.send(c.trade(next(), ACCOUNT, "U2", "UT1", usdInr, Side.BUY, Product.NRML, 2, 880_050_000));
        PositionEventDecoder p = h.lastPosition();
        assertEquals(1_000, p.multiplier());
        assertEquals(17_601_000, p.buyValuePaise());
        assertEquals(-17_601_000, p.valuePaise());
        assertEquals(880_050_000, p.averagePricePaise());
        assertEquals(0, p.pnlPaise());

        h.send(c.tick(next(), usdInr, TickMode.QUOTE, 880_700_000, 120, 879_000_000));
        p = h.lastPosition();
        assertEquals(13_000, p.pnlPaise());
        assertEquals(13_000, p.unrealisedPaise());
        assertEquals(0, p.realisedPaise());
        assertEquals(13_000, p.m2mPaise());
    }

    @Test
    void shouldRejectOrderThatWouldExceedMaxPositionCountingOpenOrders()
    {
        h.send(c.limits(next(), ACCOUNT, 1_000_000_000L, 100, 2_000, 10, 400, 3_000));
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 60, 150_000));
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 50, 150_000));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.MAX_POSITION);
        assertEquals(110, reject.actualValue());
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.SELL, 50, 150_000)));
    }

    @Test
    void shouldCountDeliveryHoldingsInMaxPosition()
    {
        h.send(c.limits(next(), ACCOUNT, 1_000_000_000L, 100, 2_000, 10, 400, 3_000));
        h.send(c.holdings(next(), ACCOUNT, INFY, 150));
        assertEquals(2, h.send(delivery(1, Side.SELL, 150)));
        h.send(delivery(2, Side.BUY, 1));
        assertEquals(151, h.assertRejected(RejectReason.MAX_POSITION).actualValue());
        h.send(c.place(next(), ACCOUNT, 3, INFY, Side.SELL, OrderType.LIMIT, Product.MIS, 101, 150_000, 0, 0));
        assertEquals(101, h.assertRejected(RejectReason.MAX_POSITION).actualValue());
        h.send(delivery(4, Side.SELL, 101));
        assertEquals(101, h.assertRejected(RejectReason.MAX_POSITION).actualValue());
    }

    @Test
    void shouldRejectEleventhOrderInOneSecondAndAcceptAgainInTheNextSecond()
    {
        final long second = (ts / SECOND + 1) * SECOND;
        for (int i = 1; i <= 10; i++)
        {
            assertEquals(2, h.send(c.limit(second + i, ACCOUNT, i, INFY, Side.BUY, 1, 150_000)));
        }
        h.send(c.limit(second + 11, ACCOUNT, 11, INFY, Side.BUY, 1, 150_000));
        assertEquals(10, h.assertRejected(RejectReason.RATE_LIMIT_SECOND).limitValue());
        assertEquals(2, h.send(c.limit(second + 11, OTHER_ACCOUNT, 11, INFY, Side.BUY, 1, 150_000)));
        assertEquals(2, h.send(c.limit(second + SECOND, ACCOUNT, 12, INFY, Side.BUY, 1, 150_000)));
    }

    @Test
    void shouldApplyDailyCapChangedByAdminCommand()
    {
        h.send(c.limits(next(), ACCOUNT, 1_000_000_000L, 100_000, 2_000, 10, 400, 2));
        assertEquals(2, h.lastRiskLimits().ordersPerDay());
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 1, 150_000));
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 1, 150_000));
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.BUY, 1, 150_000));
        h.assertRejected(RejectReason.RATE_LIMIT_DAY);
    }

    @Test
    void shouldRejectInvalidLimits()
    {
        h.send(c.limits(next(), ACCOUNT, 0, 100, 2_000, 10, 400, 3_000));
        h.assertRejected(RejectReason.INVALID_FIELD);
        h.send(c.limits(next(), 99, 1, 100, 2_000, 10, 400, 3_000));
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void shouldRefuseNewOrdersUnderHaltButStillAllowCancels()
    {
        placeAndOpen(1, Side.BUY, 5, 150_000);
        h.send(c.killSwitch(next(), ACCOUNT, KillSwitchMode.HALT));
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 1, 150_000));
        h.assertRejected(RejectReason.KILL_SWITCH_HALT);
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, BrokerErrorType.INPUT, "retry"));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals(2, h.send(c.cancel(next(), ACCOUNT, 1)));
        assertEquals(OrderStatus.CANCEL_PENDING, h.lastOrder().status());
        assertEquals(2, h.send(c.limit(next(), OTHER_ACCOUNT, 2, INFY, Side.BUY, 1, 150_000)));
    }

    @Test
    void shouldCancelEveryWorkingOrderOfTheAccountWhenHalted()
    {
        placeAndOpen(1, Side.BUY, 5, 150_000);
        placeAndOpen(2, Side.SELL, 5, 150_500);
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.BUY, 1, 150_000));
        h.send(c.limit(next(), OTHER_ACCOUNT, 1, INFY, Side.BUY, 1, 150_000));
        h.send(c.ack(next(), OTHER_ACCOUNT, 1, BrokerRequestType.PLACE, "O1"));
        assertEquals(5, h.send(c.killSwitch(next(), ACCOUNT, KillSwitchMode.HALT)));
        assertEquals(OrderStatus.CANCEL_PENDING, h.core().account(ACCOUNT).order(1).status());
        assertEquals(OrderStatus.CANCEL_PENDING, h.core().account(ACCOUNT).order(2).status());
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(ACCOUNT).order(3).status());
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, h.core().account(OTHER_ACCOUNT).order(1).status());
        assertEquals(BrokerRequestType.CANCEL, h.lastBrokerRequest().requestType());
    }

    @Test
    void shouldAllowOnlyReducingOrdersUnderGlobalReduceOnly()
    {
        placeAndOpen(1, Side.BUY, 5, 150_000);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 5, 150_000));
        h.send(c.killSwitch(next(), 0, KillSwitchMode.REDUCE_ONLY));
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 1, 150_000));
        h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY);
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.SELL, 6, 150_000));
        assertEquals(5, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 4, INFY, Side.SELL, 5, 150_000)));
        h.send(c.killSwitch(next(), 0, KillSwitchMode.OFF));
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 5, INFY, Side.BUY, 1, 150_000)));
    }

    @Test
    void shouldLetDeliveryHoldingsBeSoldAndNotBoughtBackUnderReduceOnly()
    {
        h.send(c.killSwitch(next(), ACCOUNT, KillSwitchMode.REDUCE_ONLY));
        h.send(delivery(1, Side.SELL, 1));
        assertEquals(0, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());

        h.send(c.holdings(next(), ACCOUNT, INFY, 2, 777, 4));
        h.send(c.holdings(next(), ACCOUNT, false, INFY, 7));
        assertEquals(2, h.send(delivery(2, Side.SELL, 4)));
        h.send(delivery(3, Side.SELL, 6));
        assertEquals(5, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());
        h.send(c.ack(next(), ACCOUNT, 2, BrokerRequestType.PLACE, "B2"));
        h.send(c.orderUpdate(next(), ACCOUNT, 2, "B2", OrderStatus.COMPLETE, INFY, Side.SELL, OrderType.LIMIT,
            Product.CNC, 4, 4, 150_000, 0, 150_000, ts / SECOND));
        h.send(c.trade(next(), ACCOUNT, "B2", "T2", INFY, Side.SELL, Product.CNC, 4, 150_000));
        assertEquals(-4, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.CNC).qty());

        h.send(delivery(4, Side.BUY, 1));
        assertEquals(0, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());
        h.send(delivery(5, Side.SELL, 6));
        assertEquals(5, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());
        assertEquals(2, h.send(delivery(6, Side.SELL, 5)));
        h.send(c.equity(next(), 777, "NEWCO"));
        h.send(c.tick(next(), 777, TickMode.QUOTE, 10_000, 1_000, 10_000));
        assertEquals(2, h.send(c.place(next(), ACCOUNT, 8, 777, Side.SELL, OrderType.LIMIT, Product.CNC, 4, 10_000,
            0, 0)));

        h.send(c.holdings(next(), ACCOUNT));
        h.send(delivery(7, Side.SELL, 1));
        assertEquals(0, h.assertRejected(RejectReason.KILL_SWITCH_REDUCE_ONLY).limitValue());
    }

    private int delivery(final long clientOrderId, final Side side, final long qty)
    {
        return c.place(next(), ACCOUNT, clientOrderId, INFY, side, OrderType.LIMIT, Product.CNC, qty, 150_000, 0, 0);
    }

    @Test
    void shouldFollowKitePlacePathThroughPartialFillToComplete()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "2512300001"));
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, h.lastOrder().status());
        assertEquals("2512300001", h.lastOrder().brokerOrderId());
        for (final OrderStatus s : new OrderStatus[]{OrderStatus.VALIDATION_PENDING, OrderStatus.OPEN_PENDING,
            OrderStatus.OPEN})
        {
            h.send(c.orderUpdate(next(), ACCOUNT, 1, "2512300001", s, INFY, Side.BUY, OrderType.LIMIT, Product.MIS,
                10, 0, 150_000, 0, 0, ts / SECOND));
            assertEquals(s, h.lastOrder().status());
        }
        h.send(c.trade(next(), ACCOUNT, "2512300001", "T1", INFY, Side.BUY, Product.MIS, 4, 150_000));
        assertEquals(4, h.lastFill().qty());
        assertEquals(4, h.lastPosition().qty());
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "2512300001", OrderStatus.UPDATE, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 4, 150_000, 0, 150_000, ts / SECOND));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals(4, h.lastOrder().filledQty());
        h.send(c.trade(next(), ACCOUNT, "2512300001", "T2", INFY, Side.BUY, Product.MIS, 6, 149_900));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "2512300001", OrderStatus.COMPLETE, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, 10, 10, 150_000, 0, 149_940, ts / SECOND));
        final OrderEventDecoder done = h.lastOrder();
        assertEquals(OrderStatus.COMPLETE, done.status());
        assertEquals(10, done.filledQty());
        final Position p = h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS);
        assertEquals(10, p.qty());
        assertEquals(149_940, p.averagePricePaise());
        assertEquals(0, p.pendingBuyQty);
    }

    @Test
    void shouldApplyAnOrderUpdateAVersionThreeJournalHolds()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT, Product.MIS, 10,
            0, 150_000, 0, 0, ts / SECOND, "open at the exchange");

        assertEquals(1, h.send(c.asVersionThreeOrderUpdate()));

        final OrderEventDecoder open = h.lastOrder();
        assertEquals(OrderStatus.OPEN, open.status());
        assertEquals("B1", open.brokerOrderId());
        assertEquals("open at the exchange", open.statusMessage());
    }

    @Test
    void shouldMatchOrderUpdateThatArrivesBeforeTheBrokerReply()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals("B1", h.lastOrder().brokerOrderId());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        assertEquals(OrderStatus.OPEN, h.core().account(ACCOUNT).order(1).status());
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000));
        assertEquals(FillEventDecoder.TEMPLATE_ID, h.sink().templateId(h.sink().count() - 2));
    }

    @Test
    void shouldMarkOrderUnknownOnTimeoutAndResolveItByReconciliation()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        assertEquals(OrderStatus.UNKNOWN, h.lastOrder().status());
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 10, 150_000));
        h.send(c.brokerReject(next(), ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        h.send(c.brokerReject(next(), ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.ORDER, "not found"));
        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
        assertEquals(0, h.core().account(ACCOUNT)
            .position(h.core().instrumentByToken(INFY), Product.MIS).pendingBuyQty - 10);
    }

    @Test
    void shouldRejectStaleDuplicateAndLateBrokerUpdates()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.orderUpdate(ts, ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT, Product.MIS,
            10, 0, 150_000, 0, 0, ts / SECOND));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN_PENDING, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.UPDATE, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 6, 150_000, 0, 150_000, ts / SECOND));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.UPDATE, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 3, 150_000, 0, 150_000, ts / SECOND));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.CANCELLED, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 6, 150_000, 0, 150_000, ts / SECOND));
        assertEquals(OrderStatus.CANCELLED, h.lastOrder().status());
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 6, 150_000, 0, 150_000, ts / SECOND));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        assertEquals(4, h.core().rejectCount(RejectReason.STALE_BROKER_UPDATE));
    }

    @Test
    void shouldRejectUnknownOrderIdsAndDuplicateTrades()
    {
        h.send(c.cancel(next(), ACCOUNT, 99));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        h.send(c.modify(next(), ACCOUNT, 99, OrderType.LIMIT, 1, 150_000, 0));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        h.send(c.trade(next(), ACCOUNT, "", "T9", INFY, Side.BUY, Product.MIS, 1, 150_000));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        h.send(c.ack(next(), ACCOUNT, 99, BrokerRequestType.PLACE, "B99"));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        h.send(c.brokerReject(next(), ACCOUNT, 99, BrokerRequestType.PLACE, BrokerErrorType.MARGIN, "no"));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        assertEquals(5, h.core().rejectCount(RejectReason.UNKNOWN_ORDER));
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 2, 150_000));
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 2, 150_000));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        h.send(c.trade(next(), ACCOUNT, "B1", "T2", INFY, Side.BUY, Product.MIS, 9, 150_000));
        assertEquals(8, h.assertRejected(RejectReason.INVALID_QUANTITY).limitValue());
        assertEquals(2, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS).qty());
    }

    @Test
    void shouldCreditBrokerMessagesToTheAccountWhoseOrderTheyAreAndRejectCommandsForAnotherAccount()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.trade(next(), OTHER_ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 2, 150_000));
        assertEquals(2, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS).qty());
        assertEquals(ACCOUNT, h.lastFill().accountId());
        h.send(c.orderUpdate(next(), OTHER_ACCOUNT, Long.MIN_VALUE, "B1", OrderStatus.OPEN, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, 10, 2, 150_000, 0, 150_000, ts / SECOND));
        assertEquals(ACCOUNT, h.lastOrder().accountId());
        assertEquals(0, h.core().rejectCount(RejectReason.ACCOUNT_MISMATCH));
        h.send(c.cancel(next(), OTHER_ACCOUNT, 1));
        h.assertRejected(RejectReason.UNKNOWN_ORDER);
        h.send(c.limit(next(), 77, 1, INFY, Side.BUY, 1, 150_000));
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT);
        assertEquals(OrderStatus.OPEN, h.core().account(ACCOUNT).order(1).status());
        assertEquals(2, h.core().account(ACCOUNT).order(1).filledQty());
    }

    @Test
    void shouldModifyOrderOnceTheBrokerAcceptsAndRestoreItWhenTheBrokerRefuses()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        assertEquals(2, h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 20, 150_500, 0)));
        assertEquals(OrderStatus.MODIFY_VALIDATION_PENDING, h.lastOrder().status());
        final BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.MODIFY, request.requestType());
        assertEquals("B1", request.brokerOrderId());
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 30, 150_500, 0));
        h.assertRejected(RejectReason.ORDER_NOT_OPEN);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        final OrderEventDecoder modified = h.lastOrder();
        assertEquals(OrderStatus.OPEN, modified.status());
        assertEquals(20, modified.qty());
        assertEquals(150_500, modified.pricePaise());
        assertEquals(1, modified.modifyCount());
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 20, 151_000, 0));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, BrokerErrorType.INPUT, "bad"));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals(150_500, h.lastOrder().pricePaise());
    }

    @Test
    void shouldShowTheUsersTagOnTheOrderWhileTheBrokerGetsTheEnginesOwn()
    {
        h.send(c.tagged(next(), ACCOUNT, 42, INFY, Side.BUY, 10, 150_000, "walkq"));
        final OrderEventDecoder placed = h.lastOrder();
        assertEquals("QL42", placed.tag());
        placed.skipStatusMessage();
        assertEquals("walkq", placed.userTag());
        assertEquals("QL42", h.lastBrokerRequest().tag());
        h.send(c.ack(next(), ACCOUNT, 42, BrokerRequestType.PLACE, "B42"));
        h.send(c.orderUpdate(next(), ACCOUNT, 42, "B42", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        final OrderEventDecoder open = h.lastOrder();
        open.skipStatusMessage();
        assertEquals("walkq", open.userTag());
    }

    @Test
    void shouldCarryTheBrokersStatusMessageOnTheOrder()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.cancel(next(), ACCOUNT, 1));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, BrokerErrorType.ORDER,
            "Couldn't find that `order_id`."));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals("Couldn't find that `order_id`.", h.lastOrder().statusMessage());
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.REJECTED, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND, "RMS: margin exceeds"));
        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
        assertEquals("RMS: margin exceeds", h.lastOrder().statusMessage());
        h.send(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 10, 150_000));
        h.send(c.brokerReject(next(), ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.INPUT,
            "Price 1500.0 is outside the circuit limits"));
        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
        assertEquals("Price 1500.0 is outside the circuit limits", h.lastOrder().statusMessage());
    }

    @Test
    void shouldKeepTheStatusMessageOfAnUpdateParkedUntilItsAck()
    {
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.BUY, 10, 150_000));
        h.send(c.orderUpdate(next(), ACCOUNT, OrderUpdateCommandEncoder.clientOrderIdNullValue(), "B3",
            OrderStatus.REJECTED, INFY, Side.BUY, OrderType.LIMIT, Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND,
            "x".repeat(300) + " Quantity exceeds the freeze limit"));
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(ACCOUNT).order(3).status());

        h.send(c.ack(next(), ACCOUNT, 3, BrokerRequestType.PLACE, "B3"));

        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
        assertEquals("x".repeat(TradingCore.MAX_BROKER_MESSAGE_LENGTH), h.lastOrder().statusMessage());
    }

    @Test
    void shouldKeepAnUpdateAVersionThreeJournalHoldsParkedUntilItsAckReadingNothingPastIt()
    {
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.BUY, 10, 150_000));
        c.orderUpdate(next(), ACCOUNT, OrderUpdateCommandEncoder.clientOrderIdNullValue(), "B3", OrderStatus.REJECTED,
            INFY, Side.BUY, OrderType.LIMIT, Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND, "");
        final int length = c.asVersionThreeOrderUpdate();
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[length]);
        exact.putBytes(0, c.buffer(), 0, length);

        h.core().onCommand(h.journal().append(exact, 0, length), exact, 0, length);
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(ACCOUNT).order(3).status());
        h.send(c.ack(next(), ACCOUNT, 3, BrokerRequestType.PLACE, "B3"));

        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
        assertEquals("B3", h.lastOrder().brokerOrderId());
    }

    @Test
    void shouldCloseTheLiveOrdersTheBrokersOrderBookNoLongerHas()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        placeAndOpen(2, Side.BUY, 10, 149_000);
        h.send(c.limit(next(), ACCOUNT, 3, INFY, Side.BUY, 10, 148_000));
        final long requested = next();
        h.send(c.orderUpdate(next(), ACCOUNT, 2, "B2", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 149_000, 0, 0, ts / SECOND));
        h.send(c.ack(next(), ACCOUNT, 3, BrokerRequestType.PLACE, "B3"));

        h.send(c.orderBook(next(), ACCOUNT, requested, 1));

        final OrderEventDecoder closed = h.lastOrder();
        assertEquals(1, closed.clientOrderId());
        assertEquals(OrderStatus.CANCELLED, closed.status());
        assertEquals(10, closed.cancelledQty());
        assertTrue(closed.statusMessage().startsWith("Not in the broker's order book at reconciliation"));
        assertEquals(1, h.core().closedNotInBook());
        assertEquals(OrderStatus.OPEN, h.core().account(ACCOUNT).order(2).status());
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, h.core().account(ACCOUNT).order(3).status());
        h.send(c.cancel(next(), ACCOUNT, 1));
        h.assertRejected(RejectReason.ORDER_NOT_OPEN);
        h.send(c.orderBook(next(), 99, requested, 0));
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void shouldKeepWhatAModifyLeavesOut()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, Long.MIN_VALUE, 150_500, Long.MIN_VALUE));
        final BrokerRequestEventDecoder priceOnly = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.MODIFY, priceOnly.requestType());
        assertEquals(10, priceOnly.qty());
        assertEquals(150_500, priceOnly.pricePaise());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 12, Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(12, h.lastBrokerRequest().qty());
        assertEquals(150_500, h.lastBrokerRequest().pricePaise());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        final OrderEventDecoder modified = h.lastOrder();
        assertEquals(12, modified.qty());
        assertEquals(150_500, modified.pricePaise());
        assertEquals(2, modified.modifyCount());
    }

    @Test
    void shouldModifyAnOrderIntoMarketAndLeaveItsProtectionToTheBroker()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);

        h.send(c.modify(next(), ACCOUNT, 1, OrderType.MARKET, 10, 0, 0));

        assertEquals(BrokerRequestType.MODIFY, h.lastBrokerRequest().requestType());
        assertEquals(OrderType.MARKET, h.lastBrokerRequest().orderType());
    }

    @Test
    void shouldRefuseTheModificationAfterKitesMaximum()
    {
        h = new CoreHarness(new CoreSettings().maxModificationsPerOrder(2));
        c = h.commands();
        setUpAgain();
        placeAndOpen(1, Side.BUY, 10, 150_000);
        for (int i = 0; i < 2; i++)
        {
            h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 10, 150_000 + 5 * (i + 1), 0));
            h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        }
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 10, 149_000, 0));
        h.assertRejected(RejectReason.MAX_MODIFICATIONS);
    }

    private void setUpAgain()
    {
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
    }

    @Test
    void shouldCancelThroughTheBrokerAndReleaseTheReservedQuantity()
    {
        placeAndOpen(1, Side.SELL, 10, 150_000);
        final Position p = h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS);
        assertEquals(10, p.pendingSellQty);
        h.send(c.cancel(next(), ACCOUNT, 1));
        assertEquals(BrokerRequestType.CANCEL, h.lastBrokerRequest().requestType());
        h.send(c.cancel(next(), ACCOUNT, 1));
        h.assertRejected(RejectReason.ORDER_NOT_OPEN);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, "B1"));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.CANCELLED, INFY, Side.SELL, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        assertEquals(OrderStatus.CANCELLED, h.lastOrder().status());
        assertEquals(10, h.lastOrder().cancelledQty());
        assertEquals(0, p.pendingSellQty);
    }

    @Test
    void shouldComputeKitePositionArithmeticWithMultiplierAndOvernightCarry()
    {
        h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_800_000));
        PositionEventDecoder p = h.lastPosition();
        assertEquals(3, p.qty());
        assertEquals(3, p.overnightQty());
        assertEquals(3 * 12_800_000L * 100, p.buyValuePaise());
        h.send(c.limits(next(), ACCOUNT, 10_000_000_000L, 100_000, 2_000, 10, 400, 3_000));
        h.send(c.place(next(), ACCOUNT, 1, GOLD, Side.BUY, OrderType.LIMIT, Product.NRML, 1, 13_000_000, 0, 0));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "G1"));
        h.send(c.trade(next(), ACCOUNT, "G1", "GT1", GOLD, Side.BUY, Product.NRML, 1, 13_000_000));
        p = h.lastPosition();
        assertEquals(4, p.qty());
        assertEquals(4, p.buyQty());
        assertEquals(1, p.dayBuyQty());
        assertEquals(100, p.multiplier());
        assertEquals(-(3 * 12_800_000L + 13_000_000L) * 100, p.valuePaise());
        assertEquals(p.valuePaise() + 4 * 13_000_000L * 100, p.pnlPaise());
        assertEquals(p.pnlPaise(), p.realisedPaise() + p.unrealisedPaise());
        assertEquals(-13_000_000L * 100 + 4 * 13_000_000L * 100 - 3 * 12_900_000L * 100, p.m2mPaise());
        h.send(c.tick(next(), GOLD, TickMode.QUOTE, 13_100_000, 20, 12_900_000));
        p = h.lastPosition();
        assertEquals(13_100_000, p.lastPricePaise());
        assertEquals(p.valuePaise() + 4 * 13_100_000L * 100, p.pnlPaise());
    }

    @Test
    void shouldSendACoverOrdersStopLossTriggerWithItsEntryAndRefuseOneWithoutIt()
    {
        h.send(c.cover(next(), ACCOUNT, 1, INFY, Side.BUY, OrderType.MARKET, 10, 0, 147_000));
        assertEquals(147_000, h.lastBrokerRequest().triggerPricePaise());
        assertEquals(Variety.CO, h.lastBrokerRequest().variety());
        h.send(c.cover(next(), ACCOUNT, 2, INFY, Side.BUY, OrderType.LIMIT, 10, 150_000, 147_000));
        assertEquals(147_000, h.lastBrokerRequest().triggerPricePaise());
        assertEquals(150_000, h.lastBrokerRequest().pricePaise());

        assertEquals(1, h.send(c.cover(next(), ACCOUNT, 3, INFY, Side.BUY, OrderType.MARKET, 10, 0, 0)));
        h.assertRejected(RejectReason.INVALID_PRICE);
        assertEquals(1, h.send(c.cover(next(), ACCOUNT, 4, INFY, Side.BUY, OrderType.MARKET, 10, 0, 147_003)));
        h.assertRejected(RejectReason.PRICE_OFF_TICK);
    }

    @Test
    void shouldTakeTheSameOvernightCarryAgainAsANoOpAndRefuseADifferentOne()
    {
        h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_800_000));
        final long rejectsBefore = h.core().rejectCount(RejectReason.INVALID_FIELD);

        assertEquals(0, h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_800_000)));
        assertEquals(rejectsBefore, h.core().rejectCount(RejectReason.INVALID_FIELD));
        assertEquals(3, h.lastPosition().qty());

        assertEquals(1, h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 5, 12_800_000)));
        h.assertRejected(RejectReason.INVALID_FIELD);
        assertEquals(1, h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_700_000)));
        h.assertRejected(RejectReason.INVALID_FIELD);
        assertEquals(3, h.lastPosition().qty());
        assertEquals(3 * 12_800_000L * 100, h.lastPosition().buyValuePaise());
    }

    @Test
    void shouldRealiseProfitWhenPositionIsReducedAndGoFlat()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000));
        placeAndOpen(2, Side.SELL, 10, 151_000);
        h.send(c.trade(next(), ACCOUNT, "B2", "T2", INFY, Side.SELL, Product.MIS, 4, 151_000));
        PositionEventDecoder p = h.lastPosition();
        assertEquals(6, p.qty());
        assertEquals(4 * 1_000, p.realisedPaise());
        assertEquals(150_000, p.averagePricePaise());
        h.send(c.trade(next(), ACCOUNT, "B2", "T3", INFY, Side.SELL, Product.MIS, 6, 151_000));
        p = h.lastPosition();
        assertEquals(0, p.qty());
        assertEquals(10 * 1_000, p.realisedPaise());
        assertEquals(0, p.unrealisedPaise());
        assertEquals(10 * 1_000, p.pnlPaise());
    }

    @Test
    void shouldMarkPositionsToMarketOnEveryTickThatChangesTheirPnl()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000));
        assertEquals(2, h.send(c.tick(next(), INFY, TickMode.LTP, 150_500, 0, 0)));
        assertEquals(10 * 500, h.lastPosition().unrealisedPaise());
        assertEquals(1, h.send(c.tick(next(), INFY, TickMode.LTP, 150_500, 0, 0)));
    }

    @Test
    void shouldRejectMalformedCommandsWithoutThrowing()
    {
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[64]);
        h.core().onCommand(100, garbage, 0, 3);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        garbage.putShort(0, (short)8);
        garbage.putShort(2, (short)99);
        garbage.putShort(4, (short)7301);
        h.core().onCommand(101, garbage, 0, 64);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        garbage.putShort(2, (short)10);
        garbage.putShort(4, (short)1234);
        h.core().onCommand(102, garbage, 0, 64);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        final int length = c.fullTick(next(), INFY, 150_000, 1, 1, 5);
        h.core().onCommand(103, c.buffer(), 0, length - 30);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        h.core().onCommand(104, c.buffer(), 0, 20);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        assertEquals(5, h.core().rejectCount(RejectReason.MALFORMED_COMMAND));
        assertEquals(1, h.send(c.tick(next(), INFY, TickMode.LTP, 150_100, 0, 0)));
    }

    @Test
    void shouldReproduceEventBytesAndStateHashWhenReplayedIntoAFreshCore()
    {
        placeAndOpen(1, Side.BUY, 10, 150_000);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000));
        h.send(c.tick(next(), INFY, TickMode.LTP, 151_000, 0, 0));
        final CapturingEventSink replayed = new CapturingEventSink();
        final TradingCore fresh = new TradingCore(replayed);
        final CapturingEventSink original = new CapturingEventSink();
        final TradingCore again = new TradingCore(original);
        h.journal().replay(again);
        h.journal().replay(fresh);
        assertTrue(original.sameBytesAs(replayed));
        assertEquals(again.stateHash(), fresh.stateHash());
        assertEquals(h.core().stateHash(), fresh.stateHash());
        assertNotNull(fresh.account(ACCOUNT).order(1));
    }
}
