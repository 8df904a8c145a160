import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testStore } from '../../test/testStore';
import { errorBody, errorStatus } from '../api/errors';
import { route } from '../api/mockFetch';
import type { MockFetch, MockRoute } from '../api/mockFetch';
import type { WatchlistChange } from '../api/types';
import { SESSION_KEY, loggedIn, loggedOut } from '../auth/sessionSlice';
import { emptyBatch, liveBatch } from '../live/liveActions';
import { QUOTES_QUERY_BUDGET, marketApi } from './marketApi';
import {
  marketRoutes,
  mockInfy,
  mockNifty50,
  mockNiftyFuture,
  mockReliance,
  mockSavedElsewhere,
  mockWatchlist,
  mockWatchlistItem,
  mockWatchlistServer,
  mockWatchlists,
  watchlistRoutes,
} from './mock';
import type { MockWatchlistServer } from './mock';
import { watchlistApi } from './watchlistApi';
import { logChange, rebaseChanges } from './watchlistRebase';
import type { LoggedChange } from './watchlistRebase';
import {
  LEGACY_WATCHLIST_KEY,
  MAX_WATCHLISTS,
  activeList,
  findWatched,
  fromServer,
  initialWatchlist,
  loadLegacyWatchlist,
  watchlistActions,
  watchlistReducer,
} from './watchlistSlice';
import type { WatchlistState } from './watchlistSlice';
import {
  WATCHLIST_AFTER_CONNECT_MS,
  WATCHLIST_CONNECTING_POLL_MS,
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

function signedIn(server: MockWatchlistServer = mockWatchlistServer(), routes: MockRoute[] = []) {
  const harness = testStore([...routes, ...watchlistRoutes(server), ...marketRoutes()]);
  harness.store.dispatch(loggedIn(asha));
  return harness;
}

function readAnswering(server: MockWatchlistServer, whileRead: (() => void)[]): MockRoute {
  return route('GET', /^\/api\/watchlist$/, () => {
    const reply = { status: 200, body: server.watchlists };
    whileRead.shift()?.();
    return reply;
  });
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

function opened(state: { watchlist: WatchlistState }) {
  return activeList(state.watchlist);
}

function names(state: { watchlist: WatchlistState }) {
  return state.watchlist.lists.map((list) => list.name);
}

function legacy(items: object[], selected: number | null) {
  localStorage.setItem(LEGACY_WATCHLIST_KEY, JSON.stringify({ items, selected }));
}

const settle = () => vi.advanceTimersByTimeAsync(0);

/** A gateway whose broker's instruments are still loading: it knows NIFTY 50 of the defaults so far. */
function offeringSomeDefaults(): MockWatchlistServer {
  return mockWatchlistServer(
    mockWatchlists({
      lists: [
        mockWatchlist({
          items: [mockWatchlistItem(mockNifty50)],
          selected: mockNifty50.instrument_token,
        }),
      ],
      loading: true,
    }),
  );
}

describe('watchlist', () => {
  it('selects the next instrument when the selected one is removed', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    store.dispatch(watchlistActions.removed(408065));
    expect(opened(store.getState()).selected).toBe(13238786);
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

  it("loads the user's own lists when they sign in, the one they left open open", async () => {
    const server = mockWatchlistServer(
      mockWatchlists({
        lists: [
          mockWatchlist({ name: 'Index', items: [mockWatchlistItem(mockNifty50)], selected: null }),
          mockWatchlist({
            name: 'Stocks',
            items: [mockWatchlistItem(mockInfy, 'full'), mockWatchlistItem(mockReliance)],
            selected: mockReliance.instrument_token,
          }),
        ],
        active: 1,
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
    expect(names(harness.store.getState())).toEqual(['Index', 'Stocks']);
    expect(watchlist.active).toBe(1);
    expect(listed(opened(harness.store.getState()).items)).toEqual([
      ['INFY', 'full'],
      ['RELIANCE', 'quote'],
    ]);
    expect(opened(harness.store.getState()).selected).toBe(mockReliance.instrument_token);
    expect(listed(watchlist.lists[0]?.items ?? [])).toEqual([['NIFTY 50', 'quote']]);
    expect(watchlist.lists[0]?.selected).toBe(mockNifty50.instrument_token);
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
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    expect(store.getState().watchlist.saved).toBe(false);
    expect(opened(store.getState()).selected).toBe(mockNifty50.instrument_token);
    expect(gets(http)[0]?.headers.get('Authorization')).toBe('Bearer jwt-asha');
  });

  it('says why when the list cannot be read, and reads it again when asked', async () => {
    const server = mockWatchlistServer();
    let answers = 0;
    const { store } = testStore([
      {
        method: 'GET',
        path: /^\/api\/watchlist$/,
        handler: () => (answers++ === 0 ? unavailable : { status: 200, body: server.watchlists }),
      },
    ]);
    store.dispatch(loggedIn(asha));
    await settle();
    expect(store.getState().watchlist.status).toBe('failed');
    expect(store.getState().watchlist.error).toBe('Storage is busy.');
    store.dispatch(watchlistActions.reloadRequested());
    expect(store.getState().watchlist.status).toBe('loading');
    await settle();
    expect(store.getState().watchlist.status).toBe('ready');
    expect(opened(store.getState()).items).toHaveLength(2);
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
      lists: [
        {
          name: 'Watchlist 1',
          items: [
            { instrument_token: mockInfy.instrument_token, mode: 'full' },
            { instrument_token: mockReliance.instrument_token, mode: 'quote' },
          ],
          selected: mockReliance.instrument_token,
        },
      ],
      active: 0,
      version: 0,
    });
    expect(puts(http)[0]?.headers.get('Authorization')).toBe('Bearer jwt-asha');
    expect(store.getState().watchlist.saved).toBe(true);
    expect(store.getState().watchlist.version).toBe(1);
    expect(server.watchlists.saved).toBe(true);
    expect(server.watchlists.version).toBe(1);
    expect(listed(server.watchlists.lists[0]?.items ?? [])).toEqual([
      ['INFY', 'full'],
      ['RELIANCE', 'quote'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it('saves nothing for a change that leaves the lists as they were', async () => {
    const { store, http } = signedIn();
    await settle();
    store.dispatch(watchlistActions.selected(mockNifty50.instrument_token));
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.listOpened(0));
    store.dispatch(watchlistActions.listOpened(3));
    store.dispatch(watchlistActions.listRenamed({ index: 0, name: ' Watchlist 1 ' }));
    store.dispatch(watchlistActions.listRenamed({ index: 0, name: '   ' }));
    store.dispatch(watchlistActions.listRemoved(0));
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
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
              { instrument_token: mockInfy.instrument_token, mode: 'quote' },
              { instrument_token: mockReliance.instrument_token, mode: 'quote' },
            ],
            selected: mockNifty50.instrument_token,
          },
        ],
        active: 0,
        version: 0,
      },
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: mockInfy.instrument_token, mode: 'ltp' },
              { instrument_token: mockReliance.instrument_token, mode: 'quote' },
            ],
            selected: mockInfy.instrument_token,
          },
        ],
        active: 0,
        version: 1,
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
      reason: 'Storage is busy.',
      retrying: true,
    });
    expect(listed(opened(store.getState()).items)).toContainEqual(['RELIANCE', 'quote']);
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
    expect(listed(server.watchlists.lists[0]?.items ?? [])).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(4);
  });

  it("shows the gateway's message when it refuses a change, and tries again only at the next change", async () => {
    const server = mockWatchlistServer(mockWatchlists(), [mockNifty50, mockInfy]);
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.added(mockNiftyFuture));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    const message =
      'lists[0].items[2].instrument_token: 13238786 is not an instrument the engine knows';
    expect(store.getState().notices.items).toEqual([
      { id: WATCHLIST_NOTICE_ID, kind: 'problem', title: 'Watchlist not saved', detail: message },
    ]);
    expect(store.getState().watchlist.unsaved).toEqual({ reason: message, retrying: false });
    expect(listed(opened(store.getState()).items)).toContainEqual(['NIFTY26JANFUT', 'quote']);
    expect(server.watchlists.saved).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);

    store.dispatch(watchlistActions.removed(mockNiftyFuture.instrument_token));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(2);
    expect(store.getState().watchlist.unsaved).toBeNull();
    expect(server.watchlists.saved).toBe(true);
  });

  it("clears the list at sign-out and shows the next user only their own, never the last one's", async () => {
    const server = mockWatchlistServer(
      mockWatchlists({
        lists: [
          mockWatchlist({ name: 'Mine', items: [mockWatchlistItem(mockReliance)], selected: null }),
        ],
        saved: true,
      }),
    );
    const { store, http } = signedIn(server);
    await settle();
    expect(listed(opened(store.getState()).items)).toEqual([['RELIANCE', 'quote']]);
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(loggedOut());
    expect(store.getState().watchlist).toEqual(initialWatchlist);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(0);

    server.watchlists = mockWatchlists({
      lists: [mockWatchlist({ name: 'Ravi', items: [mockWatchlistItem(mockNifty50)] })],
      saved: true,
    });
    store.dispatch(loggedIn(ravi));
    expect(opened(store.getState()).items).toEqual([]);
    await settle();
    expect(names(store.getState())).toEqual(['Ravi']);
    expect(listed(opened(store.getState()).items)).toEqual([['NIFTY 50', 'quote']]);
    expect(gets(http).at(-1)?.headers.get('Authorization')).toBe('Bearer jwt-ravi');
  });

  it('asks again every 5 s while the gateway has no defaults yet, until it has them all', async () => {
    const server = mockWatchlistServer(
      mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })], loading: true }),
    );
    const { store, http } = signedIn(server);
    await settle();
    expect(store.getState().watchlist).toMatchObject({
      status: 'ready',
      saved: false,
      lists: [{ name: 'Watchlist 1', items: [], selected: null }],
      active: 0,
    });
    expect(gets(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS - 1);
    expect(gets(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gets(http)).toHaveLength(2);
    expect(opened(store.getState()).items).toEqual([]);

    server.watchlists = mockWatchlists();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    expect(opened(store.getState()).selected).toBe(mockNifty50.instrument_token);
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(puts(http)).toHaveLength(0);
  });

  it('asks every second for a minute once a broker session connects, then every 5 s again', async () => {
    const server = mockWatchlistServer(
      mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })], loading: true }),
    );
    const { store, http } = signedIn(server);
    await settle();
    expect(gets(http)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    store.dispatch(
      liveBatch({
        ...emptyBatch(1),
        brokers: [{ account_id: 1, state: 'connected', token_expiry: null }],
      }),
    );
    await vi.advanceTimersByTimeAsync(WATCHLIST_CONNECTING_POLL_MS);
    expect(gets(http)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3 * WATCHLIST_CONNECTING_POLL_MS);
    expect(gets(http)).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(WATCHLIST_AFTER_CONNECT_MS + WATCHLIST_CONNECTING_POLL_MS);
    const afterTheMinute = gets(http).length;
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS - 1);
    expect(gets(http)).toHaveLength(afterTheMinute);
    await vi.advanceTimersByTimeAsync(1);
    expect(gets(http)).toHaveLength(afterTheMinute + 1);

    server.watchlists = mockWatchlists();
    store.dispatch(
      liveBatch({
        ...emptyBatch(2),
        brokers: [{ account_id: 1, state: 'connected', token_expiry: null }],
      }),
    );
    await vi.advanceTimersByTimeAsync(WATCHLIST_CONNECTING_POLL_MS);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    const whenAllIn = gets(http).length;
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_CONNECTING_POLL_MS);
    expect(gets(http)).toHaveLength(whenAllIn);
  });

  it("follows the gateway's defaults while it says they are loading, and stops once they are all in", async () => {
    const server = offeringSomeDefaults();
    const { store, http } = signedIn(server);
    await settle();
    expect(listed(opened(store.getState()).items)).toEqual([['NIFTY 50', 'quote']]);
    const partial = store.getState().watchlist;

    await vi.advanceTimersByTimeAsync(2 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(store.getState().watchlist).toBe(partial);

    server.watchlists = mockWatchlists({ loading: true });
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(4);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
    const shown = store.getState().watchlist;

    server.watchlists = mockWatchlists();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(5);
    expect(store.getState().watchlist).toBe(shown);
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(5);
    expect(puts(http)).toHaveLength(0);
    expect(store.getState().watchlist.saved).toBe(false);
  });

  it('keeps the defaults shown when reading them again fails, and asks again', async () => {
    const server = offeringSomeDefaults();
    let failing = false;
    const { store, http } = signedIn(server, [
      route('GET', /^\/api\/watchlist$/, () =>
        failing ? unavailable : { status: 200, body: server.watchlists },
      ),
    ]);
    await settle();
    failing = true;
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(2);
    expect(store.getState().watchlist.status).toBe('ready');
    expect(listed(opened(store.getState()).items)).toEqual([['NIFTY 50', 'quote']]);

    failing = false;
    server.watchlists = mockWatchlists();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(3);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
    ]);
  });

  it('stops following the defaults once the user changes the list', async () => {
    const server = offeringSomeDefaults();
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.added(mockReliance));
    server.watchlists = mockWatchlists();
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(1);
    expect(puts(http)).toHaveLength(1);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
  });

  it('stops asking at sign-out', async () => {
    const { store, http } = signedIn(
      mockWatchlistServer(
        mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })] }),
      ),
    );
    await settle();
    store.dispatch(loggedOut());
    await vi.advanceTimersByTimeAsync(10 * WATCHLIST_DEFAULTS_POLL_MS);
    expect(gets(http)).toHaveLength(1);
  });

  it("adopts the list this browser kept as the user's one list and then forgets it", async () => {
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
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: mockInfy.instrument_token, mode: 'full' },
              { instrument_token: mockNiftyFuture.instrument_token, mode: 'quote' },
            ],
            selected: mockNiftyFuture.instrument_token,
          },
        ],
        active: 0,
        version: 0,
      },
    ]);
    const watchlist = store.getState().watchlist;
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    expect(watchlist.active).toBe(0);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['INFY', 'full'],
      ['NIFTY26JANFUT', 'quote'],
    ]);
    expect(opened(store.getState()).items[0]?.segment).toBe('NSE');
    expect(opened(store.getState()).selected).toBe(mockNiftyFuture.instrument_token);
    expect(watchlist.saved).toBe(true);
    expect(watchlist.version).toBe(1);
    expect(server.watchlists.saved).toBe(true);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Watchlist 1']);
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
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    expect(listed(opened(store.getState()).items)).toEqual([
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
          'The gateway refused it: lists[0].items[1].instrument_token: 12345 is not an instrument ' +
          'the engine knows. Your watchlist starts from the defaults.',
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it("keeps the browser's list until the gateway has instruments to take it", async () => {
    legacy([mockWatchlistItem(mockReliance, 'ltp')], null);
    const server = mockWatchlistServer(
      mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })] }),
    );
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(0);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).not.toBeNull();

    server.watchlists = mockWatchlists();
    await vi.advanceTimersByTimeAsync(WATCHLIST_DEFAULTS_POLL_MS);
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [{ instrument_token: mockReliance.instrument_token, mode: 'ltp' }],
            selected: mockReliance.instrument_token,
          },
        ],
        active: 0,
        version: 0,
      },
    ]);
    expect(listed(opened(store.getState()).items)).toEqual([['RELIANCE', 'ltp']]);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
  });

  it("keeps the browser's list while its save fails for a while, and forgets it once saved", async () => {
    legacy([mockWatchlistItem(mockReliance)], null);
    const server = mockWatchlistServer();
    server.failures.push(unavailable);
    const { store, http } = signedIn(server);
    await settle();
    expect(puts(http)).toHaveLength(1);
    expect(listed(opened(store.getState()).items)).toEqual([['RELIANCE', 'quote']]);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(puts(http)).toHaveLength(2);
    expect(store.getState().watchlist.saved).toBe(true);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
  });
});

describe('several named watchlists', () => {
  it('adds an empty list named by the next free number and opens it, up to seven', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.listAdded());
    expect(names(store.getState())).toEqual(['Watchlist 1', 'Watchlist 2']);
    expect(store.getState().watchlist.active).toBe(1);
    expect(opened(store.getState())).toEqual({ name: 'Watchlist 2', items: [], selected: null });
    for (let n = 0; n < 10; n++) {
      store.dispatch(watchlistActions.listAdded());
    }
    expect(store.getState().watchlist.lists).toHaveLength(MAX_WATCHLISTS);
    expect(MAX_WATCHLISTS).toBe(7);
    expect(names(store.getState())).toEqual([
      'Watchlist 1',
      'Watchlist 2',
      'Watchlist 3',
      'Watchlist 4',
      'Watchlist 5',
      'Watchlist 6',
      'Watchlist 7',
    ]);
    expect(store.getState().watchlist.active).toBe(6);
    expect(listed(store.getState().watchlist.lists[0]?.items ?? [])).toEqual([['INFY', 'quote']]);
  });

  it('numbers a new list by its place, or by the lowest number no list has', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.listRenamed({ index: 0, name: 'Banks' }));
    store.dispatch(watchlistActions.listAdded());
    expect(names(store.getState())).toEqual(['Banks', 'Watchlist 2']);
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listRemoved(1));
    expect(names(store.getState())).toEqual(['Banks', 'Watchlist 3']);
    store.dispatch(watchlistActions.listAdded());
    expect(names(store.getState())).toEqual(['Banks', 'Watchlist 3', 'Watchlist 1']);
  });

  it('renames a list with its name trimmed, and ignores a blank or too long name', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listRenamed({ index: 0, name: '  Banks  ' }));
    expect(names(store.getState())).toEqual(['Banks', 'Watchlist 2']);
    store.dispatch(watchlistActions.listRenamed({ index: 0, name: '   ' }));
    store.dispatch(watchlistActions.listRenamed({ index: 1, name: '' }));
    store.dispatch(watchlistActions.listRenamed({ index: 1, name: 'x'.repeat(31) }));
    store.dispatch(watchlistActions.listRenamed({ index: 2, name: 'Nowhere' }));
    expect(names(store.getState())).toEqual(['Banks', 'Watchlist 2']);
    store.dispatch(watchlistActions.listRenamed({ index: 1, name: ` ${'y'.repeat(30)} ` }));
    expect(names(store.getState())).toEqual(['Banks', 'y'.repeat(30)]);
    expect(store.getState().watchlist.active).toBe(1);
  });

  it('never deletes the last list, and keeps a sensible list open when one is deleted', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.listRemoved(0));
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    expect(listed(opened(store.getState()).items)).toEqual([['INFY', 'quote']]);

    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listOpened(2));
    store.dispatch(watchlistActions.listRemoved(0));
    expect(names(store.getState())).toEqual(['Watchlist 2', 'Watchlist 3', 'Watchlist 4']);
    expect(opened(store.getState()).name).toBe('Watchlist 3');

    store.dispatch(watchlistActions.listRemoved(2));
    expect(opened(store.getState()).name).toBe('Watchlist 3');

    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listOpened(0));
    store.dispatch(watchlistActions.listRemoved(0));
    expect(names(store.getState())).toEqual(['Watchlist 3', 'Watchlist 1']);
    expect(opened(store.getState()).name).toBe('Watchlist 3');

    store.dispatch(watchlistActions.listOpened(1));
    store.dispatch(watchlistActions.listRemoved(1));
    expect(store.getState().watchlist.active).toBe(0);
    expect(opened(store.getState()).name).toBe('Watchlist 3');
    store.dispatch(watchlistActions.listRemoved(5));
    store.dispatch(watchlistActions.listRemoved(-1));
    expect(store.getState().watchlist.lists).toHaveLength(1);
  });

  it('opens only a list that exists', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.listOpened(0));
    expect(store.getState().watchlist.active).toBe(0);
    store.dispatch(watchlistActions.listOpened(2));
    store.dispatch(watchlistActions.listOpened(-1));
    expect(store.getState().watchlist.active).toBe(0);
  });

  it('adds, removes, selects and sets the mode in the open list only, each list its own', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockReliance));
    store.dispatch(watchlistActions.selected(mockReliance.instrument_token));
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockNifty50));
    store.dispatch(
      watchlistActions.modeChanged({ token: mockInfy.instrument_token, mode: 'full' }),
    );
    store.dispatch(watchlistActions.removed(mockReliance.instrument_token));
    const [first, second] = store.getState().watchlist.lists;
    expect(listed(first?.items ?? [])).toEqual([
      ['INFY', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
    expect(first?.selected).toBe(mockReliance.instrument_token);
    expect(listed(second?.items ?? [])).toEqual([
      ['INFY', 'full'],
      ['NIFTY 50', 'quote'],
    ]);
    expect(second?.selected).toBe(mockInfy.instrument_token);

    store.dispatch(watchlistActions.listOpened(0));
    store.dispatch(watchlistActions.removed(mockReliance.instrument_token));
    expect(opened(store.getState()).selected).toBe(mockInfy.instrument_token);
    expect(listed(store.getState().watchlist.lists[1]?.items ?? [])).toEqual([
      ['INFY', 'full'],
      ['NIFTY 50', 'quote'],
    ]);
  });

  it('reorders the open list only, its instruments keeping their modes and the selection', () => {
    const nifty = mockNifty50.instrument_token;
    const infy = mockInfy.instrument_token;
    const reliance = mockReliance.instrument_token;
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockReliance));
    store.dispatch(watchlistActions.added(mockNifty50));
    store.dispatch(watchlistActions.modeChanged({ token: infy, mode: 'full' }));
    store.dispatch(watchlistActions.selected(reliance));
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockReliance));
    store.dispatch(watchlistActions.listOpened(0));
    store.dispatch(watchlistActions.reordered([nifty, infy, reliance]));
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'full'],
      ['RELIANCE', 'quote'],
    ]);
    expect(opened(store.getState()).items[0]).toEqual({
      ...mockWatchlistItem(mockNifty50),
      mode: 'quote',
    });
    expect(opened(store.getState()).selected).toBe(reliance);
    expect(listed(store.getState().watchlist.lists[1]?.items ?? [])).toEqual([
      ['INFY', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
  });

  it("ignores an order that is not exactly the open list's instruments, or is the order it has", () => {
    const nifty = mockNifty50.instrument_token;
    const infy = mockInfy.instrument_token;
    const reliance = mockReliance.instrument_token;
    const future = mockNiftyFuture.instrument_token;
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockNifty50));
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.added(mockReliance));
    const before = store.getState().watchlist;
    for (const order of [
      [nifty, infy, reliance],
      [infy, nifty],
      [reliance, infy, nifty, future],
      [reliance, infy, future],
      [reliance, infy, infy],
      [reliance, reliance, infy, nifty],
      [],
    ]) {
      store.dispatch(watchlistActions.reordered(order));
    }
    expect(store.getState().watchlist).toBe(before);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['INFY', 'quote'],
      ['RELIANCE', 'quote'],
    ]);

    store.dispatch(watchlistActions.listAdded());
    const empty = store.getState().watchlist;
    store.dispatch(watchlistActions.reordered([]));
    store.dispatch(watchlistActions.reordered([nifty]));
    expect(store.getState().watchlist).toBe(empty);
  });

  it('finds an instrument in any list, the open one first', () => {
    const { store } = testStore();
    store.dispatch(watchlistActions.added(mockReliance));
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(mockInfy));
    expect(findWatched(store.getState().watchlist, mockReliance.instrument_token)).toMatchObject({
      tradingsymbol: 'RELIANCE',
      lot_size: 1,
    });
    expect(findWatched(store.getState().watchlist, mockNiftyFuture.instrument_token)).toBe(
      undefined,
    );
  });

  it('takes the lists read whole, an unknown selection or open list falling back to the first', () => {
    const { store } = testStore();
    store.dispatch(
      watchlistActions.loaded({
        lists: [
          {
            name: 'A',
            items: [{ ...mockWatchlistItem(mockInfy), mode: 'quote' }],
            selected: 999,
          },
          { name: 'B', items: [], selected: 408065 },
        ],
        active: 5,
        saved: true,
        version: 4,
      }),
    );
    const watchlist = store.getState().watchlist;
    expect(watchlist.active).toBe(0);
    expect(watchlist.lists.map((list) => [list.name, list.selected])).toEqual([
      ['A', mockInfy.instrument_token],
      ['B', null],
    ]);
    expect(watchlist.status).toBe('ready');
    expect(watchlist.version).toBe(4);
  });
});

describe('the watchlists kept by the gateway', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves every list in order, with names, modes and selections, and the open one', async () => {
    const server = mockWatchlistServer();
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(mockReliance));
    store.dispatch(watchlistActions.added(mockInfy));
    store.dispatch(watchlistActions.modeChanged({ token: mockInfy.instrument_token, mode: 'ltp' }));
    store.dispatch(watchlistActions.listRenamed({ index: 1, name: ' Banks ' }));
    store.dispatch(watchlistActions.listOpened(0));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
              { instrument_token: mockInfy.instrument_token, mode: 'quote' },
            ],
            selected: mockNifty50.instrument_token,
          },
          {
            name: 'Banks',
            items: [
              { instrument_token: mockReliance.instrument_token, mode: 'quote' },
              { instrument_token: mockInfy.instrument_token, mode: 'ltp' },
            ],
            selected: mockReliance.instrument_token,
          },
        ],
        active: 0,
        version: 0,
      },
    ]);
    expect(server.watchlists).toEqual({
      lists: [
        mockWatchlist(),
        mockWatchlist({
          name: 'Banks',
          items: [mockWatchlistItem(mockReliance), mockWatchlistItem(mockInfy, 'ltp')],
          selected: mockReliance.instrument_token,
        }),
      ],
      active: 0,
      saved: true,
      version: 1,
      loading: false,
    });
    expect(store.getState().watchlist.saved).toBe(true);
  });

  it('saves opening, adding and deleting a list, each as a change of all the lists', async () => {
    const server = mockWatchlistServer(
      mockWatchlists({
        lists: [
          mockWatchlist(),
          mockWatchlist({ name: 'Oil', items: [mockWatchlistItem(mockReliance)], selected: null }),
        ],
        saved: true,
      }),
    );
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.listOpened(1));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http).at(-1)?.body).toMatchObject({ active: 1 });
    expect(server.watchlists.active).toBe(1);

    store.dispatch(watchlistActions.listAdded());
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http).at(-1)?.body).toEqual({
      lists: [
        {
          name: 'Watchlist 1',
          items: [
            { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
            { instrument_token: mockInfy.instrument_token, mode: 'quote' },
          ],
          selected: mockNifty50.instrument_token,
        },
        {
          name: 'Oil',
          items: [{ instrument_token: mockReliance.instrument_token, mode: 'quote' }],
          selected: mockReliance.instrument_token,
        },
        { name: 'Watchlist 3', items: [], selected: null },
      ],
      active: 2,
      version: 2,
    });

    store.dispatch(watchlistActions.listRemoved(0));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(3);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Oil', 'Watchlist 3']);
    expect(server.watchlists.active).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(3);
  });

  it('saves a new order of the open list once, and nothing for an order that changes nothing', async () => {
    const nifty = mockNifty50.instrument_token;
    const infy = mockInfy.instrument_token;
    const reliance = mockReliance.instrument_token;
    const server = mockWatchlistServer(
      mockWatchlists({
        lists: [
          mockWatchlist({
            items: [
              mockWatchlistItem(mockNifty50),
              mockWatchlistItem(mockInfy, 'full'),
              mockWatchlistItem(mockReliance),
            ],
            selected: infy,
          }),
          mockWatchlist({ name: 'Oil', items: [mockWatchlistItem(mockReliance)] }),
        ],
        saved: true,
      }),
    );
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.reordered([nifty, infy, reliance]));
    store.dispatch(watchlistActions.reordered([reliance, infy]));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS * 2);
    expect(puts(http)).toHaveLength(0);

    store.dispatch(watchlistActions.reordered([infy, nifty, reliance]));
    store.dispatch(watchlistActions.reordered([reliance, infy, nifty]));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS - 1);
    expect(puts(http)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: reliance, mode: 'quote' },
              { instrument_token: infy, mode: 'full' },
              { instrument_token: nifty, mode: 'quote' },
            ],
            selected: infy,
          },
          {
            name: 'Oil',
            items: [{ instrument_token: reliance, mode: 'quote' }],
            selected: reliance,
          },
        ],
        active: 0,
        version: 1,
      },
    ]);
    expect(listed(server.watchlists.lists[0]?.items ?? [])).toEqual([
      ['RELIANCE', 'quote'],
      ['INFY', 'full'],
      ['NIFTY 50', 'quote'],
    ]);
    expect(store.getState().watchlist.unsaved).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it('saves no list change made before the lists are read', async () => {
    const { store, http } = signedIn();
    store.dispatch(watchlistActions.listAdded());
    await settle();
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(0);
  });
});

describe('watchlists saved in another window', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const changed = {
    id: WATCHLIST_NOTICE_ID,
    kind: 'problem',
    title: 'Your watchlists were changed in another window',
    detail: 'This page now shows them; your last change here was not saved.',
  };

  const relianceNotSaved = {
    id: WATCHLIST_NOTICE_ID,
    kind: 'problem',
    title: 'Watchlist change not saved',
    detail:
      'Your watchlists were changed in another window; this page now shows them. Not saved: RELIANCE added to "Watchlist 1" (that list is no longer there).',
  };

  function elsewhere() {
    return [
      mockWatchlist({
        name: 'Elsewhere',
        items: [mockWatchlistItem(mockReliance, 'full')],
        selected: mockReliance.instrument_token,
      }),
      mockWatchlist({ name: 'Index', items: [mockWatchlistItem(mockNifty50)], selected: null }),
    ];
  }

  function savedServer() {
    return mockWatchlistServer(mockWatchlists({ saved: true }));
  }

  it("saves a change again on top of another window's lists when it still applies, and shows both", async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    mockSavedElsewhere(server, {
      lists: [
        mockWatchlist({ items: [mockWatchlistItem(mockNifty50)] }),
        mockWatchlist({ name: 'Futures', items: [mockWatchlistItem(mockNiftyFuture)] }),
      ],
    });
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(2);
    expect(gets(http)).toHaveLength(2);
    expect((puts(http)[1]?.body as WatchlistChange).version).toBe(2);
    expect(server.watchlists.version).toBe(3);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Watchlist 1', 'Futures']);
    expect(listed(server.watchlists.lists[0]?.items ?? [])).toEqual([
      ['NIFTY 50', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
    const watchlist = store.getState().watchlist;
    expect(names(store.getState())).toEqual(['Watchlist 1', 'Futures']);
    expect(listed(opened(store.getState()).items)).toEqual([
      ['NIFTY 50', 'quote'],
      ['RELIANCE', 'quote'],
    ]);
    expect(watchlist.version).toBe(3);
    expect(watchlist.unsaved).toBeNull();
    expect(store.getState().notices.items).toEqual([
      {
        id: WATCHLIST_NOTICE_ID,
        kind: 'done',
        title: 'Your watchlists were changed in another window',
        detail: 'This page now shows them, with your change here saved on top.',
      },
    ]);
  });

  it('saves again only once, and says plainly what was not saved when the lists changed again', async () => {
    const server = savedServer();
    const whileRead: (() => void)[] = [];
    const { store, http } = signedIn(server, [readAnswering(server, whileRead)]);
    await settle();
    mockSavedElsewhere(server, { lists: [mockWatchlist(), ...elsewhere()] });
    whileRead.push(() => mockSavedElsewhere(server, { lists: elsewhere() }));
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http).map((call) => (call.body as WatchlistChange).version)).toEqual([1, 2]);
    expect(gets(http)).toHaveLength(3);
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(store.getState().watchlist.version).toBe(3);
    expect(server.watchlists.lists).toEqual(elsewhere());
    expect(store.getState().notices.items).toEqual([
      {
        id: WATCHLIST_NOTICE_ID,
        kind: 'problem',
        title: 'Watchlist change not saved',
        detail:
          'Your watchlists were changed in another window; this page now shows them. Not saved: RELIANCE added to "Watchlist 1".',
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(2);
  });

  it('sends the version it read with every save and keeps the one each save answers', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    expect(store.getState().watchlist.version).toBe(1);
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    store.dispatch(watchlistActions.removed(mockInfy.instrument_token));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http).map((call) => (call.body as WatchlistChange).version)).toEqual([1, 2]);
    expect(store.getState().watchlist.version).toBe(3);
    expect(server.watchlists.version).toBe(3);
    expect(store.getState().notices.items).toEqual([]);
  });

  it('shows the lists another window saved when a save meets them, says what could not be saved on top, and tries nothing again', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere(), active: 1 });
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(1);
    expect((puts(http)[0]?.body as WatchlistChange).version).toBe(1);
    expect(gets(http)).toHaveLength(2);
    const watchlist = store.getState().watchlist;
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(watchlist.active).toBe(1);
    expect(listed(watchlist.lists[0]?.items ?? [])).toEqual([['RELIANCE', 'full']]);
    expect(watchlist.version).toBe(2);
    expect(watchlist.saved).toBe(true);
    expect(watchlist.unsaved).toBeNull();
    expect(store.getState().notices.items).toEqual([relianceNotSaved]);
    expect(server.watchlists.version).toBe(2);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Elsewhere', 'Index']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);

    store.dispatch(watchlistActions.listOpened(0));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(2);
    expect(puts(http)[1]?.body).toMatchObject({ active: 0, version: 2 });
    expect(server.watchlists.active).toBe(0);
    expect(store.getState().watchlist.version).toBe(3);
  });

  it("makes a change waiting behind a save that meets another window's again on top of its lists, and says what was not", async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere() });
    store.dispatch(watchlistActions.added(mockReliance));
    vi.advanceTimersByTime(WATCHLIST_SAVE_DELAY_MS);
    store.dispatch(watchlistActions.listAdded());
    await settle();
    await settle();
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index', 'Watchlist 3']);
    expect(store.getState().watchlist.active).toBe(2);
    expect(store.getState().watchlist.version).toBe(3);
    expect(store.getState().notices.items).toEqual([
      {
        ...relianceNotSaved,
        detail:
          'Your watchlists were changed in another window; this page now shows them, with the rest of your change saved on top. Not saved: RELIANCE added to "Watchlist 1" (that list is no longer there).',
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(2);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual([
      'Elsewhere',
      'Index',
      'Watchlist 3',
    ]);
    expect(server.watchlists.lists[2]?.items).toEqual([]);
  });

  it('makes a change made while the lists are read again on top of their answer', async () => {
    const server = savedServer();
    const whileRead: (() => void)[] = [];
    const { store, http } = signedIn(server, [readAnswering(server, whileRead)]);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere() });
    whileRead.push(() => {
      store.dispatch(watchlistActions.listAdded());
      store.dispatch(watchlistActions.added(mockNiftyFuture));
    });
    store.dispatch(watchlistActions.removed(mockInfy.instrument_token));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(gets(http)).toHaveLength(2);
    expect(whileRead).toHaveLength(0);
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index', 'Watchlist 3']);
    expect(store.getState().watchlist.active).toBe(2);
    expect(listed(opened(store.getState()).items)).toEqual([['NIFTY26JANFUT', 'quote']]);
    expect(store.getState().watchlist.version).toBe(3);
    expect(store.getState().notices.items).toEqual([
      {
        id: WATCHLIST_NOTICE_ID,
        kind: 'done',
        title: 'Your watchlists were changed in another window',
        detail: 'This page now shows them, with your change here saved on top.',
      },
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(2);
    expect(server.watchlists.lists.map((list) => list.name)).toEqual([
      'Elsewhere',
      'Index',
      'Watchlist 3',
    ]);
  });

  it("sends version 0 with the browser's list, and shows another window's lists should they be saved first", async () => {
    legacy([mockWatchlistItem(mockNiftyFuture)], null);
    const server = mockWatchlistServer();
    const whileRead = [() => mockSavedElsewhere(server, { lists: elsewhere() })];
    const { store, http } = signedIn(server, [readAnswering(server, whileRead)]);
    await settle();
    await settle();
    expect(puts(http).map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [{ instrument_token: mockNiftyFuture.instrument_token, mode: 'quote' }],
            selected: mockNiftyFuture.instrument_token,
          },
        ],
        active: 0,
        version: 0,
      },
    ]);
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(store.getState().watchlist.version).toBe(1);
    expect(store.getState().notices.items).toEqual([changed]);
    expect(localStorage.getItem(LEGACY_WATCHLIST_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
    expect(server.watchlists.lists).toEqual(elsewhere());
  });

  it('says the lists could not be read when reading them again after such a save fails', async () => {
    const server = savedServer();
    let answers = 0;
    const { store, http } = signedIn(server, [
      route('GET', /^\/api\/watchlist$/, () =>
        answers++ === 1 ? unavailable : { status: 200, body: server.watchlists },
      ),
    ]);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere() });
    store.dispatch(watchlistActions.added(mockReliance));
    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(store.getState().watchlist.status).toBe('failed');
    expect(store.getState().watchlist.error).toBe('Storage is busy.');
    expect(store.getState().notices.items).toEqual([
      {
        ...relianceNotSaved,
        detail:
          'Your watchlists were changed in another window and could not be read again. Not saved: RELIANCE added to "Watchlist 1".',
      },
    ]);
    store.dispatch(watchlistActions.reloadRequested());
    await settle();
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(store.getState().watchlist.version).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(1);
  });

  it('shows what another window saved once the page is back in view or the window has the focus', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere(), active: 1 });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(2);
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(store.getState().watchlist.active).toBe(1);
    expect(store.getState().watchlist.version).toBe(2);

    mockSavedElsewhere(server, { active: 0 });
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(3);
    expect(store.getState().watchlist.active).toBe(0);
    expect(store.getState().watchlist.version).toBe(3);
    expect(store.getState().notices.items).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts(http)).toHaveLength(0);
  });

  it('reads nothing when the page is hidden', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere() });
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(gets(http)).toHaveLength(1);
    expect(names(store.getState())).toEqual(['Watchlist 1']);
  });

  it('keeps the lists as they are when their version is the one shown', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    await settle();
    const before = store.getState().watchlist;
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(2);
    expect(store.getState().watchlist).toBe(before);
  });

  it('reads nothing while a change waits to be saved or is being saved', async () => {
    const server = savedServer();
    server.failures.push(unavailable);
    const { store, http } = signedIn(server);
    await settle();
    store.dispatch(watchlistActions.added(mockReliance));
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(1);

    vi.advanceTimersByTime(WATCHLIST_SAVE_DELAY_MS);
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(puts(http)).toHaveLength(1);
    expect(gets(http)).toHaveLength(1);
    expect(store.getState().watchlist.unsaved).toMatchObject({ retrying: true });
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(puts(http)).toHaveLength(2);
    expect(store.getState().watchlist.unsaved).toBeNull();
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(2);
    expect(listed(opened(store.getState()).items)).toContainEqual(['RELIANCE', 'quote']);
  });

  it('does not show what the page read once a change is made while it was read', async () => {
    const server = savedServer();
    const whileRead: (() => void)[] = [];
    const { store, http } = signedIn(server, [readAnswering(server, whileRead)]);
    await settle();
    mockSavedElsewhere(server, { lists: elsewhere() });
    whileRead.push(() => {
      store.dispatch(watchlistActions.added(mockReliance));
    });
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(2);
    expect(names(store.getState())).toEqual(['Watchlist 1']);
    expect(listed(opened(store.getState()).items)).toContainEqual(['RELIANCE', 'quote']);
    expect(store.getState().watchlist.version).toBe(1);

    await vi.advanceTimersByTimeAsync(WATCHLIST_SAVE_DELAY_MS);
    expect(puts(http)).toHaveLength(1);
    expect(names(store.getState())).toEqual(['Elsewhere', 'Index']);
    expect(store.getState().notices.items).toEqual([relianceNotSaved]);
  });

  it('reads nothing before the lists are read or once the user has signed out', async () => {
    const server = savedServer();
    const { store, http } = signedIn(server);
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(1);
    store.dispatch(loggedOut());
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(gets(http)).toHaveLength(1);
  });
});

describe('changes made again on top of lists saved elsewhere', () => {
  function changesOn(
    lists: ReturnType<typeof mockWatchlist>[],
    ...actions: Parameters<typeof watchlistReducer>[1][]
  ): LoggedChange[] {
    let state = watchlistReducer(
      undefined,
      watchlistActions.loaded(fromServer(mockWatchlists({ lists, saved: true }))),
    );
    return actions.map((action) => {
      const before = state;
      state = watchlistReducer(state, action);
      return logChange(action, before, state);
    });
  }

  it('follows a list renamed or added here by its new name, and keeps the order of the instruments still listed', () => {
    const mine = changesOn(
      [mockWatchlist()],
      watchlistActions.listRenamed({ index: 0, name: 'Mine' }),
      watchlistActions.added(mockReliance),
      watchlistActions.reordered([
        mockReliance.instrument_token,
        mockInfy.instrument_token,
        mockNifty50.instrument_token,
      ]),
      watchlistActions.listAdded(),
      watchlistActions.added(mockNiftyFuture),
    );
    const theirs = fromServer(
      mockWatchlists({
        lists: [
          mockWatchlist({ items: [mockWatchlistItem(mockNifty50)] }),
          mockWatchlist({ name: 'Watchlist 2', items: [] }),
        ],
        saved: true,
        version: 4,
      }),
    );
    const { lists, applied, skipped } = rebaseChanges(theirs, mine);
    expect(skipped).toEqual([]);
    expect(applied).toHaveLength(5);
    expect(lists.version).toBe(4);
    expect(lists.lists.map((list) => list.name)).toEqual(['Mine', 'Watchlist 2', 'Watchlist 3']);
    expect(listed(lists.lists[0]?.items ?? [])).toEqual([
      ['RELIANCE', 'quote'],
      ['NIFTY 50', 'quote'],
    ]);
    expect(listed(lists.lists[2]?.items ?? [])).toEqual([['NIFTY26JANFUT', 'quote']]);
    expect(lists.active).toBe(2);
  });

  it('leaves out a list there is no room for and what went into it, and says so', () => {
    const mine = changesOn(
      [mockWatchlist()],
      watchlistActions.listAdded(),
      watchlistActions.added(mockReliance),
    );
    const seven = Array.from({ length: MAX_WATCHLISTS }, (_, index) =>
      mockWatchlist({ name: `List ${index + 1}` }),
    );
    const { lists, applied, skipped } = rebaseChanges(
      fromServer(mockWatchlists({ lists: seven, saved: true })),
      mine,
    );
    expect(applied).toEqual([]);
    expect(lists.lists).toHaveLength(MAX_WATCHLISTS);
    expect(skipped).toEqual([
      'the new list "Watchlist 2" (there are 7 lists already)',
      'RELIANCE added to "Watchlist 2" (that list could not be added)',
    ]);
  });
});

describe('the mock gateway watchlist routes', () => {
  function entry(instrument: { instrument_token: number }, mode = 'quote') {
    return { instrument_token: instrument.instrument_token, mode };
  }

  async function put(body: unknown, server = mockWatchlistServer()) {
    const { store } = testStore(watchlistRoutes(server));
    const result = await store.dispatch(
      watchlistApi.endpoints.saveWatchlist.initiate(body as WatchlistChange),
    );
    return {
      server,
      data: result.data,
      status: result.error ? errorStatus(result.error) : 200,
      error: result.error ? errorBody(result.error)?.error : undefined,
      message: result.error ? errorBody(result.error)?.message : undefined,
    };
  }

  it('answers the version it keeps, saves one version up, and saves nothing for another version', async () => {
    const server = mockWatchlistServer(mockWatchlists({ saved: true, version: 4 }));
    const { store } = testStore(watchlistRoutes(server));
    const read = await store.dispatch(
      watchlistApi.endpoints.watchlist.initiate(undefined, { subscribe: false }),
    );
    expect(read.data?.version).toBe(4);
    const before = server.watchlists;
    const lists = [{ name: 'A', items: [entry(mockInfy)], selected: null }];
    for (const version of [3, 5, 0]) {
      expect(await put({ lists, version }, server)).toMatchObject({
        status: 409,
        error: 'watchlist_changed',
        message: 'the watchlists were changed elsewhere (now version 4); read them again',
      });
      expect(server.watchlists).toBe(before);
    }
    const saved = await put({ lists, active: 0, version: 4 }, server);
    expect(saved.status).toBe(200);
    expect(saved.data?.version).toBe(5);
    expect(server.watchlists).toMatchObject({ saved: true, version: 5 });
    expect(server.watchlists.lists.map((list) => list.name)).toEqual(['A']);
    expect((await put({ lists }, server)).data?.version).toBe(6);
    expect((await put({ lists, version: null }, server)).data?.version).toBe(7);
  });

  it('counts versions from 0 while nothing is saved, and lets another window save one up', () => {
    const server = mockWatchlistServer();
    expect(server.watchlists.version).toBe(0);
    mockSavedElsewhere(server, { lists: [mockWatchlist({ name: 'B' })] });
    expect(server.watchlists).toEqual({
      lists: [mockWatchlist({ name: 'B' })],
      active: 0,
      saved: true,
      version: 1,
      loading: false,
    });
  });

  it('keeps the lists sent, the same instrument in several, names trimmed', async () => {
    const { server, data, status } = await put({
      lists: [
        { name: ' Stocks ', items: [entry(mockInfy, 'full'), entry(mockReliance)], selected: null },
        { name: 'Mixed', items: [entry(mockInfy), { instrument_token: 256265 }], selected: 256265 },
      ],
      active: 1,
    });
    expect(status).toBe(200);
    expect(data).toEqual(server.watchlists);
    expect(server.watchlists).toEqual({
      lists: [
        mockWatchlist({
          name: 'Stocks',
          items: [mockWatchlistItem(mockInfy, 'full'), mockWatchlistItem(mockReliance)],
          selected: null,
        }),
        mockWatchlist({
          name: 'Mixed',
          items: [mockWatchlistItem(mockInfy), mockWatchlistItem(mockNifty50)],
          selected: mockNifty50.instrument_token,
        }),
      ],
      active: 1,
      saved: true,
      version: 1,
      loading: false,
    });
  });

  it('takes the first list as open when active is left out', async () => {
    const { server, status } = await put({ lists: [{ name: 'A', items: [], selected: null }] });
    expect(status).toBe(200);
    expect(server.watchlists.active).toBe(0);
  });

  it('refuses what the gateway refuses, with its message, and saves nothing', async () => {
    const list = (name: string, items: object[] = [], selected: number | null = null) => ({
      name,
      items,
      selected,
    });
    const cases: [unknown, string][] = [
      [{ active: 0 }, 'lists: required, give 1 to 7 in order'],
      [{ lists: [], active: 0 }, 'lists: 0 lists, give 1 to 7 in order'],
      [
        { lists: Array.from({ length: 8 }, (_, n) => list(`L${n}`)), active: 0 },
        'lists: 8 lists, give 1 to 7 in order',
      ],
      [{ lists: [list('A'), list('B')], active: 2 }, 'active: 2 is not one of the lists (0 to 1)'],
      [{ lists: [list('A')], active: -1 }, 'active: -1 is not one of the lists (0 to 0)'],
      [{ lists: [list('A')], version: -1 }, 'version: -1, give the version the lists were read as'],
      [{ lists: [list('A'), list('   ')], active: 0 }, 'lists[1].name: required, give 1 to 30'],
      [
        { lists: [{ items: [], selected: null }], active: 0 },
        'lists[0].name: required, give 1 to 30',
      ],
      [{ lists: [list('x'.repeat(31))], active: 0 }, 'lists[0].name: 31 characters, give 1 to 30'],
      [
        { lists: [{ name: 'A', selected: null }], active: 0 },
        'lists[0].items: required, the whole list in order (empty to clear it)',
      ],
      [
        { lists: [list('A'), list('B', [entry(mockInfy), entry(mockReliance), entry(mockInfy)])] },
        'lists[1].items[2].instrument_token: 408065 is in the list twice',
      ],
      [
        { lists: [list('A'), list('B', [entry(mockInfy), { instrument_token: 12345 }])] },
        'lists[1].items[1].instrument_token: 12345 is not an instrument the engine knows',
      ],
      [
        { lists: [list('A', [entry(mockInfy, 'depth')])] },
        "lists[0].items[0].mode: 'depth', expected ltp, quote or full",
      ],
      [{ lists: [list('A', [{ mode: 'ltp' }])] }, 'lists[0].items[0].instrument_token: required'],
      [
        {
          lists: [
            list(
              'A',
              Array.from({ length: 1001 }, (_, n) => ({ instrument_token: n })),
            ),
          ],
        },
        'lists[0].items: 1001 instruments, at most 1000',
      ],
      [
        { lists: [list('A', [entry(mockInfy)], mockReliance.instrument_token)] },
        'lists[0].selected: 738561 is not an instrument of the list',
      ],
      [
        { lists: [list('A')], active: 0, items: [] },
        "unknown field 'items' (fields are snake_case, as in the OpenAPI description)",
      ],
      [
        { lists: [{ ...list('A'), active: true }] },
        "unknown field 'active' (fields are snake_case, as in the OpenAPI description)",
      ],
      [
        { lists: [list('   '), { ...list('B'), colour: 'red' }] },
        "unknown field 'colour' (fields are snake_case, as in the OpenAPI description)",
      ],
      [
        { lists: [list('A', [{ ...entry(mockInfy), tradingsymbol: 'INFY' }])] },
        "unknown field 'tradingsymbol' (fields are snake_case, as in the OpenAPI description)",
      ],
    ];
    for (const [body, message] of cases) {
      const before = mockWatchlists();
      const result = await put(body, mockWatchlistServer(before));
      expect({ body, status: result.status, message: result.message }).toEqual({
        body,
        status: 400,
        message,
      });
      expect(result.server.watchlists).toBe(before);
    }
  });
});
