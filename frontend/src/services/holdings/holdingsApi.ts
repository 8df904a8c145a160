import { baseApi } from '../api/baseApi';
import { normalizeHolding } from '../api/normalize';
import type { Holding } from '../api/types';

export const holdingsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    holdings: build.query<Holding[], void>({
      query: () => '/api/holdings',
      transformResponse: (raw: Holding[] | null) => (raw ?? []).map(normalizeHolding),
      providesTags: ['Holdings'],
    }),
    /** The holdings an exchange auction open now may buy, each with the `auction_number` to sell into. */
    holdingsAuctions: build.query<Holding[], void>({
      query: () => '/api/holdings/auctions',
      transformResponse: (raw: Holding[] | null) => (raw ?? []).map(normalizeHolding),
      providesTags: ['Holdings'],
    }),
  }),
});

export const { useHoldingsQuery, useHoldingsAuctionsQuery } = holdingsApi;
