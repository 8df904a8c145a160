import { route } from '../api/mockFetch';
import type { MockReply, MockRequest, MockRoute } from '../api/mockFetch';
import type { BasketMargin, MarginTotal, OrderMargin, SegmentFunds } from '../api/types';

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

/** GET /api/margins answering `funds`: those of the account `?account_id=` names, or all of them. */
export function fundsRoutes(funds: SegmentFunds[]): MockRoute[] {
  return [
    route('GET', /^\/api\/margins$/, (request) => {
      const account = request.query.get('account_id');
      return {
        status: 200,
        body:
          account === null ? funds : funds.filter((entry) => entry.account_id === Number(account)),
      };
    }),
  ];
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

function marginTotal(total: number): MarginTotal {
  return { span: total, exposure: 0, option_premium: 0, additional: 0, var: 0, total };
}

/**
 * What the basket calculator answers for one order with the positions considered: `own` its own margin, `netted`
 * what it needs once the positions held hedge it.
 */
export function mockPositionsMargin(
  own: number,
  netted: number,
  overrides: Partial<BasketMargin> = {},
): BasketMargin {
  return {
    account_id: 1,
    consider_positions: true,
    initial: marginTotal(own),
    final: marginTotal(netted),
    charges: 40,
    orders: [
      mockOrderMargin({
        exchange: 'NFO',
        tradingsymbol: 'NIFTY26JAN24000PE',
        segment: 'fo',
        total: own,
        span: own,
        var: 0,
      }),
    ],
    ...overrides,
  };
}

/** POST /api/margins/basket answered by `answer` for the request sent. */
export function basketMarginRoutes(answer: (request: MockRequest) => MockReply): MockRoute[] {
  return [route('POST', /^\/api\/margins\/basket$/, (request) => answer(request))];
}
