import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';

export function quantRoutes(available: boolean): MockRoute[] {
  const unavailable = { status: 404, body: { error: 'not_found', message: 'No such endpoint.' } };
  return [
    route('GET', /^\/api\/replay\/state$/, (request) =>
      available
        ? { status: 200, body: { at: request.query.get('at'), orders: [], positions: [] } }
        : unavailable,
    ),
    route('POST', /^\/api\/replay\/export$/, () =>
      available ? { status: 202, body: { path: '/data/export/ticks.csv' } } : unavailable,
    ),
  ];
}
