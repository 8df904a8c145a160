import { baseApi } from '../api/baseApi';

export interface ExportRequest {
  from: string;
  to: string;
  instruments: number[];
}

export const quantApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    replayState: build.query<unknown, string>({
      query: (at) => ({ url: '/api/replay/state', params: { at } }),
    }),
    exportReplay: build.mutation<unknown, ExportRequest>({
      query: (body) => ({ url: '/api/replay/export', method: 'POST', body }),
    }),
  }),
});

export const { useLazyReplayStateQuery, useExportReplayMutation } = quantApi;
