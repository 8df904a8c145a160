import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { meRoutes, mockAccountsMe } from '../accounts/mock';
import { authApi } from '../auth/authApi';
import { loggedIn } from '../auth/sessionSlice';
import { mockOrder, ordersRoutes } from '../orders/mock';
import { ordersApi } from '../orders/ordersApi';
import { positionsRoutes } from '../positions/mock';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './wsMiddleware';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function connected(orders = [mockOrder()]) {
  const harness = testStore([...ordersRoutes(orders), ...positionsRoutes()]);
  harness.store.dispatch(loggedIn(session));
  harness.live.socket.open();
  return harness;
}

function gets(calls: { method: string; path: string }[], path: string): number {
  return calls.filter((call) => call.method === 'GET' && call.path === path).length;
}

describe('resync after a reconnect', () => {
  it('reads nothing when the socket opens the first time', async () => {
    const { http } = connected();
    await waitFor(() => expect(gets(http.calls, '/api/watchlist')).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(http.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/watchlist']);
  });

  it("waits for GET /api/me before reading, then reads the active account's orders and positions", async () => {
    const { store, http, live } = testStore([
      ...meRoutes(mockAccountsMe([1, 2])),
      ...ordersRoutes(),
      ...positionsRoutes(),
    ]);
    store.dispatch(loggedIn(session));
    live.socket.open();
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gets(http.calls, '/api/orders') + gets(http.calls, '/api/positions')).toBe(0);
    await store.dispatch(authApi.endpoints.me.initiate());
    live.socket.drop();
    live.retries[1]?.retry();
    live.socket.open();
    await waitFor(() =>
      expect(
        http.calls
          .filter((call) => call.path === '/api/orders' || call.path === '/api/positions')
          .map((call) => `${call.path}?${call.query.toString()}`),
      ).toEqual(['/api/orders?account_id=1', '/api/positions?account_id=1']),
    );
  });

  it('refetches orders and positions when the socket opens again after a close', async () => {
    const { http, live } = connected();
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    await waitFor(() => {
      expect(gets(http.calls, '/api/orders')).toBe(1);
      expect(gets(http.calls, '/api/positions')).toBe(1);
    });
  });

  it('shows an order placed elsewhere while the socket was down once it reconnects', async () => {
    const orders = [mockOrder()];
    const { store, live } = connected(orders);
    await store.dispatch(ordersApi.endpoints.orders.initiate());
    live.socket.drop();
    orders.push(mockOrder({ client_order_id: 102, order_id: '250105000000102', journal_index: 9 }));
    live.retries[0]?.retry();
    live.socket.open();
    await waitFor(() => expect(store.getState().orders.byKey['1:102']?.status).toBe('OPEN'));
  });

  it('refetches the trades a page has open', async () => {
    const { store, http, live } = connected();
    const trades = store.dispatch(ordersApi.endpoints.trades.initiate());
    await trades;
    expect(gets(http.calls, '/api/trades')).toBe(1);
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    await waitFor(() => expect(gets(http.calls, '/api/trades')).toBe(2));
    trades.unsubscribe();
  });

  it('refetches again after every later reconnect, and not after a sign-in', async () => {
    const { store, http, live } = connected();
    for (let drop = 1; drop <= 2; drop++) {
      live.socket.drop();
      live.retries.at(-1)?.retry();
      live.socket.open();
      await waitFor(() => expect(gets(http.calls, '/api/orders')).toBe(drop));
    }
    store.dispatch(loggedIn(session));
    live.socket.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gets(http.calls, '/api/orders')).toBe(2);
  });
});

describe('reconnect delay', () => {
  it('doubles from 500 ms and never waits more than 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((attempt) => retryDelayMs(attempt, 1))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
    expect(MAX_RETRY_DELAY_MS).toBe(5000);
  });

  it('draws the second half of each wait at random', () => {
    expect(retryDelayMs(1, 0)).toBe(250);
    expect(retryDelayMs(6, 0)).toBe(2500);
    expect(retryDelayMs(6, 0.5)).toBe(3750);
  });

  it('schedules retries with the jittered, capped delay', () => {
    const { live } = connected();
    live.random = 0.5;
    for (let attempt = 0; attempt < 8; attempt++) {
      live.socket.drop();
      live.retries.at(-1)?.retry();
    }
    expect(live.retries.map((retry) => retry.delayMs)).toEqual([
      375, 750, 1500, 3000, 3750, 3750, 3750, 3750,
    ]);
  });
});
