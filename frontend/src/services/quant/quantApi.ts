import { baseApi } from '../api/baseApi';

export type ExportTable = 'ticks' | 'orders' | 'fills' | 'positions';

export interface ExportRequest {
  table: ExportTable;
  from: string;
  to: string;
}

export const quantApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    replayState: build.query<unknown, string>({
      query: (at) => ({ url: '/api/replay/state', params: { at } }),
    }),
    exportReplay: build.mutation<string, ExportRequest>({
      query: (body) => ({
        url: '/api/replay/export',
        method: 'POST',
        body,
        responseHandler: 'text',
      }),
    }),
  }),
});

export const { useLazyReplayStateQuery, useExportReplayMutation } = quantApi;
