import { baseApi } from '../api/baseApi';
import type { LatencyReport } from '../api/types';

export interface Health {
  status: string;
  details?: Record<string, unknown>;
}

export const opsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    latency: build.query<LatencyReport, void>({
      query: () => '/api/latency',
      transformResponse: (raw: Partial<LatencyReport>): LatencyReport => ({
        stages: raw.stages ?? [],
      }),
    }),
    health: build.query<Health, void>({
      query: () => '/health',
    }),
    audit: build.query<unknown[], void>({
      query: () => '/api/audit',
    }),
  }),
});

export const { useLatencyQuery, useHealthQuery, useAuditQuery } = opsApi;

export const PERCENTILES = [
  { key: 'p50_us', label: '50%' },
  { key: 'p90_us', label: '90%' },
  { key: 'p99_us', label: '99%' },
  { key: 'p999_us', label: '99.9%' },
  { key: 'p9999_us', label: '99.99%' },
  { key: 'max_us', label: 'max' },
] as const;
