import { createSlice } from '@reduxjs/toolkit';
import { liveBatch } from '../live/liveActions';
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
