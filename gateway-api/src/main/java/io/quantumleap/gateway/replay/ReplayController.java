package io.quantumleap.gateway.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.journal.export.CsvRowWriter;
import io.quantumleap.journal.export.ExportTable;
import io.quantumleap.journal.export.JsonLinesRowWriter;
import io.quantumleap.journal.export.ParquetRowWriter;
import io.quantumleap.journal.export.RowWriter;
import io.quantumleap.journal.replay.JournalTimes;
import io.quantumleap.journal.AsciiDigits;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.replay.JournalInstruments;
import io.quantumleap.journal.replay.JournalSpan;
import io.quantumleap.journal.replay.Replay;
import io.quantumleap.journal.replay.ReplayResult;
import io.quantumleap.journal.replay.UnknownInstrumentsException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Named;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.LongPredicate;

/**
 * The quant's tools on the live journal, for quants and admins: the state at any past moment (the journal's commands
 * up to it replayed through a fresh core), of every account or of one ({@code account_id}), and exports of ticks,
 * orders, fills or positions (CSV, JSON lines or Parquet; every instrument's or the ones asked for, less those the
 * journal knows nothing of when the caller says to leave them out), streamed as the journal is read. Both cover the
 * whole journal, every account's, as {@code qleap replay} does.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/replay")
@Secured({"quant", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.InRole
class ReplayController
{
    static final String CSV = "text/csv";
    static final String JSON_LINES = "application/x-ndjson";
    static final String PARQUET = "application/vnd.apache.parquet";
    /** {@code unknown_instruments}: instruments the journal knows nothing of are refused (the default) or skipped. */
    static final String REFUSE = "refuse";
    static final String SKIP = "skip";
    /**
     * Names the instruments an export with {@code unknown_instruments=skip} left out, as many as fit in
     * {@link #UNKNOWN_INSTRUMENTS_MAX}; absent when it left out none.
     */
    static final String UNKNOWN_INSTRUMENTS = "X-Unknown-Instruments";
    /** How many instruments an export with {@code unknown_instruments=skip} left out in all, named or not. */
    static final String UNKNOWN_INSTRUMENTS_COUNT = "X-Unknown-Instruments-Count";
    /**
     * The most characters {@link #UNKNOWN_INSTRUMENTS} holds, 8 KiB: what many clients and proxies take of one header,
     * which a watchlist of long symbols outside ASCII, each character percent-encoded as up to 12, would pass.
     */
    static final int UNKNOWN_INSTRUMENTS_MAX = 8 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ReplayController.class);
    private static final long REPLAY_BUSY_RETRY_S = 5;
    private static final String REPLAY_BUSY = "replay_busy: as many journal replays (state rebuilds and exports) " +
        "are running as quantumleap.replay.max-concurrent allows; ask again after Retry-After";

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record State(long lastIndex, long commands, List<OrderView> orders, List<PositionView> positions)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExportRequest(
        @NotBlank String table, @Nullable String from, @Nullable String to,
        @Schema(description = "only these instruments' rows: EXCHANGE:SYMBOL or the instrument token, as text " +
            "(\"NSE:INFY\", \"408065\"), as the journal defines them; every instrument's when missing or empty; " +
            "any of neither form or that the journal knows nothing of is a 400 naming every one in its instruments, " +
            "and nothing is exported; with ?unknown_instruments=skip, those the journal knows nothing of are left " +
            "out instead, and named in the X-Unknown-Instruments header")
        @Nullable @Size(max = 3000) List<@NotBlank String> instruments,
        @Schema(description = "csv (the default), jsonl (one JSON object per line, keyed as the CSV header) or " +
            "parquet") @Nullable String format)
    {
    }

    /** How the rows are written, its file name extension and its media type. */
    private enum Format
    {
        CSV("csv", ReplayController.CSV),
        JSONL("jsonl", ReplayController.JSON_LINES),
        PARQUET("parquet", ReplayController.PARQUET);

        private final String name;
        private final String mediaType;

        Format(final String name, final String mediaType)
        {
            this.name = name;
            this.mediaType = mediaType;
        }
    }

    private final EngineRuntime engine;
    private final Audit audit;
    private final Executor exports;
    private final int maxReplays;
    private final Semaphore replays;

    ReplayController(
        final EngineRuntime engine, final Audit audit, @Named(TaskExecutors.BLOCKING) final Executor exports,
        @Value("${quantumleap.replay.max-concurrent:2}") final int maxReplays)
    {
        if (maxReplays < 1)
        {
            throw new IllegalArgumentException("quantumleap.replay.max-concurrent=" + maxReplays + ": at least 1");
        }
        this.engine = engine;
        this.audit = audit;
        this.exports = exports;
        this.maxReplays = maxReplays;
        this.replays = new Semaphore(maxReplays);
    }

    /**
     * Takes one of the replays allowed at once: each reads the whole journal on a thread beside the engine's, so
     * without a bound a handful of requests would take the machine's cores from the hot path.
     *
     * @throws ApiException 429 {@code replay_busy} when as many are running as are allowed.
     */
    void startReplay()
    {
        if (!replays.tryAcquire())
        {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "replay_busy", busy() + ": ask again once one has " +
                "ended", REPLAY_BUSY_RETRY_S);
        }
    }

    /** @return that as many replays are running as are allowed, for a message. */
    private String busy()
    {
        return maxReplays + " journal " + (maxReplays == 1 ? "replay is" : "replays are") + " running (state " +
            "rebuilds and exports), the most at once";
    }

    void endReplay()
    {
        replays.release();
    }

    @Get("/state")
    @ApiResponse(responseCode = "400", description = "bad_request: at is blank, neither a time nor a journal index, " +
        "or before the journal's first entry; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = REPLAY_BUSY + "; or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    State state(@QueryValue final String at, @Nullable @QueryValue("account_id") final Long accountId)
    {
        if (at.isBlank())
        {
            throw ApiException.badRequest("at: required: a journal index, or a time like 2026-11-30T09:15:00Z, " +
                "2026-11-30T14:45 (IST) or 2026-11-30 (the end of that IST day)");
        }
        final Bound end = Bound.of("at", at, true);
        refuseBeforeTheJournal(end, at.strip());
        final LiveState past = new LiveState();
        final Replay replay = bound(Replay.of(engine.journal()), null, end, "at");
        final ReplayResult result;
        startReplay();
        try
        {
            result = replay.intoFreshCore(TradingCore::new,
                (inputSequence, buffer, offset, length) -> past.onEvent(buffer, offset, length)).run();
        }
        finally
        {
            endReplay();
        }
        // The journal's state, as export gives it: every account's, or the one asked for.
        final LongPredicate which = accountId == null ? account -> true : account -> account == accountId;
        return new State(result.lastIndex(), result.commandsIntoCore(), past.orders(which), past.positions(which));
    }

    /**
     * A moment before the journal's first entry would be answered with a fresh core's empty book, as if the accounts
     * had held nothing then: it is refused, naming what the journal covers, as {@code qleap replay --state-at} does.
     */
    private void refuseBeforeTheJournal(final Bound at, final String given)
    {
        final JournalSpan span = JournalSpan.of(engine.journal(), JournalStream.IN);
        if (span.isEmpty())
        {
            return;
        }
        final boolean before = at.index() != null ? at.index() < span.firstIndex() :
            nanos("at", at.time()) < span.firstTimeNs();
        if (before)
        {
            throw ApiException.badRequest("at: " + given + " is before the journal's first entry: the journal " +
                "covers " + span.describe());
        }
    }

    @Post(value = "/export", produces = {CSV, JSON_LINES, PARQUET})
    @ApiResponse(responseCode = "200", description = "the rows, streamed as they are read from the journal (a " +
        "download: Content-Disposition names the file); a failure part way cuts the response off",
        content = {
            @Content(mediaType = CSV, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = JSON_LINES, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = PARQUET, schema = @Schema(type = "string", format = "binary"))},
        headers = {
            @Header(name = UNKNOWN_INSTRUMENTS, description = "with unknown_instruments=skip, the instruments " +
                "asked for that the journal knows nothing of, left out of the rows: as given, each once, in the " +
                "order given, joined by commas, each percent-encoded in UTF-8 but for letters, digits, - . _ * " +
                "and the colon, as decodeURIComponent reads it back (NSE:NOPE,12345,NSE:NO%20PE%2CX); at most " +
                "8192 characters (8 KiB, what many clients and proxies take of a header): as many whole names " +
                "as fit, the first ones, so that it names fewer than " + UNKNOWN_INSTRUMENTS_COUNT + " counts " +
                "when they do not all fit; absent when none was left out or not even the first fits",
                schema = @Schema(type = "string")),
            @Header(name = UNKNOWN_INSTRUMENTS_COUNT, description = "with unknown_instruments=skip, how many " +
                "instruments were left out in all, named in " + UNKNOWN_INSTRUMENTS + " or not: 0 when none " +
                "was", schema = @Schema(type = "integer", format = "int32"))})
    @ApiResponse(responseCode = "400", description = "bad_request: a table, format, bound or instrument that is " +
        "not known; instruments of neither form and those the journal knows nothing of are all named, in the " +
        "message (the first 20 of each kind) and in instruments; or a body that is not one JSON object of these " +
        "fields; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = REPLAY_BUSY + "; or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> export(
        @Body @Valid final ExportRequest request,
        @Parameter(description = "refuse (the default): instruments the journal knows nothing of are a 400 naming " +
            "them, and nothing is exported; skip: they are left out, the others exported, and " + UNKNOWN_INSTRUMENTS +
            " names them (those of neither form are a 400 either way); when every one is left out, the table is " +
            "exported with no rows", schema = @Schema(allowableValues = {REFUSE, SKIP}))
        @Nullable @QueryValue("unknown_instruments") final String unknownInstruments,
        final Authentication auth)
    {
        final ExportTable table = table(request.table());
        final Format format = format(request.format());
        final boolean skip = skipUnknown(unknownInstruments);
        final Replay replay = bound(Replay.of(engine.journal()).stream(table.stream()).templates(table.templateId()),
            Bound.of("from", request.from(), false), Bound.of("to", request.to(), true), "to");
        final List<String> instruments = request.instruments() == null ? List.of() : request.instruments();
        final String name = table.name().toLowerCase(Locale.ROOT);
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("table", name);
        detail.put("format", format.name);
        detail.put("from", request.from());
        detail.put("to", request.to());
        detail.put("instruments", instruments);
        if (skip)
        {
            detail.put("unknown_instruments", SKIP);
        }
        // Looking the instruments up reads the whole journal, as the export does: it takes the replay's place. Their
        // forms are checked first, reading nothing, so that a malformed request is a 400 however many replays run;
        // with a replay to be had, one refusal names those of neither form and those the journal lacks. Each is read
        // once: the lookup takes the forms read here.
        final JournalInstruments.Forms forms = JournalInstruments.forms(instruments);
        final ApiException malformed = malformed(forms);
        if (malformed == null)
        {
            startReplay();
        }
        else if (skip)
        {
            throw malformed;
        }
        else if (!replays.tryAcquire())
        {
            throw ApiException.unknownInstruments(malformed.getMessage() + "; the others are not looked up in the " +
                "journal while " + busy(), malformed.instruments());
        }
        final ExportPipe pipe = new ExportPipe();
        final List<String> leftOut;
        try
        {
            final JournalInstruments.Known known = known(forms, skip);
            for (final long token : known.tokens())
            {
                replay.instrument(token);
            }
            leftOut = known.unknown();
            if (skip)
            {
                detail.put("left_out", leftOut);
                detail.put("left_out_count", leftOut.size());
            }
            // Every instrument asked for was left out: none of their rows, where a replay narrowed to no instrument
            // would give every instrument's.
            final Replay rows = instruments.isEmpty() || known.tokens().length > 0 ? replay : null;
            audit.record(Audit.userId(auth), AuditEvent.EXPORT, detail);
            exports.execute(() ->
            {
                try
                {
                    write(table, format, rows, pipe);
                }
                finally
                {
                    endReplay();
                }
            });
        }
        catch (final RuntimeException ex)
        {
            endReplay();
            throw ex;
        }
        final MutableHttpResponse<StreamedFile> response = HttpResponse.ok(new StreamedFile(pipe.input(),
            MediaType.of(format.mediaType)).attach(name + "." + format.name));
        if (skip)
        {
            response.header(UNKNOWN_INSTRUMENTS_COUNT, Integer.toString(leftOut.size()));
        }
        final String named = headerValue(leftOut, UNKNOWN_INSTRUMENTS_MAX);
        return named.isEmpty() ? response : response.header(UNKNOWN_INSTRUMENTS, named);
    }

    /**
     * @param given {@code unknown_instruments}, null when not given.
     * @return whether instruments the journal knows nothing of are left out rather than refused.
     * @throws ApiException 400 for a value other than {@value #REFUSE} and {@value #SKIP}.
     */
    private static boolean skipUnknown(final String given)
    {
        if (given == null || REFUSE.equalsIgnoreCase(given))
        {
            return false;
        }
        if (SKIP.equalsIgnoreCase(given))
        {
            return true;
        }
        throw ApiException.badRequest("unknown_instruments: '" + given + "' is not one of " + REFUSE + ", " + SKIP);
    }

    /**
     * @param maxLength the most characters of the value.
     * @return {@value #UNKNOWN_INSTRUMENTS}'s value: the instruments joined by commas, each percent-encoded in UTF-8
     * but for letters, digits, {@code -._*} and the colon, so that a symbol holding a comma, a space or a character
     * outside ASCII still fits a header, and {@code decodeURIComponent} gives it back as it was asked for; the first
     * ones alone, whole, up to the first that would pass {@code maxLength}, so that what is named is where the list
     * starts; empty when none fits.
     */
    static String headerValue(final List<String> instruments, final int maxLength)
    {
        final StringBuilder value = new StringBuilder();
        for (final String instrument : instruments)
        {
            // URLEncoder writes a space as '+' (HTML forms) and a literal '+' as %2B: every '+' it wrote is a space.
            final String encoded = URLEncoder.encode(instrument, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%3A", ":");
            if (value.length() + (value.isEmpty() ? 0 : 1) + encoded.length() > maxLength)
            {
                break;
            }
            value.append(value.isEmpty() ? "" : ",").append(encoded);
        }
        return value.toString();
    }

    /**
     * Runs on an export thread: the rows into the pipe, then its end (or its failure).
     *
     * @param replay null for no rows: the table's header alone (the schema alone in Parquet).
     */
    private static void write(final ExportTable table, final Format format, final Replay replay, final ExportPipe pipe)
    {
        try
        {
            if (format == Format.PARQUET)
            {
                writeParquet(table, replay, pipe);
            }
            else
            {
                final Writer text = new OutputStreamWriter(pipe.output(), StandardCharsets.UTF_8);
                try (RowWriter writer = format == Format.CSV ? new CsvRowWriter(text, table.columns()) :
                    new JsonLinesRowWriter(text, table.columns()))
                {
                    rows(table, replay, writer);
                }
            }
            pipe.finish();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("export of {} as {} stopped: {}", table, format.name, ex.getMessage());
            pipe.fail(ex);
        }
    }

    /** Parquet's footer comes last, so the file is written on disk (never in memory) and then sent. */
    private static void writeParquet(final ExportTable table, final Replay replay, final ExportPipe pipe)
        throws IOException
    {
        final String name = table.name().toLowerCase(Locale.ROOT);
        final Path file = Files.createTempFile("qleap-export-" + name + "-", ".parquet");
        try
        {
            try (RowWriter writer = new ParquetRowWriter(file, name, table.columns()))
            {
                rows(table, replay, writer);
            }
            try (OutputStream out = pipe.output())
            {
                Files.copy(file, out);
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    private static void rows(final ExportTable table, final Replay replay, final RowWriter writer)
    {
        if (replay == null)
        {
            return;
        }
        final ExportTable.RowConverter converter = table.converter();
        replay.tracking(converter.instruments(), table.instrumentTemplateId()).into((index, buffer, offset, length) ->
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

    /**
     * @return the 400 naming every instrument of neither form, {@code EXCHANGE:SYMBOL} or a token, found without
     * reading the journal; null when there is none.
     */
    private static ApiException malformed(final JournalInstruments.Forms forms)
    {
        try
        {
            forms.check();
            return null;
        }
        catch (final UnknownInstrumentsException ex)
        {
            return ApiException.unknownInstruments("instruments: " + ex.getMessage(), ex.instruments());
        }
    }

    /**
     * The instruments' tokens as the journal defines them, as {@code qleap replay --instrument} takes them: not the
     * live instrument list, which forgets expired contracts.
     *
     * @param skip whether those the journal knows nothing of are left out, and named in the answer, not refused.
     * @throws ApiException 400 naming every instrument that is neither {@code EXCHANGE:SYMBOL} nor a token and, unless
     * {@code skip}, every one the journal knows nothing of, and what it defines; never an export of the others
     * unasked, which a client may ask for once it knows which they are, or at once with {@code skip}.
     */
    private JournalInstruments.Known known(final JournalInstruments.Forms forms, final boolean skip)
    {
        try
        {
            return skip ? JournalInstruments.known(engine.journal(), forms) :
                new JournalInstruments.Known(JournalInstruments.tokens(engine.journal(), forms), List.of());
        }
        catch (final UnknownInstrumentsException ex)
        {
            throw ApiException.unknownInstruments("instruments: " + ex.getMessage(), ex.instruments());
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("instruments: " + ex.getMessage());
        }
    }

    private static Format format(final String name)
    {
        if (name == null || name.isBlank())
        {
            return Format.CSV;
        }
        for (final Format format : Format.values())
        {
            if (format.name.equalsIgnoreCase(name))
            {
                return format;
            }
        }
        throw ApiException.badRequest("format: '" + name + "' is not one of csv, jsonl, parquet");
    }

    private static ExportTable table(final String name)
    {
        for (final ExportTable table : ExportTable.values())
        {
            if (table.name().equalsIgnoreCase(name))
            {
                return table;
            }
        }
        throw ApiException.badRequest("table: '" + name + "' is not one of ticks, orders, fills, positions");
    }

    /**
     * A replay's bound as given: a journal index (ASCII digits, {@link AsciiDigits}) or a time; null when not given.
     *
     * @param index the journal index, or null for a time.
     * @param time  the time, or null for an index.
     */
    private record Bound(Long index, Instant time)
    {
        /** A bound's other form, as a refusal of one that is neither names it. */
        private static final String INDEX = "a journal index like 89279485182754 (in the digits 0-9, as " +
            "/api/replay/state's last_index and qleap replay give it)";

        /** @param upper a date alone as an upper bound means the end of that IST day, as a lower one its start. */
        static Bound of(final String name, final String given, final boolean upper)
        {
            if (given == null || given.isBlank())
            {
                return null;
            }
            final String text = given.strip();
            if (AsciiDigits.only(text))
            {
                return new Bound(ReplayController.index(name, text), null);
            }
            return new Bound(null, upper ? ApiException.instantUntil(name, text, null, true, INDEX) :
                ApiException.instant(name, text, null, INDEX));
        }
    }

    /**
     * Bounds {@code replay} by {@code from} and {@code to}; two of a kind must be in order.
     *
     * @param toName the parameter the upper bound came in, for the message.
     */
    private static Replay bound(final Replay replay, final Bound from, final Bound to, final String toName)
    {
        if (from != null)
        {
            if (from.index() != null)
            {
                replay.fromIndex(from.index());
            }
            else
            {
                replay.fromTimeNs(nanos("from", from.time()));
            }
        }
        if (to != null)
        {
            if (to.index() != null)
            {
                if (from != null && from.index() != null && from.index() > to.index())
                {
                    throw ApiException.backwards("journal index " + from.index(), toName, to.index());
                }
                replay.toIndex(to.index());
            }
            else
            {
                if (from != null && from.time() != null && from.time().isAfter(to.time()))
                {
                    throw ApiException.backwards(from.time(), toName, to.time());
                }
                replay.toTimeNs(nanos(toName, to.time()));
            }
        }
        return replay;
    }

    private static long index(final String name, final String digits)
    {
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest(name + ": journal index " + digits + " is too large");
        }
    }

    private static long nanos(final String name, final Instant at)
    {
        if (!JournalTimes.holds(at))
        {
            throw ApiException.badRequest(name + ": " + at + JournalTimes.OUTSIDE);
        }
        return JournalTimes.nanos(at);
    }
}
