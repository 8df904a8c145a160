import { route } from '../api/mockFetch';
import type { MockReply, MockRoute } from '../api/mockFetch';
import type {
  CircuitLimits,
  InstrumentView,
  Watchlist,
  WatchlistChange,
  WatchlistItem,
  Watchlists,
} from '../api/types';

export const mockInfy: InstrumentView = {
  instrument_token: 408065,
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
  freeze_quantity: 100000,
};

export const mockNiftyFuture: InstrumentView = {
  instrument_token: 13238786,
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  segment: 'NFO-FUT',
  instrument_type: 'FUT',
  tick_size: 0.1,
  lot_size: 75,
  freeze_quantity: 1800,
};

export const mockNifty50: InstrumentView = {
  instrument_token: 256265,
  exchange: 'NSE',
  tradingsymbol: 'NIFTY 50',
  segment: 'INDICES',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
  freeze_quantity: 0,
};

export const mockReliance: InstrumentView = {
  instrument_token: 738561,
  exchange: 'NSE',
  tradingsymbol: 'RELIANCE',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.1,
  lot_size: 1,
  freeze_quantity: 100000,
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
      body: { error: 'not_found', message: 'no such path: /api/ticks' },
    })),
  ];
}

/** INFY's circuit limits as the broker gives them. */
export const mockInfyLimits: CircuitLimits = {
  lower_circuit_limit: 1300.5,
  upper_circuit_limit: 1589.45,
};

/**
 * GET /api/quotes/limits answering from `limits` (by "NSE:INFY" key; an instrument it lacks is left out, as the
 * gateway leaves out an index), or `failure` when one is given.
 */
export function circuitLimitsRoute(
  limits: Record<string, CircuitLimits> = { 'NSE:INFY': mockInfyLimits },
  failure?: MockReply,
): MockRoute {
  return route('GET', /^\/api\/quotes\/limits$/, (request) => {
    if (failure) {
      return failure;
    }
    const keys = request.query.getAll('i');
    return {
      status: 200,
      body: Object.fromEntries(
        keys.flatMap((key) => {
          const found = limits[key];
          return found ? [[key, found]] : [];
        }),
      ),
    };
  });
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

/** The gateway's defaults as one list, "Watchlist 1": NIFTY 50 and INFY, the index selected. */
export function mockWatchlist(overrides: Partial<Watchlist> = {}): Watchlist {
  return {
    name: 'Watchlist 1',
    items: [mockWatchlistItem(mockNifty50), mockWatchlistItem(mockInfy)],
    selected: mockNifty50.instrument_token,
    ...overrides,
  };
}

/**
 * What GET /api/watchlist answers a user who never saved: the one list of defaults, open, not saved, version 0.
 * Lists given as saved are version 1 unless a version is given.
 */
export function mockWatchlists(overrides: Partial<Watchlists> = {}): Watchlists {
  return {
    lists: [mockWatchlist()],
    active: 0,
    saved: false,
    ...overrides,
    version: overrides.version ?? (overrides.saved ? 1 : 0),
    loading: overrides.loading ?? false,
  };
}

/** The instruments the mock gateway's engine knows, those a saved watchlist may list. */
export const mockKnownInstruments: InstrumentView[] = [
  mockNifty50,
  mockInfy,
  mockReliance,
  mockNiftyFuture,
];

/** The mock gateway's watchlists of the signed-in user, which a test reads and changes. */
export interface MockWatchlistServer {
  /**
   * What GET /api/watchlist answers, its `version` the one a PUT must name (when it names one); a PUT it accepts
   * replaces it, one version up.
   */
  watchlists: Watchlists;
  /** What a PUT may list. */
  known: InstrumentView[];
  /** Answers for the next PUTs, one each, given instead of saving (a 503, say). */
  failures: MockReply[];
}

export function mockWatchlistServer(
  watchlists: Watchlists = mockWatchlists(),
  known: InstrumentView[] = mockKnownInstruments,
): MockWatchlistServer {
  return { watchlists, known, failures: [] };
}

/** Another window of the user saves lists: `changes` replace what `server` keeps, saved, one version up. */
export function mockSavedElsewhere(
  server: MockWatchlistServer,
  changes: Partial<Pick<Watchlists, 'lists' | 'active'>>,
): void {
  server.watchlists = {
    ...server.watchlists,
    ...changes,
    saved: true,
    version: server.watchlists.version + 1,
    loading: false,
  };
}

/** As many lists as the gateway keeps per user. */
export const MOCK_MAX_LISTS = 7;
/** As many instruments as the gateway keeps in one list. */
export const MOCK_MAX_ITEMS = 1000;
/** The longest list name the gateway keeps, after trimming. */
export const MOCK_MAX_NAME = 30;

function badRequest(message: string): MockReply {
  return { status: 400, body: { error: 'bad_request', message } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownField(value: object, fields: readonly string[]): string | undefined {
  return Object.keys(value).find((key) => !fields.includes(key));
}

/** A field of the body, its lists or their entries that the gateway does not take: it refuses those first. */
function unknownFieldIn(change: Record<string, unknown>): string | undefined {
  const lists = Array.isArray(change.lists) ? (change.lists as unknown[]) : [];
  const entries = lists.flatMap((list) =>
    isObject(list) && Array.isArray(list.items) ? (list.items as unknown[]) : [],
  );
  return (
    unknownField(change, ['lists', 'active', 'version']) ??
    lists
      .filter(isObject)
      .map((list) => unknownField(list, ['name', 'items', 'selected']))
      .find((field) => field !== undefined) ??
    entries
      .filter(isObject)
      .map((entry) => unknownField(entry, ['instrument_token', 'mode']))
      .find((field) => field !== undefined)
  );
}

/** One list of a PUT as the gateway would keep it, or the gateway's message for what is wrong with it. */
function savedList(
  at: string,
  change: unknown,
  known: InstrumentView[],
): { list: Watchlist } | { refused: string } {
  if (!isObject(change)) {
    return { refused: `${at}: required` };
  }
  const name = typeof change.name === 'string' ? change.name.trim() : '';
  if (name.length === 0 || name.length > MOCK_MAX_NAME) {
    return {
      refused: `${at}.name: ${name.length === 0 ? 'required' : `${name.length} characters`}, give 1 to ${MOCK_MAX_NAME}`,
    };
  }
  if (!Array.isArray(change.items)) {
    return { refused: `${at}.items: required, the whole list in order (empty to clear it)` };
  }
  if (change.items.length > MOCK_MAX_ITEMS) {
    return {
      refused: `${at}.items: ${change.items.length} instruments, at most ${MOCK_MAX_ITEMS}`,
    };
  }
  const items: WatchlistItem[] = [];
  for (const [n, entry] of (change.items as unknown[]).entries()) {
    const where = `${at}.items[${n}]`;
    if (!isObject(entry) || typeof entry.instrument_token !== 'number') {
      return { refused: `${where}.instrument_token: required` };
    }
    const token = entry.instrument_token;
    if (items.some((item) => item.instrument_token === token)) {
      return { refused: `${where}.instrument_token: ${token} is in the list twice` };
    }
    const mode = typeof entry.mode === 'string' ? entry.mode : 'quote';
    if (!['ltp', 'quote', 'full'].includes(mode)) {
      return { refused: `${where}.mode: '${mode}', expected ltp, quote or full` };
    }
    const instrument = known.find((candidate) => candidate.instrument_token === token);
    if (!instrument) {
      return {
        refused: `${where}.instrument_token: ${token} is not an instrument the engine knows`,
      };
    }
    items.push(mockWatchlistItem(instrument, mode));
  }
  const selected = typeof change.selected === 'number' ? change.selected : null;
  if (selected !== null && !items.some((item) => item.instrument_token === selected)) {
    return { refused: `${at}.selected: ${selected} is not an instrument of the list` };
  }
  return { list: { name, items, selected } };
}

/**
 * GET and PUT /api/watchlist on `server`. A PUT saves all the lists sent, one version up, or answers 400 as the
 * gateway does (no lists or more than seven, a name blank or over 30 characters, an instrument it does not know,
 * one listed twice in a list, a bad mode, over 1000 instruments in a list, a selection not in its list, an active
 * index that is not one of the lists, a negative version, a field it does not take), or 409 when it names a
 * version that is not the one kept, and saves nothing.
 */
export function watchlistRoutes(server: MockWatchlistServer): MockRoute[] {
  return [
    route('GET', /^\/api\/watchlist$/, () => ({ status: 200, body: server.watchlists })),
    route('PUT', /^\/api\/watchlist$/, (request) => {
      const failure = server.failures.shift();
      if (failure) {
        return failure;
      }
      const change = request.body as WatchlistChange;
      const extra = unknownFieldIn(change as Record<string, unknown>);
      if (extra) {
        return badRequest(
          `unknown field '${extra}' (fields are snake_case, as in the OpenAPI description)`,
        );
      }
      const sent = change.lists;
      if (!Array.isArray(sent) || sent.length === 0 || sent.length > MOCK_MAX_LISTS) {
        return badRequest(
          `lists: ${Array.isArray(sent) ? `${sent.length} lists` : 'required'}, give 1 to ${MOCK_MAX_LISTS} in order`,
        );
      }
      const active = change.active ?? 0;
      if (!Number.isInteger(active) || active < 0 || active >= sent.length) {
        return badRequest(`active: ${active} is not one of the lists (0 to ${sent.length - 1})`);
      }
      if (typeof change.version === 'number' && change.version < 0) {
        return badRequest(`version: ${change.version}, give the version the lists were read as`);
      }
      const lists: Watchlist[] = [];
      for (const [n, list] of sent.entries()) {
        const saved = savedList(`lists[${n}]`, list, server.known);
        if ('refused' in saved) {
          return badRequest(saved.refused);
        }
        lists.push(saved.list);
      }
      const current = server.watchlists.version;
      if (change.version !== undefined && change.version !== null && change.version !== current) {
        return {
          status: 409,
          body: {
            error: 'watchlist_changed',
            message: `the watchlists were changed elsewhere (now version ${current}); read them again`,
          },
        };
      }
      server.watchlists = { lists, active, saved: true, version: current + 1, loading: false };
      return { status: 200, body: server.watchlists };
    }),
  ];
}
