import { baseApi } from '../api/baseApi';
import { normalizeLatency } from '../api/normalize';
import type { AuditEntry, LatencyReport, LatencySummary } from '../api/types';

export interface Health {
  status: string;
  details?: Record<string, unknown>;
}

/**
 * The data folder's file system from `/health`'s `diskSpace` check (the journal and the database grow there): its free
 * and total bytes while above the free space it must keep, else the check's error; null when the answer has no such
 * check (a caller who may not see the details).
 */
export function dataDisk(
  health: Health | undefined,
): { up: boolean; free?: number; total?: number; error?: string } | null {
  const check = health?.details?.diskSpace as
    { status?: string; details?: { free?: number; total?: number; error?: string } } | undefined;
  if (!check?.details) {
    return null;
  }
  return { up: check.status === 'UP', ...check.details };
}

/** Whose entries and of which event type; an empty string is no filter. */
export interface AuditFilter {
  user: string;
  type: string;
}

export const opsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    latency: build.query<LatencyReport, void>({
      query: () => '/api/latency',
      transformResponse: (raw: Parameters<typeof normalizeLatency>[0]) => normalizeLatency(raw),
    }),
    /** 503 is an answer too: the status is DOWN, and the details say which check failed. */
    health: build.query<Health, void>({
      query: () => ({
        url: '/health',
        validateStatus: (response: Response) => response.status === 200 || response.status === 503,
      }),
    }),
    /**
     * The last entries of the audit trail: one user's, or with an empty name everyone's and the engine's own (rejects,
     * kill switch, broker sessions, feed gaps, conversions made to follow the broker); of one event type, or of all.
     */
    audit: build.query<AuditEntry[], AuditFilter>({
      query: ({ user, type }) => ({
        url: '/api/audit',
        params: { ...(user === '' ? {} : { user }), ...(type === '' ? {} : { type }), limit: 100 },
      }),
      transformResponse: (raw: AuditEntry[] | null) => (Array.isArray(raw) ? raw : []),
    }),
  }),
});

export const { useLatencyQuery, useHealthQuery, useAuditQuery } = opsApi;

/** The percentiles the table shows, in order. */
export const PERCENTILES: readonly {
  key: Exclude<keyof LatencySummary, 'count'>;
  label: string;
}[] = [
  { key: 'p50_us', label: 'p50' },
  { key: 'p90_us', label: 'p90' },
  { key: 'p99_us', label: 'p99' },
  { key: 'p999_us', label: 'p99.9' },
  { key: 'p9999_us', label: 'p99.99' },
  { key: 'max_us', label: 'max' },
];

/** The paths of the contract, in the order the page shows them. */
export const LATENCY_PATHS = [
  { path: 'market_data', label: 'Market data' },
  { path: 'orders', label: 'Orders' },
] as const;
