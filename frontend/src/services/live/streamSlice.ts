import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';

/**
 * Instruments a page needs live prices for beyond the open watchlist's (the holdings and positions shown), each with
 * how many pages ask for it: the live socket streams them, in LTP mode unless the watchlist streams them in its own,
 * until the last page that asked lets them go.
 */
export interface StreamState {
  wanted: Record<number, number>;
}

const streamSlice = createSlice({
  name: 'stream',
  initialState: { wanted: {} } as StreamState,
  reducers: {
    /** One caller asks for `wanted` and lets `released` go, in one change: a token in both stays as it was. */
    changed(state, action: PayloadAction<{ wanted: number[]; released: number[] }>) {
      for (const token of action.payload.wanted) {
        state.wanted[token] = (state.wanted[token] ?? 0) + 1;
      }
      for (const token of action.payload.released) {
        const left = (state.wanted[token] ?? 0) - 1;
        if (left > 0) {
          state.wanted[token] = left;
        } else {
          delete state.wanted[token];
        }
      }
    },
  },
});

export const streamActions = streamSlice.actions;
export const streamReducer = streamSlice.reducer;
