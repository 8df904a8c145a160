import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { Holding } from '../api/types';

export function mockHolding(overrides: Partial<Holding> = {}): Holding {
  return {
    account_id: 1,
    tradingsymbol: 'INFY',
    exchange: 'NSE',
    instrument_token: 408065,
    isin: 'INE009A01021',
    product: 'CNC',
    quantity: 10,
    t1_quantity: 0,
    used_quantity: 0,
    average_price: 1420.5,
    last_price: 1510,
    close_price: 1490,
    pnl: 895,
    auction_number: null,
    ...overrides,
  };
}

export function holdingsRoutes(holdings: Holding[] = [mockHolding()]): MockRoute[] {
  return [route('GET', /^\/api\/holdings$/, () => ({ status: 200, body: holdings }))];
}

/** GET /api/holdings/auctions: the holdings an auction open now may buy, each with its auction number. */
export function auctionsRoutes(holdings: Holding[] = []): MockRoute[] {
  return [route('GET', /^\/api\/holdings\/auctions$/, () => ({ status: 200, body: holdings }))];
}
