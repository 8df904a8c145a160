import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { BrokerStatus } from '../api/types';

export const mockBrokerStatus: BrokerStatus = {
  simulated: false,
  connected: true,
  user_id: 'AB1234',
  token_expiry: '2026-01-06T00:30:00Z',
  feed_connections: [{ id: 1, state: 'connected', instruments: 812 }],
  gaps: [],
  accounts: [
    {
      account_id: 1,
      state: 'connected',
      broker_user_id: 'AB1234',
      token_expiry_epoch_ms: Date.parse('2026-01-06T00:30:00Z'),
    },
  ],
};

export function brokerRoutes(available: boolean, status = mockBrokerStatus): MockRoute[] {
  return [
    route('GET', /^\/api\/broker\/status$/, () =>
      available
        ? { status: 200, body: status }
        : {
            status: 404,
            body: { error: 'not_found', message: 'no such path: /api/broker/status' },
          },
    ),
  ];
}
