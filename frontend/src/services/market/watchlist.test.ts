import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { QUOTES_QUERY_BUDGET, marketApi } from './marketApi';
import { marketRoutes, mockInfy, mockNiftyFuture } from './mock';
import { WATCHLIST_KEY, loadWatchlist, watchlistActions } from './watchlistSlice';

describe('watchlist', () => {
  it('persists added instruments and their modes in localStorage', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    store.dispatch(watchlistActions.modeChanged({ token: 408065, mode: 'full' }));
    const restored = loadWatchlist(localStorage);
    expect(restored.items.map((item) => [item.tradingsymbol, item.mode])).toEqual([
      ['INFY', 'full'],
      ['NIFTY26JANFUT', 'quote'],
    ]);
    expect(restored.selected).toBe(408065);
  });

  it('selects the next instrument when the selected one is removed', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    store.dispatch(watchlistActions.removed(408065));
    expect(store.getState().watchlist.selected).toBe(13238786);
  });

  it('starts empty from unreadable storage', () => {
    localStorage.setItem(WATCHLIST_KEY, '{broken');
    expect(loadWatchlist(localStorage)).toEqual({ items: [], selected: null });
  });

  it('searches instruments through the gateway', async () => {
    const { store, http } = testStore(marketRoutes());
    const result = await store.dispatch(marketApi.endpoints.instruments.initiate({ q: 'nifty' }));
    expect(result.data?.map((instrument) => instrument.tradingsymbol)).toEqual(['NIFTY26JANFUT']);
    expect(http.calls[0]?.query.get('limit')).toBe('20');
  });

  it("asks for a large watchlist's quotes in calls that fit the gateway's request line", async () => {
    const { store, http } = testStore(marketRoutes());
    const keys = Array.from({ length: 500 }, (_, n) => `NSE:SYMBOL-${String(n).padStart(4, '0')}`);
    const result = await store.dispatch(marketApi.endpoints.quotes.initiate(keys));
    expect(Object.keys(result.data ?? {})).toHaveLength(500);
    const calls = http.calls.filter((call) => call.path === '/api/quotes');
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      expect(call.query.toString().length).toBeLessThanOrEqual(QUOTES_QUERY_BUDGET);
    }
  });
});
