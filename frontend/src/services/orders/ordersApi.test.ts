import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { errorBody, errorStatus } from '../api/errors';
import { loggedIn } from '../auth/sessionSlice';
import { emptyBatch, liveBatch } from '../live/liveActions';
import { mockOrder, ordersRoutes } from './mock';
import { ordersApi } from './ordersApi';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};
const place = {
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  transaction_type: 'BUY',
  order_type: 'LIMIT',
  product: 'CNC',
  quantity: 1,
  price: 1500,
};

function signedIn() {
  const harness = testStore(ordersRoutes());
  harness.store.dispatch(loggedIn(session));
  return harness;
}

describe('orders service', () => {
  it('sends the bearer token and seeds the live orders from the snapshot', async () => {
    const { store, http } = signedIn();
    await store.dispatch(ordersApi.endpoints.orders.initiate());
    expect(
      http.calls.find((call) => call.path === '/api/orders')?.headers.get('Authorization'),
    ).toBe('Bearer jwt');
    expect(Object.keys(store.getState().orders.byKey)).toEqual(['1:101']);
  });

  it('applies live order updates newer than what it has and ignores older ones', async () => {
    const { store } = signedIn();
    await store.dispatch(ordersApi.endpoints.orders.initiate());
    store.dispatch(
      liveBatch({
        ...emptyBatch(1),
        orders: [mockOrder({ status: 'COMPLETE', filled_quantity: 10, journal_index: 5 })],
      }),
    );
    store.dispatch(
      liveBatch({ ...emptyBatch(2), orders: [mockOrder({ status: 'OPEN', journal_index: 3 })] }),
    );
    expect(store.getState().orders.byKey['1:101']?.status).toBe('COMPLETE');
  });

  it('returns the acknowledgement of an accepted order, also when the engine was slow (202)', async () => {
    const { store } = signedIn();
    const accepted = await store.dispatch(ordersApi.endpoints.placeOrder.initiate(place));
    expect(accepted.data?.status).toBe('PENDING');
    const slow = await store.dispatch(
      ordersApi.endpoints.placeOrder.initiate({ ...place, tradingsymbol: 'SLOW' }),
    );
    expect(slow.data?.client_order_id).toBeGreaterThan(0);
  });

  it('exposes the reason code of a risk reject', async () => {
    const { store } = signedIn();
    const rejected = await store.dispatch(
      ordersApi.endpoints.placeOrder.initiate({ ...place, price: 1234.56 }),
    );
    expect(errorStatus(rejected.error)).toBe(422);
    expect(errorBody(rejected.error)?.error).toBe('price_off_tick');
  });

  it('modifies and cancels by order id', async () => {
    const { store, http } = signedIn();
    await store.dispatch(
      ordersApi.endpoints.modifyOrder.initiate({ id: '250105000000101', change: { price: 1501 } }),
    );
    const cancelled = await store.dispatch(
      ordersApi.endpoints.cancelOrder.initiate('250105000000101'),
    );
    expect(cancelled.data?.status).toBe('CANCEL PENDING');
    expect(http.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/watchlist',
      'PUT /api/orders/250105000000101',
      'DELETE /api/orders/250105000000101',
    ]);
  });
});
