import { accountParams } from '../accounts/request';
import type { AccountArg } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import type { ConvertPosition, ConvertedPosition, PositionView } from '../api/types';

export const positionsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The positions of the account given (every account of the user's without one). */
    positions: build.query<PositionView[], AccountArg>({
      query: (account) => ({ url: '/api/positions', ...accountParams(account) }),
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
