import type { LiveInstrument } from './marketSlice';
import type { WatchItem } from './watchlistSlice';

/** The orders a list can be sorted in once, as Kite's market watch offers. */
export type WatchlistSort = 'symbol' | 'change' | 'ltp' | 'exchange';

/** Each order and how the Sort control names it, in the control's order. */
export const WATCHLIST_SORTS: readonly { sort: WatchlistSort; label: string }[] = [
  { sort: 'symbol', label: 'Symbol A–Z' },
  { sort: 'change', label: 'Change % (highest first)' },
  { sort: 'ltp', label: 'LTP (highest first)' },
  { sort: 'exchange', label: 'Exchange, then symbol' },
];

/** What a sort reads of a list's instrument, besides its live state. */
type Sorted = Pick<WatchItem, 'instrument_token' | 'exchange' | 'tradingsymbol'>;

// Letters by the alphabet whatever their case, digits by their number: "NIFTY 9500 CE" before "NIFTY 10000 CE".
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function bySymbol(a: Sorted, b: Sorted): number {
  return collator.compare(a.tradingsymbol, b.tradingsymbol);
}

/** The live value an order sorts by, highest first; undefined when there is none yet. */
function liveValue(sort: 'change' | 'ltp', live: LiveInstrument | undefined): number | undefined {
  const value = sort === 'change' ? live?.change : live?.last_price;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The tokens of `items` in the order `sort` asks for, reading live values from `live` (by token): by trading
 * symbol; by change % or last price, highest first, the instruments with no such value yet last; or by exchange
 * and then symbol. Instruments that tie (and those with no live value) keep their order in `items`.
 */
export function sortedTokens<T extends Sorted>(
  items: readonly T[],
  sort: WatchlistSort,
  live: Readonly<Record<number, LiveInstrument | undefined>>,
): number[] {
  let ordered: T[];
  if (sort === 'symbol') {
    ordered = [...items].sort(bySymbol);
  } else if (sort === 'exchange') {
    ordered = [...items].sort((a, b) => collator.compare(a.exchange, b.exchange) || bySymbol(a, b));
  } else {
    const valued = items.map((item) => ({
      item,
      value: liveValue(sort, live[item.instrument_token]),
    }));
    ordered = [
      ...valued
        .filter((entry): entry is { item: T; value: number } => entry.value !== undefined)
        .sort((a, b) => b.value - a.value)
        .map((entry) => entry.item),
      ...valued.filter((entry) => entry.value === undefined).map((entry) => entry.item),
    ];
  }
  return ordered.map((item) => item.instrument_token);
}

/**
 * `tokens` with `token` moved to place `to` (from 0), the others keeping their order; unchanged when `token` is
 * not among them or `to` is outside the list.
 */
export function movedTokens(tokens: readonly number[], token: number, to: number): number[] {
  const from = tokens.indexOf(token);
  if (from < 0 || !Number.isInteger(to) || to < 0 || to >= tokens.length) {
    return [...tokens];
  }
  const rest = tokens.filter((candidate) => candidate !== token);
  return [...rest.slice(0, to), token, ...rest.slice(to)];
}
