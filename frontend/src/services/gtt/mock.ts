import { itemWriteRoute, route, writeRoute } from '../api/mockFetch';
import type { MockReply, MockRoute } from '../api/mockFetch';
import type { Gtt, GttOrder, PlaceGtt } from '../api/types';

export function mockGttOrder(overrides: Partial<GttOrder> = {}): GttOrder {
  return {
    transaction_type: 'SELL',
    quantity: 10,
    product: 'CNC',
    order_type: 'LIMIT',
    price: 1450,
    result: null,
    ...overrides,
  };
}

/** An active single trigger: sell 10 INFY CNC at 1,450 once the price falls to 1,450 (placed at 1,510). */
export function mockGtt(overrides: Partial<Gtt> = {}): Gtt {
  return {
    account_id: 1,
    id: 1001,
    type: 'single',
    status: 'active',
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    instrument_token: 408065,
    last_price: 1510,
    trigger_values: [1450],
    orders: [mockGttOrder()],
    created_at: '2026-01-05T04:00:00Z',
    updated_at: '2026-01-05T04:00:00Z',
    expires_at: '2027-01-05T04:00:00Z',
    rejection_reason: null,
    ...overrides,
  };
}

/** An active OCO on INFY: sell 10 at 1,400 below (stop-loss) or at 1,600 above (target). */
export function mockOcoGtt(overrides: Partial<Gtt> = {}): Gtt {
  return mockGtt({
    id: 1002,
    type: 'two-leg',
    trigger_values: [1400, 1600],
    orders: [mockGttOrder({ price: 1400 }), mockGttOrder({ price: 1600 })],
    ...overrides,
  });
}

/** The mock gateway's triggers, which a test reads and changes. */
export interface MockGttServer {
  /** What GET /api/gtt answers, newest first; a POST adds to the front, a PUT replaces, a DELETE removes. */
  gtts: Gtt[];
  /** Answers for the next POST, PUT or DELETE, one each, given instead of doing it (a 422, say). */
  failures: MockReply[];
  /** The id the next POST gives. */
  nextId: number;
}

export function mockGttServer(gtts: Gtt[] = [mockGtt()]): MockGttServer {
  return { gtts, failures: [], nextId: 2001 };
}

function written(place: PlaceGtt, base: Partial<Gtt>): Gtt {
  return mockGtt({
    ...base,
    account_id: place.account_id ?? base.account_id ?? 1,
    type: place.type,
    status: 'active',
    exchange: place.exchange,
    tradingsymbol: place.tradingsymbol,
    trigger_values: place.trigger_values,
    orders: place.orders.map((leg) => mockGttOrder({ ...leg, order_type: 'LIMIT', result: null })),
  });
}

function notFound(id: string): MockReply {
  return { status: 404, body: { error: 'not_found', message: `no GTT ${id}` } };
}

/**
 * GET, POST, PUT and DELETE /api/gtt on `server`, as the gateway answers them: a write takes the next failure
 * when there is one; otherwise POST answers 201 with the new trigger, PUT 200 with the changed one (422 when it
 * is not active), DELETE 200 with its account and id.
 */
export function gttRoutes(server: MockGttServer): MockRoute[] {
  const items = {
    find: (id: string) => server.gtts.find((gtt) => String(gtt.id) === id),
    notFound,
  };
  return [
    route('GET', /^\/api\/gtt$/, () => ({ status: 200, body: server.gtts })),
    writeRoute(server, 'POST', /^\/api\/gtt$/, (request) => {
      const gtt = written(request.body as PlaceGtt, { id: server.nextId++ });
      server.gtts = [gtt, ...server.gtts];
      return { status: 201, body: gtt };
    }),
    itemWriteRoute(server, 'PUT', /^\/api\/gtt\/(\d+)$/, items, (request, current) => {
      if (current.status !== 'active') {
        return {
          status: 422,
          body: { error: 'broker_rejected', message: `GTT ${current.id} is no longer active.` },
        };
      }
      const gtt = written(request.body as PlaceGtt, current);
      server.gtts = server.gtts.map((other) => (other === current ? gtt : other));
      return { status: 200, body: gtt };
    }),
    itemWriteRoute(server, 'DELETE', /^\/api\/gtt\/(\d+)$/, items, (_request, current) => {
      server.gtts = server.gtts.filter((other) => other !== current);
      return { status: 200, body: { account_id: current.account_id, id: current.id } };
    }),
  ];
}
