import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector, useAppStore } from '../../store/hooks';
import type { InstrumentView, TickMode } from '../api/types';
import { streamActions } from '../live/streamSlice';
import { marketApi, useInstrumentsQuery } from './marketApi';
import type { LiveInstrument } from './marketSlice';
import { movedTokens, sortedTokens } from './watchlistOrder';
import type { WatchlistSort } from './watchlistOrder';
import { MAX_WATCHLISTS, activeList, findWatched, watchlistActions } from './watchlistSlice';
import type { WatchItem } from './watchlistSlice';

/** The live state of one instrument; only this instrument's updates re-render the caller. */
export function useLiveInstrument(token: number | null): LiveInstrument | undefined {
  return useAppSelector((state) => (token === null ? undefined : state.market.byToken[token]));
}

/**
 * Streams the last price of these instruments while the caller is shown, beside the open watchlist's (whose
 * subscriptions stay as they are), and lets them go when it is not or when they change. Token 0, an instrument the
 * gateway does not know, is left out.
 */
export function useStreamedPrices(tokens: number[]): void {
  const dispatch = useAppDispatch();
  const key = [...new Set(tokens.filter((token) => token > 0))].sort((a, b) => a - b).join(',');
  // What this caller holds: a change of tokens is told as one, so that those kept are not let go and asked again.
  const held = useRef<number[]>([]);
  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',').map(Number);
    dispatch(streamActions.changed({ wanted, released: held.current }));
    held.current = wanted;
  }, [dispatch, key]);
  useEffect(
    () => () => {
      dispatch(streamActions.changed({ wanted: [], released: held.current }));
      held.current = [];
    },
    [dispatch],
  );
}

/**
 * The lot size of an instrument: from the watchlists when one of them has it, otherwise from the gateway's
 * instrument search. Undefined when the gateway does not know the instrument.
 */
export function useLotSize(instrument: {
  exchange?: string | null;
  tradingsymbol?: string | null;
  instrument_token: number;
}): { lotSize: number | undefined; isLoading: boolean } {
  const watched = useAppSelector(
    (state) => findWatched(state.watchlist, instrument.instrument_token)?.lot_size,
  );
  const symbol = instrument.tradingsymbol ?? '';
  const search = useInstrumentsQuery(
    { q: symbol, limit: 5, ...(instrument.exchange ? { exchange: instrument.exchange } : {}) },
    { skip: watched !== undefined || symbol === '' },
  );
  if (watched !== undefined) {
    return { lotSize: watched, isLoading: false };
  }
  const found = search.data?.find((item) => item.instrument_token === instrument.instrument_token);
  return { lotSize: found?.lot_size, isLoading: search.isLoading };
}

/**
 * What an order ticket needs of an instrument; its freeze quantity where it was looked up through the gateway (the
 * watchlists do not keep it: see useFreezeQuantity).
 */
export type TradableInstrument = Pick<
  WatchItem,
  'instrument_token' | 'exchange' | 'tradingsymbol' | 'segment' | 'tick_size' | 'lot_size'
> &
  Partial<Pick<InstrumentView, 'freeze_quantity'>>;

/**
 * The exchange's freeze quantity of an instrument, in units (0 when none is known): the one it comes with, otherwise
 * from the gateway's instrument search (the watchlists do not keep it). Undefined until the gateway answers, and when it
 * does not know the instrument.
 */
export function useFreezeQuantity(instrument: {
  exchange?: string | null;
  tradingsymbol?: string | null;
  instrument_token: number;
  freeze_quantity?: number | null;
}): number | undefined {
  const known = instrument.freeze_quantity ?? undefined;
  const symbol = instrument.tradingsymbol ?? '';
  const search = useInstrumentsQuery(
    { q: symbol, limit: 5, ...(instrument.exchange ? { exchange: instrument.exchange } : {}) },
    { skip: known !== undefined || symbol === '' },
  );
  if (known !== undefined) {
    return known;
  }
  return search.data?.find((item) => item.instrument_token === instrument.instrument_token)
    ?.freeze_quantity;
}

/**
 * Looks an instrument up when asked (not on every render): from the watchlists when one of them has it, otherwise (or
 * first, when its freeze quantity is wanted, which the watchlists do not keep) through the gateway's instrument
 * search. Resolves to undefined when neither knows it.
 */
export function useFindInstrument(): (
  instrument: {
    exchange?: string | null;
    tradingsymbol: string;
    instrument_token: number;
  },
  wanted?: { freezeQuantity: boolean },
) => Promise<TradableInstrument | undefined> {
  const store = useAppStore();
  return useCallback(
    async ({ exchange, tradingsymbol, instrument_token }, wanted) => {
      const watched = findWatched(store.getState().watchlist, instrument_token);
      if (watched && !wanted?.freezeQuantity) {
        return watched;
      }
      const search = store.dispatch(
        marketApi.endpoints.instruments.initiate({
          q: tradingsymbol,
          limit: 5,
          ...(exchange ? { exchange } : {}),
        }),
      );
      try {
        const found = await search.unwrap();
        return found.find((item) => item.instrument_token === instrument_token) ?? watched;
      } catch {
        return watched;
      } finally {
        search.unsubscribe();
      }
    },
    [store],
  );
}

/** The open list: its instruments, the selected one, and what changes it. */
export function useWatchlist(): {
  items: WatchItem[];
  selected: WatchItem | undefined;
  add: (instrument: InstrumentView) => void;
  remove: (token: number) => void;
  select: (token: number) => void;
  setMode: (token: number, mode: TickMode) => void;
} {
  const dispatch = useAppDispatch();
  const items = useAppSelector((state) => activeList(state.watchlist).items);
  const selectedToken = useAppSelector((state) => activeList(state.watchlist).selected);
  return useMemo(
    () => ({
      items,
      selected: items.find((item) => item.instrument_token === selectedToken),
      add: (instrument) => dispatch(watchlistActions.added(instrument)),
      remove: (token) => dispatch(watchlistActions.removed(token)),
      select: (token) => dispatch(watchlistActions.selected(token)),
      setMode: (token, mode) => dispatch(watchlistActions.modeChanged({ token, mode })),
    }),
    [dispatch, items, selectedToken],
  );
}

/** Where a row moves to: the place row `onto` has now, or `by` places down (up when negative). */
export type RowMove = { onto: number } | { by: number };

/**
 * Moves one instrument of the open list (the others keeping their order), reading the list when called; returns
 * the place it moved to, or null when it did not move (not in the list, or asked past either end).
 */
export function useMoveWatched(): (token: number, move: RowMove) => number | null {
  const store = useAppStore();
  return useCallback(
    (token, move) => {
      const tokens = activeList(store.getState().watchlist).items.map(
        (item) => item.instrument_token,
      );
      const from = tokens.indexOf(token);
      const to = 'onto' in move ? tokens.indexOf(move.onto) : from + move.by;
      if (from < 0 || to < 0 || to >= tokens.length || to === from) {
        return null;
      }
      store.dispatch(watchlistActions.reordered(movedTokens(tokens, token, to)));
      return to;
    },
    [store],
  );
}

/**
 * Sorts the open list once, as `sort` asks (see sortedTokens), by the live values at the moment it is called:
 * the new order is the list's own from then on, saved like any other change.
 */
export function useSortWatchlist(): (sort: WatchlistSort) => void {
  const store = useAppStore();
  return useCallback(
    (sort) => {
      const state = store.getState();
      const items = activeList(state.watchlist).items;
      store.dispatch(watchlistActions.reordered(sortedTokens(items, sort, state.market.byToken)));
    },
    [store],
  );
}

/** The user's lists by name, the open one, and what opens, adds, renames and deletes them. */
export function useWatchlists(): {
  names: string[];
  active: number;
  canAdd: boolean;
  canRemove: boolean;
  open: (index: number) => void;
  add: () => void;
  rename: (index: number, name: string) => void;
  remove: (index: number) => void;
} {
  const dispatch = useAppDispatch();
  const lists = useAppSelector((state) => state.watchlist.lists);
  const active = useAppSelector((state) => state.watchlist.active);
  return useMemo(
    () => ({
      names: lists.map((list) => list.name),
      active,
      canAdd: lists.length < MAX_WATCHLISTS,
      canRemove: lists.length > 1,
      open: (index) => dispatch(watchlistActions.listOpened(index)),
      add: () => dispatch(watchlistActions.listAdded()),
      rename: (index, name) => dispatch(watchlistActions.listRenamed({ index, name })),
      remove: (index) => dispatch(watchlistActions.listRemoved(index)),
    }),
    [dispatch, lists, active],
  );
}

export interface FeedHealth {
  connection: string;
  gaps: number;
  lastError: string | null;
}

export function useFeedHealth(): FeedHealth {
  const connection = useAppSelector((state) => state.market.connection);
  const gaps = useAppSelector((state) => Object.keys(state.market.gaps).length);
  const lastError = useAppSelector((state) => state.market.lastError);
  return { connection, gaps, lastError };
}

/**
 * The feed gap the server journals while its data disk is short of space (below `QLEAP_DISK_RESERVE`): market data
 * is left out of the journal, and prices here stand still though the broker's feed is connected.
 */
export const SHORT_OF_SPACE_CONNECTION = 255;

/** Why prices are stale while the server's data disk is short of space. */
export const SHORT_OF_SPACE_REASON =
  "The server's data disk is short of space: market data is left out, prices may be stale";

/** True while the server leaves market data out because its data disk is short of space. */
export function useShortOfSpace(): boolean {
  return useAppSelector((state) => String(SHORT_OF_SPACE_CONNECTION) in state.market.gaps);
}

/** Shown wherever live numbers are stale, or ordering is paused, because the socket is down. */
export const LIVE_DOWN_REASON = 'Disconnected from the live feed: reconnecting';

/** True while the live socket is down (closed or retrying after a close): live numbers are stale. */
export function useLiveDown(): boolean {
  return useAppSelector((state) => state.market.liveDown);
}

export interface LiveRate {
  messagesPerS: number;
  ticksPerS: number;
  conflatedPerS: number;
  /** Totals since the page loaded and when they were read (epoch ms), for tools that measure. */
  totals: { messages: number; ticks: number; conflated: number; atMs: number };
}

/**
 * The socket's message and tick rates over the last second. Sampled once a second from the store rather
 * than selected, so the caller does not re-render on every frame of ticks.
 */
export function useLiveRate(intervalMs = 1000): LiveRate {
  const store = useAppStore();
  const [rate, setRate] = useState<LiveRate>(() => ({
    messagesPerS: 0,
    ticksPerS: 0,
    conflatedPerS: 0,
    totals: { ...store.getState().market.received, atMs: Date.now() },
  }));
  useEffect(() => {
    const timer = setInterval(() => {
      setRate((before) => {
        const now = { ...store.getState().market.received, atMs: Date.now() };
        const seconds = Math.max(0.001, (now.atMs - before.totals.atMs) / 1000);
        return {
          messagesPerS: (now.messages - before.totals.messages) / seconds,
          ticksPerS: (now.ticks - before.totals.ticks) / seconds,
          conflatedPerS: (now.conflated - before.totals.conflated) / seconds,
          totals: now,
        };
      });
    }, intervalMs);
    return () => clearInterval(timer);
  }, [store, intervalMs]);
  return rate;
}
