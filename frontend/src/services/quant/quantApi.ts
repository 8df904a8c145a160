import { baseApi } from '../api/baseApi';
import { normalizeReplayState } from '../api/normalize';
import type { ReplayState } from '../api/types';

export type ExportTable = 'ticks' | 'orders' | 'fills' | 'positions';

/** POST /api/replay/export (see exportJournal.ts); `from` and `to` are ISO-8601 instants. */
/** A table of the journal between two instants; without from, from the journal's start; without to, up to now. */
export interface ExportRequest {
  table: ExportTable;
  from?: string;
  to?: string;
  /** Instruments as tokens or EXCHANGE:SYMBOL keys; every instrument when left out. */
  instruments?: string[];
  format?: 'csv' | 'jsonl';
}

export const quantApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    replayState: build.query<ReplayState, string>({
      query: (at) => ({ url: '/api/replay/state', params: { at } }),
      transformResponse: (raw: Partial<ReplayState> | null) => normalizeReplayState(raw),
    }),
  }),
});

export const { useLazyReplayStateQuery } = quantApi;
