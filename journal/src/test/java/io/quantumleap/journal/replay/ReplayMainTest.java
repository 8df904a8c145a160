package io.quantumleap.journal.replay;

import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalIndex;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.RecordedSession;
import io.quantumleap.journal.schema.JournalSchema;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.quantumleap.journal.RecordedSession.INFY;
import static io.quantumleap.journal.RecordedSession.RELIANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayMainTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return ReplayMain.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8), false, args);
    }

    private String out()
    {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private Path record(final java.util.function.UnaryOperator<EventSink> decorator)
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal, decorator).setUp().ticks(10).buyAndFill(1, INFY, 10, 150_000).ticks(10)
                .buyAndFill(2, RELIANCE, 5, 250_000).ticks(4);
        }
        return journalDir;
    }

    private Path record()
    {
        return record(java.util.function.UnaryOperator.identity());
    }

    @Test
    void shouldExitZeroAndSayIdenticalWhenVerifyingAnUntouchedJournal()
    {
        final Path journal = record();
        assertEquals(0, run("--journal", journal.toString(), "--verify"), err());
        assertTrue(out().startsWith("identical: "), out());
        assertTrue(err().contains("excerpts/s"), err());
    }

    @Test
    void shouldExitOneAndPrintTheFirstDifferingIndexAndBothEventsWhenOutDiffers()
    {
        final int[] seen = new int[1];
        final Path journal = record((sink) -> (sequence, buffer, offset, length) ->
        {
            if (JournalSchema.templateId(buffer, offset) == MarketUpdateEventDecoder.TEMPLATE_ID && ++seen[0] == 5)
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, buffer, offset, length);
                copy.putLong(JournalSchema.HEADER_LENGTH + MarketUpdateEventDecoder.lastPricePaiseEncodingOffset(), 1);
                sink.onEvent(sequence, copy, 0, length);
                return;
            }
            sink.onEvent(sequence, buffer, offset, length);
        });
        long tamperedIndex = -1;
        try (Journal j = Journal.open(new JournalContext().journalDir(journal).readOnly(true)))
        {
            final long[] found = new long[]{ -1 };
            Replay.of(j).stream(JournalStream.OUT).into((index, buffer, offset, length) ->
            {
                if (found[0] < 0 && buffer.getLong(offset + JournalSchema.HEADER_LENGTH +
                    MarketUpdateEventDecoder.lastPricePaiseEncodingOffset()) == 1 &&
                    JournalSchema.templateId(buffer, offset) == MarketUpdateEventDecoder.TEMPLATE_ID)
                {
                    found[0] = index;
                }
            }).run();
            tamperedIndex = found[0];
        }

        assertEquals(1, run("--journal", journal.toString(), "--verify"), err());
        final List<String> lines = out().lines().toList();
        assertTrue(lines.get(0).startsWith("DIFFERENT at out index " + JournalIndex.describe(tamperedIndex) +
            ", caused by in index "),
            lines.get(0));
        assertTrue(lines.get(1).contains("replayed: ") && lines.get(1).contains("lastPricePaise="), lines.get(1));
        assertTrue(lines.get(2).contains("recorded: ") && lines.get(2).contains("lastPricePaise=1|"), lines.get(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void shouldVerifyADayRecordedAtAnOlderSchemaVersionOnWhatThatVersionDefines(final int version)
    {
        final Path journal = record(olderVersion(version, false));
        assertEquals(0, run("--journal", journal.toString(), "--verify"), err() + out());
        assertTrue(out().startsWith("identical: "), out());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void shouldStillFindADifferenceInAnEventRecordedAtAnOlderSchemaVersion(final int version)
    {
        final Path tampered = record(olderVersion(version, true));
        assertEquals(1, run("--journal", tampered.toString(), "--verify"), err());
        assertTrue(out().lines().anyMatch((line) -> line.contains("recorded: ") && line.contains("qty=999|")),
            out());
    }

    /**
     * Records order events as an older version wrote them: version 2 without any var data, version 6 also without
     * the fields the block gained in version 7 (the order's terms) and the auction number after its var data.
     */
    private static java.util.function.UnaryOperator<EventSink> olderVersion(
        final int version, final boolean tamperAnOrder)
    {
        return (sink) -> (sequence, buffer, offset, length) ->
        {
            final boolean order = JournalSchema.templateId(buffer, offset) == OrderEventDecoder.TEMPLATE_ID;
            final int header = JournalSchema.HEADER_LENGTH;
            final int block = order && version < 7 ? OrderEventDecoder.disclosedQtyEncodingOffset() :
                OrderEventDecoder.BLOCK_LENGTH;
            int varData = 0;
            if (order && version >= 4)
            {
                for (int field = 0; field < 3; field++)
                {
                    varData += Integer.BYTES + buffer.getInt(offset + header + OrderEventDecoder.BLOCK_LENGTH + varData,
                        java.nio.ByteOrder.LITTLE_ENDIAN);
                }
            }
            final int kept = order ? header + block + varData : length;
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[kept]);
            copy.putBytes(0, buffer, offset, order ? header + block : length);
            if (order)
            {
                copy.putBytes(header + block, buffer, offset + header + OrderEventDecoder.BLOCK_LENGTH, varData);
                copy.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)block,
                    java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            copy.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)version,
                java.nio.ByteOrder.LITTLE_ENDIAN);
            if (order && tamperAnOrder)
            {
                copy.putLong(header + OrderEventDecoder.qtyEncodingOffset(), 999, java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            sink.onEvent(sequence, copy, 0, kept);
        };
    }

    @Test
    void shouldExportTheFillsOfOneInstrumentAsCsv() throws Exception
    {
        final Path journal = record();
        final Path csv = dir.resolve("fills.csv");
        assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--format", "csv",
            "--out", csv.toString(), "--instrument", "NSE:RELIANCE"), err());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals("index,inputSequence,timestampNs,accountId,clientOrderId,brokerOrderId,tradeId,instrumentToken," +
            "symbol,side,product,qty,pricePaise,exchangeTimeS,priceDecimals", lines.get(0));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains(",1,2,B2,T2," + RELIANCE + ",NSE:RELIANCE,BUY,MIS,5,250000,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",2"), lines.get(1));
        assertTrue(out().startsWith("exported 1 fills rows to "), out());
    }

    @Test
    void shouldExportTheFillsAsJsonLinesKeyedAsTheCsvHeader() throws Exception
    {
        final Path journal = record();
        final Path jsonl = dir.resolve("fills.jsonl");
        assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--format", "jsonl",
            "--out", jsonl.toString(), "--instrument", "NSE:RELIANCE"), err());

        final List<String> lines = Files.readAllLines(jsonl);
        assertEquals(1, lines.size(), lines.toString());
        final com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(lines.get(0));
        assertEquals("NSE:RELIANCE", row.get("symbol").asText(), lines.get(0));
        assertEquals(250000, row.get("pricePaise").asLong(), lines.get(0));
        assertEquals("T2", row.get("tradeId").asText(), lines.get(0));
    }

    @Test
    void shouldRefuseAFromAfterItsToAsNothingLiesBetween() throws Exception
    {
        final Path journal = record();
        final Path csv = dir.resolve("none.csv");

        assertEquals(2, run("--journal", journal.toString(), "--export", "fills", "--out", csv.toString(),
            "--from", "2026-11-30T10:00:00Z", "--to", "2026-11-30T09:00:00Z"));
        assertTrue(err().contains("--from 2026-11-30T10:00:00Z is after --to 2026-11-30T09:00:00Z: nothing lies " +
            "between"), err());
        assertEquals(2, run("--journal", journal.toString(), "--print", "--from", "9", "--to", "3"));
        assertTrue(err().contains("--from 9 is after --to 3"), err());
    }

    @Test
    void shouldExportTheTermsOfEachOrder() throws Exception
    {
        final List<String> lines = exportIcebergOrder(java.util.function.UnaryOperator.identity(), "csv");
        assertEquals("index,inputSequence,timestampNs,accountId,clientOrderId,brokerOrderId,status,instrumentToken," +
            "symbol,side,orderType,product,validity,variety,qty,filledQty,pendingQty,cancelledQty,pricePaise," +
            "triggerPricePaise,averagePricePaise,modifyCount,exchangeTimeS,tag,statusMessage,userTag,parentOrderId," +
            "external,disclosedQty,validityTtlMinutes,marketProtectionPct,icebergLegs,icebergQty,auctionNumber," +
            "priceDecimals", lines.get(0));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("," + INFY + ",NSE:INFY,BUY,LIMIT,MIS,TTL,iceberg,100,0,100,0,150000,"),
            lines.get(1));
        assertTrue(lines.get(1).endsWith(",0,10,5,0,4,25,,2"), lines.get(1));
    }

    @Test
    void shouldLeaveTheTermsOfAnOrderRecordedBeforeTheyWereEmpty() throws Exception
    {
        final List<String> lines = exportIcebergOrder(olderVersion(6, false), "csv");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains(",BUY,LIMIT,MIS,TTL,iceberg,100,0,100,0,150000,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",0,,,,,,,2"), lines.get(1));
    }

    @Test
    void shouldWriteTheTermsOfAnOrderRecordedBeforeTheyWereAsParquetNulls() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            final boolean[] older = {true};
            final RecordedSession session = new RecordedSession(journal, (sink) ->
            {
                final EventSink downgraded = olderVersion(6, false).apply(sink);
                return (sequence, buffer, offset, length) ->
                    (older[0] ? downgraded : sink).onEvent(sequence, buffer, offset, length);
            });
            session.setUp().placeIcebergWithTtl(1, INFY, 100, 150_000);
            older[0] = false;
            session.placeIcebergWithTtl(2, INFY, 100, 150_000);
        }
        final Path parquet = dir.resolve("orders.parquet");
        assertEquals(0, run("--journal", journalDir.toString(), "--export", "orders", "--format", "parquet",
            "--out", parquet.toString()), err());

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet),
            org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build()))
        {
            final MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(org.apache.parquet.schema.Type.Repetition.OPTIONAL,
                schema.getType("icebergLegs").getRepetition());
            assertEquals(2, reader.getRecordCount());
            final RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                .getRecordReader(reader.readNextRowGroup(), new GroupRecordConverter(schema));
            final Group older = records.read();
            assertEquals(1, older.getLong("clientOrderId", 0));
            assertEquals(0, older.getFieldRepetitionCount("icebergLegs"));
            assertEquals(0, older.getFieldRepetitionCount("validityTtlMinutes"));
            final Group newer = records.read();
            assertEquals(2, newer.getLong("clientOrderId", 0));
            assertEquals(4, newer.getLong("icebergLegs", 0));
            assertEquals(5, newer.getLong("validityTtlMinutes", 0));
        }
    }

    private List<String> exportIcebergOrder(final java.util.function.UnaryOperator<EventSink> decorator,
        final String format) throws Exception
    {
        final Path journalDir = dir.resolve("journal-" + format);
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal, decorator).setUp().placeIcebergWithTtl(1, INFY, 100, 150_000).ticks(2);
        }
        final Path file = dir.resolve("orders." + format);
        assertEquals(0, run("--journal", journalDir.toString(), "--export", "orders", "--format", format,
            "--out", file.toString()), err());
        return Files.readAllLines(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl", "parquet"})
    void shouldSpellEveryEnumOfAnExportAsKiteAndTheApiDo(final String format) throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().buyAndFill(1, INFY, 10, 150_000)
                .stopLossMarketSell(2, INFY, 10, 149_000).ticks(2);
        }
        final java.util.Map<String, List<java.util.Map<String, String>>> tables = new java.util.TreeMap<>();
        for (final String table : List.of("orders", "fills", "positions", "ticks"))
        {
            final Path file = dir.resolve(table + "." + format);
            assertEquals(0, run("--journal", journalDir.toString(), "--export", table, "--format", format,
                "--out", file.toString()), err());
            tables.put(table, readRows(file, format));
        }

        final List<java.util.Map<String, String>> stopLoss = tables.get("orders").stream()
            .filter((row) -> "2".equals(row.get("clientOrderId"))).toList();
        assertEquals(List.of("PENDING", "PUT ORDER REQ RECEIVED", "TRIGGER PENDING"),
            stopLoss.stream().map((row) -> row.get("status")).toList());
        for (final java.util.Map<String, String> row : stopLoss)
        {
            assertEquals(List.of("SELL", "SL-M", "MIS", "DAY", "regular"), List.of(row.get("side"),
                row.get("orderType"), row.get("product"), row.get("validity"), row.get("variety")), row.toString());
        }
        assertEquals(List.of("BUY MIS"), tables.get("fills").stream()
            .map((row) -> row.get("side") + " " + row.get("product")).toList());
        assertTrue(tables.get("positions").stream().allMatch((row) -> "MIS".equals(row.get("product"))),
            tables.get("positions").toString());
        assertEquals(List.of("quote", "quote", "full", "full"), tables.get("ticks").stream()
            .map((row) -> row.get("mode")).toList());
    }

    @Test
    void shouldSpellTheStateOfItsOrdersAsKiteDoesInTheSummaryOfAReplay()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().stopLossMarketSell(2, INFY, 10, 149_000);
        }

        assertEquals(0, run("--journal", journalDir.toString()), err());
        final List<String> lines = out().lines().toList();
        final String order = lines.get(lines.indexOf("Orders (1)") + 2);
        assertTrue(order.contains(" SELL ") && order.contains(" SL-M ") && order.endsWith(" TRIGGER PENDING"), order);

        stdout.reset();
        assertEquals(0, run("--journal", journalDir.toString(), "--state-at", "2030-01-01"), err());
        assertTrue(out().contains(" SL-M ") && out().contains(" TRIGGER PENDING"), out());
    }

    @Test
    void shouldSpellEveryEnumItPrintsAsKiteAndTheApiDo()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().stopLossMarketSell(2, INFY, 10, 149_000).ticks(2);
        }
        final String terms = "|side=SELL|orderType=SL-M|product=MIS|validity=DAY|variety=regular|";

        assertEquals(0, run("--journal", journalDir.toString(), "--print"), err());
        final List<String> events = out().lines().toList();
        assertEquals(List.of("PENDING", "PUT ORDER REQ RECEIVED", "TRIGGER PENDING"), events.stream()
            .filter((line) -> line.contains("[OrderEvent]") && line.contains(terms))
            .map((line) -> line.replaceAll(".*\\|status=([^|]*)\\|.*", "$1")).toList(), out());
        assertTrue(events.stream().anyMatch((line) -> line.contains("[MarketUpdateEvent]") &&
            line.contains("|mode=quote|")), out());
        assertTrue(events.stream().anyMatch((line) -> line.contains("[MarketUpdateEvent]") &&
            line.contains("|mode=full|")), out());

        stdout.reset();
        assertEquals(0, run("--journal", journalDir.toString(), "--stream", "in", "--print"), err());
        final List<String> commands = out().lines().toList();
        assertTrue(commands.stream().anyMatch((line) -> line.contains("[PlaceOrderCommand]") &&
            line.contains(terms.substring(0, terms.length() - 1) + "|qty=10|")), out());
        assertTrue(commands.stream().anyMatch((line) -> line.contains("[OrderUpdateCommand]") &&
            line.contains("|status=TRIGGER PENDING|") && line.contains("|side=SELL|orderType=SL-M|")), out());
        assertTrue(commands.stream().anyMatch((line) -> line.contains("[MarketDataCommand]") &&
            line.contains("|mode=full|")), out());

        for (final String line : java.util.stream.Stream.concat(events.stream(), commands.stream()).toList())
        {
            for (final String sbeName : List.of("SL_M", "TRIGGER_PENDING", "PUT_ORDER_REQ_RECEIVED",
                "PENDING_RISK", "=REGULAR", "=QUOTE", "=FULL"))
            {
                assertFalse(line.contains(sbeName), sbeName + " in " + line);
            }
        }
    }

    /** @return every row of an export, each value as text as the file holds it (null for an empty Parquet one). */
    private static List<java.util.Map<String, String>> readRows(final Path file, final String format)
        throws Exception
    {
        final List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
        if ("csv".equals(format))
        {
            final List<String> lines = Files.readAllLines(file);
            final String[] header = lines.get(0).split(",", -1);
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] values = line.split(",", -1);
                final java.util.Map<String, String> row = new java.util.HashMap<>();
                for (int i = 0; i < header.length; i++)
                {
                    row.put(header[i], values[i]);
                }
                rows.add(row);
            }
            return rows;
        }
        if ("jsonl".equals(format))
        {
            final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (final String line : Files.readAllLines(file))
            {
                final com.fasterxml.jackson.databind.JsonNode object = json.readTree(line);
                final java.util.Map<String, String> row = new java.util.HashMap<>();
                object.fieldNames().forEachRemaining((name) -> row.put(name, object.get(name).asText()));
                rows.add(row);
            }
            return rows;
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
            org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build()))
        {
            final MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while (null != (pages = reader.readNextRowGroup()))
            {
                final RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++)
                {
                    final Group group = records.read();
                    final java.util.Map<String, String> row = new java.util.HashMap<>();
                    for (final org.apache.parquet.schema.Type field : schema.getFields())
                    {
                        row.put(field.getName(), group.getFieldRepetitionCount(field.getName()) == 0 ? null :
                            group.getValueToString(schema.getFieldIndex(field.getName()), 0));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void shouldExportIntoTheDataFoldersExportsWhenNoFileIsNamed() throws Exception
    {
        final Path journal = record();

        assertEquals(0, run("--journal", journal.toString(), "--export", "fills"), err());

        final Path exports = journal.toAbsolutePath().getParent().resolve("exports");
        try (java.util.stream.Stream<Path> files = Files.list(exports))
        {
            final List<Path> written = files.toList();
            assertEquals(1, written.size(), written.toString());
            assertTrue(written.get(0).getFileName().toString().matches("fills-\\d{8}T\\d{6}Z\\.csv"),
                written.toString());
            assertEquals(3, Files.readAllLines(written.get(0)).size());
            assertTrue(out().startsWith("exported 2 fills rows to " + written.get(0)), out());
        }
    }

    @Test
    void shouldExportTicksAsParquetThatParquetsOwnReaderReads() throws Exception
    {
        final Path journal = record();
        final Path parquet = dir.resolve("ticks.parquet");
        assertEquals(0, run("--journal", journal.toString(), "--export", "ticks", "--format", "parquet",
            "--out", parquet.toString(), "--instrument", Long.toString(INFY)), err());

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet),
            org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build()))
        {
            final MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS),
                schema.getType("timestampNs").getLogicalTypeAnnotation());
            assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("mode").getLogicalTypeAnnotation());
            assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("symbol").getLogicalTypeAnnotation());
            assertEquals(org.apache.parquet.schema.Type.Repetition.OPTIONAL, schema.getType("symbol").getRepetition());
            assertEquals(schema.getFieldIndex("instrumentToken") + 1, schema.getFieldIndex("symbol"));
            assertNull(schema.getType("lastPricePaise").getLogicalTypeAnnotation());
            assertEquals(13, reader.getRecordCount());
            assertEquals("quantumleap",
                reader.getFooter().getFileMetaData().getKeyValueMetaData().get("writer.model.name"));
            final PageReadStore pages = reader.readNextRowGroup();
            final RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                .getRecordReader(pages, new GroupRecordConverter(schema));
            final Group first = records.read();
            assertEquals(INFY, first.getLong("instrumentToken", 0));
            assertEquals("NSE:INFY", first.getString("symbol", 0));
            assertEquals("quote", first.getString("mode", 0));
            assertEquals(150_000, first.getLong("lastPricePaise", 0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "time"})
    void shouldNameTheSymbolOfRowsAfterTheRangesStartOfAnInstrumentDefinedBeforeIt(final String bound)
        throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final long firstTickIndex;
        final long firstTickTimeNs;
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            final RecordedSession session = new RecordedSession(journal).setUp();
            firstTickIndex = session.lastIndex() + 1;
            firstTickTimeNs = session.time() + RecordedSession.SECOND;
            session.ticks(4);
        }
        final String from = "index".equals(bound) ? Long.toString(firstTickIndex) :
            java.time.Instant.ofEpochSecond(0, firstTickTimeNs).toString();
        final Path csv = dir.resolve("ticks.csv");

        assertEquals(0, run("--journal", journalDir.toString(), "--export", "ticks", "--out", csv.toString(),
            "--from", from, "--instrument", "NSE:INFY"), err());

        final List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("index,timestampNs,instrumentToken,symbol,mode,"), lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(Long.toString(firstTickIndex), lines.get(1).split(",")[0]);
        for (final String line : lines.subList(1, lines.size()))
        {
            assertEquals(List.of(Long.toString(INFY), "NSE:INFY"), List.of(line.split(",")).subList(2, 4), line);
        }
    }

    @Test
    void shouldLeaveTheSymbolOfAnInstrumentTheJournalNeverDefinedEmpty() throws Exception
    {
        final long undefined = 1_234_561;
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().quote(undefined, 10_000);
        }
        final Path csv = dir.resolve("ticks.csv");
        final Path parquet = dir.resolve("ticks.parquet");

        assertEquals(0, run("--journal", journalDir.toString(), "--export", "ticks", "--out", csv.toString(),
            "--instrument", Long.toString(undefined)), err());
        assertEquals(0, run("--journal", journalDir.toString(), "--export", "ticks", "--format", "parquet",
            "--out", parquet.toString(), "--instrument", Long.toString(undefined)), err());

        assertEquals(2, run("--journal", journalDir.toString(), "--export", "ticks", "--out", csv.toString(),
            "--instrument", "4294967296"));
        assertTrue(err().contains("--instrument '4294967296': not an instrument token: a token is 1 to 4294967295 " +
            "(Kite's are 32-bit)"), err());

        final List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("," + undefined + ",,quote,10000,"), lines.get(1));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet),
            org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build()))
        {
            final MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(1, reader.getRecordCount());
            final Group row = new ColumnIOFactory().getColumnIO(schema)
                .getRecordReader(reader.readNextRowGroup(), new GroupRecordConverter(schema)).read();
            assertEquals(undefined, row.getLong("instrumentToken", 0));
            assertEquals(0, row.getFieldRepetitionCount("symbol"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--export ticks", "--export fills", "--print", "--print --stream out",
        "--state-at 2030-01-01", "--to 2030-01-01"})
    void shouldRefuseATokenTheJournalNeitherDefinesNorHoldsAnythingAboutNamingWhatItDefines(final String mode)
    {
        final Path journal = record();
        final Path csv = dir.resolve("rows.csv");
        final List<String> args = new java.util.ArrayList<>(List.of("--journal", journal.toString(), "--instrument",
            Long.toString(INFY), "--instrument", "12345"));
        args.addAll(List.of(mode.split(" ")));
        if (mode.startsWith("--export"))
        {
            args.addAll(List.of("--out", csv.toString()));
        }

        assertEquals(2, run(args.toArray(String[]::new)), out());

        assertEquals("qleap replay: --instrument 12345: the journal defines no such instrument and holds nothing " +
            "about it (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)", err().strip());
        assertEquals("", out());
        assertFalse(Files.exists(csv));
    }

    @Test
    void shouldRefuseEveryInstrumentTheJournalKnowsNothingOfInOneLine()
    {
        final Path journal = record();

        assertEquals(2, run("--journal", journal.toString(), "--export", "ticks", "--out",
            dir.resolve("ticks.csv").toString(), "--instrument", "12345", "--instrument", "NSE:INFY",
            "--instrument", "NSE:TCS"), out());

        assertEquals("qleap replay: --instrument 12345, NSE:TCS: the journal defines none of these 2 instruments " +
            "and holds nothing about the tokens among them (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)",
            err().strip());
    }

    @Test
    void shouldRefuseEveryInstrumentOfNeitherFormWithThoseTheJournalKnowsNothingOfInOneLine()
    {
        final Path journal = record();

        assertEquals(2, run("--journal", journal.toString(), "--export", "ticks", "--out",
            dir.resolve("ticks.csv").toString(), "--instrument", "INFY", "--instrument", "12345", "--instrument",
            "NSE", "--instrument", "NSE:INFY"), out());

        assertEquals("qleap replay: --instrument 'INFY', 'NSE': none of these 2 is EXCHANGE:SYMBOL (NSE:INFY) or an " +
            "instrument token (408065); 12345: the journal defines no such instrument and holds nothing about it (it " +
            "defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)", err().strip());
        assertFalse(Files.exists(dir.resolve("ticks.csv")));
    }

    @Test
    void shouldRefuseASymbolTheJournalDoesNotDefineNamingWhatItDefines()
    {
        final Path journal = record();

        assertEquals(2, run("--journal", journal.toString(), "--export", "fills", "--out",
            dir.resolve("fills.csv").toString(), "--instrument", "NSE:TCS"), out());

        assertEquals("qleap replay: --instrument NSE:TCS: the journal defines no such instrument (it defines 2: " +
            "408065 NSE:INFY, 738561 NSE:RELIANCE)", err().strip());
    }

    @Test
    void shouldExportNoRowsOfAnInstrumentTheJournalDefinesButHasNoneOfInTheRange() throws Exception
    {
        final Path journal = record();
        final Path csv = dir.resolve("fills.csv");

        assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--out", csv.toString(),
            "--instrument", Long.toString(INFY), "--to", "2026-05-29 01:56:40"), err());

        assertEquals(1, Files.readAllLines(csv).size());
        assertTrue(out().startsWith("exported 0 fills rows to "), out());
    }

    @Test
    void shouldNameAnInstrumentDefinedAgainByItsNewerSymbolFromThenOn() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().buyAndFill(1, INFY, 10, 150_000).quote(INFY, 150_100)
                .define(INFY, "INFOSYS").quote(INFY, 150_200).buyAndFill(2, INFY, 5, 150_200);
        }
        final Path ticks = dir.resolve("ticks.csv");
        final Path fills = dir.resolve("fills.csv");

        assertEquals(0, run("--journal", journalDir.toString(), "--export", "ticks", "--out", ticks.toString(),
            "--instrument", Long.toString(INFY)), err());
        assertEquals(0, run("--journal", journalDir.toString(), "--export", "fills", "--out", fills.toString()),
            err());

        final List<String> tickSymbols = Files.readAllLines(ticks).stream().skip(1)
            .map((line) -> line.split(",")[3]).toList();
        assertEquals(List.of("NSE:INFY", "NSE:INFY", "NSE:INFOSYS"), tickSymbols);
        final List<String> fillSymbols = Files.readAllLines(fills).stream().skip(1)
            .map((line) -> line.split(",")[4] + " " + line.split(",")[8]).toList();
        assertEquals(List.of("1 NSE:INFY", "2 NSE:INFOSYS"), fillSymbols);
    }

    @Test
    void shouldPrintPositionsOrdersAndPnlAsTheyWereAtAnIndex()
    {
        final Path journal = record();
        final long afterFirstFill;
        try (Journal j = Journal.open(new JournalContext().journalDir(journal).readOnly(true)))
        {
            afterFirstFill = j.firstIndex(JournalStream.IN) + 5 + 10 + 5 - 1;
        }
        assertEquals(0, run("--journal", journal.toString(), "--state-at", Long.toString(afterFirstFill)), err());
        final String out = out();
        assertTrue(out.contains("Positions (1)"), out);
        assertTrue(out.contains("NSE:INFY (" + INFY + ")"), out);
        assertTrue(out.contains("Orders (1)"), out);
        assertTrue(out.contains("COMPLETE"), out);
        assertFalse(out.contains("RELIANCE ("), out);
        assertTrue(out.contains("P&L"), out);
        assertTrue(out.startsWith("State after index " + afterFirstFill + " ("), out);
    }

    @Test
    void shouldSummariseTheDayAPlainReplayReachesWithItsPositionsOrdersAndPnl()
    {
        final Path journal = record();

        assertEquals(0, run("--journal", journal.toString()), err());

        final String out = out();
        assertTrue(out.startsWith("Replayed to index "), out);
        assertTrue(out.lines().findFirst().orElseThrow().matches("Replayed to index .*: \\d+ commands into a " +
            "fresh core, \\d+ events"), out);
        assertTrue(out.contains("Positions (2)"), out);
        assertTrue(out.contains("NSE:INFY (" + INFY + ")"), out);
        assertTrue(out.contains("Orders (2)"), out);
        assertTrue(out.contains("P&L"), out);
        assertTrue(err().contains("state hash of the fresh core: "), err());
    }

    @Test
    void shouldLineUpEveryColumnOfTheSummaryWhateverTheWidthOfItsValues()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            new RecordedSession(journal, java.util.function.UnaryOperator.identity()).setUp().ticks(4)
                .buyAndFill(1_796_397_095_408_632L, INFY, 10, 150_000).ticks(4).buyAndFill(7, RELIANCE, 5, 250_000);
        }

        assertEquals(0, run("--journal", journalDir.toString()), err());

        final List<String> lines = out().lines().toList();
        final int orders = lines.indexOf("Orders (2)");
        final String header = lines.get(orders + 1);
        final List<String> rows = lines.subList(orders + 2, orders + 4);
        assertTrue(rows.get(1).contains(" 1796397095408632 B1796397095408632 "), rows.get(1));
        for (final String column : List.of("clientId", "brokerId", "instrument", "side", "status"))
        {
            final int at = header.indexOf(column);
            for (final String row : rows)
            {
                assertTrue(row.charAt(at - 1) == ' ' && row.charAt(at) != ' ', column + "\n" + header + "\n" + row);
            }
        }
        for (final String column : List.of("qty", "filled", "price", "avg"))
        {
            final int end = header.indexOf(" " + column + " ") + column.length();
            for (final String row : rows)
            {
                assertTrue(row.charAt(end) != ' ' && row.charAt(end + 1) == ' ', column + "\n" + header + "\n" + row);
            }
        }
        final int positions = lines.indexOf("Positions (2)");
        final int pnlEnd = lines.get(positions + 1).length();
        assertTrue(lines.get(positions + 2).length() == pnlEnd && lines.get(positions + 3).length() == pnlEnd,
            String.join("\n", lines.subList(positions, positions + 4)));
    }

    @Test
    void shouldSayWhichMomentATimeGivenToStateAtIs()
    {
        final Path journal = record();

        assertEquals(0, run("--journal", journal.toString(), "--state-at", "2030-01-01T10:00"), err());

        assertTrue(out().startsWith("State at 2030-01-01T10:00+05:30 (2030-01-01T04:30:00Z): after index "), out());
    }

    @Test
    void shouldTakeATimeWrittenAsKiteWritesItAsIst()
    {
        final Path journal = record();

        assertEquals(0, run("--journal", journal.toString(), "--state-at", "2030-01-01 10:00:00"), err());

        assertTrue(out().startsWith("State at 2030-01-01T10:00+05:30 (2030-01-01T04:30:00Z): after index "), out());
        assertEquals(ReplayMain.parseTimeNs("2026-12-06T08:16:00+05:30", true, "--from"),
            ReplayMain.parseTimeNs("2026-12-06 08:16:00", true, "--from"));
        assertEquals(ReplayMain.parseTimeNs("2026-12-06T08:16:00.5+05:30", false, "--to"),
            ReplayMain.parseTimeNs(" 2026-12-06 08:16:00.5 ", false, "--to"));
    }

    @Test
    void shouldPrintTheRecordedEventsBetweenTwoTimesWrittenAsKiteWritesThem()
    {
        final Path journal = record();
        assertEquals(0, run("--journal", journal.toString(), "--stream", "out", "--print", "--type", "FillEvent",
            "--from", "2026-05-29 01:56:40", "--to", "2030-01-01 00:00:00"), err());
        assertEquals(2, out().lines().count(), out());
    }

    @Test
    void shouldRefuseATimeItCannotReadListingEveryFormItTakes()
    {
        final Path journal = record();

        assertEquals(2, run("--journal", journal.toString(), "--to", "yesterday"), out());

        assertEquals("qleap replay: --to must be a journal index or a time: 2026-11-30T09:15:00+05:30, " +
            "2026-11-30T03:45:00Z, 2026-11-30T09:15 or 2026-11-30 09:15:00 (IST, as Kite writes it), or a date " +
            "2026-11-30 (IST); was 'yesterday'", err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--export ticks --from", "--export ticks --to", "--print --from", "--state-at",
        "--capture --from"})
    void shouldRefuseAJournalIndexWrittenInDevanagariDigitsNamingTheOption(final String mode)
    {
        final Path journal = record();
        final Path csv = dir.resolve("ticks.csv");
        final List<String> args = new java.util.ArrayList<>(List.of("--journal", journal.toString()));
        args.addAll(List.of(mode.split(" ")));
        args.add("१२३");
        if (mode.startsWith("--export"))
        {
            args.addAll(List.of("--out", csv.toString()));
        }

        assertEquals(2, run(args.toArray(String[]::new)), out());

        assertEquals("qleap replay: " + mode.substring(mode.lastIndexOf(' ') + 1) + " must be a journal index or a " +
            "time: 2026-11-30T09:15:00+05:30, 2026-11-30T03:45:00Z, 2026-11-30T09:15 or 2026-11-30 09:15:00 (IST, " +
            "as Kite writes it), or a date 2026-11-30 (IST); was '१२३'", err().strip());
        assertFalse(Files.exists(csv));
    }

    @Test
    void shouldRefuseAnInstrumentTokenWrittenInDevanagariDigitsAsNeitherForm()
    {
        final Path journal = record();

        assertEquals(2, run("--journal", journal.toString(), "--export", "ticks", "--out",
            dir.resolve("ticks.csv").toString(), "--instrument", "४०८०६५"), out());

        assertEquals("qleap replay: --instrument '४०८०६५': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument " +
            "token (408065)", err().strip());
    }

    @Test
    void shouldRefuseAStateAtBeforeTheJournalsFirstEntryNamingWhatItCovers()
    {
        final Path journalDir = dir.resolve("journal");
        final long lastTimeNs;
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            lastTimeNs = new RecordedSession(journal).setUp().buyAndFill(1, INFY, 10, 150_000).time();
        }
        final long firstIndex;
        final long lastIndex;
        try (Journal j = Journal.open(new JournalContext().journalDir(journalDir).readOnly(true)))
        {
            firstIndex = j.firstIndex(JournalStream.IN);
            lastIndex = j.lastIndex(JournalStream.IN);
        }
        final String covers = "the journal covers 2026-05-29T01:56:40+05:30 (2026-05-28T20:26:40Z) to " +
            ReplayMain.describeTime(lastTimeNs) + ", indices " + firstIndex + " to " + lastIndex;

        assertEquals(2, run("--journal", journalDir.toString(), "--state-at", "2026-05-28"), out());
        assertEquals("qleap replay: --state-at 2026-05-28 is before the journal's first entry: " + covers,
            err().strip());
        assertEquals("", out());

        stderr.reset();
        assertEquals(2, run("--journal", journalDir.toString(), "--state-at", "2026-05-29T01:56:39+05:30"), out());
        assertTrue(err().startsWith("qleap replay: --state-at 2026-05-29T01:56:39+05:30 is before the journal's " +
            "first entry: "), err());

        stderr.reset();
        assertEquals(2, run("--journal", journalDir.toString(), "--state-at", Long.toString(firstIndex - 1)), out());
        assertEquals("qleap replay: --state-at " + (firstIndex - 1) + " is before the journal's first entry: " +
            covers, err().strip());
    }

    @Test
    void shouldSayThatAStateAtAfterTheJournalsLastEntryIsTheStateAtItsEnd()
    {
        final Path journalDir = dir.resolve("journal");
        final long lastTimeNs;
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            lastTimeNs = new RecordedSession(journal).setUp().buyAndFill(1, INFY, 10, 150_000).time();
        }
        final long lastIndex;
        try (Journal j = Journal.open(new JournalContext().journalDir(journalDir).readOnly(true)))
        {
            lastIndex = j.lastIndex(JournalStream.IN);
        }
        final String end = " is after the journal's last entry, at " + ReplayMain.describeTime(lastTimeNs) +
            ", index " + JournalIndex.describe(lastIndex) + ": this is the state at that entry, the journal's end";

        assertEquals(0, run("--journal", journalDir.toString(), "--state-at", "2027-01-01"), err());
        assertTrue(err().lines().anyMatch(("qleap replay: --state-at 2027-01-01" + end)::equals), err());
        assertTrue(out().contains("Orders (1)") && out().contains("COMPLETE"), out());

        stderr.reset();
        assertEquals(0, run("--journal", journalDir.toString(), "--state-at", Long.toString(lastIndex + 1)), err());
        assertTrue(err().lines().anyMatch(("qleap replay: --state-at " + (lastIndex + 1) + end)::equals), err());

        stderr.reset();
        assertEquals(0, run("--journal", journalDir.toString(), "--state-at",
            java.time.Instant.ofEpochSecond(0, lastTimeNs).toString()), err());
        assertFalse(err().contains("last entry"), err());
    }

    @Test
    void shouldPrintTheStateAtTheEntryItNamesWhileTheJournalIsStillBeingAppendedTo()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal live = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            final RecordedSession session = new RecordedSession(live).setUp().buyAndFill(1, INFY, 10, 150_000);
            final long lastIndex = session.lastIndex();
            final ReplayMain main = new ReplayMain(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false);
            main.stateAt = "2030-01-01";
            try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).readOnly(true)))
            {
                final ReplayMain.StateAtEntry entry = main.resolveStateAt(journal);
                session.ticks(3).buyAndFill(2, RELIANCE, 5, 250_000);
                assertEquals(0, main.foldStateAt(journal, entry));
            }

            assertTrue(err().contains(", index " + JournalIndex.describe(lastIndex) + ": this is the state at that " +
                "entry, the journal's end"), err());
            assertTrue(out().startsWith("State at 2030-01-01T23:59:59.999999999+05:30 " +
                "(2030-01-01T18:29:59.999999999Z): after index " + JournalIndex.describe(lastIndex) + ", "), out());
            assertTrue(out().contains("Orders (1)"), out());
            assertFalse(out().contains("RELIANCE ("), out());
        }
    }

    @Test
    void shouldRefuseInOneLineAnOptionTheChosenModeWouldIgnore()
    {
        final Path journal = record();
        final String verify = "does not apply to --verify: it replays every command from the journal's start into " +
            "a fresh core and compares all it emits";
        final List<List<String>> refused = List.of(
            List.of("--verify", "--from", "2026-05-28T20:27:00Z", "--from " + verify),
            List.of("--verify", "--to", "2030-01-01", "--to " + verify),
            List.of("--verify", "--format", "csv", "--format does not apply to --verify: it names --export's file"),
            List.of("--from", "2026-05-28T20:27:00Z", "--from does not apply to a replay without --print: its " +
                "summary is the state at the replay's end (--to, else the journal's end)"),
            List.of("--type", "FillEvent", "--type does not apply to a replay without --print: "),
            List.of("--state-at", "2030-01-01", "--from", "3", "--from does not apply to --state-at: "),
            List.of("--export", "fills", "--out", dir.resolve("f.csv").toString(), "--type", "OrderEvent",
                "--type does not apply to --export: the table chooses the messages"),
            List.of("--export", "fills", "--out", dir.resolve("f.csv").toString(), "--pace", "2",
                "--pace does not apply to --export: "),
            List.of("--capture", "--instrument", "NSE:INFY", "--instrument does not apply to --capture: "));
        for (final List<String> args : refused)
        {
            stderr.reset();
            final List<String> command = new java.util.ArrayList<>(List.of("--journal", journal.toString()));
            command.addAll(args.subList(0, args.size() - 1));
            assertEquals(2, run(command.toArray(String[]::new)), args + "\n" + out());
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("qleap replay: " + args.get(args.size() - 1)), err());
        }
        assertFalse(Files.exists(dir.resolve("f.csv")));
    }

    @Test
    void shouldSummariseTheReplaysEndStateWhenPrintingOnlyFromAMoment()
    {
        final Path journalDir = dir.resolve("journal");
        final long afterFirstOrder;
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)))
        {
            final RecordedSession session = new RecordedSession(journal).setUp().buyAndFill(1, INFY, 10, 150_000);
            afterFirstOrder = session.time() + 1;
            session.ticks(2).buyAndFill(2, RELIANCE, 5, 250_000);
        }

        assertEquals(0, run("--journal", journalDir.toString(), "--print", "--type", "FillEvent", "--from",
            java.time.Instant.ofEpochSecond(0, afterFirstOrder).toString()), err());

        final List<String> lines = out().lines().toList();
        assertEquals(1, lines.stream().filter((line) -> line.contains("FillEvent")).count(), out());
        assertTrue(lines.contains("Orders (2)"), out());
        assertTrue(lines.contains("Positions (2)"), out());
    }

    @Test
    void shouldPrintTheStateOfOneInstrumentAtAMoment()
    {
        final Path journal = record();

        assertEquals(0, run("--journal", journal.toString(), "--state-at", "2030-01-01", "--instrument",
            "NSE:RELIANCE"), err());

        assertTrue(out().contains("Orders (1)") && out().contains("Positions (1)"), out());
        assertTrue(out().contains("NSE:RELIANCE (" + RELIANCE + ")"), out());
        assertFalse(out().contains("NSE:INFY"), out());
    }

    @Test
    void shouldSayInItsHelpWhatABareDateMeansAndWhereTheExportColumnsAreDescribed()
    {
        assertEquals(0, run("--help"));

        final String help = out().replaceAll("\\s+", " ");
        assertTrue(help.contains("A bare date is a whole IST day: for --to and --state-at the end of it (2026-11-30 " +
            "is 2026-11-30T23:59:59.999999999+05:30), for --from its start (00:00 IST)."), help);
        assertTrue(help.contains("described in journal/README.md"), help);
        assertTrue(help.contains("without an offset, IST: 2026-11-30T09:15, or '2026-11-30 09:15:00' as Kite " +
            "writes its times"), help);
        assertEquals(ReplayMain.parseTimeNs("2026-11-30T23:59:59.999999999+05:30", true, "--to"),
            ReplayMain.parseTimeNs("2026-11-30", false, "--to"));
        assertEquals(ReplayMain.parseTimeNs("2026-11-30T00:00+05:30", true, "--from"),
            ReplayMain.parseTimeNs("2026-11-30", true, "--from"));
    }

    @Test
    void shouldSayInOneLineThatTheJournalIsMissing()
    {
        assertEquals(2, run("--journal", dir.resolve("nothing").toString(), "--verify"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("qleap replay: no journal at "), err());
    }

    @Test
    void shouldSayInOneLineThatTheJournalIsEmpty()
    {
        Journal.open(new JournalContext().journalDir(dir).pretouch(false)).close();
        assertEquals(2, run("--journal", dir.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains(" is empty"), err());
    }

    @Test
    void shouldSayInOneLineThatTheJournalIsCorrupt() throws Exception
    {
        final Path journal = record();
        try (java.util.stream.Stream<Path> files = Files.list(journal.resolve("in")))
        {
            for (final Path file : files.filter((p) -> p.toString().endsWith(".cq4")).toList())
            {
                final byte[] garbage = new byte[4096];
                java.util.Arrays.fill(garbage, (byte)0x5A);
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE))
                {
                    channel.write(java.nio.ByteBuffer.wrap(garbage), 0);
                }
            }
        }
        assertEquals(2, run("--journal", journal.toString(), "--verify"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("qleap replay: "), err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl", "parquet"})
    void shouldLeaveNoFileWhereAnExportThatFailedMidWayWasGoing(final String format) throws Exception
    {
        final Path journal = record();
        final long corruptIndex = overwriteTheLengthOfTheInExcerptAt(journal, 30);
        final Path file = dir.resolve("ticks." + format);

        assertEquals(2, run("--journal", journal.toString(), "--export", "ticks", "--format", format,
            "--out", file.toString()), out());

        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("is corrupt at index " + corruptIndex), err());
        assertFalse(Files.exists(file), file + " was left behind");
        assertEquals(List.of(), filesIn(dir), "the partial export was left behind");
    }

    @Test
    void shouldKeepTheFileAFailedExportWouldHaveReplaced() throws Exception
    {
        final Path journal = record();
        overwriteTheLengthOfTheInExcerptAt(journal, 30);
        final Path file = dir.resolve("ticks.csv");
        Files.writeString(file, "yesterday's ticks\n");

        assertEquals(2, run("--journal", journal.toString(), "--export", "ticks", "--out", file.toString()), out());

        assertEquals("yesterday's ticks\n", Files.readString(file));
        assertEquals(List.of("ticks.csv"), filesIn(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void shouldReplaceAnExistingFileWithACompleteExport(final String format) throws Exception
    {
        final Path journal = record();
        final Path file = dir.resolve("fills." + format);
        Files.writeString(file, "an older export, longer than the new one will be: ".repeat(1_000));

        assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--format", format,
            "--out", file.toString()), err());

        assertEquals(List.of("fills." + format), filesIn(dir));
        if ("csv".equals(format))
        {
            assertEquals(3, Files.readAllLines(file).size(), Files.readString(file));
            return;
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
            org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build()))
        {
            assertEquals(2, reader.getRecordCount());
        }
    }

    @Test
    void shouldRemoveWhatAKilledExportToTheSameFileLeftButNotThePartialFileOfOneStillRunning() throws Exception
    {
        final Path journal = record();
        final long dead = pidOfAnEndedProcess();
        final Process running = new ProcessBuilder("sleep", "30").start();
        try
        {
            final String stale = ".fills.csv." + dead + ".1a2b3c4d.partial";
            final List<String> kept = List.of(".fills.csv." + running.pid() + ".5e6f7a8b.partial",
                ".fills.csv.3f9c0e1a.partial", ".fills.csv.x" + dead + ".1a2b3c4d.partial",
                ".fills.csv." + dead + ".partial", ".orders.csv." + dead + ".1a2b3c4d.partial",
                "fills.csv." + dead + ".1a2b3c4d.partial", "notes.txt");
            Files.writeString(dir.resolve(stale), "the rows of a killed export");
            for (final String name : kept)
            {
                Files.writeString(dir.resolve(name), "rows");
            }

            assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--out",
                dir.resolve("fills.csv").toString()), err());

            final List<String> expected = new java.util.ArrayList<>(kept);
            expected.add("fills.csv");
            assertEquals(expected.stream().sorted().toList(), filesIn(dir));
            assertTrue(running.isAlive());
        }
        finally
        {
            running.destroy();
            running.waitFor();
        }
    }

    private static long pidOfAnEndedProcess() throws Exception
    {
        final Process ended = new ProcessBuilder("true").start();
        assertEquals(0, ended.waitFor());
        assertFalse(ProcessHandle.of(ended.pid()).map(ProcessHandle::isAlive).orElse(false));
        return ended.pid();
    }

    @Test
    void shouldNameTheAbsolutePathOfTheFileItExportedToWhenGivenARelativeOne() throws Exception
    {
        final Path journal = record();
        final Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("fills.csv"));

        assertEquals(0, run("--journal", journal.toString(), "--export", "fills", "--out", relative.toString()),
            err());

        assertEquals("exported 2 fills rows to " + dir.resolve("fills.csv"), out().strip());
        assertEquals(3, Files.readAllLines(dir.resolve("fills.csv")).size());
    }

    @Test
    void shouldRefuseToExportOverAFolder() throws Exception
    {
        final Path journal = record();
        final Path folder = Files.createDirectory(dir.resolve("fills.csv"));

        assertEquals(2, run("--journal", journal.toString(), "--export", "fills", "--out", folder.toString()));

        assertEquals("qleap replay: --out " + folder + " is a folder: name the file to export to", err().strip());
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of(), filesIn(dir));
    }

    /** @return the names of the files in a folder, its subfolders (such as a journal's) left out, sorted. */
    private static List<String> filesIn(final Path folder) throws Exception
    {
        try (java.util.stream.Stream<Path> files = Files.list(folder))
        {
            return files.filter(Files::isRegularFile).map((p) -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** @return the index of the {@code n}th excerpt of {@code in}, whose length now reads as garbage. */
    private static long overwriteTheLengthOfTheInExcerptAt(final Path journal, final int n) throws Exception
    {
        final long index;
        final long headerPosition;
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue =
            net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(journal.resolve("in"))
                .readOnly(true).build();
            net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i < n; i++)
            {
                try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument())
                {
                    assertTrue(dc.isPresent());
                }
            }
            try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument())
            {
                index = dc.index();
                headerPosition = dc.wire().bytes().readPosition() - 4;
            }
        }
        final Path file;
        try (java.util.stream.Stream<Path> files = Files.list(journal.resolve("in")))
        {
            file = files.filter((p) -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
            java.nio.file.StandardOpenOption.WRITE))
        {
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{ 0x5a, 0x5a, 0x5a, 0x1a }), headerPosition);
        }
        return index;
    }

    @Test
    void shouldRefuseAnUnknownExportTableNamingTheAcceptedOnes()
    {
        final Path journal = record();
        assertEquals(2, run("--journal", journal.toString(), "--export", "trades", "--out", "x.csv"));
        assertEquals("qleap replay: --export must be ticks, orders, fills or positions, was 'trades'",
            err().strip());
    }

    @Test
    void shouldNameTheMissingFolderOfAnExportFile()
    {
        final Path journal = record();
        final Path out = dir.resolve("no-such-folder").resolve("fills.csv");
        assertEquals(2, run("--journal", journal.toString(), "--export", "fills", "--out", out.toString()));
        assertEquals("qleap replay: --out " + out + ": the folder " + out.getParent() + " does not exist",
            err().strip());
    }

    @Test
    void shouldPrintTheRecordedEventsOfOneTypeBetweenTwoTimes()
    {
        final Path journal = record();
        assertEquals(0, run("--journal", journal.toString(), "--stream", "out", "--print", "--type", "FillEvent",
            "--from", "2026-05-28T20:26:40Z", "--to", "2030-01-01"), err());
        assertEquals(2, out().lines().count(), out());
        assertTrue(out().lines().allMatch((line) -> line.contains("FillEvent") || line.contains("tradeId")), out());
    }

    @Test
    void shouldRefuseATimeOutsideWhatAJournalHoldsInOneLine()
    {
        final Path journal = record();
        assertEquals(2, run("--journal", journal.toString(), "--to", "1969-12-31T23:59:59Z"), out());
        assertEquals("qleap replay: --to 1969-12-31T23:59:59Z is outside the times a journal holds " +
            "(1970-01-01T00:00:00Z to 2262-04-11T23:47:16.854775807Z)", err().strip());
        assertEquals(2, run("--journal", journal.toString(), "--print", "--from", "2262-04-12T00:00:00Z"), out());
        assertTrue(err().contains("--from 2262-04-12T00:00:00Z is outside the times a journal holds"), err());
    }
}
