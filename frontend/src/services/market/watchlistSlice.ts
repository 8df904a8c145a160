import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { InstrumentView, TickMode } from '../api/types';

export interface WatchItem {
  instrument_token: number;
  exchange: string;
  tradingsymbol: string;
  /** The instrument's segment ('INDICES' for an index); absent on items saved by older versions. */
  segment?: string;
  tick_size: number;
  lot_size: number;
  mode: TickMode;
}

export interface WatchlistState {
  items: WatchItem[];
  selected: number | null;
}

export const WATCHLIST_KEY = 'qleap.watchlist';

export function loadWatchlist(storage: Storage | undefined): WatchlistState {
  try {
    const raw = storage?.getItem(WATCHLIST_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<WatchlistState>) : {};
    const items = Array.isArray(parsed.items)
      ? parsed.items.filter(
          (item): item is WatchItem =>
            typeof item === 'object' && item !== null && typeof item.instrument_token === 'number',
        )
      : [];
    const selected = typeof parsed.selected === 'number' ? parsed.selected : null;
    return { items, selected };
  } catch {
    return { items: [], selected: null };
  }
}

export function saveWatchlist(storage: Storage | undefined, state: WatchlistState): void {
  storage?.setItem(WATCHLIST_KEY, JSON.stringify(state));
}

const watchlistSlice = createSlice({
  name: 'watchlist',
  initialState: { items: [], selected: null } as WatchlistState,
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
  },
});

export const watchlistActions = watchlistSlice.actions;
export const watchlistReducer = watchlistSlice.reducer;
