package io.quantumleap.gateway.replay;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.micronaut.context.annotation.Requires;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.export.CsvRowWriter;
import io.quantumleap.journal.export.ExportTable;
import io.quantumleap.journal.export.RowWriter;
import io.quantumleap.journal.replay.Replay;
import io.quantumleap.journal.replay.ReplayResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The quant's tools on the live journal, for quants and admins: the state at any past moment (the journal's commands
 * up to it replayed through a fresh core), of every account or of one ({@code account_id}), and CSV exports of ticks,
 * orders, fills or positions. Both cover the whole journal, every account's, as {@code qleap replay} does.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/replay")
@Secured({"quant", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
class ReplayController
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record State(long lastIndex, long commands, List<OrderView> orders, List<PositionView> positions)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExportRequest(@NotBlank String table, @Nullable String from, @Nullable String to)
    {
    }

    private final EngineRuntime engine;
    private final Audit audit;

    ReplayController(final EngineRuntime engine, final Audit audit)
    {
        this.engine = engine;
        this.audit = audit;
    }

    @Get("/state")
    State state(@QueryValue final String at, @Nullable @QueryValue("account_id") final Long accountId)
    {
        final LiveState past = new LiveState();
        final Replay replay = bound(Replay.of(engine.journal()), null, at);
        final ReplayResult result = replay.intoFreshCore(TradingCore::new,
            (inputSequence, buffer, offset, length) -> past.onEvent(buffer, offset, length)).run();
        // The journal's state, as export gives it: every account's, or the one asked for.
        final LongPredicate which = accountId == null ? account -> true : account -> account == accountId;
        return new State(result.lastIndex(), result.commandsIntoCore(), past.orders(which), past.positions(which));
    }

    @Post(value = "/export", produces = "text/csv")
    HttpResponse<?> export(@Body @Valid final ExportRequest request, final Authentication auth)
    {
        final ExportTable table = table(request.table());
        final Path file;
        try
        {
            file = Files.createTempFile("qleap-export-" + table.name().toLowerCase(Locale.ROOT) + "-", ".csv");
            file.toFile().deleteOnExit();
            final Journal journal = engine.journal();
            final Replay replay = bound(Replay.of(journal).stream(table.stream()).templates(table.templateId()),
                request.from(), request.to());
            final ExportTable.RowConverter converter = table.converter();
            try (RowWriter writer = new CsvRowWriter(file, table.columns()))
            {
                replay.into((index, buffer, offset, length) ->
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
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("export of " + table + " failed", ex);
        }
        audit.record(Audit.userId(auth), "export", Map.of("table", table.name().toLowerCase(Locale.ROOT)));
        return HttpResponse.ok(new SystemFile(file.toFile(), MediaType.of("text/csv"))
            .attach(table.name().toLowerCase(Locale.ROOT) + ".csv"));
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

    /** A bound is a journal index (digits) or an ISO-8601 instant. */
    private static Replay bound(final Replay replay, final String from, final String to)
    {
        if (from != null && !from.isBlank())
        {
            if (from.chars().allMatch(Character::isDigit))
            {
                replay.fromIndex(Long.parseLong(from));
            }
            else
            {
                replay.fromTimeNs(nanos(ApiException.instant("from", from, null)));
            }
        }
        if (to != null && !to.isBlank())
        {
            if (to.chars().allMatch(Character::isDigit))
            {
                replay.toIndex(Long.parseLong(to));
            }
            else
            {
                replay.toTimeNs(nanos(ApiException.instant("at", to, null)));
            }
        }
        return replay;
    }

    private static long nanos(final Instant at)
    {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
