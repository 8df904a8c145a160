import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { authApi } from '../auth/authApi';
import { loggedIn, loggedOut } from '../auth/sessionSlice';
import { basketsApi } from '../baskets/basketsApi';
import { basketRoutes, mockBasketServer } from '../baskets/mock';
import { fundsApi } from '../funds/fundsApi';
import { fundsRoutes, mockFunds } from '../funds/mock';
import { gttApi } from '../gtt/gttApi';
import { holdingsApi } from '../holdings/holdingsApi';
import { mockOrder, ordersRoutes } from '../orders/mock';
import { ordersApi } from '../orders/ordersApi';
import { positionsApi } from '../positions/positionsApi';
import { accountKey, accountsActions, selectActiveAccount } from './accountsSlice';
import { meRoutes, mockAccountsMe, rememberAccount, storeSession } from './mock';
import { accountParams, withAccount } from './request';

function session(username = 'asha') {
  return { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles: ['trader'], username };
}

describe('active trading account', () => {
  it("is the first of the user's accounts until another of them is picked, and none without accounts", async () => {
    const me = mockAccountsMe([3, 4]);
    const { store } = testStore(meRoutes(me));
    store.dispatch(loggedIn(session()));
    expect(selectActiveAccount(store.getState())).toBeUndefined();
    await store.dispatch(authApi.endpoints.me.initiate());
    expect(selectActiveAccount(store.getState())).toBe(3);
    store.dispatch(accountsActions.chosen(4));
    expect(selectActiveAccount(store.getState())).toBe(4);
    store.dispatch(accountsActions.chosen(9));
    expect(selectActiveAccount(store.getState())).toBe(4);
    me.account_ids = [];
    await store.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true }));
    expect(selectActiveAccount(store.getState())).toBeUndefined();
  });

  it('is remembered per user in this browser, across sign-ins and reloads', async () => {
    const me = mockAccountsMe([1, 2]);
    const first = testStore(meRoutes(me));
    first.store.dispatch(loggedIn(session('asha')));
    await first.store.dispatch(authApi.endpoints.me.initiate());
    first.store.dispatch(accountsActions.chosen(2));
    expect(localStorage.getItem(accountKey('asha'))).toBe('2');

    first.store.dispatch(loggedOut());
    expect(selectActiveAccount(first.store.getState())).toBeUndefined();
    me.username = 'ravi';
    me.account_ids = [5, 6];
    first.store.dispatch(loggedIn(session('ravi')));
    expect(selectActiveAccount(first.store.getState())).toBeUndefined();
    await first.store.dispatch(authApi.endpoints.me.initiate());
    expect(selectActiveAccount(first.store.getState())).toBe(5);

    first.store.dispatch(loggedOut());
    first.store.dispatch(loggedIn(session('asha')));
    expect(selectActiveAccount(first.store.getState())).toBe(2);

    storeSession('asha');
    const reloaded = testStore(meRoutes(mockAccountsMe([1, 2])));
    expect(selectActiveAccount(reloaded.store.getState())).toBe(2);
    await reloaded.store.dispatch(authApi.endpoints.me.initiate());
    expect(selectActiveAccount(reloaded.store.getState())).toBe(2);
  });

  it("falls back to the first account when the one remembered is no longer the user's", async () => {
    storeSession('asha');
    rememberAccount('asha', 7);
    const { store } = testStore(meRoutes(mockAccountsMe([1, 2])));
    await store.dispatch(authApi.endpoints.me.initiate());
    expect(selectActiveAccount(store.getState())).toBe(1);
    expect(localStorage.getItem(accountKey('asha'))).toBe('1');
  });

  it('is named in the query or the body of a request only when there is one', () => {
    expect(accountParams(2)).toEqual({ params: { account_id: 2 } });
    expect(accountParams(undefined)).toEqual({});
    expect(withAccount({ exchange: 'NSE', account_id: null }, 2)).toEqual({
      exchange: 'NSE',
      account_id: 2,
    });
    expect(withAccount({ exchange: 'NSE', account_id: null }, undefined)).toEqual({
      exchange: 'NSE',
      account_id: null,
    });
    expect(withAccount({ exchange: 'NSE', account_id: 3 }, 2)).toEqual({
      exchange: 'NSE',
      account_id: 3,
    });
  });

  it('scopes the reads to the account given, each cached apart', async () => {
    const { store, http } = testStore([
      ...ordersRoutes([mockOrder(), mockOrder({ account_id: 2, client_order_id: 201 })]),
      ...fundsRoutes([mockFunds(), mockFunds({ account_id: 2, net: 5 })]),
    ]);
    store.dispatch(loggedIn(session()));
    const one = await store.dispatch(ordersApi.endpoints.orders.initiate(1));
    const two = await store.dispatch(ordersApi.endpoints.orders.initiate(2));
    expect(one.data?.map((order) => order.client_order_id)).toEqual([101]);
    expect(two.data?.map((order) => order.client_order_id)).toEqual([201]);
    expect((await store.dispatch(fundsApi.endpoints.funds.initiate(2))).data).toEqual([
      mockFunds({ account_id: 2, net: 5 }),
    ]);
    await store.dispatch(ordersApi.endpoints.trades.initiate(2));
    await store.dispatch(positionsApi.endpoints.positions.initiate(2));
    await store.dispatch(holdingsApi.endpoints.holdings.initiate(2));
    await store.dispatch(holdingsApi.endpoints.holdingsAuctions.initiate(2));
    await store.dispatch(gttApi.endpoints.gtts.initiate(2));
    expect(
      http.calls
        .filter((call) => call.method === 'GET' && call.path !== '/api/watchlist')
        .map((call) => `${call.path}?${call.query.toString()}`),
    ).toEqual([
      '/api/orders?account_id=1',
      '/api/orders?account_id=2',
      '/api/margins?account_id=2',
      '/api/trades?account_id=2',
      '/api/positions?account_id=2',
      '/api/holdings?account_id=2',
      '/api/holdings/auctions?account_id=2',
      '/api/gtt?account_id=2',
    ]);
  });

  it('changes and cancels an order, and places a basket, in the account named', async () => {
    const { store, http } = testStore([...ordersRoutes(), ...basketRoutes(mockBasketServer())]);
    store.dispatch(loggedIn(session()));
    await store.dispatch(
      ordersApi.endpoints.modifyOrder.initiate({
        id: '250105000000101',
        change: { price: 1501 },
        account_id: 2,
      }),
    );
    await store.dispatch(
      ordersApi.endpoints.cancelOrder.initiate({ id: '250105000000101', account_id: 2 }),
    );
    await store.dispatch(basketsApi.endpoints.placeBasket.initiate({ id: 11, account_id: 2 }));
    expect(
      http.calls
        .filter((call) => call.method !== 'GET')
        .map((call) => `${call.method} ${call.path}?${call.query.toString()}`),
    ).toEqual([
      'PUT /api/orders/250105000000101?account_id=2',
      'DELETE /api/orders/250105000000101?account_id=2',
      'POST /api/baskets/11/orders?account_id=2',
    ]);
  });
});
