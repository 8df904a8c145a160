import { createSlice } from '@reduxjs/toolkit';
import { liveBatch } from '../live/liveActions';
import type { TickUpdate } from '../live/liveActions';
import { loggedOut, sessionEnded } from '../auth/sessionSlice';
import type { PositionView } from '../api/types';
import { positionsApi } from './positionsApi';

export interface PositionsState {
  byKey: Record<string, PositionView>;
}

export function positionKey(
  position: Pick<PositionView, 'account_id' | 'instrument_token' | 'product'>,
): string {
  return `${position.account_id}:${position.instrument_token}:${position.product}`;
}

/**
 * Gives closed positions (net quantity 0) the latest price of their instrument: the core marks only open positions,
 * so a closed one gets no more position messages, yet it shows the market's last price as the snapshot does. The price
 * is the batch's last tick of the instrument, else the one an open position of it was just marked at.
 */
function markClosed(state: PositionsState, marked: PositionView[], ticks: TickUpdate[]): void {
  const closed = Object.values(state.byKey).filter((position) => position.quantity === 0);
  if (closed.length === 0) {
    return;
  }
  const prices = new Map<number, number>();
  for (const position of marked) {
    if (position.quantity !== 0 && position.last_price > 0) {
      prices.set(position.instrument_token, position.last_price);
    }
  }
  for (const { data } of ticks) {
    if (data.last_price > 0) {
      prices.set(data.instrument_token, data.last_price);
    }
  }
  for (const position of closed) {
    const price = prices.get(position.instrument_token);
    if (price !== undefined) {
      position.last_price = price;
    }
  }
}

const positionsSlice = createSlice({
  name: 'positions',
  initialState: { byKey: {} } as PositionsState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(liveBatch, (state, action) => {
        for (const position of action.payload.positions) {
          state.byKey[positionKey(position)] = position;
        }
        markClosed(state, action.payload.positions, action.payload.ticks);
      })
      .addCase(loggedOut, () => ({ byKey: {} }))
      .addCase(sessionEnded, () => ({ byKey: {} }))
      .addMatcher(positionsApi.endpoints.positions.matchFulfilled, (state, action) => {
        // A snapshot of one account replaces that account's positions (another account's stay, for when it is
        // picked again); a snapshot of every account replaces them all.
        const account = action.meta.arg.originalArgs;
        for (const [key, position] of Object.entries(state.byKey)) {
          if (typeof account !== 'number' || position.account_id === account) {
            delete state.byKey[key];
          }
        }
        for (const position of action.payload) {
          state.byKey[positionKey(position)] = position;
        }
      });
  },
});

export const positionsReducer = positionsSlice.reducer;
