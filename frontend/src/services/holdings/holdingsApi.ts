import { accountParams } from '../accounts/request';
import type { AccountArg } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import { normalizeHolding } from '../api/normalize';
import type { Holding } from '../api/types';

export const holdingsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The holdings of the account given (every account of the user's without one). */
    holdings: build.query<Holding[], AccountArg>({
      query: (account) => ({ url: '/api/holdings', ...accountParams(account) }),
      transformResponse: (raw: Holding[] | null) => (raw ?? []).map(normalizeHolding),
      providesTags: ['Holdings'],
    }),
    /** The holdings an exchange auction open now may buy, each with the `auction_number` to sell into. */
    holdingsAuctions: build.query<Holding[], AccountArg>({
      query: (account) => ({ url: '/api/holdings/auctions', ...accountParams(account) }),
      transformResponse: (raw: Holding[] | null) => (raw ?? []).map(normalizeHolding),
      providesTags: ['Holdings'],
    }),
  }),
});

export const { useHoldingsQuery, useHoldingsAuctionsQuery } = holdingsApi;
