import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { loggedIn } from '../auth/sessionSlice';
import { holdingsApi } from './holdingsApi';
import { holdingTotals, valueHolding } from './hooks';
import { holdingsRoutes, mockHolding } from './mock';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

describe('holdings service', () => {
  it('reads the holdings and fills in what the gateway left out', async () => {
    const { store, http } = testStore([
      {
        method: 'GET',
        path: /^\/api\/holdings$/,
        handler: () => ({
          status: 200,
          body: [{ account_id: 1, tradingsymbol: 'AARON', exchange: 'NSE', quantity: 1 }],
        }),
      },
    ]);
    store.dispatch(loggedIn(session));
    const result = await store.dispatch(holdingsApi.endpoints.holdings.initiate());
    expect(
      http.calls.find((call) => call.path === '/api/holdings')?.headers.get('Authorization'),
    ).toBe('Bearer jwt');
    expect(result.data).toEqual([
      mockHolding({
        tradingsymbol: 'AARON',
        instrument_token: 0,
        isin: '',
        quantity: 1,
        average_price: 0,
        last_price: 0,
        close_price: 0,
        pnl: 0,
      }),
    ]);
  });

  it('answers an empty list for no holdings', async () => {
    const { store } = testStore(holdingsRoutes([]));
    store.dispatch(loggedIn(session));
    const result = await store.dispatch(holdingsApi.endpoints.holdings.initiate());
    expect(result.data).toEqual([]);
  });

  it('values a holding at the market price when there is one, T1 shares included', () => {
    const broker = valueHolding(mockHolding({ t1_quantity: 2 }), undefined);
    expect(broker).toMatchObject({
      held: 12,
      last_price: 1510,
      invested: 17046,
      current: 18120,
      pnl: 1074,
      day_change: 240,
      live: false,
    });
    expect(valueHolding(mockHolding(), 1520)).toMatchObject({
      last_price: 1520,
      current: 15200,
      pnl: 995,
      day_change: 300,
      live: true,
    });
    expect(valueHolding(mockHolding({ close_price: 0 }), 1520).day_change).toBeNull();
  });

  it('totals the day change over the holdings that have a previous close', () => {
    const totals = holdingTotals([
      valueHolding(mockHolding(), undefined),
      valueHolding(
        mockHolding({
          tradingsymbol: 'AARON',
          instrument_token: 263681,
          quantity: 1,
          average_price: 161,
          last_price: 352.95,
          close_price: 0,
        }),
        undefined,
      ),
    ]);
    expect(totals.invested).toBeCloseTo(14366);
    expect(totals.current).toBeCloseTo(15452.95);
    expect(totals.pnl).toBeCloseTo(1086.95);
    expect(totals.dayChange).toBeCloseTo(200);
    expect(totals.previousValue).toBeCloseTo(14900);
    expect(holdingTotals([]).dayChange).toBeNull();
  });
});
