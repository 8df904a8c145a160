import { baseApi } from '../api/baseApi';
import type { OrderMargin, PlaceOrder, SegmentFunds } from '../api/types';

/** How often a view that shows funds reads them again; fills use margin without an order action here. */
export const FUNDS_POLL_MS = 5_000;

export const fundsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    funds: build.query<SegmentFunds[], void>({
      query: () => '/api/margins',
      transformResponse: (raw: SegmentFunds[] | null) => raw ?? [],
      providesTags: ['Funds'],
    }),
    /** Asks the broker's margin calculator; nothing is placed. A POST, but a read: cached per order. */
    orderMargin: build.query<OrderMargin, PlaceOrder>({
      query: (order) => ({ url: '/api/margins/orders', method: 'POST', body: order }),
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useFundsQuery, useOrderMarginQuery } = fundsApi;

/** How long an order must stay unchanged in the ticket before its margin is asked for. */
export const MARGIN_SETTLE_MS = 400;

/** How long after a 429 (the broker's rate limit had no slot to spare) the margin is asked for again. */
export const MARGIN_RETRY_MS = 1_000;

/** The segment whose margin an order on `exchange` uses: commodity for MCX, equity for the rest. */
export function fundsSegment(exchange: string): 'equity' | 'commodity' {
  return exchange === 'MCX' ? 'commodity' : 'equity';
}

/**
 * The funds an order on `exchange` draws on: that segment of the first account listed (the account an order
 * without an account goes to), or undefined before they are read or where the broker has none.
 */
export function fundsFor(
  funds: SegmentFunds[] | undefined,
  exchange: string,
): SegmentFunds | undefined {
  const segment = fundsSegment(exchange);
  const first = funds?.[0]?.account_id;
  return funds?.find((entry) => entry.account_id === first && entry.segment === segment);
}
