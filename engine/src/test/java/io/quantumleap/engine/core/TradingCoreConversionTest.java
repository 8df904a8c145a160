package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BrokerConversionEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.PositionType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.engine.testing.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.quantumleap.engine.testing.Commands.carry;
import static io.quantumleap.engine.testing.Commands.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCoreConversionTest
{
    private static final long T0 = 1_780_000_000_000_000_000L;
    private static final long INFY = 408_065;
    private static final long NIFTY_FUT = 13_238_786;
    private static final long GOLD = 53_505_799;
    private static final long ACCOUNT = 1;

    private CoreHarness h;
    private Commands c;
    private long ts = T0;
    private long clientOrderId;

    @BeforeEach
    void setUp()
    {
        h = new CoreHarness();
        c = h.commands();
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.instrument(ts, NIFTY_FUT, Exchange.NFO, Segment.NFO, InstrumentType.FUT, 10, 65, 1_800, 1,
            "NIFTY26DECFUT"));
        h.send(c.instrument(ts, GOLD, Exchange.MCX, Segment.MCX, InstrumentType.FUT, 100, 1, 0, 100, "GOLD26DECFUT"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        h.send(c.tick(ts, NIFTY_FUT, TickMode.QUOTE, 2_600_000, 1_000, 2_590_000));
        h.send(c.tick(ts, GOLD, TickMode.QUOTE, 13_000_000, 10, 12_900_000));
        h.send(c.limits(next(), ACCOUNT, 100_000_000_000L, 100_000, 2_000, 100, 4_000, 30_000));
        h.sink().clear();
    }

    private long next()
    {
        ts += 200_000_000L;
        return ts;
    }

    private void fill(final long token, final Side side, final Product product, final long qty, final long price)
    {
        final long id = ++clientOrderId;
        h.send(c.place(next(), ACCOUNT, id, token, side, OrderType.LIMIT, product, qty, price, 0, 0));
        h.send(c.ack(next(), ACCOUNT, id, BrokerRequestType.PLACE, "B" + id));
        h.send(c.trade(next(), ACCOUNT, "B" + id, "T" + id, token, side, product, qty, price));
    }

    private long positionsHash()
    {
        long hash = 17;
        for (final long token : new long[]{INFY, NIFTY_FUT})
        {
            for (final Product product : new Product[]{Product.MIS, Product.CNC, Product.NRML, Product.MTF})
            {
                final Position p = position(token, product);
                hash = p == null ? hash * 31 : p.hash(hash);
            }
        }
        return hash;
    }

    private Position position(final long token, final Product product)
    {
        return h.core().account(ACCOUNT).position(h.core().instrumentByToken(token), product);
    }

    @Test
    void shouldMakeTheConversionTheBrokersPositionsShowWhenTheEngineNeverHeardOfIt()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        fill(INFY, Side.BUY, Product.MIS, 10, 151_000);

        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 5, 0),
            day(Product.CNC, 15, 0))));

        final BrokerConversionEventDecoder conversion = h.lastBrokerConversion();
        assertEquals(ACCOUNT, conversion.accountId());
        assertEquals(INFY, conversion.instrumentToken());
        assertEquals(Side.BUY, conversion.side());
        assertEquals(PositionType.DAY, conversion.positionType());
        assertEquals(15, conversion.qty());
        assertEquals(Product.MIS, conversion.oldProduct());
        assertEquals(Product.CNC, conversion.newProduct());
        assertEquals(BrokerConversionEventDecoder.TEMPLATE_ID, h.sink().templateId(h.sink().count() - 3));
        final Position cnc = position(INFY, Product.CNC);
        assertEquals(15, cnc.qty());
        assertEquals(15, cnc.dayBuyQty);
        assertEquals(15 * 150_500L, cnc.buyValuePaise());
        final Position mis = position(INFY, Product.MIS);
        assertEquals(5, mis.qty());
        assertEquals(5 * 150_500L, mis.buyValuePaise());

        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 5, 0),
            day(Product.CNC, 15, 0))));
    }

    @Test
    void shouldMakeTheConversionOfAShortPositionTheBrokersPositionsShow()
    {
        fill(NIFTY_FUT, Side.SELL, Product.MIS, 130, 2_600_000);

        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, NIFTY_FUT, day(Product.MIS, 0, 65),
            day(Product.NRML, 0, 65))));

        assertEquals(Side.SELL, h.lastBrokerConversion().side());
        assertEquals(65, h.lastBrokerConversion().qty());
        assertEquals(Product.NRML, h.lastBrokerConversion().newProduct());
        assertEquals(-65, position(NIFTY_FUT, Product.MIS).qty());
        assertEquals(-65, position(NIFTY_FUT, Product.NRML).qty());
        assertEquals(65, position(NIFTY_FUT, Product.NRML).daySellQty);
    }

    @Test
    void shouldLeavePositionsThatNoOneConversionExplainsAsTheyAre()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        fill(INFY, Side.SELL, Product.MIS, 4, 151_000);
        fill(NIFTY_FUT, Side.BUY, Product.MIS, 130, 2_600_000);
        final long positions = positionsHash();

        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 10, 4))));
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 8, 4),
            day(Product.CNC, 3, 0))), "a fill the engine has not been told of");
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 6, 4),
            day(Product.CNC, 2, 0), day(Product.MTF, 2, 0))), "two conversions");
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 3, 4),
            day(Product.CNC, 7, 0))), "more than the six open");
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 4, 2),
            day(Product.CNC, 6, 2))), "bought and sold both moved");
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, NIFTY_FUT, day(Product.MIS, 100, 0),
            day(Product.NRML, 30, 0))), "not whole lots");
        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 10, 4),
            day(Product.CO, 5, 0))), "a product that does not convert");
        assertEquals(positions, positionsHash());

        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 4, 4),
            day(Product.CNC, 6, 0))));
        assertEquals(0, position(INFY, Product.MIS).qty());
        assertEquals(6, position(INFY, Product.CNC).qty());
    }

    @Test
    void shouldMakeTheConversionOfCarryTheBrokersPositionsShowLongOrShort()
    {
        h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_800_000));
        h.send(c.overnight(next(), ACCOUNT, NIFTY_FUT, Product.NRML, -130, 2_550_000));
        fill(GOLD, Side.BUY, Product.NRML, 1, 13_000_000);

        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, GOLD, day(Product.MIS, 1, 0), carry(Product.MIS, 2),
            new Commands.Day(Product.NRML, 0, 0, 1))), "the day's and the carry's split both differ");
        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, GOLD, carry(Product.MIS, 2),
            new Commands.Day(Product.NRML, 1, 0, 1))));
        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, NIFTY_FUT, carry(Product.MIS, -65),
            carry(Product.NRML, -65))));
        assertEquals(PositionType.OVERNIGHT, h.lastBrokerConversion().positionType());
        assertEquals(Side.SELL, h.lastBrokerConversion().side());
        assertEquals(Product.NRML, h.lastBrokerConversion().oldProduct());
        assertEquals(Product.MIS, h.lastBrokerConversion().newProduct());

        assertEquals(2, position(GOLD, Product.MIS).overnightQty());
        assertEquals(2, position(GOLD, Product.MIS).qty());
        assertEquals(2 * 12_800_000L * 100, position(GOLD, Product.MIS).buyValuePaise());
        assertEquals(1, position(GOLD, Product.NRML).overnightQty());
        assertEquals(2, position(GOLD, Product.NRML).qty());
        assertEquals(-65, position(NIFTY_FUT, Product.MIS).overnightQty());
        assertEquals(-65, position(NIFTY_FUT, Product.NRML).qty());
    }

    @Test
    void shouldNotCompareAnInstrumentFilledSinceTheBrokerWasAskedForItsPositions()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        final long asked = ts;
        fill(INFY, Side.BUY, Product.CNC, 5, 150_000);
        final long positions = positionsHash();

        assertEquals(0, h.send(c.brokerPosition(next(), asked, ACCOUNT, INFY, day(Product.MIS, 5, 0),
            day(Product.CNC, 10, 0))), "the CNC fill may be missing from what the broker said");
        assertEquals(positions, positionsHash());

        assertEquals(3, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 5, 0),
            day(Product.CNC, 10, 0))));
        assertEquals(10, position(INFY, Product.CNC).qty());
    }

    @Test
    void shouldNotCompareAnInstrumentWithAPositionHeldFromAnEarlierSession()
    {
        h.send(c.timer(next(), 1));
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        ts += 24 * 3_600_000_000_000L;
        h.send(c.timer(next(), 1));
        final long positions = positionsHash();

        assertEquals(0, h.send(c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 4, 0),
            day(Product.CNC, 6, 0))));

        assertEquals(positions, positionsHash());
    }

    @Test
    void shouldRefuseABrokerPositionWhoseProductsRunPastTheCommand()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        final int length = c.brokerPosition(next(), ACCOUNT, INFY, day(Product.MIS, 5, 0), day(Product.CNC, 5, 0));

        assertEquals(1, h.send(length - 1));

        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        assertEquals(10, position(INFY, Product.MIS).qty());
    }

    @Test
    void shouldMovePartOfTheDaysBuysToTheNewProductAtTheirAveragePrice()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        fill(INFY, Side.BUY, Product.MIS, 10, 151_000);
        h.send(c.tick(next(), INFY, TickMode.LTP, 152_000, 0, 0));
        final long pnlBefore = position(INFY, Product.MIS).pnlPaise();

        assertEquals(2, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 15, Product.MIS,
            Product.CNC)));

        assertEquals(0, h.sink().countOf(BrokerConversionEventDecoder.TEMPLATE_ID));
        final PositionEventDecoder cnc = h.lastPosition();
        assertEquals(Product.CNC, cnc.product());
        assertEquals(15, cnc.qty());
        assertEquals(15, cnc.dayBuyQty());
        assertEquals(15 * 150_500L, cnc.buyValuePaise());
        assertEquals(150_500, cnc.averagePricePaise());
        assertEquals(15 * 1_500L, cnc.unrealisedPaise());
        final Position mis = position(INFY, Product.MIS);
        assertEquals(5, mis.qty());
        assertEquals(5, mis.dayBuyQty);
        assertEquals(5 * 150_500L, mis.buyValuePaise());
        assertEquals(pnlBefore, mis.pnlPaise() + position(INFY, Product.CNC).pnlPaise());
        assertEquals(mis.pnlPaise(), mis.realisedPaise() + mis.unrealisedPaise());
        assertEquals(0, mis.realisedPaise());
    }

    @Test
    void shouldMoveOpenQuantityBoughtAtAnUnevenAverageWithoutMakingUpRealisedPnl()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 151_145);
        fill(INFY, Side.BUY, Product.MIS, 5, 149_890);
        fill(INFY, Side.SELL, Product.MIS, 8, 149_840);
        h.send(c.tick(next(), INFY, TickMode.LTP, 150_000, 0, 0));
        final Position before = position(INFY, Product.MIS);
        final long pnlBefore = before.pnlPaise();
        final long realisedBefore = before.realisedPaise();
        assertEquals(150_727, before.averagePricePaise());

        assertEquals(2, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 3, Product.MIS,
            Product.CNC)));

        final Position mis = position(INFY, Product.MIS);
        final Position cnc = position(INFY, Product.CNC);
        assertEquals(0, cnc.realisedPaise());
        assertEquals(150_727, cnc.averagePricePaise());
        assertEquals(realisedBefore, mis.realisedPaise());
        assertEquals(pnlBefore, mis.pnlPaise() + cnc.pnlPaise());
    }

    @Test
    void shouldLeaveWhatWasRealisedWithTheOldProductAndMoveOnlyTheOpenQuantity()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        fill(INFY, Side.SELL, Product.MIS, 4, 151_000);

        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 7, Product.MIS,
            Product.CNC)));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.INVALID_QUANTITY);
        assertEquals(6, reject.limitValue());
        assertEquals(7, reject.actualValue());

        assertEquals(2, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 6, Product.MIS,
            Product.CNC)));
        final Position mis = position(INFY, Product.MIS);
        final Position cnc = position(INFY, Product.CNC);
        assertEquals(0, mis.qty());
        assertEquals(4 * 1_000, mis.realisedPaise());
        assertEquals(0, mis.unrealisedPaise());
        assertEquals(6, cnc.qty());
        assertEquals(150_000, cnc.averagePricePaise());
        assertEquals(0, cnc.realisedPaise());
    }

    @Test
    void shouldConvertAShortDerivativesPositionFromIntradayToCarryForward()
    {
        fill(NIFTY_FUT, Side.SELL, Product.MIS, 130, 2_600_000);
        h.send(c.tick(next(), NIFTY_FUT, TickMode.LTP, 2_590_000, 0, 0));

        assertEquals(1, h.send(c.convert(next(), ACCOUNT, NIFTY_FUT, Side.SELL, PositionType.DAY, 60,
            Product.MIS, Product.NRML)));
        assertEquals(65, h.assertRejected(RejectReason.QUANTITY_NOT_LOT_MULTIPLE).limitValue());
        assertEquals(2, h.send(c.convert(next(), ACCOUNT, NIFTY_FUT, Side.SELL, PositionType.DAY, 65,
            Product.MIS, Product.NRML)));

        final PositionEventDecoder nrml = h.lastPosition();
        assertEquals(Product.NRML, nrml.product());
        assertEquals(-65, nrml.qty());
        assertEquals(65, nrml.daySellQty());
        assertEquals(65 * 2_600_000L, nrml.sellValuePaise());
        assertEquals(2_600_000, nrml.averagePricePaise());
        assertEquals(65 * 10_000L, nrml.unrealisedPaise());
        assertEquals(-65, position(NIFTY_FUT, Product.MIS).qty());
        assertEquals(65 * 10_000L, position(NIFTY_FUT, Product.MIS).unrealisedPaise());
    }

    @Test
    void shouldMoveOvernightCarryAtItsPriceAndKeepTheTwoPositionsM2mTogether()
    {
        h.send(c.overnight(next(), ACCOUNT, GOLD, Product.NRML, 3, 12_800_000));
        fill(GOLD, Side.BUY, Product.NRML, 1, 13_000_000);
        final Position nrml = position(GOLD, Product.NRML);

        fill(GOLD, Side.BUY, Product.NRML, 2, 13_000_000);
        fill(GOLD, Side.SELL, Product.NRML, 2, 13_100_000);
        final long m2mBefore = nrml.m2mPaise();
        final long pnlBefore = nrml.pnlPaise();
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, GOLD, Side.BUY, PositionType.DAY, 2, Product.NRML,
            Product.MIS)));
        assertEquals(1, h.assertRejected(RejectReason.INVALID_QUANTITY).limitValue());
        assertEquals(2, h.send(c.convert(next(), ACCOUNT, GOLD, Side.BUY, PositionType.OVERNIGHT, 2, Product.NRML,
            Product.MIS)));

        final Position mis = position(GOLD, Product.MIS);
        assertEquals(2, mis.overnightQty());
        assertEquals(2, mis.qty());
        assertEquals(0, mis.dayBuyQty);
        assertEquals(2 * 12_800_000L * 100, mis.buyValuePaise());
        assertEquals(1, nrml.overnightQty());
        assertEquals(2, nrml.qty());
        assertEquals(3, nrml.dayBuyQty);
        assertEquals(m2mBefore, nrml.m2mPaise() + mis.m2mPaise());
        assertEquals(pnlBefore, nrml.pnlPaise() + mis.pnlPaise());
        assertEquals(0, h.send(c.overnight(next(), ACCOUNT, GOLD, Product.MIS, 2, 12_800_000)));
    }

    @Test
    void shouldRefuseAConversionThatNamesNothingToConvertAndChangeNothing()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        h.sink().clear();

        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.SELL, PositionType.DAY, 1, Product.MIS,
            Product.CNC)));
        assertEquals(0, h.assertRejected(RejectReason.INVALID_QUANTITY).limitValue());
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 5, Product.CNC,
            Product.MIS)));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 5, Product.MIS,
            Product.MIS)));
        h.assertRejected(RejectReason.INVALID_FIELD);
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 5, Product.MIS,
            Product.CO)));
        h.assertRejected(RejectReason.INVALID_FIELD);
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 0, Product.MIS,
            Product.CNC)));
        h.assertRejected(RejectReason.INVALID_QUANTITY);
        assertEquals(1, h.send(c.convert(next(), 99, INFY, Side.BUY, PositionType.DAY, 5, Product.MIS,
            Product.CNC)));
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT);
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, 12_345, Side.BUY, PositionType.DAY, 5, Product.MIS,
            Product.CNC)));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT);
        assertEquals(1, h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.NULL_VAL, 5, Product.MIS,
            Product.CNC)));
        h.assertRejected(RejectReason.INVALID_FIELD);

        assertEquals(10, position(INFY, Product.MIS).qty());
        assertNull(position(INFY, Product.CNC));
    }

    @Test
    void shouldReplayAConversionToTheSameState()
    {
        fill(INFY, Side.BUY, Product.MIS, 10, 150_000);
        h.send(c.convert(next(), ACCOUNT, INFY, Side.BUY, PositionType.DAY, 4, Product.MIS, Product.CNC));
        fill(INFY, Side.SELL, Product.CNC, 2, 152_000);

        final CapturingEventSink original = new CapturingEventSink();
        final CapturingEventSink replayed = new CapturingEventSink();
        final TradingCore fresh = new TradingCore(replayed);
        h.journal().replay(new TradingCore(original));
        h.journal().replay(fresh);

        assertTrue(original.sameBytesAs(replayed));
        assertEquals(h.core().stateHash(), fresh.stateHash());
        assertEquals(2, fresh.account(ACCOUNT).position(fresh.instrumentByToken(INFY), Product.CNC).qty());
    }
}
