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
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.http.StrictJson;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.UserWatchlists;
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
 * The caller's watchlists, kept on the server so they follow the user to any browser: up to {@link #MAX_LISTS}
 * named lists (as Kite's market watch has seven), one of them open. A user who never saved any is given one list of
 * {@link #DEFAULTS}, those of them the engine knows, with {@code saved} false; until the engine has taken a whole
 * instruments dump of the broker (before the first login, and while the dump is passing through the core) the list is
 * empty and {@code loading} true, and the dashboard reads it again until {@code loading} is false. The defaults come
 * whole or not at all: a user who changed a list of the first few (adding an instrument, say) would have saved it
 * without the rest. The first save makes the lists the user's own.
 */
@Controller("/api/watchlist")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class WatchlistController
{
    static final int MAX_LISTS = 7;
    /** A third of what one Kite ticker connection streams (3,000), as many as the dashboard renders smoothly. */
    static final int MAX_ITEMS = 1000;
    static final int MAX_NAME = 30;
    static final String DEFAULT_NAME = "Watchlist 1";
    static final List<String> DEFAULTS = List.of(
        "NSE:NIFTY 50", "NSE:NIFTY BANK", "NSE:INFY", "NSE:RELIANCE", "NSE:TCS", "NSE:HDFCBANK", "NSE:ICICIBANK",
        "NSE:SBIN");
    private static final Set<String> MODES = Set.of("ltp", "quote", "full");
    private static final String DEFAULT_MODE = "quote";

    /**
     * One instrument of a list: its names and trading units (the engine's instrument master, or as saved while
     * that is not loaded or no longer has it) and the tick {@code mode} the user streams it in, {@code ltp},
     * {@code quote} or {@code full}.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(
        long instrumentToken, String exchange, String tradingsymbol, String segment, BigDecimal tickSize, int lotSize,
        String mode)
    {
    }

    /** One list: its {@code name}, its instruments in the user's order, and the one last {@code selected} or null. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Watchlist(String name, List<Item> items, @Nullable Long selected)
    {
    }

    /**
     * The user's lists in order, {@code active} the index of the one open; {@code saved} false while the user has
     * never saved any and the one list is the defaults; {@code version} one up with every save (0 before the first),
     * to send back with the next change; {@code loading} true while the list is the defaults and the broker's
     * instruments are not all in the engine yet, so more of the defaults may follow.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Watchlists(List<Watchlist> lists, int active, boolean saved, long version, boolean loading)
    {
    }

    /** An instrument to keep in a list; {@code mode} is {@code quote} when left out. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(@Nullable Long instrumentToken, @Nullable String mode)
    {
    }

    /** One list to keep: a name (1 to 30 characters), its instruments in order, the selected one or null. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ListChange(
        @Nullable String name,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<Entry> items,
        @Nullable Long selected)
    {
    }

    /**
     * All the lists, in order, replacing the saved ones; {@code active} the one open (the first when left out);
     * {@code version} the one these lists were read or last saved as: when given, a save made elsewhere since then
     * refuses this one (409) instead of being overwritten.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Change(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<ListChange> lists,
        @Nullable Integer active,
        @Nullable Long version)
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
    Watchlists watchlists(final Authentication auth)
    {
        return storage.watchlists().find(Audit.requireUserId(auth)).map(this::view).orElseGet(this::defaults);
    }

    @Put
    @ApiResponse(responseCode = "200", description = "saved: the lists as they are now",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Watchlists.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the list and entry and what " +
        "is wrong (no lists or more than " + MAX_LISTS + ", a name missing or longer than " + MAX_NAME +
        " characters, an instrument the engine does not know and the user's lists did not have, one listed twice " +
        "in a list, a mode other than ltp, quote or full, more than " + MAX_ITEMS + " instruments in a list, a " +
        "selected instrument not in its list, an active list that is not one of them, a negative version); " +
        "nothing was saved; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "watchlist_changed: the lists were saved elsewhere (another " +
        "window or browser) after the version sent; nothing was saved: read them again",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Watchlists saveWatchlists(@Body final Change change, final Authentication auth)
    {
        final UUID user = Audit.requireUserId(auth);
        if (change.lists() == null || change.lists().isEmpty() || change.lists().size() > MAX_LISTS)
        {
            throw ApiException.badRequest("lists: " + (change.lists() == null ? "required" :
                change.lists().size() + " lists") + ", give 1 to " + MAX_LISTS + " in order");
        }
        final int active = change.active() == null ? 0 : change.active();
        if (active < 0 || active >= change.lists().size())
        {
            throw ApiException.badRequest("active: " + active + " is not one of the lists (0 to " +
                (change.lists().size() - 1) + ")");
        }
        if (change.version() != null && change.version() < 0)
        {
            throw ApiException.badRequest("version: " + change.version() + ", give the version the lists were read as");
        }
        final Saved before = new Saved(user);
        final List<WatchlistRow> lists = new ArrayList<>(change.lists().size());
        for (int n = 0; n < change.lists().size(); n++)
        {
            lists.add(list("lists[" + n + "]", change.lists().get(n), before));
        }
        return storage.watchlists().save(user, lists, active, change.version()).map(this::view)
            .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "watchlist_changed",
                "the watchlists were changed elsewhere (now version " + storage.watchlists().find(user)
                    .map(UserWatchlists::version).orElse(0L) + "); read them again"));
    }

    private WatchlistRow list(final String at, final ListChange change, final Saved before)
    {
        if (change == null)
        {
            throw ApiException.badRequest(at + ": required");
        }
        final String name = change.name() == null ? "" : change.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME)
        {
            throw ApiException.badRequest(at + ".name: " + (name.isEmpty() ? "required" :
                name.length() + " characters") + ", give 1 to " + MAX_NAME);
        }
        if (change.items() == null)
        {
            throw ApiException.badRequest(at + ".items: required, the whole list in order (empty to clear it)");
        }
        if (change.items().size() > MAX_ITEMS)
        {
            throw ApiException.badRequest(at + ".items: " + change.items().size() + " instruments, at most " +
                MAX_ITEMS);
        }
        final List<WatchlistItemRow> rows = new ArrayList<>(change.items().size());
        final Set<Long> seen = new HashSet<>();
        for (int n = 0; n < change.items().size(); n++)
        {
            rows.add(row(at + ".items[" + n + "]", change.items().get(n), before, seen));
        }
        if (change.selected() != null && !seen.contains(change.selected()))
        {
            throw ApiException.badRequest(at + ".selected: " + change.selected() + " is not an instrument of the list");
        }
        return new WatchlistRow(name, rows, change.selected());
    }

    private WatchlistItemRow row(
        final String at, final Entry entry, final Saved before, final Set<Long> seen)
    {
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
        final WatchlistItemRow kept = before.item(token);
        if (kept == null)
        {
            throw ApiException.badRequest(at + ".instrument_token: " + token + " is not an instrument the engine " +
                "knows" + (live.instruments().isEmpty() ? " (none are loaded until the broker connects)" : ""));
        }
        return new WatchlistItemRow(token, kept.exchange(), kept.tradingsymbol(), kept.segment(), kept.tickSize(),
            kept.lotSize(), mode);
    }

    /** The user's saved items by instrument, read from storage only when an entry the engine does not know asks. */
    private final class Saved
    {
        private final UUID user;
        private Map<Long, WatchlistItemRow> items;

        Saved(final UUID user)
        {
            this.user = user;
        }

        WatchlistItemRow item(final long token)
        {
            if (items == null)
            {
                items = new HashMap<>();
                storage.watchlists().find(user).ifPresent(saved -> saved.lists()
                    .forEach(list -> list.items().forEach(i -> items.put(i.instrumentToken(), i))));
            }
            return items.get(token);
        }
    }

    Watchlists defaults()
    {
        // Read before the instruments: once the flag is seen set, every instrument of the dump is seen too.
        final boolean loaded = live.instrumentsLoaded();
        final List<Item> items = !loaded ? List.of() : DEFAULTS.stream()
            .map(key -> live.instrument(key.substring(0, key.indexOf(':')), key.substring(key.indexOf(':') + 1)))
            .flatMap(Optional::stream)
            .map(i -> item(row(i, DEFAULT_MODE)))
            .toList();
        final Long selected = items.isEmpty() ? null : items.get(0).instrumentToken();
        return new Watchlists(List.of(new Watchlist(DEFAULT_NAME, items, selected)), 0, false, 0, !loaded);
    }

    private Watchlists view(final UserWatchlists saved)
    {
        return new Watchlists(saved.lists().stream()
            .map(list -> new Watchlist(list.name(), list.items().stream().map(this::item).toList(), list.selected()))
            .toList(), saved.active(), true, saved.version(), false);
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

}
