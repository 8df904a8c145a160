import { describe, expect, it } from 'vitest';
import type { LiveInstrument } from './marketSlice';
import { WATCHLIST_SORTS, movedTokens, sortedTokens } from './watchlistOrder';

function item(token: number, tradingsymbol: string, exchange = 'NSE') {
  return { instrument_token: token, exchange, tradingsymbol };
}

function live(token: number, lastPrice: number, change?: number): LiveInstrument {
  return {
    mode: change === undefined ? 'ltp' : 'quote',
    tradable: true,
    instrument_token: token,
    last_price: lastPrice,
    ...(change === undefined ? {} : { change }),
    previous_price: null,
    conflated: false,
    updated_at_ms: 0,
  };
}

function byToken(...instruments: LiveInstrument[]): Record<number, LiveInstrument> {
  return Object.fromEntries(
    instruments.map((instrument) => [instrument.instrument_token, instrument]),
  );
}

describe('sorting a watchlist once', () => {
  it('offers symbol, change %, LTP and exchange, in that order', () => {
    expect(WATCHLIST_SORTS.map((option) => [option.sort, option.label])).toEqual([
      ['symbol', 'Symbol A–Z'],
      ['change', 'Change % (highest first)'],
      ['ltp', 'LTP (highest first)'],
      ['exchange', 'Exchange, then symbol'],
    ]);
  });

  it('sorts by symbol A to Z, digits by their number, whatever the live values', () => {
    const items = [
      item(1, 'RELIANCE'),
      item(2, 'NIFTY26JAN10000CE', 'NFO'),
      item(3, 'INFY'),
      item(4, 'NIFTY26JAN9500CE', 'NFO'),
      item(5, 'NIFTY 50'),
      item(6, 'ACC', 'BSE'),
    ];
    expect(sortedTokens(items, 'symbol', {})).toEqual([6, 3, 5, 4, 2, 1]);
    expect(sortedTokens(items, 'symbol', byToken(live(1, 5000, 9), live(6, 1, -9)))).toEqual([
      6, 3, 5, 4, 2, 1,
    ]);
  });

  it('sorts by change %, highest first, negative changes after the gains', () => {
    const items = [item(1, 'A'), item(2, 'B'), item(3, 'C'), item(4, 'D')];
    const values = byToken(live(1, 10, -1.5), live(2, 10, 0), live(3, 10, 2.25), live(4, 10, -0.5));
    expect(sortedTokens(items, 'change', values)).toEqual([3, 2, 4, 1]);
  });

  it('sorts by LTP, highest first', () => {
    const items = [item(1, 'A'), item(2, 'B'), item(3, 'C')];
    const values = byToken(live(1, 99.5, 1), live(2, 1520.05, -1), live(3, 100));
    expect(sortedTokens(items, 'ltp', values)).toEqual([2, 3, 1]);
  });

  it('sorts by exchange, and by symbol within an exchange', () => {
    const items = [
      item(1, 'RELIANCE', 'NSE'),
      item(2, 'NIFTY26JANFUT', 'NFO'),
      item(3, 'INFY', 'NSE'),
      item(4, 'SENSEX', 'BSE'),
      item(5, 'BANKNIFTY26JANFUT', 'NFO'),
      item(6, 'INFY', 'BSE'),
    ];
    expect(sortedTokens(items, 'exchange', {})).toEqual([6, 4, 5, 2, 3, 1]);
  });

  it('keeps the current order of instruments that tie', () => {
    const items = [item(4, 'D'), item(1, 'A'), item(3, 'C'), item(2, 'B')];
    const values = byToken(live(4, 50, 1), live(1, 100, 1), live(3, 50, 1), live(2, 100, 1));
    expect(sortedTokens(items, 'change', values)).toEqual([4, 1, 3, 2]);
    expect(sortedTokens(items, 'ltp', values)).toEqual([1, 2, 4, 3]);
    const same = [item(7, 'INFY', 'NSE'), item(5, 'INFY', 'NSE'), item(6, 'infy', 'NSE')];
    expect(sortedTokens(same, 'symbol', {})).toEqual([7, 5, 6]);
    expect(sortedTokens(same, 'exchange', {})).toEqual([7, 5, 6]);
  });

  it('puts the instruments with no live value yet last, in their current order', () => {
    const items = [item(1, 'A'), item(2, 'B'), item(3, 'C'), item(4, 'D'), item(5, 'E')];
    const values = byToken(live(2, 10, -3), live(3, 30), live(5, 20, 4));
    expect(sortedTokens(items, 'change', values)).toEqual([5, 2, 1, 3, 4]);
    expect(sortedTokens(items, 'ltp', values)).toEqual([3, 5, 2, 1, 4]);
    expect(sortedTokens(items, 'change', {})).toEqual([1, 2, 3, 4, 5]);
    expect(sortedTokens(items, 'change', byToken(live(1, 10, Number.NaN), live(2, 10, 1)))).toEqual(
      [2, 1, 3, 4, 5],
    );
  });

  it('leaves the list it is given as it was', () => {
    const items = [item(2, 'B'), item(1, 'A')];
    expect(sortedTokens(items, 'symbol', {})).toEqual([1, 2]);
    expect(items.map((entry) => entry.instrument_token)).toEqual([2, 1]);
  });
});

describe('moving one instrument', () => {
  it('moves it to the place asked, the others keeping their order', () => {
    expect(movedTokens([1, 2, 3, 4], 1, 1)).toEqual([2, 1, 3, 4]);
    expect(movedTokens([1, 2, 3, 4], 3, 1)).toEqual([1, 3, 2, 4]);
    expect(movedTokens([1, 2, 3, 4], 1, 3)).toEqual([2, 3, 4, 1]);
    expect(movedTokens([1, 2, 3, 4], 4, 0)).toEqual([4, 1, 2, 3]);
    expect(movedTokens([1, 2, 3, 4], 2, 1)).toEqual([1, 2, 3, 4]);
  });

  it('moves nothing for an instrument not in the list or a place outside it', () => {
    const tokens = [1, 2, 3];
    expect(movedTokens(tokens, 9, 0)).toEqual([1, 2, 3]);
    expect(movedTokens(tokens, 1, -1)).toEqual([1, 2, 3]);
    expect(movedTokens(tokens, 3, 3)).toEqual([1, 2, 3]);
    expect(movedTokens(tokens, 2, 0.5)).toEqual([1, 2, 3]);
    expect(tokens).toEqual([1, 2, 3]);
  });
});
