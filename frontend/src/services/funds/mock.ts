import { route } from '../api/mockFetch';
import type { MockReply, MockRequest, MockRoute } from '../api/mockFetch';
import type { OrderMargin, SegmentFunds } from '../api/types';

export function mockFunds(overrides: Partial<SegmentFunds> = {}): SegmentFunds {
  return {
    account_id: 1,
    segment: 'equity',
    enabled: true,
    net: 992750.25,
    cash: 1000000,
    opening_balance: 1000000,
    live_balance: 992750.25,
    collateral: 0,
    debits: 7249.75,
    exposure: 0,
    span: 7249.75,
    option_premium: 0,
    ...overrides,
  };
}

/** GET /api/margins answering `funds`. */
export function fundsRoutes(funds: SegmentFunds[]): MockRoute[] {
  return [route('GET', /^\/api\/margins$/, () => ({ status: 200, body: funds }))];
}

export function mockOrderMargin(overrides: Partial<OrderMargin> = {}): OrderMargin {
  return {
    account_id: 1,
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    segment: 'equity',
    total: 1498,
    charges: 1.79,
    span: 0,
    exposure: 0,
    option_premium: 0,
    additional: 0,
    var: 1498,
    leverage: 1,
    ...overrides,
  };
}

/** POST /api/margins/orders answered by `answer` for the order sent. */
export function orderMarginRoutes(answer: (request: MockRequest) => MockReply): MockRoute[] {
  return [route('POST', /^\/api\/margins\/orders$/, (request) => answer(request))];
}
