import { describe, expect, it } from 'vitest';
import { emptyBatch, liveBatch } from '../live/liveActions';
import type { TickUpdate } from '../live/liveActions';
import { marketReducer, quoteToTick } from './marketSlice';
import type { MarketState } from './marketSlice';

function batch(ticks: TickUpdate[], receivedAtMs = 5) {
  return liveBatch({ ...emptyBatch(receivedAtMs), ticks });
}

const full: TickUpdate = {
  conflated: false,
  data: {
    mode: 'full',
    tradable: true,
    instrument_token: 1,
    last_price: 100,
    volume_traded: 500,
    change: 1.5,
    depth: { buy: [{ price: 99.95, quantity: 10, orders: 1 }], sell: [] },
  },
};

function initial(): MarketState {
  return marketReducer(undefined, { type: 'init' });
}

describe('market reducer', () => {
  it('keeps the latest tick per instrument', () => {
    const state = marketReducer(
      initial(),
      batch([full, { conflated: false, data: { ...full.data, last_price: 101 } }]),
    );
    expect(state.byToken[1]?.last_price).toBe(101);
    expect(state.byToken[1]?.previous_price).toBe(100);
  });

  it('merges an ltp tick into the full state it already has, all but the depth it does not carry', () => {
    const first = marketReducer(initial(), batch([full]));
    const next = marketReducer(
      first,
      batch([
        {
          conflated: false,
          data: { mode: 'ltp', tradable: true, instrument_token: 1, last_price: 102 },
        },
      ]),
    );
    expect(next.byToken[1]?.last_price).toBe(102);
    expect(next.byToken[1]?.volume_traded).toBe(500);
    expect(next.byToken[1]?.depth).toBeUndefined();
    const again = marketReducer(next, batch([full]));
    expect(again.byToken[1]?.depth?.buy).toHaveLength(1);
  });

  it('leaves unchanged instruments as the same object so their rows do not re-render', () => {
    const other: TickUpdate = { conflated: false, data: { ...full.data, instrument_token: 2 } };
    const first = marketReducer(initial(), batch([full, other]));
    const next = marketReducer(
      first,
      batch([{ conflated: false, data: { ...full.data, last_price: 99 } }]),
    );
    expect(next.byToken[2]).toBe(first.byToken[2]);
    expect(next.byToken[1]).not.toBe(first.byToken[1]);
  });

  it('marks a conflated tick as stale until a regular one arrives', () => {
    const stale = marketReducer(initial(), batch([{ ...full, conflated: true }]));
    expect(stale.byToken[1]?.conflated).toBe(true);
    const fresh = marketReducer(stale, batch([full]));
    expect(fresh.byToken[1]?.conflated).toBe(false);
  });

  it('tracks feed gaps from start to end', () => {
    const started = marketReducer(
      initial(),
      liveBatch({
        ...emptyBatch(1),
        gaps: [{ connection: 3, state: 'gap_started', last_message_ns: 10 }],
      }),
    );
    expect(Object.keys(started.gaps)).toEqual(['3']);
    const ended = marketReducer(
      started,
      liveBatch({
        ...emptyBatch(2),
        gaps: [{ connection: 3, state: 'gap_ended', last_message_ns: 20 }],
      }),
    );
    expect(ended.gaps).toEqual({});
  });
});

describe('quote snapshot', () => {
  it('converts a REST quote into a full tick with the change in percent', () => {
    const quote = {
      instrument_token: 9,
      tradingsymbol: 'INFY',
      tradable: true,
      mode: 'full',
      timestamp: '2026-01-05T04:00:00Z',
      last_trade_time: '2026-01-05T03:59:59Z',
      last_price: 110,
      last_quantity: 1,
      buy_quantity: 10,
      sell_quantity: 20,
      volume: 1000,
      average_price: 105,
      oi: 0,
      oi_day_high: 0,
      oi_day_low: 0,
      net_change: 10,
      ohlc: { open: 100, high: 111, low: 99, close: 100 },
      depth: { buy: [], sell: [] },
    };
    const tick = quoteToTick(quote);
    expect(tick.change).toBeCloseTo(10);
    expect(tick.volume_traded).toBe(1000);
  });
});
