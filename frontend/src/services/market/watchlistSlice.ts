import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { InstrumentView, TickMode, Watchlists } from '../api/types';
import { loggedIn, loggedOut, sessionEnded } from '../auth/sessionSlice';

export interface WatchItem {
  instrument_token: number;
  exchange: string;
  tradingsymbol: string;
  /** The instrument's segment ('INDICES' for an index); absent on items a browser kept before the gateway did. */
  segment?: string;
  tick_size: number;
  lot_size: number;
  mode: TickMode;
}

/** `loading` until the gateway answered for the signed-in user, `failed` when it could not. */
export type WatchlistStatus = 'loading' | 'ready' | 'failed';

/** A change the gateway has not saved: still being tried, or refused (400) until the next change. */
export interface UnsavedChange {
  reason: string;
  retrying: boolean;
}

/** One of the user's named lists: its instruments in order and the one selected (null when it is empty). */
export interface NamedWatchlist {
  name: string;
  items: WatchItem[];
  selected: number | null;
}

/** How many lists a user may keep, as Kite's market watch has. */
export const MAX_WATCHLISTS = 7;

/** The longest name a list may have, after trimming. */
export const MAX_WATCHLIST_NAME = 30;

/** The name of list `number` (from 1) when the user has not named it. */
export function defaultListName(number: number): string {
  return `Watchlist ${number}`;
}

export interface WatchlistState {
  /** The user's lists in order: always at least one. */
  lists: NamedWatchlist[];
  /** The index in `lists` of the one open: the page shows it and the live socket streams its instruments. */
  active: number;
  status: WatchlistStatus;
  /** Why the lists could not be read, while `failed`. */
  error: string | null;
  /** The user has saved their lists; false while the one list is the gateway's defaults. */
  saved: boolean;
  /** The version of the lists as last read from or saved on the gateway: 0 while the user has never saved any. */
  version: number;
  /** Set while the latest change is not saved on the gateway. */
  unsaved: UnsavedChange | null;
}

/** The lists as read from (or adopted for) the gateway, replacing what the slice holds. */
export interface LoadedWatchlists {
  lists: NamedWatchlist[];
  active: number;
  saved: boolean;
  version: number;
}

const NO_LIST: NamedWatchlist = { name: defaultListName(1), items: [], selected: null };

export const initialWatchlist: WatchlistState = {
  lists: [NO_LIST],
  active: 0,
  status: 'loading',
  error: null,
  saved: false,
  version: 0,
  unsaved: null,
};

/** The list open now, the one the existing row, ticket and live actions act on. */
export function activeList(state: WatchlistState): NamedWatchlist {
  return state.lists[state.active] ?? NO_LIST;
}

/** An instrument as one of the lists has it, the open list first; undefined when none has it. */
export function findWatched(state: WatchlistState, token: number): WatchItem | undefined {
  for (const list of [activeList(state), ...state.lists]) {
    const found = list.items.find((item) => item.instrument_token === token);
    if (found) {
      return found;
    }
  }
  return undefined;
}

const TICK_MODES: readonly string[] = ['ltp', 'quote', 'full'] satisfies TickMode[];

function tickMode(mode: unknown): TickMode {
  return typeof mode === 'string' && TICK_MODES.includes(mode) ? (mode as TickMode) : 'quote';
}

/** The gateway's lists in the slice's shape. */
export function fromServer(watchlists: Watchlists): LoadedWatchlists {
  return {
    lists: watchlists.lists.map((list) => ({
      name: list.name,
      items: list.items.map((item) => ({
        instrument_token: item.instrument_token,
        exchange: item.exchange,
        tradingsymbol: item.tradingsymbol,
        segment: item.segment,
        tick_size: item.tick_size,
        lot_size: item.lot_size,
        mode: tickMode(item.mode),
      })),
      selected: list.selected ?? null,
    })),
    active: watchlists.active,
    saved: watchlists.saved,
    version: watchlists.version,
  };
}

/** The selection of `list` if it is one of its instruments, else its first instrument (null when empty). */
function settledSelection(list: NamedWatchlist): NamedWatchlist {
  const { items, selected } = list;
  return {
    ...list,
    selected:
      selected !== null && items.some((item) => item.instrument_token === selected)
        ? selected
        : (items[0]?.instrument_token ?? null),
  };
}

/**
 * The name a new list gets: "Watchlist N" for its place N among the lists when no list has that name yet,
 * else for the lowest number no list's name has.
 */
export function newListName(lists: readonly NamedWatchlist[]): string {
  const taken = new Set(lists.map((list) => list.name));
  if (!taken.has(defaultListName(lists.length + 1))) {
    return defaultListName(lists.length + 1);
  }
  let number = 1;
  while (taken.has(defaultListName(number))) {
    number += 1;
  }
  return defaultListName(number);
}

/** Whether `order` names each of `items` exactly once, and nothing else. */
function isOrderOf(items: readonly WatchItem[], order: readonly number[]): boolean {
  if (!Array.isArray(order) || order.length !== items.length) {
    return false;
  }
  const tokens = new Set(items.map((item) => item.instrument_token));
  return new Set(order).size === order.length && order.every((token) => tokens.has(token));
}

/** Where the dashboard kept the watchlist in the browser before the gateway kept it per user. */
export const LEGACY_WATCHLIST_KEY = 'qleap.watchlist';

/** The list a browser kept under LEGACY_WATCHLIST_KEY; empty when there is none or it is unreadable. */
export function loadLegacyWatchlist(storage: Storage | undefined): {
  items: WatchItem[];
  selected: number | null;
} {
  try {
    const raw = storage?.getItem(LEGACY_WATCHLIST_KEY);
    const parsed = raw ? (JSON.parse(raw) as { items?: unknown; selected?: unknown }) : {};
    const items = Array.isArray(parsed.items)
      ? parsed.items
          .filter(
            (item): item is WatchItem =>
              typeof item === 'object' &&
              item !== null &&
              typeof (item as WatchItem).instrument_token === 'number',
          )
          .map((item) => ({ ...item, mode: tickMode(item.mode) }))
      : [];
    const selected = typeof parsed.selected === 'number' ? parsed.selected : null;
    return { items, selected };
  } catch {
    return { items: [], selected: null };
  }
}

const watchlistSlice = createSlice({
  name: 'watchlist',
  initialState: initialWatchlist,
  reducers: {
    added: (state, action: PayloadAction<InstrumentView>) => {
      const list = state.lists[state.active];
      const instrument = action.payload;
      if (!list) {
        return;
      }
      if (!list.items.some((item) => item.instrument_token === instrument.instrument_token)) {
        list.items.push({
          instrument_token: instrument.instrument_token,
          exchange: instrument.exchange,
          tradingsymbol: instrument.tradingsymbol,
          segment: instrument.segment,
          tick_size: instrument.tick_size,
          lot_size: instrument.lot_size,
          mode: 'quote',
        });
      }
      list.selected ??= instrument.instrument_token;
    },
    removed: (state, action: PayloadAction<number>) => {
      const list = state.lists[state.active];
      if (!list) {
        return;
      }
      list.items = list.items.filter((item) => item.instrument_token !== action.payload);
      if (list.selected === action.payload) {
        list.selected = list.items[0]?.instrument_token ?? null;
      }
    },
    modeChanged: (state, action: PayloadAction<{ token: number; mode: TickMode }>) => {
      const item = state.lists[state.active]?.items.find(
        (candidate) => candidate.instrument_token === action.payload.token,
      );
      if (item) {
        item.mode = action.payload.mode;
      }
    },
    /**
     * The open list's instruments in a new order, given as their tokens; ignored unless it names each of the
     * list's instruments exactly once.
     */
    reordered: (state, action: PayloadAction<readonly number[]>) => {
      const list = state.lists[state.active];
      const order = action.payload;
      if (!list || !isOrderOf(list.items, order)) {
        return;
      }
      if (order.every((token, index) => list.items[index]?.instrument_token === token)) {
        return;
      }
      const byToken = new Map(list.items.map((item) => [item.instrument_token, item]));
      list.items = order.map((token) => byToken.get(token) as WatchItem);
    },
    selected: (state, action: PayloadAction<number>) => {
      const list = state.lists[state.active];
      if (list) {
        list.selected = action.payload;
      }
    },
    /** A new, empty list (see newListName) is added after the others and opened; none past MAX_WATCHLISTS. */
    listAdded: (state) => {
      if (state.lists.length >= MAX_WATCHLISTS) {
        return;
      }
      state.lists.push({ name: newListName(state.lists), items: [], selected: null });
      state.active = state.lists.length - 1;
    },
    /** A list's new name, trimmed; a name that is blank or longer than MAX_WATCHLIST_NAME is ignored. */
    listRenamed: (state, action: PayloadAction<{ index: number; name: string }>) => {
      const list = state.lists[action.payload.index];
      const name = action.payload.name.trim();
      if (list && name.length > 0 && name.length <= MAX_WATCHLIST_NAME) {
        list.name = name;
      }
    },
    /**
     * A list is deleted, never the last one. The same list stays open when another is deleted; when the open one
     * is, the list that takes its place opens (the one before it when it was the last).
     */
    listRemoved: (state, action: PayloadAction<number>) => {
      const index = action.payload;
      if (state.lists.length <= 1 || index < 0 || index >= state.lists.length) {
        return;
      }
      state.lists.splice(index, 1);
      if (index < state.active || state.active >= state.lists.length) {
        state.active -= 1;
      }
    },
    listOpened: (state, action: PayloadAction<number>) => {
      if (action.payload >= 0 && action.payload < state.lists.length) {
        state.active = action.payload;
      }
    },
    /**
     * The lists from the gateway replace those held; a selection that is not in its list falls back to the list's
     * first item, an active index that is not one of the lists to the first list.
     */
    loaded: (_state, action: PayloadAction<LoadedWatchlists>) => {
      const { lists, active, saved, version } = action.payload;
      const kept = lists.length > 0 ? lists.map(settledSelection) : [NO_LIST];
      return {
        lists: kept,
        active: Number.isInteger(active) && active >= 0 && active < kept.length ? active : 0,
        status: 'ready',
        error: null,
        saved,
        version,
        unsaved: null,
      };
    },
    loadFailed: (state, action: PayloadAction<string>) => {
      state.status = 'failed';
      state.error = action.payload;
    },
    /** The user asks to read the lists again after they failed. */
    reloadRequested: (state) => {
      state.status = 'loading';
      state.error = null;
    },
    /** The gateway saved the lists as they were sent, as `version`. */
    savedOnServer: (state, action: PayloadAction<{ version: number }>) => {
      state.saved = true;
      state.version = action.payload.version;
      state.unsaved = null;
    },
    saveFailed: (state, action: PayloadAction<UnsavedChange>) => {
      state.unsaved = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loggedIn, () => initialWatchlist)
      .addCase(loggedOut, () => initialWatchlist)
      .addCase(sessionEnded, () => initialWatchlist);
  },
});

export const watchlistActions = watchlistSlice.actions;
export const watchlistReducer = watchlistSlice.reducer;
