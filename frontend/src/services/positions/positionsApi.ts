import { baseApi } from '../api/baseApi';
import type { ConvertPosition, ConvertedPosition, PositionView } from '../api/types';

export const positionsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    positions: build.query<PositionView[], void>({
      query: () => '/api/positions',
      transformResponse: (raw: PositionView[] | null) => raw ?? [],
      providesTags: ['Positions'],
    }),
    // No tag invalidated: the converted positions arrive on the live feed, as a fill's do.
    convertPosition: build.mutation<ConvertedPosition, ConvertPosition>({
      query: (body) => ({ url: '/api/positions', method: 'PUT', body }),
    }),
  }),
});

export const { usePositionsQuery, useConvertPositionMutation } = positionsApi;
