import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { SegmentFunds } from '../api/types';

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
