import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { InstrumentView, TickMode, Watchlist } from '../api/types';
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

export interface WatchlistState {
  items: WatchItem[];
  selected: number | null;
  status: WatchlistStatus;
  /** Why the list could not be read, while `failed`. */
  error: string | null;
  /** The user has saved a list; false while the items are the gateway's defaults. */
  saved: boolean;
  /** Set while the latest change is not saved on the gateway. */
  unsaved: UnsavedChange | null;
}

/** The list as read from (or adopted for) the gateway, replacing what the slice holds. */
export interface LoadedWatchlist {
  items: WatchItem[];
  selected: number | null;
  saved: boolean;
}

export const initialWatchlist: WatchlistState = {
  items: [],
  selected: null,
  status: 'loading',
  error: null,
  saved: false,
  unsaved: null,
};

const TICK_MODES: readonly string[] = ['ltp', 'quote', 'full'] satisfies TickMode[];

function tickMode(mode: unknown): TickMode {
  return typeof mode === 'string' && TICK_MODES.includes(mode) ? (mode as TickMode) : 'quote';
}

/** The gateway's list in the slice's shape. */
export function fromServer(list: Watchlist): LoadedWatchlist {
  return {
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
    saved: list.saved,
  };
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
      const instrument = action.payload;
      if (!state.items.some((item) => item.instrument_token === instrument.instrument_token)) {
        state.items.push({
          instrument_token: instrument.instrument_token,
          exchange: instrument.exchange,
          tradingsymbol: instrument.tradingsymbol,
          segment: instrument.segment,
          tick_size: instrument.tick_size,
          lot_size: instrument.lot_size,
          mode: 'quote',
        });
      }
      state.selected ??= instrument.instrument_token;
    },
    removed: (state, action: PayloadAction<number>) => {
      state.items = state.items.filter((item) => item.instrument_token !== action.payload);
      if (state.selected === action.payload) {
        state.selected = state.items[0]?.instrument_token ?? null;
      }
    },
    modeChanged: (state, action: PayloadAction<{ token: number; mode: TickMode }>) => {
      const item = state.items.find(
        (candidate) => candidate.instrument_token === action.payload.token,
      );
      if (item) {
        item.mode = action.payload.mode;
      }
    },
    selected: (state, action: PayloadAction<number>) => {
      state.selected = action.payload;
    },
    /** The list from the gateway replaces the one held; the selection falls back to the first item. */
    loaded: (_state, action: PayloadAction<LoadedWatchlist>) => {
      const { items, selected, saved } = action.payload;
      return {
        items,
        selected:
          selected !== null && items.some((item) => item.instrument_token === selected)
            ? selected
            : (items[0]?.instrument_token ?? null),
        status: 'ready',
        error: null,
        saved,
        unsaved: null,
      };
    },
    loadFailed: (state, action: PayloadAction<string>) => {
      state.status = 'failed';
      state.error = action.payload;
    },
    /** The user asks to read the list again after it failed. */
    reloadRequested: (state) => {
      state.status = 'loading';
      state.error = null;
    },
    /** The gateway saved the list as it was sent. */
    savedOnServer: (state) => {
      state.saved = true;
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
