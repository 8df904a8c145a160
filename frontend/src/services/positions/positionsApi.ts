import { baseApi } from '../api/baseApi';
import type { PositionView } from '../api/types';

export const positionsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    positions: build.query<PositionView[], void>({
      query: () => '/api/positions',
      transformResponse: (raw: PositionView[] | null) => raw ?? [],
      providesTags: ['Positions'],
    }),
  }),
});

export const { usePositionsQuery } = positionsApi;
