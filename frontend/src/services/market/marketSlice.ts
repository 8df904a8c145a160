import { createSlice } from '@reduxjs/toolkit';
import { connectionChanged, liveBatch } from '../live/liveActions';
import type { ConnectionState } from '../live/liveActions';
import type { BrokerNotice, GapNotice, KillSwitch, TickData } from '../api/types';

/** The latest state of one instrument, merged from every tick seen. */
export interface LiveInstrument extends TickData {
  /** Last price before the latest change, for the flash direction. */
  previous_price: number | null;
  conflated: boolean;
  updated_at_ms: number;
}

export interface MarketState {
  byToken: Record<number, LiveInstrument>;
  /** Feed connections currently in a gap, by connection id. */
  gaps: Record<string, GapNotice>;
  connection: ConnectionState;
  killSwitches: Record<number, KillSwitch>;
  broker: BrokerNotice | null;
  lastError: string | null;
  malformed: number;
}

const initialState: MarketState = {
  byToken: {},
  gaps: {},
  connection: 'idle',
  killSwitches: {},
  broker: null,
  lastError: null,
  malformed: 0,
};

const marketSlice = createSlice({
  name: 'market',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(connectionChanged, (state, action) => {
        state.connection = action.payload;
      })
      .addCase(liveBatch, (state, action) => {
        const { ticks, gaps, killSwitches, brokers, errors, malformed, receivedAtMs } =
          action.payload;
        for (const { data, conflated } of ticks) {
          const existing = state.byToken[data.instrument_token];
          if (existing) {
            const previous = existing.last_price;
            Object.assign(existing, data);
            if (data.last_price !== previous) {
              existing.previous_price = previous;
            }
            existing.conflated = conflated;
            existing.updated_at_ms = receivedAtMs;
          } else {
            state.byToken[data.instrument_token] = {
              ...data,
              previous_price: null,
              conflated,
              updated_at_ms: receivedAtMs,
            };
          }
        }
        for (const gap of gaps) {
          const key = String(gap.connection);
          if (gap.state === 'gap_started') {
            state.gaps[key] = gap;
          } else {
            delete state.gaps[key];
          }
        }
        for (const killSwitch of killSwitches) {
          state.killSwitches[killSwitch.account_id] = killSwitch;
        }
        const broker = brokers.at(-1);
        if (broker) {
          state.broker = broker;
        }
        const error = errors.at(-1);
        if (error !== undefined) {
          state.lastError = error;
        }
        state.malformed += malformed;
      });
  },
});

export const marketReducer = marketSlice.reducer;
