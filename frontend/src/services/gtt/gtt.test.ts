import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { route } from '../api/mockFetch';
import { loggedIn } from '../auth/sessionSlice';
import { mockInfy, mockNiftyFuture } from '../market/mock';
import { gttApi } from './gttApi';
import { gttDistance, withLastPrice } from './hooks';
import { gttRoutes, mockGtt, mockGttOrder, mockGttServer, mockOcoGtt } from './mock';
import {
  defaultGttForm,
  gttFormOf,
  tooCloseToLastPrice,
  validateGtt,
  withTrigger,
} from './validation';
import type { GttForm } from './validation';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function signedIn(routes = gttRoutes(mockGttServer())) {
  const harness = testStore(routes);
  harness.store.dispatch(loggedIn(session));
  return harness;
}

function single(trigger: string, price: string, lots: string, side: 'BUY' | 'SELL'): GttForm {
  const form = defaultGttForm('NSE', side);
  return { ...form, legs: [{ trigger, price, lots, priceTyped: true }, form.legs[1]] };
}

describe('gtt service', () => {
  it('reads the triggers and fills in what the gateway left out', async () => {
    const { store, http } = signedIn([
      route('GET', /^\/api\/gtt$/, () => ({
        status: 200,
        body: [
          {
            account_id: 1,
            id: 7,
            type: 'single',
            status: 'active',
            exchange: 'NSE',
            tradingsymbol: 'INFY',
            instrument_token: 408065,
            last_price: 1510,
            trigger_values: [1450],
            orders: [
              {
                transaction_type: 'SELL',
                quantity: 10,
                product: 'CNC',
                order_type: 'LIMIT',
                price: 1450,
              },
            ],
            created_at: '2026-01-05T04:00:00Z',
            updated_at: '2026-01-05T04:00:00Z',
          },
        ],
      })),
    ]);
    const result = await store.dispatch(gttApi.endpoints.gtts.initiate());
    const call = http.calls.find((candidate) => candidate.path === '/api/gtt');
    expect(call?.method).toBe('GET');
    expect(call?.headers.get('Authorization')).toBe('Bearer jwt');
    expect(result.data).toEqual([
      mockGtt({ id: 7, expires_at: '', rejection_reason: null, orders: [mockGttOrder()] }),
    ]);
  });

  it('places a trigger with POST /api/gtt and the body as given', async () => {
    const { store, http } = signedIn();
    const body = {
      type: 'two-leg',
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      trigger_values: [1400, 1600],
      orders: [
        { transaction_type: 'SELL', quantity: 5, product: 'CNC', price: 1399.5 },
        { transaction_type: 'SELL', quantity: 5, product: 'CNC', price: 1600.5 },
      ],
    };
    const result = await store.dispatch(gttApi.endpoints.placeGtt.initiate(body));
    const call = http.calls.find((candidate) => candidate.method === 'POST');
    expect(call?.path).toBe('/api/gtt');
    expect(call?.body).toEqual(body);
    expect(result.data).toMatchObject({ id: 2001, type: 'two-leg', trigger_values: [1400, 1600] });
  });

  it('modifies a trigger with PUT /api/gtt/{id}', async () => {
    const { store, http } = signedIn();
    const change = {
      account_id: 1,
      type: 'single',
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      trigger_values: [1420],
      orders: [{ transaction_type: 'SELL', quantity: 10, product: 'CNC', price: 1419 }],
    };
    const result = await store.dispatch(gttApi.endpoints.modifyGtt.initiate({ id: 1001, change }));
    const call = http.calls.find((candidate) => candidate.method === 'PUT');
    expect(call?.path).toBe('/api/gtt/1001');
    expect(call?.body).toEqual(change);
    expect(result.data).toMatchObject({ id: 1001, trigger_values: [1420] });
  });

  it('deletes a trigger with DELETE /api/gtt/{id}, naming its account when it is known', async () => {
    const { store, http } = signedIn(gttRoutes(mockGttServer([mockGtt(), mockOcoGtt()])));
    const result = await store.dispatch(
      gttApi.endpoints.deleteGtt.initiate({ id: 1001, account_id: 1 }),
    );
    await store.dispatch(gttApi.endpoints.deleteGtt.initiate({ id: 1002 }));
    const deletes = http.calls.filter((candidate) => candidate.method === 'DELETE');
    expect(deletes.map((call) => call.path)).toEqual(['/api/gtt/1001', '/api/gtt/1002']);
    expect(deletes.map((call) => call.query.toString())).toEqual(['account_id=1', '']);
    expect(deletes.map((call) => call.body)).toEqual([undefined, undefined]);
    expect(result.data).toEqual({ account_id: 1, id: 1001 });
  });

  it('measures a trigger value against the last price, the market one first', () => {
    expect(gttDistance(1434.5, 1510)).toBeCloseTo(-5);
    expect(gttDistance(1600, 1500)).toBeCloseTo(6.6667);
    expect(gttDistance(1600, 0)).toBeNull();
    expect(withLastPrice(mockGtt(), 1500)).toMatchObject({ reference_price: 1500, live: true });
    expect(withLastPrice(mockGtt(), undefined)).toMatchObject({
      reference_price: 1510,
      live: false,
    });
  });

  it('knows which values the broker finds too close to the last price', () => {
    expect(tooCloseToLastPrice(1506.5, 1510)).toBe(true);
    expect(tooCloseToLastPrice(1506, 1510)).toBe(false);
    expect(tooCloseToLastPrice(40.05, 40.1)).toBe(true);
    expect(tooCloseToLastPrice(40, 40.1)).toBe(false);
    expect(tooCloseToLastPrice(1510, undefined)).toBe(false);
  });
});

describe('gtt form checks', () => {
  it('builds a single trigger on the tick, in units, with the exchange product', () => {
    expect(validateGtt(single('1434.5', '1434', '2', 'SELL'), mockInfy, 1510)).toEqual({
      errors: {},
      request: {
        type: 'single',
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        trigger_values: [1434.5],
        orders: [{ transaction_type: 'SELL', quantity: 2, product: 'CNC', price: 1434 }],
      },
    });
  });

  it('counts a derivative in lots and offers it NRML or MIS', () => {
    const form = defaultGttForm('NFO', 'BUY');
    expect(form.product).toBe('NRML');
    const filled: GttForm = {
      ...form,
      legs: [withTrigger({ ...form.legs[0], lots: '2' }, '24000.1'), form.legs[1]],
    };
    expect(validateGtt(filled, mockNiftyFuture, 24500, 3).request).toEqual({
      account_id: 3,
      type: 'single',
      exchange: 'NFO',
      tradingsymbol: 'NIFTY26JANFUT',
      trigger_values: [24000.1],
      orders: [{ transaction_type: 'BUY', quantity: 150, product: 'NRML', price: 24000.1 }],
    });
    expect(validateGtt({ ...filled, product: 'CNC' }, mockNiftyFuture, 24500).errors).toEqual({
      product: 'CNC is not offered on NFO: use NRML or MIS.',
    });
  });

  it('refuses values off the tick, non-positive ones and part lots', () => {
    expect(validateGtt(single('1450.03', '0', '', 'BUY'), mockInfy, 1510).errors).toEqual({
      trigger0: 'Trigger value must be a multiple of the tick size 0.05.',
      price0: 'Limit price must be a positive number.',
      lots0: 'Quantity must be a whole number of shares, at least 1.',
    });
    expect(validateGtt(single('', 'x', '1', 'BUY'), mockInfy, 1510).errors).toEqual({
      trigger0: 'Trigger value is required.',
      price0: 'Limit price must be a positive number.',
    });
  });

  it('wants an OCO lower value below the last price and the upper above it', () => {
    const form: GttForm = {
      ...defaultGttForm('NSE', 'SELL'),
      type: 'two-leg',
      legs: [
        withTrigger({ ...defaultGttForm('NSE').legs[0] }, '1520'),
        {
          ...withTrigger(defaultGttForm('NSE').legs[1], '1500'),
        },
      ],
    };
    expect(validateGtt(form, mockInfy, 1510).errors).toEqual({
      trigger0: 'The lower trigger value must be below the last price 1510.',
      trigger1: 'The upper trigger value must be above the last price 1510.',
    });
    expect(validateGtt(form, mockInfy, undefined).errors).toEqual({
      trigger1: 'The upper trigger value must be above the lower one.',
    });
    const swapped: GttForm = {
      ...form,
      legs: [withTrigger(form.legs[0], '1400'), withTrigger(form.legs[1], '1600')],
    };
    expect(validateGtt(swapped, mockInfy, 1510).request).toMatchObject({
      type: 'two-leg',
      trigger_values: [1400, 1600],
      orders: [
        { transaction_type: 'SELL', price: 1400 },
        { transaction_type: 'SELL', price: 1600 },
      ],
    });
  });

  it('fills the form in from a trigger, in lots, the price following the value where it did', () => {
    const form = gttFormOf(
      mockOcoGtt({
        exchange: 'NFO',
        orders: [
          mockGttOrder({ quantity: 150, product: 'NRML', price: 1400 }),
          mockGttOrder({ quantity: 75, product: 'NRML', price: 1601 }),
        ],
      }),
      75,
    );
    expect(form).toEqual({
      type: 'two-leg',
      side: 'SELL',
      product: 'NRML',
      legs: [
        { trigger: '1400', price: '1400', lots: '2', priceTyped: false },
        { trigger: '1600', price: '1601', lots: '1', priceTyped: true },
      ],
    });
    expect(withTrigger(form.legs[0], '1390').price).toBe('1390');
    expect(withTrigger(form.legs[1], '1610').price).toBe('1601');
  });
});
