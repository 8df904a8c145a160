import { route } from '../api/mockFetch';
import type { MockReply, MockRoute } from '../api/mockFetch';
import type { InstrumentView, Watchlist, WatchlistChange, WatchlistItem } from '../api/types';

export const mockInfy: InstrumentView = {
  instrument_token: 408065,
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
};

export const mockNiftyFuture: InstrumentView = {
  instrument_token: 13238786,
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  segment: 'NFO-FUT',
  instrument_type: 'FUT',
  tick_size: 0.1,
  lot_size: 75,
};

export const mockNifty50: InstrumentView = {
  instrument_token: 256265,
  exchange: 'NSE',
  tradingsymbol: 'NIFTY 50',
  segment: 'INDICES',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
};

export const mockReliance: InstrumentView = {
  instrument_token: 738561,
  exchange: 'NSE',
  tradingsymbol: 'RELIANCE',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.1,
  lot_size: 1,
};

export const mockInstruments: InstrumentView[] = [mockInfy, mockNiftyFuture];

export function marketRoutes(): MockRoute[] {
  return [
    route('GET', /^\/api\/instruments$/, (request) => {
      const q = (request.query.get('q') ?? '').toUpperCase();
      return {
        status: 200,
        body: mockInstruments.filter((instrument) => instrument.tradingsymbol.includes(q)),
      };
    }),
    route('GET', /^\/api\/quotes$/, (request) => {
      const keys = request.query.getAll('i');
      if (request.query.toString().length > 4000) {
        return { status: 413, body: { error: 'too_long', message: 'Request line too long.' } };
      }
      return {
        status: 200,
        body: Object.fromEntries(
          keys.map((key, index) => [key, { instrument_token: index + 1, last_price: 100 }]),
        ),
      };
    }),
    route('GET', /^\/api\/ticks$/, () => ({
      status: 404,
      body: { error: 'not_found', message: 'No such endpoint.' },
    })),
  ];
}

/** An instrument as a watchlist of the gateway lists it. */
export function mockWatchlistItem(instrument: InstrumentView, mode = 'quote'): WatchlistItem {
  return {
    instrument_token: instrument.instrument_token,
    exchange: instrument.exchange,
    tradingsymbol: instrument.tradingsymbol,
    segment: instrument.segment,
    tick_size: instrument.tick_size,
    lot_size: instrument.lot_size,
    mode,
  };
}

/** The gateway's defaults for a user who never saved a list: NIFTY 50 and INFY, the index selected. */
export function mockWatchlist(overrides: Partial<Watchlist> = {}): Watchlist {
  return {
    items: [mockWatchlistItem(mockNifty50), mockWatchlistItem(mockInfy)],
    selected: mockNifty50.instrument_token,
    saved: false,
    ...overrides,
  };
}

/** The instruments the mock gateway's engine knows, those a saved watchlist may list. */
export const mockKnownInstruments: InstrumentView[] = [
  mockNifty50,
  mockInfy,
  mockReliance,
  mockNiftyFuture,
];

/** The mock gateway's watchlist of the signed-in user, which a test reads and changes. */
export interface MockWatchlistServer {
  /** What GET /api/watchlist answers; a PUT it accepts replaces it. */
  list: Watchlist;
  /** What a PUT may list. */
  known: InstrumentView[];
  /** Answers for the next PUTs, one each, given instead of saving (a 503, say). */
  failures: MockReply[];
}

export function mockWatchlistServer(
  list: Watchlist = mockWatchlist(),
  known: InstrumentView[] = mockKnownInstruments,
): MockWatchlistServer {
  return { list, known, failures: [] };
}

function badRequest(message: string): MockReply {
  return { status: 400, body: { error: 'bad_request', message } };
}

/**
 * GET and PUT /api/watchlist on `server`. A PUT saves the whole list sent, or answers 400 as the gateway does
 * (an instrument it does not know, one listed twice, a bad mode, a selection not in the list, a field it does
 * not take) and saves nothing.
 */
export function watchlistRoutes(server: MockWatchlistServer): MockRoute[] {
  return [
    route('GET', /^\/api\/watchlist$/, () => ({ status: 200, body: server.list })),
    route('PUT', /^\/api\/watchlist$/, (request) => {
      const failure = server.failures.shift();
      if (failure) {
        return failure;
      }
      const change = request.body as WatchlistChange;
      const unknownField = Object.keys(change).find((key) => key !== 'items' && key !== 'selected');
      if (unknownField) {
        return badRequest(`${unknownField}: unknown field`);
      }
      const items: WatchlistItem[] = [];
      for (const [n, entry] of (change.items ?? []).entries()) {
        const at = `items[${n}]`;
        const extra = Object.keys(entry).find(
          (key) => key !== 'instrument_token' && key !== 'mode',
        );
        if (extra) {
          return badRequest(`${at}.${extra}: unknown field`);
        }
        const mode = entry.mode ?? 'quote';
        if (!['ltp', 'quote', 'full'].includes(mode)) {
          return badRequest(`${at}.mode: '${mode}', expected ltp, quote or full`);
        }
        if (items.some((item) => item.instrument_token === entry.instrument_token)) {
          return badRequest(
            `${at}.instrument_token: ${entry.instrument_token} is in the list twice`,
          );
        }
        const instrument = server.known.find(
          (known) => known.instrument_token === entry.instrument_token,
        );
        if (!instrument) {
          return badRequest(
            `${at}.instrument_token: ${entry.instrument_token} is not an instrument the engine knows`,
          );
        }
        items.push(mockWatchlistItem(instrument, mode));
      }
      const selected = change.selected ?? null;
      if (selected !== null && !items.some((item) => item.instrument_token === selected)) {
        return badRequest(`selected: ${selected} is not an instrument of the list`);
      }
      server.list = { items, selected, saved: true };
      return { status: 200, body: server.list };
    }),
  ];
}
