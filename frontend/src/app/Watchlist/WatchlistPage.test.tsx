import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRoute } from '../../services/api/mockFetch';
import type { InstrumentView } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { brokerApi } from '../../services/broker/brokerApi';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import type { TickUpdate } from '../../services/live/liveActions';
import {
  marketRoutes,
  mockInfy,
  mockInstruments,
  mockNifty50,
  mockReliance,
  mockSavedElsewhere,
  mockWatchlist,
  mockWatchlistItem,
  mockWatchlistServer,
  mockWatchlists,
  watchlistRoutes,
} from '../../services/market/mock';
import type { MockWatchlistServer } from '../../services/market/mock';
import { WATCHLIST_NOTICE_ID } from '../../services/market/watchlistSync';
import type { AppStore } from '../../store/store';
import { renderWithStore } from '../../test/render';
import { WATCH_ROW_DRAG_TYPE, WATCH_ROW_HEIGHT_PX } from './WatchRow';
import { WatchlistPage } from './WatchlistPage';
import { rowWindow } from './rowWindow';

vi.mock('./IntradayChart', () => ({ IntradayChart: () => null }));

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function instrument(token: number): InstrumentView {
  return {
    instrument_token: token,
    exchange: 'NSE',
    tradingsymbol: `SYM${String(token).padStart(3, '0')}`,
    segment: 'NSE',
    instrument_type: 'EQ',
    tick_size: 0.05,
    lot_size: 1,
    freeze_quantity: 100000,
  };
}

function watched(count: number): MockWatchlistServer {
  const instruments = Array.from({ length: count }, (_, index) => instrument(index + 1));
  return mockWatchlistServer(
    mockWatchlists({
      lists: [
        mockWatchlist({ items: instruments.map((item) => mockWatchlistItem(item)), selected: 1 }),
      ],
      saved: true,
    }),
    instruments,
  );
}

/** Hands the page ticks as the live socket does, none of them conflated. */
function stream(store: AppStore, ...ticks: TickUpdate['data'][]) {
  act(() => {
    store.dispatch(
      liveBatch({ ...emptyBatch(1), ticks: ticks.map((data) => ({ conflated: false, data })) }),
    );
  });
}

function signedIn(server: MockWatchlistServer, routes: MockRoute[] = []) {
  const harness = renderWithStore(<WatchlistPage />, {
    routes: [...routes, ...watchlistRoutes(server), ...marketRoutes()],
  });
  act(() => {
    harness.store.dispatch(loggedIn(session));
  });
  return harness;
}

describe('the row window', () => {
  it('covers the rows in view plus the overscan and pads for the rest', () => {
    expect(rowWindow(0, 320, 500, 32, 5)).toEqual({
      start: 0,
      end: 15,
      padTop: 0,
      padBottom: 485 * 32,
    });
    expect(rowWindow(3200, 320, 500, 32, 5)).toEqual({
      start: 95,
      end: 115,
      padTop: 95 * 32,
      padBottom: 385 * 32,
    });
    expect(rowWindow(15_680, 320, 500, 32, 5)).toMatchObject({
      start: 485,
      end: 500,
      padBottom: 0,
    });
    expect(rowWindow(0, 320, 3, 32, 5)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe('the watchlist table', () => {
  function widthPx(col: Element): number {
    const classes = col.className.split(' ');
    const width =
      classes.find((name) => name.startsWith('sm:w-')) ??
      classes.find((name) => name.startsWith('w-'));
    return width ? Number(width.replace(/^(sm:)?w-/, '')) * 4 : 0;
  }

  it('leaves the instrument column room for NIFTY BANK and its exchange at 1280 px', async () => {
    signedIn(watched(3));
    const table = (await screen.findByLabelText('Watched instruments')).querySelector('table');
    const cols = Array.from(table?.querySelectorAll('colgroup > col') ?? []);
    expect(cols).toHaveLength(6);
    expect(widthPx(cols[0] as Element)).toBe(0);
    const listWidthPx = ((1280 - 2 * 16 - 16) * 3) / 5;
    const instrumentPx = listWidthPx - cols.reduce((sum, col) => sum + widthPx(col), 0);
    expect(instrumentPx).toBeGreaterThanOrEqual(176);
  });

  it('gives the change column room for its percent over its rupees, and the buttons theirs', async () => {
    signedIn(watched(3));
    const table = (await screen.findByLabelText('Watched instruments')).querySelector('table');
    const cols = Array.from(table?.querySelectorAll('colgroup > col') ?? []);
    expect(widthPx(cols[2] as Element)).toBeGreaterThanOrEqual(96);
    expect(widthPx(cols[5] as Element)).toBeGreaterThanOrEqual(188);
  });
});

describe('a watchlist of 500 instruments', () => {
  it('renders only the rows in view and follows the scroll', async () => {
    signedIn(watched(500));
    const list = await screen.findByLabelText('Watched instruments');
    const named = () =>
      within(list)
        .getAllByRole('row')
        .map((row) => row.textContent ?? '')
        .filter((text) => text.startsWith('SYM'));
    expect(named().length).toBeLessThan(50);
    expect(named()[0]).toMatch(/^SYM001/);

    Object.defineProperty(list, 'scrollTop', {
      configurable: true,
      value: 300 * WATCH_ROW_HEIGHT_PX,
    });
    act(() => {
      fireEvent.scroll(list);
    });
    expect(named().length).toBeLessThan(50);
    expect(named().some((text) => text.startsWith('SYM301'))).toBe(true);
    expect(named().some((text) => text.startsWith('SYM001'))).toBe(false);
  });
});

describe('a watchlist while the broker feed reconnects', () => {
  it('marks the prices and the depth stale and says why', async () => {
    const reason = 'Market feed not connected (connection 0 reconnecting): prices may be stale';
    const { store } = signedIn(
      watched(3),
      brokerRoutes(true, {
        ...mockBrokerStatus,
        feed_connections: [{ id: 0, state: 'waiting_retry', instruments: 3 }],
      }),
    );
    await screen.findByLabelText('Watched instruments');
    stream(store, {
      mode: 'full',
      tradable: true,
      instrument_token: 1,
      last_price: 100,
      depth: { buy: [{ price: 99.95, quantity: 10, orders: 1 }], sell: [] },
    });
    const list = screen.getByLabelText('Watched instruments');
    await waitFor(() => expect(within(list).getAllByText('stale')).toHaveLength(3));
    for (const mark of within(list).getAllByText('stale')) {
      expect(mark).toHaveAttribute('title', reason);
    }
    expect(within(screen.getByLabelText('Market depth')).getByText('stale')).toHaveAttribute(
      'title',
      reason,
    );
  });

  it('clears the marks within a couple of seconds of the feed connecting', async () => {
    let asked = 0;
    const { store } = signedIn(watched(3), [
      route('GET', /^\/api\/broker\/status$/, () => {
        asked += 1;
        return {
          status: 200,
          body: {
            ...mockBrokerStatus,
            feed_connections: [
              { id: 0, state: asked === 1 ? 'connecting' : 'connected', instruments: 3 },
            ],
          },
        };
      }),
    ]);
    await screen.findByLabelText('Watched instruments');
    stream(store, { mode: 'ltp', tradable: true, instrument_token: 1, last_price: 100 });
    const list = screen.getByLabelText('Watched instruments');
    await waitFor(() => expect(within(list).getAllByText('stale')).toHaveLength(3));
    await waitFor(() => expect(within(list).queryByText('stale')).not.toBeInTheDocument(), {
      timeout: 2_500,
    });
    expect(asked).toBe(2);
  });

  it("says why when the server's disk is short of space, the feed connected", async () => {
    const { store } = signedIn(watched(3), brokerRoutes(true));
    await screen.findByLabelText('Watched instruments');
    stream(store, { mode: 'ltp', tradable: true, instrument_token: 1, last_price: 100 });
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(2),
          gaps: [{ connection: 255, state: 'gap_started', last_message_ns: 1 }],
        }),
      );
    });
    const list = screen.getByLabelText('Watched instruments');
    await waitFor(() => expect(within(list).getAllByText('stale')).toHaveLength(3));
    for (const mark of within(list).getAllByText('stale')) {
      expect(mark).toHaveAttribute(
        'title',
        "The server's data disk is short of space: market data is left out, prices may be stale",
      );
    }
  });

  it('marks nothing while the feed is connected', async () => {
    const { store } = signedIn(watched(3), brokerRoutes(true));
    await screen.findByLabelText('Watched instruments');
    await waitFor(() =>
      expect(brokerApi.endpoints.brokerStatus.select()(store.getState()).data).toBeDefined(),
    );
    expect(screen.queryByText('stale')).not.toBeInTheDocument();
  });
});

describe("the user's watchlist on the gateway", () => {
  it('says it is reading the list until the gateway answers', async () => {
    signedIn(mockWatchlistServer());
    expect(screen.getByText('Loading your watchlist…')).toBeInTheDocument();
    expect(screen.queryByLabelText('Search instruments')).not.toBeInTheDocument();
    const list = await screen.findByLabelText('Watched instruments');
    expect(within(list).getByRole('row', { name: /^NIFTY 50 NSE/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(within(list).getByRole('row', { name: /^INFY NSE/ })).toBeInTheDocument();
    expect(screen.queryByText('Loading your watchlist…')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Search instruments')).toBeInTheDocument();
  });

  it('shows why the list could not be read, and reads it again on Retry', async () => {
    let answers = 0;
    const list = mockWatchlists({ saved: true });
    signedIn(mockWatchlistServer(), [
      route('GET', /^\/api\/watchlist$/, () =>
        answers++ === 0
          ? { status: 503, body: { error: 'unavailable', message: 'Storage is busy.' } }
          : { status: 200, body: list },
      ),
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your watchlist could not be read: Storage is busy.',
    );
    expect(screen.queryByLabelText('Watched instruments')).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    const rows = await screen.findByLabelText('Watched instruments');
    expect(within(rows).getByRole('row', { name: /^INFY NSE/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('points to the Broker page while the gateway has no instruments to offer', async () => {
    signedIn(
      mockWatchlistServer(
        mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })] }),
      ),
    );
    expect(
      await screen.findByText(/Instruments appear here once the broker is connected/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'connect it on the Broker page' })).toHaveAttribute(
      'href',
      '/broker',
    );
    expect(
      screen.queryByText('Search for an instrument and add it to watch it live.'),
    ).not.toBeInTheDocument();
  });

  it('invites a search when the user has emptied their list', async () => {
    signedIn(
      mockWatchlistServer(
        mockWatchlists({ lists: [mockWatchlist({ items: [], selected: null })], saved: true }),
      ),
    );
    expect(
      await screen.findByText('Search for an instrument and add it to watch it live.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Broker page/ })).not.toBeInTheDocument();
  });

  it('saves the list with an instrument added through the search', async () => {
    const server = mockWatchlistServer(
      mockWatchlists({ lists: [mockWatchlist({ items: [mockWatchlistItem(mockNifty50)] })] }),
      [mockNifty50, ...mockInstruments],
    );
    const { http } = signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search instruments'), 'INF');
    await user.click(await screen.findByRole('button', { name: 'Add' }));
    expect(
      within(screen.getByLabelText('Watched instruments')).getByRole('row', { name: /^INFY NSE/ }),
    ).toBeInTheDocument();
    await waitFor(() => expect(server.watchlists.saved).toBe(true));
    expect(http.calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
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
        ],
        active: 0,
        version: 0,
      },
    ]);
  });

  it('says a change is not saved yet while it is tried again', async () => {
    const server = mockWatchlistServer(mockWatchlists({ saved: true }));
    server.failures.push({
      status: 503,
      body: { error: 'unavailable', message: 'Storage is busy.' },
    });
    signedIn(server);
    await screen.findByLabelText('Watched instruments');
    fireEvent.change(screen.getByLabelText('Mode for INFY'), { target: { value: 'full' } });
    expect(
      await screen.findByText('Not saved yet (Storage is busy.); trying again…'),
    ).toBeInTheDocument();
    await waitFor(() => expect(server.watchlists.lists[0]?.items[1]?.mode).toBe('full'), {
      timeout: 3000,
    });
    await waitFor(() => expect(screen.queryByText(/Not saved yet/)).not.toBeInTheDocument());
  });
});

describe('the lists as tabs', () => {
  function twoLists() {
    return mockWatchlistServer(
      mockWatchlists({
        lists: [
          mockWatchlist({ name: 'Stocks', selected: mockInfy.instrument_token }),
          mockWatchlist({
            name: 'Energy',
            items: [mockWatchlistItem(mockReliance)],
            selected: mockReliance.instrument_token,
          }),
        ],
        active: 0,
        saved: true,
      }),
    );
  }

  function tabs() {
    return screen.getAllByRole('tab').map((tab) => tab.textContent);
  }

  function rows() {
    return within(screen.getByLabelText('Watched instruments'))
      .getAllByRole('row')
      .map((row) => row.getAttribute('aria-label') ?? row.textContent ?? '')
      .filter((text) => /^[A-Z]/.test(text) && !text.startsWith('Instrument'));
  }

  it('shows a tab per list, the open one selected, and opens another with a click', async () => {
    const server = twoLists();
    const { store } = signedIn(server);
    await screen.findByLabelText('Watched instruments');
    expect(screen.getByRole('tablist', { name: 'Watchlists' })).toBeInTheDocument();
    expect(tabs()).toEqual(['Stocks', 'Energy']);
    expect(screen.getByRole('tab', { name: 'Stocks' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Energy' })).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('tabpanel', { name: 'Stocks' })).toContainElement(
      screen.getByLabelText('Watched instruments'),
    );
    expect(screen.getByRole('row', { name: /^INFY NSE/ })).toHaveAttribute('aria-selected', 'true');

    await userEvent.setup().click(screen.getByRole('tab', { name: 'Energy' }));
    expect(screen.getByRole('tab', { name: 'Energy' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Stocks' })).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('row', { name: /^RELIANCE NSE/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByRole('row', { name: /^INFY NSE/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /^NIFTY 50 NSE/ })).not.toBeInTheDocument();
    expect(store.getState().watchlist.active).toBe(1);
    await waitFor(() => expect(server.watchlists.active).toBe(1));
  });

  it('adds an empty list with "New watchlist", opens it, and past seven keeps the button, disabled, saying why', async () => {
    const server = twoLists();
    signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New watchlist' }));
    expect(tabs()).toEqual(['Stocks', 'Energy', 'Watchlist 3']);
    expect(screen.getByRole('tab', { name: 'Watchlist 3' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByLabelText('Watched instruments')).not.toBeInTheDocument();
    expect(
      screen.getByText('Search for an instrument and add it to watch it live.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Market depth' })).not.toBeInTheDocument();
    for (let n = 0; n < 4; n++) {
      await user.click(screen.getByRole('button', { name: 'New watchlist' }));
    }
    expect(tabs()).toHaveLength(7);
    expect(screen.getByRole('tab', { name: 'Watchlist 7' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const full = screen.getByRole('button', { name: 'New watchlist' });
    expect(full).toBeDisabled();
    expect(full).toHaveAttribute('title', 'At most 7 watchlists: delete one to add another');
    expect(full).toHaveAccessibleDescription('At most 7 watchlists: delete one to add another');
    await waitFor(() => expect(server.watchlists.lists).toHaveLength(7));
    expect(server.watchlists.active).toBe(6);
  });

  it('adds an instrument found by the search to the open list only', async () => {
    const server = twoLists();
    const { http } = signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search instruments'), 'INF');
    expect(await screen.findByRole('button', { name: 'Watching' })).toBeDisabled();
    await user.clear(screen.getByLabelText('Search instruments'));
    await user.click(screen.getByRole('tab', { name: 'Energy' }));
    await user.type(screen.getByLabelText('Search instruments'), 'INF');
    await user.click(await screen.findByRole('button', { name: 'Add' }));
    expect(rows()).toEqual([expect.stringMatching(/^RELIANCE/), expect.stringMatching(/^INFY/)]);
    await user.click(screen.getByRole('tab', { name: 'Stocks' }));
    expect(rows()).toEqual([expect.stringMatching(/^NIFTY 50/), expect.stringMatching(/^INFY/)]);
    await waitFor(() =>
      expect(server.watchlists.lists.map((list) => list.items.length)).toEqual([2, 2]),
    );
    expect(http.calls.filter((call) => call.method === 'PUT').at(-1)?.body).toEqual({
      lists: [
        {
          name: 'Stocks',
          items: [
            { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
            { instrument_token: mockInfy.instrument_token, mode: 'quote' },
          ],
          selected: mockInfy.instrument_token,
        },
        {
          name: 'Energy',
          items: [
            { instrument_token: mockReliance.instrument_token, mode: 'quote' },
            { instrument_token: mockInfy.instrument_token, mode: 'quote' },
          ],
          selected: mockReliance.instrument_token,
        },
      ],
      active: 0,
      version: server.watchlists.version - 1,
    });
  });

  it('renames the open list: a double-click or Rename, Enter keeps, Esc drops, blank is ignored', async () => {
    const server = twoLists();
    signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.dblClick(screen.getByRole('tab', { name: 'Stocks' }));
    const field = screen.getByRole('textbox', { name: 'Watchlist name' });
    expect(field).toHaveValue('Stocks');
    expect(field).toHaveAttribute('maxLength', '30');
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, '  Banks {Enter}');
    expect(screen.queryByRole('textbox', { name: 'Watchlist name' })).not.toBeInTheDocument();
    expect(tabs()).toEqual(['Banks', 'Energy']);

    await user.dblClick(screen.getByRole('tab', { name: 'Banks' }));
    await user.clear(screen.getByRole('textbox', { name: 'Watchlist name' }));
    await user.type(screen.getByRole('textbox', { name: 'Watchlist name' }), 'Other{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Watchlist name' })).not.toBeInTheDocument();
    expect(tabs()).toEqual(['Banks', 'Energy']);

    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await user.clear(screen.getByRole('textbox', { name: 'Watchlist name' }));
    await user.type(screen.getByRole('textbox', { name: 'Watchlist name' }), '   {Enter}');
    expect(tabs()).toEqual(['Banks', 'Energy']);

    await user.click(screen.getByRole('tab', { name: 'Energy' }));
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(screen.getByRole('textbox', { name: 'Watchlist name' })).toHaveValue('Energy');
    await user.type(screen.getByRole('textbox', { name: 'Watchlist name' }), ' & Oil');
    await user.click(screen.getByRole('tab', { name: 'Banks' }));
    expect(tabs()).toEqual(['Banks', 'Energy & Oil']);
    await waitFor(() =>
      expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Banks', 'Energy & Oil']),
    );
  });

  it('deletes the open list once confirmed, and never the last one', async () => {
    const server = twoLists();
    signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete list' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('"Stocks"'));
    expect(tabs()).toEqual(['Stocks', 'Energy']);

    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Delete list' }));
    expect(tabs()).toEqual(['Energy']);
    expect(screen.getByRole('tab', { name: 'Energy' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('row', { name: /^RELIANCE NSE/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete list' })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(server.watchlists.lists.map((list) => list.name)).toEqual(['Energy']),
    );
    expect(server.watchlists.active).toBe(0);
  });

  it('opens list N with Alt+N, but not while typing in a field', async () => {
    signedIn(twoLists());
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('tab', { name: 'Energy' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('row', { name: /^RELIANCE NSE/ })).toBeInTheDocument();
    await user.keyboard('{Alt>}1{/Alt}');
    expect(screen.getByRole('tab', { name: 'Stocks' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Alt>}5{/Alt}');
    await user.keyboard('2');
    expect(screen.getByRole('tab', { name: 'Stocks' })).toHaveAttribute('aria-selected', 'true');
    await user.click(screen.getByLabelText('Search instruments'));
    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('tab', { name: 'Stocks' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('the lists saved in another window', () => {
  function energy() {
    return [
      mockWatchlist({
        name: 'Energy',
        items: [mockWatchlistItem(mockReliance)],
        selected: mockReliance.instrument_token,
      }),
    ];
  }

  it('shows what another window saved once this window has the focus again', async () => {
    const server = mockWatchlistServer(mockWatchlists({ saved: true }));
    const { http } = signedIn(server);
    await screen.findByLabelText('Watched instruments');
    mockSavedElsewhere(server, { lists: energy() });
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(await screen.findByRole('row', { name: /^RELIANCE NSE/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByRole('row', { name: /^INFY NSE/ })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Energy' })).toHaveAttribute('aria-selected', 'true');
    expect(http.calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it("shows the lists another window's save came before, and says plainly which change was not saved", async () => {
    const server = mockWatchlistServer(mockWatchlists({ saved: true }));
    const { store, http } = signedIn(server);
    await screen.findByLabelText('Watched instruments');
    mockSavedElsewhere(server, { lists: energy() });
    fireEvent.change(screen.getByLabelText('Mode for INFY'), { target: { value: 'full' } });
    expect(await screen.findByRole('row', { name: /^RELIANCE NSE/ })).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /^INFY NSE/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/Not saved yet/)).not.toBeInTheDocument();
    expect(store.getState().notices.items).toEqual([
      {
        id: WATCHLIST_NOTICE_ID,
        kind: 'problem',
        title: 'Watchlist change not saved',
        detail:
          'Your watchlists were changed in another window; this page now shows them. Not saved: INFY set to full in "Watchlist 1" (that list is no longer there).',
      },
    ]);
    expect(http.calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [
              { instrument_token: mockNifty50.instrument_token, mode: 'quote' },
              { instrument_token: mockInfy.instrument_token, mode: 'full' },
            ],
            selected: mockNifty50.instrument_token,
          },
        ],
        active: 0,
        version: 1,
      },
    ]);
    expect(server.watchlists.lists).toEqual(energy());
  });
});

describe('ordering the open list', () => {
  const noQuotes = route('GET', /^\/api\/quotes$/, () => ({ status: 200, body: {} }));

  function order() {
    return within(screen.getByLabelText('Watched instruments'))
      .getAllByRole('row')
      .map((row) => row.textContent ?? '')
      .filter((text) => text.startsWith('SYM'))
      .map((text) => text.slice(0, 6));
  }

  function row(symbol: string) {
    return screen.getByRole('row', { name: new RegExp(`^${symbol} NSE`) });
  }

  function saved(server: MockWatchlistServer) {
    return server.watchlists.lists[0]?.items.map((item) => item.tradingsymbol);
  }

  function ticks(store: AppStore, ...data: [number, number, number?][]) {
    stream(
      store,
      ...data.map(([token, lastPrice, change]) => ({
        mode: 'quote' as const,
        tradable: true,
        instrument_token: token,
        last_price: lastPrice,
        ...(change === undefined ? {} : { change }),
      })),
    );
  }

  function transfer() {
    const data = new Map<string, string>();
    return {
      dropEffect: 'none',
      effectAllowed: 'uninitialized',
      get types() {
        return [...data.keys()];
      },
      setData: (type: string, value: string) => {
        data.set(type, value);
      },
      getData: (type: string) => data.get(type) ?? '',
      setDragImage: vi.fn(),
    };
  }

  function handle(symbol: string) {
    return within(row(symbol)).getByTitle(/^Drag to move/);
  }

  it('sorts the list once by the order chosen, with the live values then, and saves the order', async () => {
    const server = watched(4);
    const { store, http } = signedIn(server, [noQuotes]);
    await screen.findByLabelText('Watched instruments');
    ticks(store, [1, 100, -1], [2, 50, 3], [4, 200, 1]);
    const sort = screen.getByRole('combobox', { name: 'Sort the list' });
    expect(sort).toHaveValue('');
    expect(sort).toBeEnabled();
    expect(
      within(sort)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Sort…',
      'Symbol A–Z',
      'Change % (highest first)',
      'LTP (highest first)',
      'Exchange, then symbol',
    ]);

    const user = userEvent.setup();
    await user.selectOptions(sort, 'Change % (highest first)');
    expect(order()).toEqual(['SYM002', 'SYM004', 'SYM001', 'SYM003']);
    expect(sort).toHaveValue('');
    expect(row('SYM001')).toHaveAttribute('aria-selected', 'true');
    ticks(store, [1, 120, 10], [3, 80, 5]);
    expect(order()).toEqual(['SYM002', 'SYM004', 'SYM001', 'SYM003']);
    await waitFor(() => expect(saved(server)).toEqual(['SYM002', 'SYM004', 'SYM001', 'SYM003']));
    expect(http.calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      {
        lists: [
          {
            name: 'Watchlist 1',
            items: [2, 4, 1, 3].map((token) => ({ instrument_token: token, mode: 'quote' })),
            selected: 1,
          },
        ],
        active: 0,
        version: 1,
      },
    ]);

    await user.selectOptions(sort, 'LTP (highest first)');
    expect(order()).toEqual(['SYM004', 'SYM001', 'SYM003', 'SYM002']);
    await user.selectOptions(sort, 'Symbol A–Z');
    expect(order()).toEqual(['SYM001', 'SYM002', 'SYM003', 'SYM004']);
    await user.selectOptions(sort, 'Change % (highest first)');
    expect(order()).toEqual(['SYM001', 'SYM003', 'SYM002', 'SYM004']);
    expect(sort).toHaveValue('');
    await waitFor(() => expect(saved(server)).toEqual(['SYM001', 'SYM003', 'SYM002', 'SYM004']));
  });

  it('puts the instruments with no price yet last, in their order', async () => {
    const { store } = signedIn(watched(4), [noQuotes]);
    await screen.findByLabelText('Watched instruments');
    ticks(store, [3, 10, 0.5], [4, 20]);
    const sort = screen.getByRole('combobox', { name: 'Sort the list' });
    const user = userEvent.setup();
    await user.selectOptions(sort, 'LTP (highest first)');
    expect(order()).toEqual(['SYM004', 'SYM003', 'SYM001', 'SYM002']);
    await user.selectOptions(sort, 'Change % (highest first)');
    expect(order()).toEqual(['SYM003', 'SYM004', 'SYM001', 'SYM002']);
  });

  it('offers no sort for a list of one instrument', async () => {
    signedIn(watched(1));
    await screen.findByLabelText('Watched instruments');
    expect(screen.getByRole('combobox', { name: 'Sort the list' })).toBeDisabled();
  });

  it('moves the selected row with Alt+ArrowUp and Alt+ArrowDown, not past the ends nor while typing', async () => {
    const server = watched(3);
    signedIn(server);
    await screen.findByLabelText('Watched instruments');
    const user = userEvent.setup();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(order()).toEqual(['SYM002', 'SYM001', 'SYM003']);
    expect(row('SYM001')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(order()).toEqual(['SYM002', 'SYM003', 'SYM001']);
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await user.keyboard('{ArrowUp}');
    expect(order()).toEqual(['SYM002', 'SYM003', 'SYM001']);
    expect(row('SYM001')).toHaveAttribute('aria-selected', 'true');

    await user.click(row('SYM003'));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(order()).toEqual(['SYM003', 'SYM002', 'SYM001']);
    expect(row('SYM003')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(order()).toEqual(['SYM003', 'SYM002', 'SYM001']);

    await user.click(screen.getByLabelText('Search instruments'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await user.click(screen.getByLabelText('Mode for SYM003'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(order()).toEqual(['SYM003', 'SYM002', 'SYM001']);
    await waitFor(() => expect(saved(server)).toEqual(['SYM003', 'SYM002', 'SYM001']));
  });

  it('scrolls a row moved with the keys into view', async () => {
    signedIn(watched(50));
    const list = await screen.findByLabelText('Watched instruments');
    let top = 0;
    Object.defineProperty(list, 'clientHeight', {
      configurable: true,
      value: 5 * WATCH_ROW_HEIGHT_PX,
    });
    Object.defineProperty(list, 'scrollTop', {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        top = value;
      },
    });
    const user = userEvent.setup();
    await user.click(row('SYM005'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(top).toBe(WATCH_ROW_HEIGHT_PX);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(top).toBe(WATCH_ROW_HEIGHT_PX);

    top = 20 * WATCH_ROW_HEIGHT_PX;
    act(() => {
      fireEvent.scroll(list);
    });
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(top).toBe(3 * WATCH_ROW_HEIGHT_PX);
    expect(order().slice(0, 6)).toEqual([
      'SYM001',
      'SYM002',
      'SYM003',
      'SYM005',
      'SYM004',
      'SYM006',
    ]);
    expect(row('SYM005')).toHaveAttribute('aria-selected', 'true');
  });

  it('moves a row dragged by its handle to the row it is dropped on, showing where it lands', async () => {
    const server = watched(4);
    signedIn(server);
    const list = await screen.findByLabelText('Watched instruments');
    const down = transfer();
    fireEvent.dragStart(handle('SYM001'), { dataTransfer: down });
    expect(down.types).toEqual([WATCH_ROW_DRAG_TYPE]);
    expect(down.effectAllowed).toBe('move');
    expect(fireEvent.dragOver(row('SYM002'), { dataTransfer: down })).toBe(false);
    expect(row('SYM002')).toHaveAttribute('data-drop', 'after');
    expect(fireEvent.dragOver(row('SYM003'), { dataTransfer: down })).toBe(false);
    expect(down.dropEffect).toBe('move');
    expect(row('SYM003')).toHaveAttribute('data-drop', 'after');
    expect(row('SYM003')).toHaveClass('drop-after');
    expect(row('SYM002')).not.toHaveAttribute('data-drop');
    fireEvent.dragLeave(list, { relatedTarget: document.body });
    expect(list.querySelector('[data-drop]')).toBeNull();
    fireEvent.dragOver(row('SYM003'), { dataTransfer: down });
    fireEvent.drop(row('SYM003'), { dataTransfer: down });
    fireEvent.dragEnd(handle('SYM001'), { dataTransfer: down });
    expect(order()).toEqual(['SYM002', 'SYM003', 'SYM001', 'SYM004']);
    expect(list.querySelector('[data-drop]')).toBeNull();
    expect(row('SYM001')).toHaveAttribute('aria-selected', 'true');

    const up = transfer();
    fireEvent.dragStart(handle('SYM004'), { dataTransfer: up });
    fireEvent.dragOver(row('SYM002'), { dataTransfer: up });
    expect(row('SYM002')).toHaveAttribute('data-drop', 'before');
    expect(row('SYM002')).toHaveClass('drop-before');
    fireEvent.drop(row('SYM002'), { dataTransfer: up });
    fireEvent.dragEnd(handle('SYM004'), { dataTransfer: up });
    expect(order()).toEqual(['SYM004', 'SYM002', 'SYM003', 'SYM001']);
    await waitFor(() => expect(saved(server)).toEqual(['SYM004', 'SYM002', 'SYM003', 'SYM001']));
  });

  it('takes no drop of anything but a row, and moves nothing for a drag that ends elsewhere', async () => {
    signedIn(watched(3));
    const list = await screen.findByLabelText('Watched instruments');
    const text = { types: ['text/plain'], dropEffect: 'none', getData: () => 'INFY' };
    expect(fireEvent.dragOver(row('SYM002'), { dataTransfer: text })).toBe(true);
    expect(fireEvent.drop(row('SYM002'), { dataTransfer: text })).toBe(true);
    expect(list.querySelector('[data-drop]')).toBeNull();

    const cancelled = transfer();
    fireEvent.dragStart(handle('SYM001'), { dataTransfer: cancelled });
    fireEvent.dragOver(row('SYM003'), { dataTransfer: cancelled });
    fireEvent.dragEnd(handle('SYM001'), { dataTransfer: cancelled });
    expect(list.querySelector('[data-drop]')).toBeNull();
    fireEvent.drop(row('SYM003'), { dataTransfer: cancelled });
    expect(order()).toEqual(['SYM001', 'SYM002', 'SYM003']);
  });
});
