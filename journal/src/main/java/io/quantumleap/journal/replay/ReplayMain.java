package io.quantumleap.journal.replay;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.journal.AsciiDigits;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalConfiguration;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalIndex;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.capture.CaptureContext;
import io.quantumleap.journal.capture.CaptureReader;
import io.quantumleap.journal.export.CsvRowWriter;
import io.quantumleap.journal.export.ExportTable;
import io.quantumleap.journal.export.JsonLinesRowWriter;
import io.quantumleap.journal.export.ParquetRowWriter;
import io.quantumleap.journal.export.RowWriter;
import io.quantumleap.journal.schema.MessageFields;
import io.quantumleap.journal.state.StateAtMoment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code qleap replay}: replays a journal through a fresh core, verifies it, exports it, or prints the
 * state at a moment. Exit codes: 0 done (or identical), 1 verification found a difference, 2 bad arguments
 * or a missing, empty or corrupt journal (one line on stderr).
 */
@Command(
    name = "qleap replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Replay, verify or export a QuantumLeap journal.",
        "Without --verify, --export, --state-at or --capture: replays 'in' through a fresh core and prints a " +
            "summary, the state at the replay's end (--to, else the journal's end); --from and --type choose only " +
            "what --print prints. An option the chosen mode does not use is refused.",
        "Times are ISO-8601 (2026-11-30T09:15:00+05:30, 2026-11-30T03:45:00Z) or, without an offset, IST: " +
            "2026-11-30T09:15, or '2026-11-30 09:15:00' as Kite writes its times (quoted, for the space), as the " +
            "REST API takes them. " +
            "A bare date is a whole IST day: for --to and --state-at the end of it (2026-11-30 is " +
            "2026-11-30T23:59:59.999999999+05:30), for --from its start (00:00 IST). A plain number (the digits 0-9) " +
            "is a journal index.",
        "--state-at refuses a moment before the journal's first entry, and says so on stderr when the moment is " +
            "after its last (the state printed is then the journal's end).",
        "Export columns, their units (prices in paise or 1e-7 rupee as priceDecimals says, money in paise, times " +
            "in epoch ns or s, UTC) and their values are described in journal/README.md."
    },
    exitCodeOnInvalidInput = 2,
    exitCodeOnExecutionException = 2)
public final class ReplayMain implements Callable<Integer>
{
    /** Indian Standard Time, for times given without an offset. */
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final int DATE_LENGTH = "2026-11-30".length();
    private static final String TIME_FORMS = "2026-11-30T09:15:00+05:30, 2026-11-30T03:45:00Z, 2026-11-30T09:15 " +
        "or 2026-11-30 09:15:00 (IST, as Kite writes it), or a date 2026-11-30 (IST)";
    private static final DateTimeFormatter EXPORT_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Option(names = "--journal", paramLabel = "DIR",
        description = "journal directory (default: $QLEAP_DATA_DIR/journal, else ./data/journal)")
    Path journalDir;

    @Option(names = "--from", paramLabel = "TIME|INDEX",
        description = "start of the range (inclusive), for --export, --print and --capture")
    String from;

    @Option(names = "--to", paramLabel = "TIME|INDEX", description = "end of the range (inclusive)")
    String to;

    @Option(names = "--instrument", paramLabel = "TOKEN|EXCHANGE:SYMBOL",
        description = "only messages about this instrument (repeatable); with --state-at, only its orders and " +
            "positions; one the whole journal neither defines nor holds anything about is refused")
    List<String> instruments = new ArrayList<>();

    @Option(names = "--type", paramLabel = "MESSAGE",
        description = "only these messages, e.g. FillEvent (repeatable)")
    List<String> types = new ArrayList<>();

    @Option(names = "--pace", paramLabel = "N",
        description = "replay at N times the recorded pace (1 = real time, 10, 0.5); default: full speed; a " +
            "replay's only (with or without --print)")
    String pace;

    @Option(names = "--print", description = "print every replayed event (or command with --stream in) on stdout")
    boolean print;

    @Option(names = "--stream", paramLabel = "in|out",
        description = "with --print: print the recorded queue instead of replaying through a fresh core")
    String stream;

    @Option(names = "--verify",
        description = "replay 'in' through a fresh core and compare with 'out' byte for byte; exit 1 on a difference")
    boolean verify;

    @Option(names = "--export", paramLabel = "ticks|orders|fills|positions", description = "export one table")
    String export;

    @Option(names = "--format", paramLabel = "csv|jsonl|parquet",
        description = "export format: csv, jsonl (one JSON object per line, keyed as the CSV header) or parquet " +
            "(default: csv)")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE",
        description = "export file (default: exports/TABLE-yyyyMMdd'T'HHmmss'Z'.FORMAT beside the journal, named " +
            "by the time of the export in UTC)")
    Path out;

    @Option(names = "--state-at", paramLabel = "TIME|INDEX",
        description = "print positions, orders and P&L as they were at that moment (a bare date: the end of that IST " +
            "day)")
    String stateAt;

    @Option(names = "--capture",
        description = "print the raw Kite frames the feed captured (<journal>/capture), binary frames re-decoded by " +
            "the feed's decoder into the commands it journals; --from/--to select by capture index or time")
    boolean capture;

    @Option(names = "--raw", description = "with --capture: every frame's bytes in hex instead of decoded")
    boolean raw;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean terminal;

    /**
     * @param stdout   where results go.
     * @param stderr   where progress, summary and errors go.
     * @param terminal whether stderr is a terminal.
     */
    public ReplayMain(final PrintStream stdout, final PrintStream stderr, final boolean terminal)
    {
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
    }

    /**
     * Entry point of {@code qleap replay}.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(System.out, System.err, null != System.console(), args));
    }

    /**
     * Runs the command without exiting the JVM.
     *
     * @param stdout   where results go.
     * @param stderr   where progress, summary and errors go.
     * @param terminal whether stderr is a terminal.
     * @param args     command line.
     * @return the exit code.
     */
    public static int run(
        final PrintStream stdout, final PrintStream stderr, final boolean terminal, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new ReplayMain(stdout, stderr, terminal));
        commandLine.setOut(new java.io.PrintWriter(stdout, true));
        commandLine.setErr(new java.io.PrintWriter(stderr, true));
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            stderr.println("qleap replay: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            stderr.println("qleap replay: " + oneLine(ex));
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException
    {
        final int modes = (verify ? 1 : 0) + (null != export ? 1 : 0) + (null != stateAt ? 1 : 0) + (capture ? 1 : 0);
        if (modes > 1)
        {
            throw new IllegalArgumentException("choose one of --verify, --export, --state-at and --capture");
        }
        refuseOptionsTheModeIgnores();
        final Path dir = null != journalDir ? journalDir : JournalConfiguration.defaultJournalDir();
        if (null != export && null == out)
        {
            out = defaultExportFile(dir, parseTable(export), Instant.now());
        }
        if (capture)
        {
            return printCapture(CaptureContext.of(new JournalContext().journalDir(dir)));
        }
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            if (journal.excerptCount(JournalStream.IN) == 0 && journal.excerptCount(JournalStream.OUT) == 0)
            {
                throw new JournalException("journal at " + dir.toAbsolutePath() + " is empty (no commands, no events)");
            }
            if (verify)
            {
                return verify(journal);
            }
            if (null != export)
            {
                return export(journal);
            }
            if (null != stateAt)
            {
                return stateAt(journal);
            }
            return replay(journal);
        }
        catch (final JournalException | IllegalArgumentException | UncheckedIOException ex)
        {
            throw ex;
        }
        catch (final java.io.StreamCorruptedException ex)
        {
            throw new JournalException("journal at " + dir.toAbsolutePath() + " is corrupt: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw ex;
        }
        catch (final Exception | InternalError ex)
        {
            throw new JournalException("journal at " + dir.toAbsolutePath() + " is corrupt or unreadable: " +
                (null == ex.getMessage() ? ex.toString() : ex.getMessage()), ex);
        }
    }

    /**
     * @throws IllegalArgumentException naming the first option given that the chosen mode would not use: an option
     * silently ignored reads as if it had been honoured (a verification "of a range", a summary "from" a time).
     */
    private void refuseOptionsTheModeIgnores()
    {
        final String mode = verify ? "--verify" : null != stateAt ? "--state-at" : null != export ? "--export" :
            capture ? "--capture" : print ? "--print" : "a replay without --print";
        refuseUnless(null != export, mode, "it names --export's file", "--format", "--out");
        refuseUnless(capture, mode, "it is --capture's", "--raw");
        if (verify)
        {
            refuseUnless(false, mode, "it replays every command from the journal's start into a fresh core and " +
                "compares all it emits", "--from", "--to", "--instrument", "--type", "--pace", "--print", "--stream");
        }
        else if (null != stateAt)
        {
            refuseUnless(false, mode, "--state-at is itself the end of the replay, and the state needs every " +
                "command from the journal's start", "--from", "--to", "--type", "--pace", "--print", "--stream");
        }
        else if (null != export)
        {
            refuseUnless(false, mode, "the table chooses the messages, and they go to the file", "--type", "--print",
                "--stream");
            refuseUnless(false, mode, "the rows go to the file as fast as the journal is read; pacing would only " +
                "delay it", "--pace");
        }
        else if (capture)
        {
            refuseUnless(false, mode, "it prints the captured frames, chosen by --from and --to only",
                "--instrument", "--type", "--pace", "--print", "--stream");
        }
        else if (!print)
        {
            refuseUnless(false, mode, "its summary is the state at the replay's end (--to, else the journal's " +
                "end), which needs every command from the start; --from, --type and --stream choose what --print " +
                "prints (see also --state-at)", "--from", "--type", "--stream");
        }
    }

    /** @throws IllegalArgumentException when any of the options was given and does not apply. */
    private void refuseUnless(final boolean applies, final String mode, final String why, final String... options)
    {
        for (final String option : options)
        {
            if (!applies && spec.commandLine().getParseResult().hasMatchedOption(option))
            {
                throw new IllegalArgumentException(option + " does not apply to " + mode + ": " + why);
            }
        }
    }

    private int printCapture(final CaptureContext captureContext)
    {
        final long[] range = {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE};
        captureBound(from, true, range);
        captureBound(to, false, range);
        final long started = System.nanoTime();
        try (CaptureReader reader = CaptureReader.open(captureContext))
        {
            final CapturePrinter printer = new CapturePrinter(stdout, raw, range[0], range[1], range[2], range[3]);
            final ProgressBar bar = new ProgressBar(stderr, reader.frameCount(), terminal);
            long read = 0;
            int batch;
            while ((batch = reader.poll(printer, 1024)) > 0)
            {
                read += batch;
                bar.onProgress(read, -1);
            }
            bar.finish();
            final CapturePrinter.Summary summary = printer.summary();
            stderr.println(summary.describe());
            summary(read, summary.frames(), System.nanoTime() - started);
        }
        return 0;
    }

    private static void captureBound(final String value, final boolean start, final long[] range)
    {
        if (null == value)
        {
            return;
        }
        final String trimmed = value.trim();
        if (AsciiDigits.only(trimmed))
        {
            range[start ? 0 : 1] = Long.parseLong(trimmed);
        }
        else
        {
            range[start ? 2 : 3] = parseTimeNs(trimmed, start, start ? "--from" : "--to");
        }
    }

    private int verify(final Journal journal)
    {
        final ProgressBar bar = new ProgressBar(stderr, journal.excerptCount(JournalStream.IN), terminal);
        final VerifyResult result = new JournalVerifier(journal, bar).verify(TradingCore::new, TradingCore::stateHash);
        bar.finish();
        stdout.println(result.describe());
        summary(result.commandsReplayed(), result.eventsCompared(), result.elapsedNs());
        stderr.printf("state hash of the fresh core: %016x%n", result.stateHash());
        return result.identical() ? 0 : 1;
    }

    private int export(final Journal journal) throws IOException
    {
        final ExportTable table = parseTable(export);
        final Replay replay =
            configure(Replay.of(journal).stream(table.stream()).templates(table.templateId()), journal);
        final ExportTable.RowConverter converter = table.converter();
        replay.tracking(converter.instruments(), table.instrumentTemplateId());
        checkOutFile();
        removePartialFilesOfDeadExports(out);
        final Path partial = partialFileBeside(out);
        // Ctrl-C (or kill -TERM) part way is a failed export too: it must not leave the hidden partial behind.
        final Thread discardOnExit = new Thread(() -> deleteQuietly(partial), "qleap-export-discard");
        Runtime.getRuntime().addShutdownHook(discardOnExit);
        final ProgressBar bar = new ProgressBar(stderr, journal.excerptCount(table.stream()), terminal);
        final ReplayResult result;
        try
        {
            // Closing the writer finishes the file, a Parquet footer included, even when the replay threw: so rows
            // go to a file beside the target that takes the target's name only once every row is in it.
            try (RowWriter writer = openWriter(table, partial))
            {
                result = replay.progress(bar).into((index, buffer, offset, length) ->
                {
                    try
                    {
                        converter.write(index, buffer, offset, writer);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }).run();
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            try
            {
                Files.deleteIfExists(partial);
            }
            catch (final IOException notDeleted)
            {
                ex.addSuppressed(notDeleted);
            }
            throw ex;
        }
        finally
        {
            removeShutdownHook(discardOnExit);
        }
        bar.finish();
        stdout.println("exported " + result.messagesDelivered() + " " + table.name().toLowerCase(Locale.ROOT) +
            " rows to " + out.toAbsolutePath().normalize());
        summary(result.excerptsRead(), result.messagesDelivered(), result.elapsedNs());
        return 0;
    }

    /** @throws IllegalArgumentException when {@code --out} cannot become a file: no folder for it, or a folder. */
    private void checkOutFile()
    {
        final Path folder = out.toAbsolutePath().getParent();
        if (null != folder && !Files.isDirectory(folder))
        {
            throw new IllegalArgumentException("--out " + out + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(out))
        {
            throw new IllegalArgumentException("--out " + out + " is a folder: name the file to export to");
        }
    }

    /**
     * Creates the file an export is written to until it is complete: hidden, beside the target (so moving it into
     * place is a rename on the same file system, atomic) and named after it and the exporting process, e.g.
     * {@code .fills.csv.48213.3f9c0e1a.partial}: the process id tells a later export whether the one that wrote it
     * is still running (see {@link #removePartialFilesOfDeadExports}), the random part keeps two exports to the same
     * file apart. Created with the usual permissions, unlike {@link Files#createTempFile}'s owner-only ones, since
     * the export ends up under this very file.
     */
    private static Path partialFileBeside(final Path target) throws IOException
    {
        final Path absolute = target.toAbsolutePath();
        final String name = "." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "." +
            Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt()) + ".partial";
        return Files.createFile(absolute.resolveSibling(name));
    }

    /**
     * Deletes what exports to the same file left when they were killed (kill -9 runs no shutdown hook): the partial
     * files beside the target named {@code .<target>.<pid>.<random>.partial} whose process is no longer alive. A
     * partial file of an export still running, in this process or another, is left alone, and so is any file whose
     * name does not parse. Process ids are this machine's (this PID namespace's): an export to a shared folder
     * running on another host would look dead. Best effort: a file that cannot be listed or deleted does not fail
     * the export.
     */
    private static void removePartialFilesOfDeadExports(final Path target)
    {
        final Path absolute = target.toAbsolutePath();
        final Path folder = absolute.getParent();
        if (null == folder)
        {
            return;
        }
        final java.util.regex.Pattern partialName = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote("." + absolute.getFileName() + ".") + "([0-9]{1,18})\\.[0-9a-f]+\\.partial");
        try (java.nio.file.DirectoryStream<Path> siblings = Files.newDirectoryStream(folder))
        {
            for (final Path sibling : siblings)
            {
                final java.util.regex.Matcher name = partialName.matcher(sibling.getFileName().toString());
                if (name.matches() && Files.isRegularFile(sibling, java.nio.file.LinkOption.NOFOLLOW_LINKS) &&
                    !ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false))
                {
                    deleteQuietly(sibling);
                }
            }
        }
        catch (final IOException | java.nio.file.DirectoryIteratorException ignore)
        {
            // the export itself says whether the folder can be written
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // nothing is left to tell: the JVM is exiting, or a dead export's leftover waits for the next export
        }
    }

    private static void removeShutdownHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException exiting)
        {
            // the JVM is already exiting: the hook runs, and deleting a file that was moved away is a no-op
        }
    }

    /**
     * Where an export goes when {@code --out} names no file: {@code exports/} beside the journal (in the data folder),
     * named after the table and the time of the export in UTC, e.g. {@code exports/fills-20261202T094502Z.csv}, as
     * the latency logs are named.
     */
    private Path defaultExportFile(final Path journal, final ExportTable table, final Instant now)
        throws IOException
    {
        final Path parent = journal.toAbsolutePath().getParent();
        final Path folder = (null == parent ? journal.toAbsolutePath() : parent).resolve("exports");
        Files.createDirectories(folder);
        return folder.resolve(table.name().toLowerCase(Locale.ROOT) + "-" +
            EXPORT_TIME.format(now) + "." +
            format.toLowerCase(Locale.ROOT));
    }

    private RowWriter openWriter(final ExportTable table, final Path file) throws IOException
    {
        return switch (format.toLowerCase(Locale.ROOT))
        {
            case "csv" -> new CsvRowWriter(file, table.columns());
            case "jsonl" -> new JsonLinesRowWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                table.columns());
            case "parquet" -> new ParquetRowWriter(file, table.name().toLowerCase(Locale.ROOT), table.columns());
            default -> throw new IllegalArgumentException("--format must be csv, jsonl or parquet, was '" + format +
                "'");
        };
    }

    private int stateAt(final Journal journal)
    {
        return foldStateAt(journal, resolveStateAt(journal));
    }

    /**
     * The entry {@code --state-at} names, resolved once: the moment or index asked for, and, when that lies after the
     * journal's last entry, that entry, the last one there was when it was resolved.
     *
     * @param at        epoch ns, or a journal index when {@code index}.
     * @param index     whether {@code --state-at} was an index.
     * @param span      what the journal covered when resolved.
     * @param afterLast whether {@code at} was after the last entry of {@code span}.
     */
    record StateAtEntry(long at, boolean index, JournalSpan span, boolean afterLast)
    {
    }

    /** @throws IllegalArgumentException when {@code --state-at} is before the journal's first entry. */
    StateAtEntry resolveStateAt(final Journal journal)
    {
        final String trimmed = stateAt.trim();
        final boolean index = AsciiDigits.only(trimmed);
        final long at = index ? Long.parseLong(trimmed) : parseTimeNs(trimmed, false, "--state-at");
        final JournalSpan span = JournalSpan.of(journal, JournalStream.IN);
        final boolean afterLast = !span.isEmpty() && (index ? at > span.lastIndex() : at > span.lastTimeNs());
        if (!span.isEmpty() && (index ? at < span.firstIndex() : at < span.firstTimeNs()))
        {
            // A fresh core with no command in it would print an empty book, as if it had been empty at that moment.
            throw new IllegalArgumentException("--state-at " + stateAt + " is before the journal's first entry: " +
                "the journal covers " + span.describe());
        }
        return new StateAtEntry(at, index, span, afterLast);
    }

    /**
     * Replays into a fresh core up to the entry resolved, and no further: a journal the running system still
     * appends to holds more by now, and the state printed is the one at the entry named.
     */
    int foldStateAt(final Journal journal, final StateAtEntry entry)
    {
        final StateAtMoment state = new StateAtMoment();
        final Replay replay = Replay.of(journal);
        applyBound(replay, stateAt, false, "--state-at");
        if (entry.afterLast())
        {
            replay.toIndex(entry.span().lastIndex());
        }
        applyInstruments(replay, journal);
        final ProgressBar bar = new ProgressBar(stderr, journal.excerptCount(JournalStream.IN), terminal);
        final ReplayResult result = replay.progress(bar).intoFreshCore(TradingCore::new, state).run();
        bar.finish();
        if (entry.afterLast())
        {
            stderr.println("qleap replay: --state-at " + stateAt + " is after the journal's last entry, at " +
                describeTime(entry.span().lastTimeNs()) + ", index " + JournalIndex.describe(entry.span().lastIndex()) +
                ": this is the state at that entry, the journal's end");
        }
        final String moment = entry.index() ? "State" : "State at " + describeTime(entry.at()) + ":";
        stdout.println(moment + " after index " + JournalIndex.describe(result.lastIndex()) + ", " +
            result.commandsIntoCore() + " commands");
        state.print(stdout);
        summary(result.excerptsRead(), result.eventsEmitted(), result.elapsedNs());
        return 0;
    }

    private int replay(final Journal journal)
    {
        final Replay replay = configure(Replay.of(journal), journal);
        final ReplayResult result;
        final ProgressBar bar;
        if (null != stream)
        {
            final JournalStream source = parseStream(stream);
            bar = new ProgressBar(stderr, journal.excerptCount(source), terminal);
            result = replay.stream(source).progress(bar).into((index, buffer, offset, length) ->
            {
                if (print)
                {
                    stdout.println(index + " " + MessagePrinter.describe(buffer, offset, length));
                }
            }).run();
        }
        else
        {
            bar = new ProgressBar(stderr, journal.excerptCount(JournalStream.IN), terminal);
            final TradingCore[] core = new TradingCore[1];
            final StateAtMoment state = new StateAtMoment();
            // The summary is the state at the replay's end: fed every event from the first command, whatever
            // --from and --type choose to print.
            replay.tracking(state::onEvent, StateAtMoment.templateIds());
            result = replay.progress(bar).intoFreshCore((sink) -> core[0] = new TradingCore(sink),
                (sequence, buffer, offset, length) ->
                {
                    if (print)
                    {
                        stdout.println(sequence + " " + MessagePrinter.describe(buffer, offset, length));
                    }
                }).run();
            bar.finish();
            stdout.println("Replayed to index " + JournalIndex.describe(result.lastIndex()) + ": " +
                result.commandsIntoCore() + " commands into a fresh core, " + result.eventsEmitted() + " events");
            state.print(stdout);
            stderr.printf("state hash of the fresh core: %016x%n", core[0].stateHash());
        }
        bar.finish();
        summary(result.excerptsRead(), result.messagesDelivered(), result.elapsedNs());
        return 0;
    }

    private Replay configure(final Replay replay, final Journal journal)
    {
        checkBoundsInOrder();
        if (null != from)
        {
            applyBound(replay, from, true, "--from");
        }
        if (null != to)
        {
            applyBound(replay, to, false, "--to");
        }
        applyInstruments(replay, journal);
        for (final String type : types)
        {
            final int templateId = MessageFields.templateIdOf(type);
            if (templateId < 0)
            {
                throw new IllegalArgumentException(
                    "--type must be one of " + MessageFields.names() + ", was '" + type + "'");
            }
            replay.templates(templateId);
        }
        if (null != pace)
        {
            replay.pace(Pacer.realTime(parsePaceMilli(pace)));
        }
        return replay;
    }

    /**
     * Keeps only messages about the {@code --instrument}s, tokens or symbols the journal defines.
     *
     * @throws IllegalArgumentException naming every instrument of the wrong form and every one the journal knows
     * nothing of, in one line ({@link JournalInstruments#tokens}).
     */
    private void applyInstruments(final Replay replay, final Journal journal)
    {
        final long[] tokens;
        try
        {
            tokens = JournalInstruments.tokens(journal, instruments);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--instrument " + ex.getMessage(), ex);
        }
        for (final long token : tokens)
        {
            replay.instrument(token);
        }
    }

    /** @throws IllegalArgumentException when {@code --from} lies after {@code --to}: nothing lies between. */
    private void checkBoundsInOrder()
    {
        if (null == from || null == to)
        {
            return;
        }
        final String first = from.trim();
        final String last = to.trim();
        final boolean firstIndex = AsciiDigits.only(first);
        final boolean lastIndex = AsciiDigits.only(last);
        if (firstIndex != lastIndex)
        {
            return;
        }
        final boolean after = firstIndex ? Long.parseLong(first) > Long.parseLong(last) :
            parseTimeNs(first, true, "--from") > parseTimeNs(last, false, "--to");
        if (after)
        {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + ": nothing lies between");
        }
    }

    private static void applyBound(final Replay replay, final String value, final boolean start, final String option)
    {
        final String trimmed = value.trim();
        if (AsciiDigits.only(trimmed))
        {
            final long index = Long.parseLong(trimmed);
            if (start)
            {
                replay.fromIndex(index);
            }
            else
            {
                replay.toIndex(index);
            }
            return;
        }
        final long timeNs = parseTimeNs(trimmed, start, option);
        if (start)
        {
            replay.fromTimeNs(timeNs);
        }
        else
        {
            replay.toTimeNs(timeNs);
        }
    }

    /** @return the instant in IST and in UTC, as a time option resolved to it. */
    static String describeTime(final long epochNs)
    {
        final Instant instant = Instant.ofEpochSecond(0, epochNs);
        return instant.atZone(java.time.ZoneId.of("Asia/Kolkata")).toOffsetDateTime() + " (" + instant + ")";
    }

    /**
     * Reads a time as the REST API does ({@code ApiException.instant} in gateway-api), so that a time copied from one
     * works in the other.
     *
     * @param value  ISO-8601 instant, offset date-time, local date-time (IST, with a {@code T} or, as Kite writes its
     *               order and tick times, a space: {@code 2026-12-06 08:16:00}) or date (IST).
     * @param start  for a date alone: its start when true, its end when false.
     * @param option for the message.
     * @return epoch nanoseconds.
     */
    static long parseTimeNs(final String value, final boolean start, final String option)
    {
        final String stripped = value.strip();
        final String text = stripped.length() > DATE_LENGTH && stripped.charAt(DATE_LENGTH) == ' ' ?
            stripped.substring(0, DATE_LENGTH) + 'T' + stripped.substring(DATE_LENGTH + 1) : stripped;
        final Instant instant;
        try
        {
            if (text.length() == DATE_LENGTH)
            {
                final LocalDate date = LocalDate.parse(text);
                instant = start ? date.atStartOfDay(IST).toInstant() :
                    date.plusDays(1).atStartOfDay(IST).toInstant().minusNanos(1);
            }
            else
            {
                final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from);
                instant = parsed instanceof OffsetDateTime offset ? offset.toInstant() :
                    ((LocalDateTime)parsed).atZone(IST).toInstant();
            }
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " must be a journal index or a time: " + TIME_FORMS +
                "; was '" + value + "'");
        }
        if (!JournalTimes.holds(instant))
        {
            throw new IllegalArgumentException(option + " " + value + JournalTimes.OUTSIDE);
        }
        return JournalTimes.nanos(instant);
    }

    private static long parsePaceMilli(final String value)
    {
        final String number = value.startsWith("x") || value.startsWith("X") ? value.substring(1) : value;
        try
        {
            final long milli = new BigDecimal(number).movePointRight(3).longValueExact();
            if (milli > 0)
            {
                return milli;
            }
        }
        catch (final NumberFormatException | ArithmeticException ignore)
        {
            // one message below for every bad value
        }
        throw new IllegalArgumentException(
            "--pace must be a positive speed-up such as 1, 10 or 0.5, was '" + value + "'");
    }

    private static ExportTable parseTable(final String value)
    {
        for (final ExportTable table : ExportTable.values())
        {
            if (table.name().equalsIgnoreCase(value))
            {
                return table;
            }
        }
        throw new IllegalArgumentException("--export must be ticks, orders, fills or positions, was '" + value + "'");
    }

    private static JournalStream parseStream(final String value)
    {
        for (final JournalStream s : JournalStream.values())
        {
            if (s.directoryName().equalsIgnoreCase(value))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("--stream must be in or out, was '" + value + "'");
    }

    private void summary(final long read, final long delivered, final long elapsedNs)
    {
        final double seconds = elapsedNs / 1e9;
        stderr.printf(Locale.ROOT, "%d excerpts read, %d delivered in %.3f s: %,.0f excerpts/s%n",
            read, delivered, seconds, seconds > 0 ? read / seconds : 0.0);
    }

    private static String oneLine(final Throwable ex)
    {
        Throwable cause = ex;
        if (cause instanceof UncheckedIOException && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        final String message = cause instanceof JournalException || cause instanceof IllegalArgumentException ?
            cause.getMessage() : cause.toString();
        final int newline = null == message ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
