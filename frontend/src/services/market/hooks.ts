import { useMemo } from 'react';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import type { InstrumentView, TickMode } from '../api/types';
import type { LiveInstrument } from './marketSlice';
import { watchlistActions } from './watchlistSlice';
import type { WatchItem } from './watchlistSlice';

/** The live state of one instrument; only this instrument's updates re-render the caller. */
export function useLiveInstrument(token: number | null): LiveInstrument | undefined {
  return useAppSelector((state) => (token === null ? undefined : state.market.byToken[token]));
}

export function useWatchlist(): {
  items: WatchItem[];
  selected: WatchItem | undefined;
  add: (instrument: InstrumentView) => void;
  remove: (token: number) => void;
  select: (token: number) => void;
  setMode: (token: number, mode: TickMode) => void;
} {
  const dispatch = useAppDispatch();
  const items = useAppSelector((state) => state.watchlist.items);
  const selectedToken = useAppSelector((state) => state.watchlist.selected);
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
