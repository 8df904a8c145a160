package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandDecoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.InstrumentsLoadedCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.Segment;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentsCsvParserTest
{
    private static final String HEADER = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry," +
        "strike,tick_size,lot_size,instrument_type,segment,exchange\n";
    private static final String[] INSERTS = {",", "\"", "\"\"", "-", "1e99", "\u0000", "\r"};

    private final InstrumentsCsvParser parser = new InstrumentsCsvParser();
    private final List<Row> rows = new ArrayList<>();
    private final List<End> ends = new ArrayList<>();

    @Test
    void shouldPublishEveryRowOfTheMockDumps()
    {
        final InstrumentsCsvParser.Result all = parser.parse(KiteMocks.text("instruments_all.csv"), 7, this::collect);
        final InstrumentsCsvParser.Result nse = parser.parse(KiteMocks.text("instruments_nse.csv"), 7, this::collect);

        assertEquals(0, all.rejected(), parser.errors().toString());
        assertEquals(0, nse.rejected(), parser.errors().toString());
        assertEquals(all.rows() + nse.rows(), rows.size());
        assertTrue(all.rows() > 90);
        for (final Row row : rows)
        {
            assertEquals(row.token & 0xFF, row.segment.value());
            assertEquals(7, row.timestampNs);
        }
        assertEquals(List.of(new End(7, all.rows(), all.rows(), 0, 0, (int)all.rows()),
            new End(7, nse.rows(), nse.rows(), 0, 0, rows.size())), ends);
        assertTrue(all.ended() && nse.ended());
    }

    @Test
    void shouldConvertAnOptionRowExactly()
    {
        parser.parse(HEADER +
            "12073986,47164,NIFTY21JUN15000CE,\"NIFTY, 50\",0.0,2021-06-24,1.5E+4,0.05,50,CE,NFO-OPT,NFO\n", 1,
            this::collect);

        final Row row = rows.get(0);
        assertEquals(12073986L, row.token);
        assertEquals(47164L, row.exchangeToken);
        assertEquals(Exchange.NFO, row.exchange);
        assertEquals(Segment.NFO, row.segment);
        assertEquals(InstrumentType.CE, row.type);
        assertEquals(1_500_000L, row.strikePaise);
        assertEquals(5L, row.tickPaise);
        assertEquals(50, row.lotSize);
        assertEquals((int)LocalDate.of(2021, 6, 24).toEpochDay(), row.expiryEpochDay);
        assertEquals("NIFTY21JUN15000CE", row.tradingsymbol);
        assertEquals("NIFTY, 50", row.name);
    }

    @Test
    void shouldGiveEachRowTheFreezeQuantityTheDumpLacks()
    {
        final String dump = HEADER +
            "8960258,35008,NIFTY26DECFUT,NIFTY,0,2026-12-29,0,0.1,65,FUT,NFO-FUT,NFO\n" +
            "8960514,35009,NIFTYNXT5026DECFUT,NIFTYNXT50,0,2026-12-29,0,0.1,25,FUT,NFO-FUT,NFO\n" +
            "8960770,35010,BANKNIFTY26D0952000CE,BANKNIFTY,0,2026-12-09,52000,0.05,30,CE,NFO-OPT,NFO\n" +
            "8961026,35011,INFY26DECFUT,INFY,0,2026-12-29,0,0.1,400,FUT,NFO-FUT,NFO\n" +
            "408065,1594,INFY,INFOSYS,0,,0,0.1,1,EQ,NSE,NSE\n" +
            "256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE\n" +
            "826281221,3223124,SENSEX26DECFUT,SENSEX,0,2026-12-31,0,0.05,20,FUT,BFO-FUT,BFO\n";

        new InstrumentsCsvParser().parse(dump, 1, this::collect);
        new InstrumentsCsvParser(FreezeLimits.withChanges("BANKNIFTY=900, infy=2000, NIFTY=0")).parse(dump, 1,
            this::collect);

        assertEquals(List.of(1_800L, 600L, 600L, 0L, 100_000L, 0L, 1_000L, 0L, 600L, 900L, 2_000L, 100_000L, 0L,
            1_000L), rows.stream().map(Row::freezeQty).toList());
    }

    @Test
    void shouldUseTheCurrencyUnitForCdsAndMarkIndices()
    {
        parser.parse(HEADER +
            "412675,1612,USDINR21JUNFUT,USDINR,0,2021-06-28,0,0.0025,1,FUT,CDS-FUT,CDS\n" +
            "256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE\n", 1, this::collect);

        assertEquals(25_000L, rows.get(0).tickPaise);
        assertEquals(InstrumentType.INDEX, rows.get(1).type);
        assertEquals(Segment.INDICES, rows.get(1).segment);
        assertEquals(0, rows.get(1).expiryEpochDay);
    }

    @Test
    void shouldGiveCurrencyAndMcxContractsKitesPositionMultiplier()
    {
        parser.parse(HEADER +
            "412675,1612,USDINR21JUNFUT,USDINR,0,2021-06-28,0,0.0025,1,FUT,CDS-FUT,CDS\n" +
            "53505799,209007,CRUDEOIL26DECFUT,CRUDEOIL,0,2026-12-18,0,1,1,FUT,MCX-FUT,MCX\n" +
            "53505543,209006,CRUDEOIL26DEC6000CE,CRUDEOIL,0,2026-12-16,6000,0.1,1,CE,MCX-OPT,MCX\n" +
            "53506055,209008,LEADMINI26DECFUT,LEADMINI,0,2026-12-31,0,0.05,1,FUT,MCX-FUT,MCX\n" +
            "53506311,209009,GOLDGUINEA26DECFUT,GOLDGUINEA,0,2026-12-31,0,1,1,FUT,MCX-FUT,MCX\n" +
            "53506567,209010,KAPAS26DECFUT,KAPAS,0,2026-12-31,0,0.5,1,FUT,MCX-FUT,MCX\n" +
            "408065,1594,INFY,INFOSYS,0,,0,0.05,1,EQ,NSE,NSE\n" +
            "13238786,51714,NIFTY26DECFUT,NIFTY,0,2026-12-29,0,0.1,65,FUT,NFO-FUT,NFO\n", 1, this::collect);

        assertEquals(List.of(1_000, 100, 100, 1_000, 1, 1, 1, 1), rows.stream().map(Row::multiplier).toList());
    }

    @Test
    void shouldSkipAndCountBadRowsNamingTheFieldAndGoOn()
    {
        final InstrumentsCsvParser.Result result = parser.parse(HEADER +
            "abc,1,X,n,0,,0,0.05,1,EQ,NSE,NSE\n" +
            "408065,1594,INFY,INFOSYS,0,,0,0.05,1,EQ,NSE,XYZ\n" +
            "408065,1594,INFY,INFOSYS,0,2021-13-01,0,0.05,1,EQ,NSE,NSE\n" +
            "408065,1594,INFY,INFOSYS,0,,0,zero,1,EQ,NSE,NSE\n" +
            "408065,1594\n" +
            "408065,1594,INFY,INFOSYS,0,,0,0.05,1,EQ,NSE,NSE\n", 1, this::collect);

        assertEquals(6, result.rows());
        assertEquals(5, result.rejected());
        assertEquals(1, result.published());
        assertEquals(List.of(new End(1, 6, 1, 5, 0, 1)), ends);
        assertArrayEquals(new long[]{408065}, result.tokens());
        assertTrue(parser.errors().get(0).contains("line 2: field instrument_token"), parser.errors().get(0));
        assertTrue(parser.errors().get(1).contains("field exchange"), parser.errors().get(1));
        assertTrue(parser.errors().get(3).contains("field tick_size"), parser.errors().get(3));
        assertEquals("INFY", rows.get(0).tradingsymbol);
    }

    @Test
    void shouldNeverThrowForMangledRowsAndStillPublishEveryIntactOne()
    {
        final String[] lines = KiteMocks.text("instruments_all.csv").split("\n");
        final SplittableRandom random = new SplittableRandom(20261201);
        for (int round = 0; round < 200; round++)
        {
            final StringBuilder dump = new StringBuilder(lines[0]).append('\n');
            final Set<String> intact = new HashSet<>();
            int mangled = 0;
            int blank = 0;
            for (int i = 1; i < lines.length; i++)
            {
                if (random.nextInt(4) == 0)
                {
                    final StringBuilder line = new StringBuilder(lines[i]);
                    final int at = random.nextInt(line.length());
                    switch (random.nextInt(4))
                    {
                        case 0 -> line.setCharAt(at, (char)(32 + random.nextInt(95)));
                        case 1 -> line.setLength(at);
                        case 2 -> line.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                        default -> line.setCharAt(at, (char)(0x80 + random.nextInt(0x7F00)));
                    }
                    dump.append(line).append('\n');
                    mangled++;
                    blank += line.isEmpty() ? 1 : 0;
                }
                else
                {
                    dump.append(lines[i]).append('\n');
                    intact.add(lines[i].substring(0, lines[i].indexOf(',')));
                }
            }
            rows.clear();

            final InstrumentsCsvParser.Result result = parser.parse(dump.toString(), 1, this::collect);

            assertEquals(lines.length - 1 - blank, result.rows(), "round " + round);
            assertEquals(result.rows(), result.published() + result.rejected(), "round " + round);
            assertTrue(result.rejected() <= mangled, "round " + round);
            final Set<String> published = new HashSet<>();
            rows.forEach(r -> published.add(Long.toString(r.token)));
            assertTrue(published.containsAll(intact), "round " + round + ": an intact row was not published");
        }
    }

    @Test
    void shouldRefuseADumpWithoutTheExpectedHeader()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> parser.parse("a,b,c\n1,2,3\n", 1, this::collect));

        assertTrue(error.getMessage().contains("instrument_token"));
    }

    @Test
    void shouldCountRowsThePublisherRefused()
    {
        final InstrumentsCsvParser.Result result = parser.parse(KiteMocks.text("instruments_nse.csv"), 1,
            (buffer, offset, length) -> false);

        assertEquals(result.rows(), result.dropped());
        assertEquals(0, result.tokens().length);
        assertFalse(result.ended());
    }

    @Test
    void shouldEndADumpWhoseRowsTheRingRefusedWithTheirCount()
    {
        final int[] offered = {0};
        final InstrumentsCsvParser.Result result = parser.parse(KiteMocks.text("instruments_nse.csv"), 3,
            (buffer, offset, length) -> ++offered[0] % 2 == 0 ? collect(buffer, offset, length) :
                new MessageHeaderDecoder().wrap(buffer, offset).templateId() ==
                    InstrumentsLoadedCommandDecoder.TEMPLATE_ID && collect(buffer, offset, length));

        assertTrue(result.ended());
        assertEquals(result.rows(), result.published() + result.dropped());
        assertEquals(rows.size(), result.published());
        assertEquals(List.of(new End(3, result.rows(), result.published(), 0, result.dropped(), rows.size())), ends);
    }

    @Test
    void shouldEndAnEmptyDumpToo()
    {
        final InstrumentsCsvParser.Result result = parser.parse(HEADER, 5, this::collect);

        assertEquals(0, result.rows());
        assertTrue(result.ended());
        assertEquals(List.of(new End(5, 0, 0, 0, 0, 0)), ends);
    }

    private boolean collect(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, offset, length);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(copy, 0);
        if (header.templateId() == InstrumentsLoadedCommandDecoder.TEMPLATE_ID)
        {
            final InstrumentsLoadedCommandDecoder end = new InstrumentsLoadedCommandDecoder()
                .wrap(copy, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            ends.add(new End(end.timestampNs(), end.rows(), end.published(), end.rejected(), end.dropped(),
                rows.size()));
            return true;
        }
        assertEquals(InstrumentDefinitionCommandDecoder.TEMPLATE_ID, header.templateId());
        final InstrumentDefinitionCommandDecoder decoder = new InstrumentDefinitionCommandDecoder()
            .wrap(copy, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        rows.add(new Row(decoder.timestampNs(), decoder.instrumentToken(), decoder.exchangeToken(), decoder.exchange(),
            decoder.segment(), decoder.instrumentType(), decoder.tickSizePaise(), decoder.lotSize(),
            decoder.expiryEpochDay(), decoder.strikePricePaise(), decoder.multiplier(), decoder.freezeQty(),
            decoder.tradingsymbol().trim(), decoder.name()));
        return true;
    }

    private record End(long timestampNs, long rows, long published, long rejected, long dropped, int rowsBefore)
    {
    }

    private record Row(
        long timestampNs, long token, long exchangeToken, Exchange exchange, Segment segment, InstrumentType type,
        long tickPaise, int lotSize, int expiryEpochDay, long strikePaise, int multiplier, long freezeQty,
        String tradingsymbol, String name)
    {
    }
}
