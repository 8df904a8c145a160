import { accountParams } from '../accounts/request';
import type { AccountArg } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import { normalizeGtt } from '../api/normalize';
import type { DeletedGtt, Gtt, PlaceGtt } from '../api/types';

/** How often the GTT page reads the triggers again while it is open: the broker fires them by itself. */
export const GTT_POLL_MS = 5_000;

export const gttApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * The triggers of the account given (of every connected account of the user's without one), newest first; deleted
     * ones are left out.
     */
    gtts: build.query<Gtt[], AccountArg>({
      query: (account) => ({ url: '/api/gtt', ...accountParams(account) }),
      transformResponse: (raw: Gtt[] | null) => (raw ?? []).map(normalizeGtt),
      providesTags: ['Gtt'],
    }),
    placeGtt: build.mutation<Gtt, PlaceGtt>({
      query: (body) => ({ url: '/api/gtt', method: 'POST', body }),
      transformResponse: (raw: Gtt) => normalizeGtt(raw),
      invalidatesTags: ['Gtt'],
    }),
    /** Replaces an active trigger's type, values and orders; its instrument cannot change. */
    modifyGtt: build.mutation<Gtt, { id: number; change: PlaceGtt }>({
      query: ({ id, change }) => ({ url: `/api/gtt/${id}`, method: 'PUT', body: change }),
      transformResponse: (raw: Gtt) => normalizeGtt(raw),
      invalidatesTags: ['Gtt'],
    }),
    deleteGtt: build.mutation<DeletedGtt, { id: number; account_id?: number }>({
      query: ({ id, account_id }) => ({
        url: `/api/gtt/${id}`,
        method: 'DELETE',
        ...accountParams(account_id),
      }),
      invalidatesTags: ['Gtt'],
    }),
  }),
});

export const { useGttsQuery, usePlaceGttMutation, useModifyGttMutation, useDeleteGttMutation } =
  gttApi;
