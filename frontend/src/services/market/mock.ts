import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { InstrumentView } from '../api/types';

export const mockInfy: InstrumentView = {
  instrument_token: 408065,
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
};

export const mockNiftyFuture: InstrumentView = {
  instrument_token: 13238786,
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  segment: 'NFO-FUT',
  instrument_type: 'FUT',
  tick_size: 0.1,
  lot_size: 75,
};

export const mockInstruments: InstrumentView[] = [mockInfy, mockNiftyFuture];

export function marketRoutes(): MockRoute[] {
  return [
    route('GET', /^\/api\/instruments$/, (request) => {
      const q = (request.query.get('q') ?? '').toUpperCase();
      return {
        status: 200,
        body: mockInstruments.filter((instrument) => instrument.tradingsymbol.includes(q)),
      };
    }),
    route('GET', /^\/api\/quotes$/, (request) => {
      const keys = request.query.getAll('i');
      if (request.query.toString().length > 4000) {
        return { status: 413, body: { error: 'too_long', message: 'Request line too long.' } };
      }
      return {
        status: 200,
        body: Object.fromEntries(
          keys.map((key, index) => [key, { instrument_token: index + 1, last_price: 100 }]),
        ),
      };
    }),
    route('GET', /^\/api\/ticks$/, () => ({
      status: 404,
      body: { error: 'not_found', message: 'No such endpoint.' },
    })),
  ];
}
