import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { LatencyReport } from '../api/types';

export const mockLatency: LatencyReport = {
  stages: [
    {
      name: 'feed_to_core',
      count: 120000,
      p50_us: 4,
      p90_us: 7,
      p99_us: 15,
      p999_us: 60,
      p9999_us: 240,
      max_us: 900,
    },
    {
      name: 'core_to_ws',
      count: 120000,
      p50_us: 20,
      p90_us: 35,
      p99_us: 110,
      p999_us: 400,
      p9999_us: 1500,
      max_us: 5200,
    },
  ],
};

export function opsRoutes(available: boolean): MockRoute[] {
  return [
    route('GET', /^\/api\/latency$/, () =>
      available
        ? { status: 200, body: mockLatency }
        : { status: 501, body: { error: 'not_implemented', message: 'Not implemented.' } },
    ),
    route('GET', /^\/health$/, () => ({ status: 200, body: { status: 'UP', details: {} } })),
  ];
}
