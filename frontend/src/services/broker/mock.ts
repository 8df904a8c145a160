import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { BrokerStatus } from '../api/types';

export const mockBrokerStatus: BrokerStatus = {
  connected: true,
  user_id: 'AB1234',
  token_expiry: '2026-01-06T00:30:00Z',
  feed_connections: [{ id: 1, state: 'connected', instruments: 812 }],
  gaps: [],
};

export function brokerRoutes(available: boolean, status = mockBrokerStatus): MockRoute[] {
  return [
    route('GET', /^\/api\/broker\/status$/, () =>
      available
        ? { status: 200, body: status }
        : { status: 404, body: { error: 'not_found', message: 'No such endpoint.' } },
    ),
  ];
}
