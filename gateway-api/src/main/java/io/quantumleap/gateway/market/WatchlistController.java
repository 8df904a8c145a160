package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.WatchlistItemRow;
import io.quantumleap.persistence.users.WatchlistRow;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller's watchlist, kept on the server so it follows the user to any browser. A user who never saved one is
 * given {@link #DEFAULTS}, those of them the engine knows at the time (none before the broker's instruments are
 * loaded), with {@code saved} false; the first save makes the list the user's own.
 */
@Controller("/api/watchlist")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class WatchlistController
{
    /** More than one Kite ticker connection streams (3,000), fewer than the dashboard can render smoothly. */
    static final int MAX_ITEMS = 1000;
    static final List<String> DEFAULTS = List.of(
        "NSE:NIFTY 50", "NSE:NIFTY BANK", "NSE:INFY", "NSE:RELIANCE", "NSE:TCS", "NSE:HDFCBANK", "NSE:ICICIBANK",
        "NSE:SBIN");
    private static final Set<String> MODES = Set.of("ltp", "quote", "full");
    private static final String DEFAULT_MODE = "quote";

    /**
     * One instrument of the list: its names and trading units (the engine's instrument master, or as saved while
     * that is not loaded) and the tick {@code mode} the user streams it in, {@code ltp}, {@code quote} or
     * {@code full}.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(
        long instrumentToken, String exchange, String tradingsymbol, String segment, BigDecimal tickSize, int lotSize,
        String mode)
    {
    }

    /**
     * The list in the user's order; {@code selected} the instrument last selected (or null); {@code saved} false
     * while the user has never saved a list and these are the defaults.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Watchlist(List<Item> items, @Nullable Long selected, boolean saved)
    {
    }

    /** An instrument to keep in the list; {@code mode} is {@code quote} when left out. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(@Nullable Long instrumentToken, @Nullable String mode)
    {
    }

    /** The whole list, in order, replacing the saved one; {@code selected} must be one of its instruments or null. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Change(@Nullable List<Entry> items, @Nullable Long selected)
    {
    }

    private final Storage storage;
    private final LiveState live;

    WatchlistController(final Storage storage, final LiveState live)
    {
        this.storage = storage;
        this.live = live;
    }

    @Get
    Watchlist watchlist(final Authentication auth)
    {
        final UUID user = user(auth);
        return storage.watchlists().find(user)
            .map(saved -> new Watchlist(saved.items().stream().map(this::item).toList(), saved.selected(), true))
            .orElseGet(this::defaults);
    }

    @Put
    @ApiResponse(responseCode = "200", description = "saved: the list as it is now",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Watchlist.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the entry and what is wrong " +
        "with it (an instrument the engine does not know and the list did not have, one listed twice, a mode " +
        "other than ltp, quote or full, more than " + MAX_ITEMS + " instruments, a selected instrument not in " +
        "the list); nothing was saved",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Watchlist saveWatchlist(@Body final Change change, final Authentication auth)
    {
        final UUID user = user(auth);
        if (change.items() == null)
        {
            throw ApiException.badRequest("items: required, the whole list in order (empty to clear it)");
        }
        if (change.items().size() > MAX_ITEMS)
        {
            throw ApiException.badRequest("items: " + change.items().size() + " instruments, at most " + MAX_ITEMS);
        }
        final Map<Long, WatchlistItemRow> before = new HashMap<>();
        storage.watchlists().find(user)
            .ifPresent(saved -> saved.items().forEach(i -> before.put(i.instrumentToken(), i)));
        final List<WatchlistItemRow> rows = new ArrayList<>(change.items().size());
        final Set<Long> seen = new HashSet<>();
        for (int n = 0; n < change.items().size(); n++)
        {
            rows.add(row(n, change.items().get(n), before, seen));
        }
        if (change.selected() != null && !seen.contains(change.selected()))
        {
            throw ApiException.badRequest("selected: " + change.selected() + " is not an instrument of the list");
        }
        final WatchlistRow saved = new WatchlistRow(rows, change.selected());
        storage.watchlists().save(user, saved);
        return new Watchlist(rows.stream().map(this::item).toList(), saved.selected(), true);
    }

    private WatchlistItemRow row(
        final int n, final Entry entry, final Map<Long, WatchlistItemRow> before, final Set<Long> seen)
    {
        final String at = "items[" + n + "]";
        if (entry == null || entry.instrumentToken() == null)
        {
            throw ApiException.badRequest(at + ".instrument_token: required");
        }
        final long token = entry.instrumentToken();
        if (!seen.add(token))
        {
            throw ApiException.badRequest(at + ".instrument_token: " + token + " is in the list twice");
        }
        final String mode = entry.mode() == null ? DEFAULT_MODE : entry.mode();
        if (!MODES.contains(mode))
        {
            throw ApiException.badRequest(at + ".mode: '" + mode + "', expected ltp, quote or full");
        }
        final Optional<InstrumentView> known = live.instrument(token);
        if (known.isPresent())
        {
            return row(known.get(), mode);
        }
        final WatchlistItemRow kept = before.get(token);
        if (kept == null)
        {
            throw ApiException.badRequest(at + ".instrument_token: " + token + " is not an instrument the engine " +
                "knows" + (live.instruments().isEmpty() ? " (none are loaded until the broker connects)" : ""));
        }
        return new WatchlistItemRow(token, kept.exchange(), kept.tradingsymbol(), kept.segment(), kept.tickSize(),
            kept.lotSize(), mode);
    }

    private Watchlist defaults()
    {
        final List<Item> items = DEFAULTS.stream()
            .map(key -> live.instrument(key.substring(0, key.indexOf(':')), key.substring(key.indexOf(':') + 1)))
            .flatMap(Optional::stream)
            .map(i -> item(row(i, DEFAULT_MODE)))
            .toList();
        return new Watchlist(items, items.isEmpty() ? null : items.get(0).instrumentToken(), false);
    }

    private Item item(final WatchlistItemRow row)
    {
        return live.instrument(row.instrumentToken())
            .map(i -> new Item(i.instrumentToken(), i.exchange(), i.tradingsymbol(), i.segment(), i.tickSize(),
                i.lotSize(), row.mode()))
            .orElseGet(() -> new Item(row.instrumentToken(), row.exchange(), row.tradingsymbol(), row.segment(),
                row.tickSize(), row.lotSize(), row.mode()));
    }

    private static WatchlistItemRow row(final InstrumentView instrument, final String mode)
    {
        return new WatchlistItemRow(instrument.instrumentToken(), instrument.exchange(), instrument.tradingsymbol(),
            instrument.segment(), instrument.tickSize(), instrument.lotSize(), mode);
    }

    private static UUID user(final Authentication auth)
    {
        final UUID user = Audit.userId(auth);
        if (user == null)
        {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                "the token names no user; log in again");
        }
        return user;
    }
}
