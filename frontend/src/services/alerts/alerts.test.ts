import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import { loggedIn } from '../auth/sessionSlice';
import { emptyBatch } from '../live/liveActions';
import { alertsApi } from './alertsApi';
import { alertDistance, alertMet, filterAlerts } from './hooks';
import { alertRoutes, mockAlert, mockAlertServer, mockTriggeredAlert } from './mock';
import { alertFormOf, defaultAlertForm, validateAlert } from './validation';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function signedIn(routes: MockRoute[] = alertRoutes(mockAlertServer())) {
  const harness = testStore(routes);
  harness.store.dispatch(loggedIn(session));
  return harness;
}

function alertReads(calls: { method: string; path: string }[]): number {
  return calls.filter((call) => call.method === 'GET' && call.path === '/api/alerts').length;
}

describe('alerts service', () => {
  it('reads the alerts with the bearer token and fills in what the gateway left out', async () => {
    const { store, http } = signedIn([
      route('GET', /^\/api\/alerts$/, () => ({
        status: 200,
        body: [
          {
            id: 7,
            exchange: 'NSE',
            tradingsymbol: 'INFY',
            instrument_token: 408065,
            direction: 'above',
            price: 1600,
            status: 'active',
            created_at: '2026-01-05T04:00:00Z',
          },
        ],
      })),
    ]);
    const result = await store.dispatch(alertsApi.endpoints.alerts.initiate());
    const call = http.calls.find((candidate) => candidate.path === '/api/alerts');
    expect(call?.method).toBe('GET');
    expect(call?.headers.get('Authorization')).toBe('Bearer jwt');
    expect(result.data).toEqual([mockAlert({ note: '' })]);
  });

  it('creates an alert with POST /api/alerts and the body as given', async () => {
    const { store, http } = signedIn();
    const body = {
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      direction: 'below',
      price: 1420.25,
      note: 'support',
    };
    const result = await store.dispatch(alertsApi.endpoints.createAlert.initiate(body));
    const calls = http.calls.filter((candidate) => candidate.method === 'POST');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/alerts');
    expect(calls[0]?.body).toEqual(body);
    expect(result.data).toMatchObject({
      id: 101,
      direction: 'below',
      price: 1420.25,
      status: 'active',
    });
  });

  it('changes an alert with PUT /api/alerts/{id}, which arms it again', async () => {
    const { store, http } = signedIn(alertRoutes(mockAlertServer([mockTriggeredAlert()])));
    const change = { direction: 'above', price: 1500.5, note: 'back up' };
    const result = await store.dispatch(
      alertsApi.endpoints.changeAlert.initiate({ id: 6, change }),
    );
    const calls = http.calls.filter((candidate) => candidate.method === 'PUT');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/alerts/6');
    expect(calls[0]?.body).toEqual(change);
    expect(result.data).toMatchObject({
      id: 6,
      status: 'active',
      triggered_at: null,
      triggered_price: null,
    });
  });

  it('deletes an alert with DELETE /api/alerts/{id} and no body', async () => {
    const { store, http } = signedIn(
      alertRoutes(mockAlertServer([mockAlert(), mockTriggeredAlert()])),
    );
    const result = await store.dispatch(alertsApi.endpoints.deleteAlert.initiate(6));
    const calls = http.calls.filter((candidate) => candidate.method === 'DELETE');
    expect(calls.map((call) => call.path)).toEqual(['/api/alerts/6']);
    expect(calls[0]?.body).toBeUndefined();
    expect(calls[0]?.query.toString()).toBe('');
    expect(result.data).toEqual({ id: 6 });
  });

  it('measures the price against the last price and knows when the condition is met already', () => {
    expect(alertDistance(1600, 1510)).toBeCloseTo(5.9603);
    expect(alertDistance(1450, 1510)).toBeCloseTo(-3.9735);
    expect(alertDistance(1600, undefined)).toBeNull();
    expect(alertMet('above', 1500, 1510)).toBe(true);
    expect(alertMet('above', 1510, 1510)).toBe(true);
    expect(alertMet('above', 1600, 1510)).toBe(false);
    expect(alertMet('below', 1600, 1510)).toBe(true);
    expect(alertMet('below', 1450, 1510)).toBe(false);
    expect(alertMet('below', 1450, undefined)).toBe(false);
    const alerts = [mockAlert(), mockTriggeredAlert()];
    expect(filterAlerts(alerts, 'active').map((alert) => alert.id)).toEqual([7]);
    expect(filterAlerts(alerts, 'triggered').map((alert) => alert.id)).toEqual([6]);
    expect(filterAlerts(alerts, 'all').map((alert) => alert.id)).toEqual([7, 6]);
  });
});

describe('alert form checks', () => {
  it('builds the change with the price as a number and the note trimmed', () => {
    expect(validateAlert({ direction: 'below', price: '1420.2525', note: '  support ' })).toEqual({
      errors: {},
      change: { direction: 'below', price: 1420.2525, note: 'support' },
    });
    expect(validateAlert(defaultAlertForm('1510'))).toEqual({
      errors: {},
      change: { direction: 'above', price: 1510, note: '' },
    });
    expect(alertFormOf(mockTriggeredAlert())).toEqual({
      direction: 'below',
      price: '1450',
      note: '',
    });
  });

  it('refuses a missing or non-positive price, more than 4 decimals and a note over 200 characters', () => {
    expect(validateAlert(defaultAlertForm('')).errors).toEqual({ price: 'Price is required.' });
    expect(validateAlert(defaultAlertForm('0')).errors).toEqual({
      price: 'Price must be a number above 0.',
    });
    expect(validateAlert(defaultAlertForm('1.')).errors).toEqual({
      price: 'Price must be a number above 0.',
    });
    expect(
      validateAlert({ direction: 'above', price: '1600.12345', note: 'x'.repeat(201) }),
    ).toEqual({
      errors: {
        price: 'Price may have at most 4 decimals.',
        note: 'Note may have at most 200 characters; it has 201.',
      },
      change: null,
    });
    expect(
      validateAlert({ direction: 'above', price: '1600', note: 'x'.repeat(200) }).change,
    ).toEqual({ direction: 'above', price: 1600, note: 'x'.repeat(200) });
  });
});

describe('alerts on the live socket', () => {
  it('raises a notice for a fired alert and reads the alerts again', async () => {
    const server = mockAlertServer([mockAlert()]);
    const { store, http, live } = signedIn(alertRoutes(server));
    live.socket.open();
    const alerts = store.dispatch(alertsApi.endpoints.alerts.initiate());
    await alerts;
    expect(alertReads(http.calls)).toBe(1);

    const fired = mockAlert({
      status: 'triggered',
      triggered_at: '2026-01-05T05:32:03Z',
      triggered_price: 1600.05,
    });
    server.alerts = [fired];
    live.socket.push({ type: 'alert', data: fired });
    expect(store.getState().notices.items).toEqual([]);
    live.runFrame();
    expect(store.getState().notices.items).toEqual([
      { id: 'alert:7:2026-01-05T05:32:03Z', kind: 'alert', alert: fired },
    ]);
    await waitFor(() => expect(alertReads(http.calls)).toBe(2));
    await waitFor(() =>
      expect(alertsApi.endpoints.alerts.select()(store.getState()).data).toEqual([fired]),
    );
    alerts.unsubscribe();
  });

  it('reads the alerts again after the socket reconnects, as a fired alert may have been missed', async () => {
    const { store, http, live } = signedIn();
    live.socket.open();
    const alerts = store.dispatch(alertsApi.endpoints.alerts.initiate());
    await alerts;
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    await waitFor(() => expect(alertReads(http.calls)).toBe(2));
    alerts.unsubscribe();
  });

  it('announces an alert the socket worker batched, once per push, and counts a malformed one', () => {
    const { store, live } = signedIn();
    live.socket.open();
    const fired = mockTriggeredAlert();
    const notice = { id: 'alert:6:2026-01-05T05:32:03Z', kind: 'alert', alert: fired };
    live.socket.pushBatch({ ...emptyBatch(1), alerts: [fired] });
    live.runFrame();
    expect(store.getState().notices.items).toEqual([notice]);
    live.socket.push({ type: 'alert', data: fired });
    live.socket.push(JSON.stringify({ type: 'alert', data: 'not an alert' }));
    live.socket.push(JSON.stringify({ type: 'alert', data: null }));
    live.runFrame();
    expect(store.getState().notices.items).toEqual([notice]);
    expect(store.getState().market.malformed).toBe(2);
  });
});
