import { itemWriteRoute, route, writeRoute } from '../api/mockFetch';
import type { MockReply, MockRoute } from '../api/mockFetch';
import type { Alert, ChangeAlert, CreateAlert, InstrumentView } from '../api/types';
import { mockKnownInstruments } from '../market/mock';

/** An active alert: INFY at or above 1,600, set on 5 January 2026 at 09:30 IST. */
export function mockAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 7,
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    instrument_token: 408065,
    direction: 'above',
    price: 1600,
    note: 'breakout',
    status: 'active',
    created_at: '2026-01-05T04:00:00Z',
    triggered_at: null,
    triggered_price: null,
    ...overrides,
  };
}

/** A triggered alert: INFY at or below 1,450, which fired at 1,449.95 on 5 January 2026 at 11:02:03 IST. */
export function mockTriggeredAlert(overrides: Partial<Alert> = {}): Alert {
  return mockAlert({
    id: 6,
    direction: 'below',
    price: 1450,
    note: '',
    status: 'triggered',
    created_at: '2026-01-05T03:45:00Z',
    triggered_at: '2026-01-05T05:32:03Z',
    triggered_price: 1449.95,
    ...overrides,
  });
}

/** The mock gateway's alerts of the signed-in user, which a test reads and changes. */
export interface MockAlertServer {
  /** What GET /api/alerts answers, newest first; a POST adds to the front, a PUT replaces, a DELETE removes. */
  alerts: Alert[];
  /** Answers for the next POST, PUT or DELETE, one each, given instead of doing it (a 409, say). */
  failures: MockReply[];
  /** The id the next POST gives. */
  nextId: number;
  /** The instruments a POST may name. */
  known: InstrumentView[];
}

export function mockAlertServer(alerts: Alert[] = [mockAlert()]): MockAlertServer {
  return { alerts, failures: [], nextId: 101, known: mockKnownInstruments };
}

function notFound(id: string): MockReply {
  return { status: 404, body: { error: 'not_found', message: `you have no alert ${id}` } };
}

function changed(alert: Alert, change: ChangeAlert): Alert {
  return {
    ...alert,
    direction: change.direction,
    price: change.price,
    note: change.note ?? '',
    status: 'active',
    triggered_at: null,
    triggered_price: null,
  };
}

/**
 * GET, POST, PUT and DELETE /api/alerts on `server`, as the gateway answers them: a write takes the next failure
 * when there is one; otherwise POST answers 201 with the new alert (400 for an instrument it does not know), PUT 200
 * with the alert active again, DELETE 200 with its id (404 for an alert it does not have).
 */
export function alertRoutes(server: MockAlertServer): MockRoute[] {
  const items = {
    find: (id: string) => server.alerts.find((alert) => String(alert.id) === id),
    notFound,
  };
  return [
    route('GET', /^\/api\/alerts$/, () => ({ status: 200, body: server.alerts })),
    writeRoute(server, 'POST', /^\/api\/alerts$/, (request) => {
      const create = request.body as CreateAlert;
      const instrument = server.known.find(
        (known) =>
          known.exchange === create.exchange && known.tradingsymbol === create.tradingsymbol,
      );
      if (!instrument) {
        return {
          status: 400,
          body: {
            error: 'bad_request',
            message: `tradingsymbol: no instrument ${create.exchange}:${create.tradingsymbol} is known`,
          },
        };
      }
      const alert = changed(
        mockAlert({
          id: server.nextId++,
          exchange: instrument.exchange,
          tradingsymbol: instrument.tradingsymbol,
          instrument_token: instrument.instrument_token,
          created_at: '2026-01-05T06:00:00Z',
        }),
        create,
      );
      server.alerts = [alert, ...server.alerts];
      return { status: 201, body: alert };
    }),
    itemWriteRoute(server, 'PUT', /^\/api\/alerts\/(\d+)$/, items, (request, current) => {
      const alert = changed(current, request.body as ChangeAlert);
      server.alerts = server.alerts.map((other) => (other === current ? alert : other));
      return { status: 200, body: alert };
    }),
    itemWriteRoute(server, 'DELETE', /^\/api\/alerts\/(\d+)$/, items, (_request, current) => {
      server.alerts = server.alerts.filter((other) => other !== current);
      return { status: 200, body: { id: current.id } };
    }),
  ];
}
