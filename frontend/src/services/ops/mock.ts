import { route } from '../api/mockFetch';
import type { MockReply, MockRoute } from '../api/mockFetch';
import type {
  AuditEntry,
  LatencyPoint,
  LatencyReport,
  LatencyStage,
  LatencySummary,
} from '../api/types';

export function mockSummary(overrides: Partial<LatencySummary> = {}): LatencySummary {
  return {
    count: 120_000,
    mean_us: 1.2,
    p50_us: 0.9,
    p90_us: 1.4,
    p99_us: 3.1,
    p999_us: 12,
    p9999_us: 40,
    max_us: 55,
    ...overrides,
  };
}

/**
 * Points the way HdrHistogram's percentile iteration lays them out (halving the distance to 100% each
 * step), interpolated log-linearly between the summary's percentiles.
 */
export function mockDistribution(summary: LatencySummary): LatencyPoint[] {
  const {
    p50_us: p50,
    p90_us: p90,
    p99_us: p99,
    p999_us: p999,
    p9999_us: p9999,
    max_us: max,
  } = summary;
  if (
    summary.count === 0 ||
    p50 == null ||
    p90 == null ||
    p99 == null ||
    p999 == null ||
    p9999 == null ||
    max == null
  ) {
    return [];
  }
  const anchors: [number, number][] = [
    [0, p50 / 2],
    [50, p50],
    [90, p90],
    [99, p99],
    [99.9, p999],
    [99.99, p9999],
    [100, max],
  ];
  const valueAt = (percentile: number) => {
    const upper = anchors.findIndex(([p]) => p >= percentile);
    const below = anchors[upper - 1];
    const above = anchors[upper];
    if (!below || !above) {
      return p50 / 2;
    }
    const [p0, v0] = below;
    const [p1, v1] = above;
    const share = (percentile - p0) / (p1 - p0);
    return Math.exp(Math.log(v0) + share * (Math.log(v1) - Math.log(v0)));
  };
  const points: LatencyPoint[] = [];
  for (let half = 0; half < 7; half += 1) {
    const from = 100 - 100 / 2 ** half;
    const to = 100 - 100 / 2 ** (half + 1);
    for (let tick = 0; tick < 5; tick += 1) {
      const percentile = from + ((to - from) * tick) / 5;
      points.push({ percentile, value_us: valueAt(percentile) });
    }
  }
  points.push({ percentile: 100, value_us: max });
  return points;
}

const EMPTY = mockSummary({
  count: 0,
  mean_us: null,
  p50_us: null,
  p90_us: null,
  p99_us: null,
  p999_us: null,
  p9999_us: null,
  max_us: null,
});

export function mockStage(
  name: string,
  path: string,
  description: string,
  total: LatencySummary,
  interval: LatencySummary = total.count >= 100 ? { ...total, count: total.count / 100 } : EMPTY,
  recent: LatencySummary = total.count >= 100 ? { ...total, count: total.count / 10 } : EMPTY,
): LatencyStage {
  return {
    name,
    path,
    description,
    interval,
    recent,
    total,
    distribution: mockDistribution(total),
  };
}

export function mockLatency(overrides: Partial<LatencyReport> = {}): LatencyReport {
  return {
    started_at: '2026-01-05T03:45:00Z',
    interval_start: '2026-01-05T03:59:59Z',
    interval_end: '2026-01-05T04:00:00Z',
    stages: [
      mockStage('feed_decode', 'market_data', 'socket → decoded', mockSummary()),
      mockStage(
        'journal',
        'market_data',
        'decoded → journaled',
        mockSummary({ mean_us: 2.5, p50_us: 2.1, p90_us: 3.2, p99_us: 9, p999_us: 35 }),
      ),
      mockStage(
        'core',
        'market_data',
        'journaled → core done',
        mockSummary({ mean_us: 0.6, p50_us: 0.4, p90_us: 0.8, p99_us: 2.2, p999_us: 8 }),
      ),
      mockStage(
        'publish',
        'market_data',
        'core done → published to the gateway',
        mockSummary({
          mean_us: 3,
          p50_us: 2.4,
          p90_us: 4.5,
          p99_us: 14,
          p999_us: 60,
          p9999_us: 120,
          max_us: 180,
        }),
      ),
      mockStage(
        'ws_write',
        'market_data',
        'published → WebSocket written',
        mockSummary({
          mean_us: 24,
          p50_us: 18,
          p90_us: 35,
          p99_us: 110,
          p999_us: 400,
          p9999_us: 900,
          max_us: 1400,
        }),
      ),
      mockStage(
        'tick_to_ws',
        'market_data',
        'socket → WebSocket written, end to end',
        mockSummary({
          mean_us: 33,
          p50_us: 26,
          p90_us: 48,
          p99_us: 150,
          p999_us: 520,
          p9999_us: 1500,
          max_us: 5200,
        }),
      ),
      mockStage(
        'order_risk',
        'orders',
        'API received → risk checked',
        mockSummary({
          count: 42,
          mean_us: 8,
          p50_us: 7,
          p90_us: 11,
          p99_us: 20,
          p999_us: 20,
          p9999_us: 20,
          max_us: 20,
        }),
      ),
      mockStage(
        'order_send',
        'orders',
        'risk checked → sent to broker',
        mockSummary({
          count: 42,
          mean_us: 15,
          p50_us: 12,
          p90_us: 22,
          p99_us: 60,
          p999_us: 60,
          p9999_us: 60,
          max_us: 60,
        }),
      ),
      mockStage(
        'broker_ack',
        'orders',
        'sent to broker → broker ack',
        mockSummary({
          count: 42,
          mean_us: 1800,
          p50_us: 1500,
          p90_us: 2600,
          p99_us: 9000,
          p999_us: 9000,
          p9999_us: 9000,
          max_us: 9000,
        }),
      ),
      mockStage(
        'order_update',
        'orders',
        'broker ack → order update out of the core',
        EMPTY,
        EMPTY,
      ),
    ],
    throughput: {
      commands_in_per_s: 1204,
      events_out_per_s: 1198,
      ticks_per_s: 1200,
      ws_messages_per_s: 950,
      ws_conflated_per_s: 12,
      commands_in_total: 1_083_600,
      events_out_total: 1_078_200,
      ws_messages_total: 855_000,
      ws_conflated_total: 10_800,
      ring_full_total: 0,
      decode_errors_total: 0,
      rejects_total: 3,
    },
    persister: { lag_events: 180, lag_ms: 150 },
    threads: [
      {
        name: 'qleap-core',
        scheduling_class: 'deadline',
        cpu_share: 0.1734,
        wait_share: 0.0041,
        cpu_seconds_total: 812.5,
        wait_seconds_total: 19.2,
      },
    ],
    ...overrides,
  };
}

export function mockAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 7,
    journal_index: 1042,
    user_id: '5b0a4c1e-0000-4000-8000-000000000001',
    username: 'olga',
    engine_account_id: 1,
    event_type: 'order_placed',
    detail: { client_order_id: 101 },
    occurred_at: '2026-01-05T03:58:00Z',
    ...overrides,
  };
}

/** `/health` as an ops user sees it: the data folder's disk with 12 GiB of 50 GiB free. */
export function mockHealth(): MockReply {
  return {
    status: 200,
    body: {
      name: 'quantumleap',
      status: 'UP',
      details: {
        diskSpace: {
          name: 'quantumleap',
          status: 'UP',
          details: { total: 50 * 2 ** 30, free: 12 * 2 ** 30, threshold: 2 ** 30 },
        },
      },
    },
  };
}

export function opsRoutes(
  available: boolean,
  report: LatencyReport = mockLatency(),
  health: MockReply = mockHealth(),
): MockRoute[] {
  return [
    route('GET', /^\/api\/latency$/, () =>
      available
        ? { status: 200, body: report }
        : { status: 501, body: { error: 'not_implemented', message: 'Not implemented.' } },
    ),
    route('GET', /^\/health$/, () => health),
    route('GET', /^\/api\/audit$/, (request) =>
      !available
        ? { status: 404, body: { error: 'not_found', message: 'no such path: /api/audit' } }
        : request.query.get('type') === 'BROKER_CONVERSION'
          ? { status: 200, body: [] }
          : request.query.get('user') === null
            ? {
                status: 200,
                body: [
                  mockAuditEntry({
                    id: 6,
                    user_id: null,
                    username: null,
                    event_type: 'BROKER_CONVERSION',
                    detail: { instrument_token: 408065, quantity: 5 },
                  }),
                  mockAuditEntry(),
                  mockAuditEntry({
                    id: 8,
                    journal_index: null,
                    event_type: 'order_modify',
                    detail: {
                      order_id: '2512040001',
                      transaction_type: 'BUY',
                      quantity: 10,
                      price: 1500,
                      trigger_price: null,
                      changes: { price: { from: 1500, to: 1501 } },
                    },
                  }),
                  mockAuditEntry({
                    id: 9,
                    journal_index: null,
                    user_id: null,
                    username: null,
                    engine_account_id: null,
                    event_type: 'login_failed',
                    detail: { username: 'mallory', address: '10.0.0.9' },
                    occurred_at: '2026-01-05T03:59:00Z',
                  }),
                  mockAuditEntry({
                    id: 10,
                    journal_index: null,
                    engine_account_id: null,
                    event_type: 'broker_connect_started',
                    detail: { account_id: 3 },
                    occurred_at: '2026-01-05T04:00:00Z',
                  }),
                ],
              }
            : request.query.get('user') === 'olga'
              ? { status: 200, body: [mockAuditEntry()] }
              : {
                  status: 404,
                  body: {
                    error: 'not_found',
                    message: `user: no user named '${request.query.get('user') ?? ''}'; leave user out for everyone's trail`,
                  },
                },
    ),
  ];
}
