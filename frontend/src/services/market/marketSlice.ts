import { createSlice } from '@reduxjs/toolkit';
import { connectionChanged, liveBatch } from '../live/liveActions';
import type { ConnectionState } from '../live/liveActions';
import { normalizeDepth } from '../api/normalize';
import type { BrokerNotice, GapNotice, KillSwitch, QuoteView, TickData } from '../api/types';
import { marketApi } from './marketApi';

/** A REST quote in the shape of a full tick, to show something before the first live tick. */
export function quoteToTick(quote: QuoteView): TickData {
  const close = quote.ohlc?.close ?? 0;
  return {
    mode: 'full',
    tradable: quote.tradable,
    instrument_token: quote.instrument_token,
    last_price: quote.last_price,
    last_traded_quantity: quote.last_quantity,
    average_traded_price: quote.average_price,
    volume_traded: quote.volume,
    total_buy_quantity: quote.buy_quantity,
    total_sell_quantity: quote.sell_quantity,
    ohlc: quote.ohlc,
    change: close ? ((quote.last_price - close) / close) * 100 : 0,
    last_trade_time: quote.last_trade_time,
    exchange_timestamp: quote.timestamp,
    oi: quote.oi,
    oi_day_high: quote.oi_day_high,
    oi_day_low: quote.oi_day_low,
    depth: normalizeDepth(quote.depth),
  };
}

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
  /**
   * True from the socket's close until it is open again (through every retry): live prices, depth and
   * P&L are stale meanwhile. False before the first connect and after sign-out.
   */
  liveDown: boolean;
  killSwitches: Record<number, KillSwitch>;
  broker: BrokerNotice | null;
  lastError: string | null;
  malformed: number;
  /** Totals since the page loaded, before per-frame merging (see LiveBatch.received). */
  received: { messages: number; ticks: number; conflated: number };
}

const initialState: MarketState = {
  byToken: {},
  gaps: {},
  connection: 'idle',
  liveDown: false,
  killSwitches: {},
  broker: null,
  lastError: null,
  malformed: 0,
  received: { messages: 0, ticks: 0, conflated: 0 },
};

const marketSlice = createSlice({
  name: 'market',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(connectionChanged, (state, action) => {
        state.connection = action.payload;
        if (action.payload === 'closed') {
          state.liveDown = true;
        } else if (action.payload === 'open' || action.payload === 'idle') {
          state.liveDown = false;
          // A new socket is told every gap open when it connects; one that ended while the socket was down
          // would otherwise stay open here.
          state.gaps = {};
        }
      })
      .addCase(liveBatch, (state, action) => {
        const { ticks, gaps, killSwitches, brokers, errors, malformed, received, receivedAtMs } =
          action.payload;
        state.received.messages += received.messages;
        state.received.ticks += received.ticks;
        state.received.conflated += received.conflated;
        for (const { data, conflated } of ticks) {
          const existing = state.byToken[data.instrument_token];
          if (existing) {
            const previous = existing.last_price;
            if (data.mode !== 'full') {
              // Depth comes only in full ticks: once the instrument streams in another mode, the last
              // full tick's depth would stand still, so it goes.
              delete existing.depth;
            }
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
      })
      .addMatcher(marketApi.endpoints.quotes.matchFulfilled, (state, action) => {
        for (const quote of Object.values(action.payload)) {
          if (
            typeof quote?.instrument_token === 'number' &&
            !state.byToken[quote.instrument_token]
          ) {
            state.byToken[quote.instrument_token] = {
              ...quoteToTick(quote),
              previous_price: null,
              conflated: false,
              updated_at_ms: action.meta.fulfilledTimeStamp,
            };
          }
        }
      });
  },
});

export const marketReducer = marketSlice.reducer;
