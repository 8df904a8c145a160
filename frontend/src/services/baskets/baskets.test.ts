import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import { loggedIn } from '../auth/sessionSlice';
import { mockInfy, mockNiftyFuture } from '../market/mock';
import { ordersRoutes } from '../orders/mock';
import { ordersApi } from '../orders/ordersApi';
import { basketsApi } from './basketsApi';
import { basketFunds } from './hooks';
import { basketRoutes, mockBasket, mockBasketItem, mockBasketServer } from './mock';
import {
  basketItemRequest,
  basketNameError,
  basketNameRefusal,
  basketOrderOf,
  defaultBasketOrder,
  itemFieldError,
  moved,
  sendingOrder,
  validateBasketOrder,
} from './validation';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function basketReads(calls: { method: string; path: string }[]): number {
  return calls.filter((call) => call.method === 'GET' && call.path === '/api/baskets').length;
}

function signedIn(routes: MockRoute[] = basketRoutes(mockBasketServer())) {
  const harness = testStore(routes);
  harness.store.dispatch(loggedIn(session));
  return harness;
}

const infyLimit = {
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  transaction_type: 'BUY',
  order_type: 'LIMIT',
  quantity: 1,
  product: 'CNC',
  price: 1500,
  trigger_price: null,
  variety: 'regular',
  validity: 'DAY',
};

describe('baskets service', () => {
  it('reads the baskets with the bearer token and fills in what the gateway left out', async () => {
    const { store, http } = signedIn([
      route('GET', /^\/api\/baskets$/, () => ({
        status: 200,
        body: [
          {
            id: 12,
            name: 'Empty',
            created_at: '2026-01-05T05:00:00Z',
            updated_at: '2026-01-05T05:00:00Z',
          },
          {
            id: 11,
            name: 'Hedge',
            created_at: '2026-01-05T04:00:00Z',
            updated_at: '2026-01-05T04:30:00Z',
            items: [
              {
                exchange: 'NSE',
                tradingsymbol: 'INFY',
                instrument_token: 408065,
                transaction_type: 'BUY',
                order_type: 'MARKET',
                quantity: 1,
                product: 'CNC',
                variety: 'regular',
                validity: 'DAY',
                market_protection: -1,
              },
            ],
          },
        ],
      })),
    ]);
    const result = await store.dispatch(basketsApi.endpoints.baskets.initiate());
    const call = http.calls.find((candidate) => candidate.path === '/api/baskets');
    expect(call?.method).toBe('GET');
    expect(call?.headers.get('Authorization')).toBe('Bearer jwt');
    expect(result.data).toEqual([
      mockBasket({
        id: 12,
        name: 'Empty',
        created_at: '2026-01-05T05:00:00Z',
        updated_at: '2026-01-05T05:00:00Z',
        items: [],
      }),
      mockBasket({
        items: [
          mockBasketItem({
            order_type: 'MARKET',
            price: null,
            trigger_price: null,
            market_protection: -1,
          }),
        ],
      }),
    ]);
  });

  it('reads one basket with GET /api/baskets/{id}', async () => {
    const { store, http } = signedIn();
    const result = await store.dispatch(basketsApi.endpoints.basket.initiate(11));
    expect(
      http.calls
        .filter((call) => call.path.startsWith('/api/baskets'))
        .map((call) => `${call.method} ${call.path}`),
    ).toEqual(['GET /api/baskets/11']);
    expect(result.data).toEqual(mockBasket());
  });

  it('creates a basket with POST /api/baskets and the body as given, and lists it first', async () => {
    const { store, http } = signedIn();
    const list = store.dispatch(basketsApi.endpoints.baskets.initiate());
    await list;
    const body = { name: 'Nifty hedge', items: [infyLimit] };
    const result = await store.dispatch(basketsApi.endpoints.createBasket.initiate(body));
    const posts = http.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/baskets']);
    expect(posts[0]?.body).toEqual(body);
    expect(result.data).toMatchObject({ id: 21, name: 'Nifty hedge', items: [mockBasketItem()] });
    expect(
      basketsApi.endpoints.baskets
        .select()(store.getState())
        .data?.map((basket) => basket.id),
    ).toEqual([21, 11]);
    expect(basketReads(http.calls)).toBe(1);
    list.unsubscribe();
  });

  it('changes a basket with PUT /api/baskets/{id}, the whole list sent, and keeps the answer', async () => {
    const { store, http } = signedIn();
    const list = store.dispatch(basketsApi.endpoints.baskets.initiate());
    await list;
    const change = { name: 'Hedge 2', items: [infyLimit] };
    const result = await store.dispatch(
      basketsApi.endpoints.changeBasket.initiate({ id: 11, change }),
    );
    const puts = http.calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual(['/api/baskets/11']);
    expect(puts[0]?.body).toEqual(change);
    expect(result.data).toMatchObject({ id: 11, name: 'Hedge 2', items: [mockBasketItem()] });
    expect(basketsApi.endpoints.baskets.select()(store.getState()).data).toEqual([result.data]);
    expect(basketReads(http.calls)).toBe(1);
    list.unsubscribe();
  });

  it('reads the baskets again after a write the gateway refused', async () => {
    const server = mockBasketServer();
    server.failures.push({
      status: 404,
      body: { error: 'not_found', message: 'you have no basket 11' },
    });
    const { store, http } = signedIn(basketRoutes(server));
    const list = store.dispatch(basketsApi.endpoints.baskets.initiate());
    await list;
    const result = await store.dispatch(
      basketsApi.endpoints.changeBasket.initiate({ id: 11, change: { name: 'Hedge', items: [] } }),
    );
    expect(basketNameRefusal(result.error)).toBeNull();
    await waitFor(() => expect(basketReads(http.calls)).toBe(2));
    list.unsubscribe();
  });

  it('deletes a basket with DELETE /api/baskets/{id} and no body', async () => {
    const { store, http } = signedIn(
      basketRoutes(mockBasketServer([mockBasket(), mockBasket({ id: 12, name: 'Other' })])),
    );
    const list = store.dispatch(basketsApi.endpoints.baskets.initiate());
    await list;
    const result = await store.dispatch(basketsApi.endpoints.deleteBasket.initiate(11));
    const deletes = http.calls.filter((call) => call.method === 'DELETE');
    expect(deletes.map((call) => call.path)).toEqual(['/api/baskets/11']);
    expect(deletes[0]?.body).toBeUndefined();
    expect(result.data).toEqual({ id: 11 });
    expect(
      basketsApi.endpoints.baskets
        .select()(store.getState())
        .data?.map((basket) => basket.id),
    ).toEqual([12]);
    list.unsubscribe();
  });

  it('asks the basket calculator with POST /api/margins/basket and the body as given', async () => {
    const server = mockBasketServer();
    server.margin = () => ({
      status: 200,
      body: {
        account_id: 1,
        consider_positions: false,
        initial: { span: 98000, exposure: 20480, option_premium: 0, additional: 0, var: 1520 },
        final: {
          span: 60000,
          exposure: 20480,
          option_premium: -1250.5,
          additional: 0,
          var: 1520,
          total: 80749.5,
        },
        charges: 42.5,
      },
    });
    const { store, http } = signedIn(basketRoutes(server));
    const body = { consider_positions: false, items: [infyLimit] };
    const result = await store.dispatch(basketsApi.endpoints.basketMargin.initiate(body));
    const posts = http.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/margins/basket']);
    expect(posts[0]?.body).toEqual(body);
    expect(result.data).toEqual({
      account_id: 1,
      consider_positions: false,
      initial: {
        span: 98000,
        exposure: 20480,
        option_premium: 0,
        additional: 0,
        var: 1520,
        total: 0,
      },
      final: {
        span: 60000,
        exposure: 20480,
        option_premium: -1250.5,
        additional: 0,
        var: 1520,
        total: 80749.5,
      },
      charges: 42.5,
      orders: [],
    });
  });

  it('places a basket with POST /api/baskets/{id}/orders, no body, and reads the orders again', async () => {
    const server = mockBasketServer();
    server.placed = (item, index) =>
      item.transaction_type === 'SELL'
        ? {
            http_status: 422,
            error: 'insufficient_funds',
            message: 'needs 1,520.00 of margin, 1,000.00 available',
          }
        : { http_status: 201, client_order_id: 301 + index, status: 'PENDING' };
    const { store, http } = signedIn([...basketRoutes(server), ...ordersRoutes()]);
    const orders = store.dispatch(ordersApi.endpoints.orders.initiate());
    await orders;
    const result = await store.dispatch(basketsApi.endpoints.placeBasket.initiate({ id: 11 }));
    const posts = http.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/baskets/11/orders']);
    expect(posts[0]?.body).toBeUndefined();
    expect(posts[0]?.query.toString()).toBe('');
    expect(result.data).toEqual({
      basket_id: 11,
      account_id: 1,
      placed: 1,
      refused: 1,
      orders: [
        {
          item: 0,
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JANFUT',
          transaction_type: 'BUY',
          quantity: 75,
          http_status: 201,
          client_order_id: 301,
          order_id: null,
          status: 'PENDING',
          error: null,
          message: null,
        },
        {
          item: 1,
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'SELL',
          quantity: 1,
          http_status: 422,
          client_order_id: null,
          order_id: null,
          status: null,
          error: 'insufficient_funds',
          message: 'needs 1,520.00 of margin, 1,000.00 available',
        },
      ],
    });
    await waitFor(() =>
      expect(
        http.calls.filter((call) => call.method === 'GET' && call.path === '/api/orders'),
      ).toHaveLength(2),
    );

    await store.dispatch(basketsApi.endpoints.placeBasket.initiate({ id: 11, account_id: 2 }));
    expect(http.calls.filter((call) => call.method === 'POST')[1]?.query.toString()).toBe(
      'account_id=2',
    );
    orders.unsubscribe();
  });
});

describe('basket order checks', () => {
  it('builds the order to keep, leaving out the prices its type does not take', () => {
    const form = { ...defaultBasketOrder('NSE'), price: '1500' };
    expect(validateBasketOrder(form, mockInfy)).toMatchObject({ errors: {}, item: infyLimit });
    expect(
      validateBasketOrder(
        { ...form, order_type: 'MARKET', trigger_price: '1490', side: 'SELL', lots: '3' },
        mockInfy,
      ).item,
    ).toEqual({
      ...infyLimit,
      transaction_type: 'SELL',
      order_type: 'MARKET',
      quantity: 3,
      price: null,
      market_protection: -1,
    });
    expect(
      validateBasketOrder(
        {
          ...form,
          order_type: 'SL-M',
          trigger_price: '1490.05',
          variety: 'amo',
          product: 'MIS',
        },
        mockInfy,
      ).item,
    ).toEqual({
      ...infyLimit,
      order_type: 'SL-M',
      product: 'MIS',
      price: null,
      trigger_price: 1490.05,
      variety: 'amo',
      market_protection: -1,
    });
    expect(
      validateBasketOrder(
        { ...defaultBasketOrder('NFO'), order_type: 'MARKET', lots: '2' },
        mockNiftyFuture,
      ).item,
    ).toMatchObject({ quantity: 150, product: 'NRML', price: null });
  });

  it('refuses what the ticket refuses: no price, off the tick, part lots, a wrong product or trigger', () => {
    expect(
      validateBasketOrder({ ...defaultBasketOrder('NSE'), price: '' }, mockInfy).errors,
    ).toEqual({ price: 'Price is required for this order type.' });
    expect(
      validateBasketOrder({ ...defaultBasketOrder('NSE'), price: '1500.03' }, mockInfy).errors,
    ).toEqual({ price: 'Price must be a multiple of the tick size 0.05.' });
    expect(
      validateBasketOrder(
        { ...defaultBasketOrder('NSE'), order_type: 'SL-M', trigger_price: '' },
        mockInfy,
      ).errors,
    ).toEqual({ trigger_price: 'Trigger price is required for this order type.' });
    expect(
      validateBasketOrder(
        { ...defaultBasketOrder('NSE'), order_type: 'SL', price: '1500', trigger_price: '1510' },
        mockInfy,
      ).errors,
    ).toEqual({
      trigger_price: 'For a stop-loss buy the trigger price must not be above the price.',
    });
    expect(
      validateBasketOrder(
        { ...defaultBasketOrder('NFO'), order_type: 'MARKET', lots: '0', product: 'CNC' },
        mockNiftyFuture,
      ).errors,
    ).toEqual({
      lots: 'Quantity must be a whole number of lots, at least 1.',
      product: 'CNC is for equity delivery; use NRML or MIS on NFO.',
    });
    expect(
      validateBasketOrder(
        { ...defaultBasketOrder('NSE'), price: '1500', variety: 'amo', validity: 'IOC' },
        mockInfy,
      ),
    ).toEqual({
      errors: { validity: 'An after-market order cannot be IOC.' },
      item: null,
      order: null,
    });
  });

  it('fills the form in with a kept order, in lots, and sends a kept order back as it is', () => {
    const future = mockBasket().items[0] ?? mockBasketItem();
    expect(basketOrderOf(future, 75)).toEqual({
      side: 'BUY',
      order_type: 'MARKET',
      product: 'NRML',
      lots: '1',
      price: '',
      trigger_price: '',
      variety: 'regular',
      validity: 'DAY',
      market_protection: '-1',
      priceTyped: false,
    });
    expect(
      basketOrderOf(
        mockBasketItem({ transaction_type: 'SELL', order_type: 'SL', trigger_price: 1505 }),
        1,
      ),
    ).toMatchObject({
      side: 'SELL',
      order_type: 'SL',
      price: '1500',
      trigger_price: '1505',
      priceTyped: true,
    });
    expect(basketItemRequest(mockBasketItem())).toEqual(infyLimit);
    expect(
      basketItemRequest(
        mockBasketItem({ order_type: 'MARKET', price: null, market_protection: 5 }),
      ),
    ).toEqual({ ...infyLimit, order_type: 'MARKET', price: null, market_protection: 5 });
  });

  it("keeps a changed order's market protection while it is still MARKET or SL-M", () => {
    const before = basketOrderOf(
      mockBasketItem({ order_type: 'MARKET', price: null, market_protection: 5 }),
      1,
    );
    const market = { ...infyLimit, order_type: 'MARKET', price: null };
    expect(before.market_protection).toBe('5');
    expect(validateBasketOrder(before, mockInfy).item).toEqual({ ...market, market_protection: 5 });
    expect(
      validateBasketOrder({ ...before, order_type: 'SL-M', trigger_price: '1490' }, mockInfy).item,
    ).toMatchObject({ order_type: 'SL-M', market_protection: 5 });
    expect(
      validateBasketOrder({ ...before, order_type: 'LIMIT', price: '1500' }, mockInfy).item,
    ).toEqual(infyLimit);
    expect(
      validateBasketOrder({ ...defaultBasketOrder('NSE'), order_type: 'MARKET' }, mockInfy).item,
    ).toEqual({ ...market, market_protection: -1 });
    expect(basketOrderOf(mockBasketItem(), 1).market_protection).toBe('-1');
  });

  it('takes a market protection of -1 or 1 to 100 percent, as the gateway keeps one', () => {
    const market = { ...defaultBasketOrder('NSE'), order_type: 'MARKET' as const };
    expect(validateBasketOrder({ ...market, market_protection: '2' }, mockInfy).item).toMatchObject(
      { market_protection: 2 },
    );
    for (const text of ['0', '101', '-2', '']) {
      expect(validateBasketOrder({ ...market, market_protection: text }, mockInfy)).toEqual({
        errors: {
          market_protection:
            "Market protection: -1 for the broker's automatic, or 1 to 100 percent.",
        },
        item: null,
        order: null,
      });
    }
    expect(
      itemFieldError(
        "items[0].market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not 0",
        0,
      ),
    ).toEqual({
      field: 'market_protection',
      text: "1 to 100 (a percent) or -1 (the exchange's default), not 0",
    });
  });

  it('moves an order, sends buys first, and finds the field a refusal names', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
    expect(
      sendingOrder(['SELL', 'BUY', 'SELL', 'BUY'].map((side) => ({ transaction_type: side }))),
    ).toEqual([1, 3, 0, 2]);
    expect(itemFieldError('items[1].price: needed for a LIMIT or SL order', 1)).toEqual({
      field: 'price',
      text: 'needed for a LIMIT or SL order',
    });
    expect(itemFieldError('items[2].quantity: must be greater than 0', 2)).toEqual({
      field: 'lots',
      text: 'must be greater than 0',
    });
    expect(itemFieldError('items[1].price: needed for a LIMIT or SL order', 0)).toBeNull();
    expect(itemFieldError('items[0].tradingsymbol: no instrument NSE:XYZ is known', 0)).toBeNull();
  });

  it("checks a basket's name as the gateway would", () => {
    const baskets = [mockBasket(), mockBasket({ id: 12, name: 'Banks' })];
    expect(basketNameError('  Nifty hedge ', baskets)).toBeNull();
    expect(basketNameError('   ', baskets)).toBe('Name is required.');
    expect(basketNameError('x'.repeat(41), baskets)).toBe(
      'Name may have at most 40 characters; it has 41.',
    );
    expect(basketNameError('x'.repeat(40), baskets)).toBeNull();
    expect(basketNameError('banks', baskets)).toBe('You have a basket named Banks already.');
    expect(basketNameError('HEDGE', baskets, 11)).toBeNull();
  });

  it('takes the funds of the segment the orders draw on, of the account priced', () => {
    const funds = [
      { account_id: 1, segment: 'equity', net: 5000 },
      { account_id: 1, segment: 'commodity', net: 700 },
      { account_id: 2, segment: 'equity', net: 9000 },
    ].map((entry) => ({
      enabled: true,
      cash: 0,
      opening_balance: 0,
      live_balance: 0,
      collateral: 0,
      debits: 0,
      exposure: 0,
      span: 0,
      option_premium: 0,
      ...entry,
    }));
    expect(basketFunds(funds, 1, [{ exchange: 'NSE' }, { exchange: 'MCX' }])?.net).toBe(5000);
    expect(basketFunds(funds, 1, [{ exchange: 'MCX' }])?.net).toBe(700);
    expect(basketFunds(funds, 2, [{ exchange: 'NFO' }])?.net).toBe(9000);
    expect(basketFunds(undefined, 1, [{ exchange: 'NSE' }])).toBeUndefined();
  });
});
