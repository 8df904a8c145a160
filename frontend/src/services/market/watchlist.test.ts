import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testStore } from '../../test/testStore';
import type { MockFetch } from '../api/mockFetch';
import { SESSION_KEY, loggedIn, loggedOut } from '../auth/sessionSlice';
import { QUOTES_QUERY_BUDGET, marketApi } from './marketApi';
import {
  marketRoutes,
  mockInfy,
  mockNifty50,
  mockNiftyFuture,
  mockReliance,
  mockWatchlist,
  mockWatchlistItem,
  mockWatchlistServer,
  watchlistRoutes,
} from './mock';
import type { MockWatchlistServer } from './mock';
import {
  LEGACY_WATCHLIST_KEY,
  initialWatchlist,
  loadLegacyWatchlist,
  watchlistActions,
} from './watchlistSlice';
import {
  WATCHLIST_DEFAULTS_POLL_MS,
  WATCHLIST_NOTICE_ID,
  WATCHLIST_SAVE_DELAY_MS,
} from './watchlistSync';

const asha = {
  token: 'jwt-asha',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

const ravi = { ...asha, token: 'jwt-ravi', username: 'ravi' };

const unavailable = { status: 503, body: { error: 'unavailable', message: 'Storage is busy.' } };

function signedIn(server: MockWatchlistServer = mockWatchlistServer()) {
  const harness = testStore([...watchlistRoutes(server), ...marketRoutes()]);
  harness.store.dispatch(loggedIn(asha));
  return harness;
}

function gets(http: MockFetch) {
  return http.calls.filter((call) => call.method === 'GET' && call.path === '/api/watchlist');
}

function puts(http: MockFetch) {
  return http.calls.filter((call) => call.method === 'PUT' && call.path === '/api/watchlist');
}

function listed(items: { tradingsymbol: string; mode: string }[]) {
  return items.map((item) => [item.tradingsymbol, item.mode]);
}

function legacy(items: object[], selected: number | null) {
  localStorage.setItem(LEGACY_WATCHLIST_KEY, JSON.stringify({ items, selected }));
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('watchlist', () => {
  it('selects the next instrument when the selected one is removed', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    store.dispatch(watchlistActions.removed(408065));
    expect(store.getState().watchlist.selected).toBe(13238786);
  });

  it("reads no browser's list from unreadable storage", () => {
    localStorage.setItem(LEGACY_WATCHLIST_KEY, '{broken');
    expect(loadLegacyWatchlist(localStorage)).toEqual({ items: [], selected: null });
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

describe('the watchlist kept by the gateway', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads the user's own list when they sign in", async () => {
    const server = mockWatchlistServer(
      mockWatchlist({
        items: [mockWatchlistItem(mockInfy, 'full'), mockWatchlistItem(mockReliance)],
        selected: mockReliance.instrument_token,
        saved: true,
      }),
    );
    const harness = testStore(watchlistRoutes(server));
    await settle();
    expect(harness.store.getState().watchlist).toEqual(initialWatchlist);
    expect(harness.http.calls).toHaveLength(0);

    harness.store.dispatch(loggedIn(asha));
    expect(harness.store.getState().watchlist.status).toBe('loading');
    await settle();
    const watchlist = harness.store.getState().watchlist;
    expect(watchlist.status).toBe('ready');
    expect(watchlist.saved).toBe(true);
    expect(listed(watchlist.items)).toEqual([
      ['INFY', 'full'],
      ['RELIANCE', 'quote'],
    ]);
    expect(watchlist.selected).toBe(mockReliance.instrument_token);
    expect(gets(harness.http)).toHaveLength(1);
    expect(gets(harness.http)[0]?.headers.get('Authorization')).toBe('Bearer jwt-asha');
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(harness.http.calls).toHaveLength(1);
  });

  it('loads the list of a session kept from an earlier visit when the page loads', async () => {
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ token: 'jwt-asha', expiresAt: '2099-01-01T00:00:00Z', roles: ['trader'] }),
    );
    const { store, http } = testStore(watchlistRoutes(mockWatchlistServer()));
    await settle();
    expect(listed(store.getState().watchlist.items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    expect(store.getState().watchlist.saved).toBe(false);
    expect(store.getState().watchlist.selected).toBe(mockNifty50.instrument_token);
    expect(gets(http)[0]?.headers.get('Authorization')).toBe('Bearer jwt-asha');
  });

  it('says why when the list cannot be read, and reads it again when asked', async () => {
    const server = mockWatchlistServer();
    let answers = 0;
    const { store } = testStore([
      {
        method: 'GET',
        path: /^\/api\/watchlist$/,
        handler: () => (answers++ === 0 ? unavailable : { status: 200, body: server.list }),
      },
    ]);
    store.dispatch(loggedIn(asha));
    await settle();
    expect(store.getState().watchlist.status).toBe('failed');
    expect(store.getState().watchlist.error).toBe('Storage is busy. (unavailable)');
    store.dispatch(watchlistActions.reloadRequested());
    expect(store.getState().watchlist.status).toBe('loading');
    await settle();
    expect(store.getState().watchlist.status).toBe('ready');
    expect(store.getState().watchlist.items).toHaveLength(2);
  });

  it('saves the whole list in order, with modes and the selection, once for a burst of changes', async () => {
    const server = mockWatchlistServer();
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(0);

    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(100);
    store.dispatch(
      watchlistActions.modeChanged({ token: mockInfy.instrument_token, mode: 'full' }),
    );
    await vi.advanceTimersByTimeAsync(100);
    store.dispatch(watchlistActions.selected(mockReliance.instrument_token));
    store.dispatch(watchlistActions.removed(mockNifty50.instrument_token));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS - 1);
    expect(puts(http)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts(http)).toHaveLength(1);
    expect(puts(http)[0]?.body).toEqual({
      items: [
        { instrument_token: mockInfy.instrument_token, mode: 'full' },
        { instrument_token: mockReliance.instrument_token, mode: 'quote' },
      ],
      selected: mockReliance.instrument_token,
    });
    expect(puts(http)[0]?.headers.get('Authorization')).toBe('Bearer jwt-asha');
    expect(store.getState().watchlist.saved).toBe(true);
    expect(server.list.saved).toBe(true);
    expect(listed(server.list.items)).toEqual([
      ['INFY', 'full'],
      ['RELIANCE', 'quote'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it('saves nothing for a change that leaves the list as it was', async () => {
    const { store, http } = signedIn();
    await settle();
    store.dispatch(watchlistActions.selected(mockNifty50.instrument_token));
    store.dispatch(watchlistActions.added(mockInfy));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS * 2);
    expect(puts(http)).toHaveLength(0);
  });

  it('sends a change made while a save is in flight after it, with the latest list', async () => {
    const { store, http } = signedIn();
    await settle();
    store.dispatch(watchlistActions.added(mockReliance));
    vi.advanceTimersByTime(WATCHLIST_SAVE_DELAY_MS);
    store.dispatch(watchlistActions.modeChanged({ token: mockInfy.instrument_token, mode: 'ltp' }));
    vi.advanceTimersByTime(WATCHLIST_SAVE_DELAY_MS);
    store.dispatch(watchlistActions.removed(mockNifty50.instrument_token));
    vi.advanceTimersByTime(WATCHLIST_SAVE_DELAY_MS);
    await settle();
    await settle();
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        items: [
          { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
          { instrument_token: mockInfy.instrument_token, mode: 'quote' },
          { instrument_token: mockReliance.instrument_token, mode: 'quote' },
        ],
        selected: mockNifty50.instrument_token,
      },
      {
        items: [
          { instrument_token: mockInfy.instrument_token, mode: 'ltp' },
          { instrument_token: mockReliance.instrument_token, mode: 'quote' },
        ],
        selected: mockInfy.instrument_token,
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(2);
  });

  it('keeps a change the gateway could not save and tries it again, waiting longer each time', async () => {
    const server = mockWatchlistServer();
    server.failures.push(unavailable, unavailable, unavailable);
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(1);
    expect(store.getState().watchlist.unsaved).toEqual({
      reason: 'Storage is busy. (unavailable)',
      retrying: true,
    });
    expect(listed(store.getState().watchlist.items)).toContainEqual(['RELIANCE', 'quote']);
    await vi.advanceTimersByTimeAsync(999);
    expect(puts(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts(http)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(puts(http)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts(http)).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(puts(http)).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts(http)).toHaveLength(4);
    expect(store.getState().watchlist.unsaved).toBeNull();
    expect(store.getState().watchlist.saved).toBe(true);
    expect(listed(server.list.items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(4);
  });

  it("shows the gateway's message when it refuses a change, and tries again only at the next change", async () => {
    const server = mockWatchlistServer(mockWatchlist(), [mockNifty50, mockInfy]);
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    const message = 'items[2].instrument_token: 13238786 is not an instrument the engine knows';
    expect(store.getState().notices.items).toEqual([
      { id: WATCHLIST_NOTICE_ID, kind: 'problem', title: 'Watchlist not saved', detail: message },
    ]);
    expect(store.getState().watchlist.unsaved).toEqual({ reason: message, retrying: false });
    expect(listed(store.getState().watchlist.items)).toContainEqual(['NIFTY26JANFUT', 'quote']);
    expect(server.list.saved).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);

    store.dispatch(watchlistActions.removed(mockNiftyFuture.instrument_token));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(2);
    expect(store.getState().watchlist.unsaved).toBeNull();
    expect(server.list.saved).toBe(true);
  });

  it("clears the list at sign-out and shows the next user only their own, never the last one's", async () => {
    const server = mockWatchlistServer(
      mockWatchlist({ items: [mockWatchlistItem(mockReliance)], selected: null, saved: true }),
    );
    const { store, http } = signedIn(server);
    await settle();
    expect(listed(store.getState().watchlist.items)).toEqual([['RELIANCE', 'quote']]);
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(loggedOut());
    expect(store.getState().watchlist).toEqual(initialWatchlist);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(0);

    server.list = mockWatchlist({ items: [mockWatchlistItem(mockNifty50)], saved: true });
    store.dispatch(loggedIn(ravi));
    expect(store.getState().watchlist.items).toEqual([]);
    await settle();
    expect(listed(store.getState().watchlist.items)).toEqual([['NIFTY 50', 'quote']]);
    expect(gets(http).at(-1)?.headers.get('Authorization')).toBe('Bearer jwt-ravi');
  });

  it('asks again every 5 s while the gateway has no defaults yet, until it has some', async () => {
    const server = mockWatchlistServer(mockWatchlist({ items: [], selected: null }));
    const { store, http } = signedIn(server);
    await settle();
    expect(store.getState().watchlist).toMatchObject({ status: 'ready', saved: false, items: [] });
    expect(gets(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS - 1);
    expect(gets(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gets(http)).toHaveLength(2);
    expect(store.getState().watchlist.items).toEqual([]);

    server.list = mockWatchlist();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(listed(store.getState().watchlist.items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    expect(store.getState().watchlist.selected).toBe(mockNifty50.instrument_token);
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(puts(http)).toHaveLength(0);
  });

  it('stops asking at sign-out', async () => {
    const { store, http } = signedIn(
      mockWatchlistServer(mockWatchlist({ items: [], selected: null })),
    );
    await settle();
    store.dispatch(loggedOut());
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(1);
  });

  it("adopts the list this browser kept as the user's own and then forgets it", async () => {
    legacy(
      [
        { ...mockWatchlistItem(mockInfy, 'full'), segment: undefined },
        { ...mockWatchlistItem(mockNiftyFuture), mode: 'quote' },
      ],
      mockNiftyFuture.instrument_token,
    );
    const server = mockWatchlistServer();
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        items: [
          { instrument_token: mockInfy.instrument_token, mode: 'full' },
          { instrument_token: mockNiftyFuture.instrument_token, mode: 'quote' },
        ],
        selected: mockNiftyFuture.instrument_token,
      },
    ]);
    const watchlist = store.getState().watchlist;
    expect(listed(watchlist.items)).toEqual([
      ['INFY', 'full'],
      ['NIFTY26JANFUT', 'quote'],
    ]);
    expect(watchlist.items[0]?.segment).toBe('NSE');
    expect(watchlist.selected).toBe(mockNiftyFuture.instrument_token);
    expect(watchlist.saved).toBe(true);
    expect(server.list.saved).toBe(true);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
  });

  it("keeps the gateway's defaults and says why when it refuses the browser's list", async () => {
    legacy(
      [
        mockWatchlistItem(mockInfy, 'full'),
        { ...mockWatchlistItem(mockReliance), instrument_token: 12345 },
      ],
      408065,
    );
    const server = mockWatchlistServer();
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(1);
    expect(listed(store.getState().watchlist.items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    expect(store.getState().watchlist.saved).toBe(false);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
    expect(store.getState().notices.items).toEqual([
      {
        id: WATCHLIST_NOTICE_ID,
        kind: 'problem',
        title: "This browser's watchlist was not kept",
        detail:
          'The gateway refused it: items[1].instrument_token: 12345 is not an instrument the engine ' +
          'knows. Your watchlist starts from the defaults.',
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it("keeps the browser's list until the gateway has instruments to take it", async () => {
    legacy([mockWatchlistItem(mockReliance, 'ltp')], null);
    const server = mockWatchlistServer(mockWatchlist({ items: [], selected: null }));
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(0);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).not.toBeNull();

    server.list = mockWatchlist();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        items: [{ instrument_token: mockReliance.instrument_token, mode: 'ltp' }],
        selected: mockReliance.instrument_token,
      },
    ]);
    expect(listed(store.getState().watchlist.items)).toEqual([['RELIANCE', 'ltp']]);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
  });

  it("keeps the browser's list while its save fails for a while, and forgets it once saved", async () => {
    legacy([mockWatchlistItem(mockReliance)], null);
    const server = mockWatchlistServer();
    server.failures.push(unavailable);
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(1);
    expect(listed(store.getState().watchlist.items)).toEqual([['RELIANCE', 'quote']]);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(puts(http)).toHaveLength(2);
    expect(store.getState().watchlist.saved).toBe(true);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
  });
});
