import { accountParams } from '../accounts/request';
import type { AccountArg } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import type { BasketMarginRequest, OrderMargin, PlaceOrder, SegmentFunds } from '../api/types';
import { basketItemOf } from '../baskets/validation';
import { isDerivativeExchange } from '../orders/validation';

/** How often a view that shows funds reads them again; fills use margin without an order action here. */
export const FUNDS_POLL_MS = 5_000;

export const fundsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The funds of the account given, each segment's (every account of the user's without one). */
    funds: build.query<SegmentFunds[], AccountArg>({
      query: (account) => ({ url: '/api/margins', ...accountParams(account) }),
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
 * The funds an order on `exchange` draws on: that segment of `account` (the active account), or without one of the
 * first account listed (the user's only account); undefined before they are read or where the broker has none.
 */
export function fundsFor(
  funds: SegmentFunds[] | undefined,
  exchange: string,
  account?: number,
): SegmentFunds | undefined {
  const segment = fundsSegment(exchange);
  const owner = account ?? funds?.[0]?.account_id;
  return funds?.find((entry) => entry.account_id === owner && entry.segment === segment);
}

/**
 * The basket calculator's question that nets `order` against the positions the account holds (a sold option against
 * a bought one of the same underlying, say): the order alone with `consider_positions`. Null where positions cannot
 * hedge it (equity) or where the basket calculator does not take it (a variety other than regular and amo, a
 * validity other than DAY and IOC).
 */
export function positionsMarginRequest(order: PlaceOrder): BasketMarginRequest | null {
  const variety = order.variety ?? 'regular';
  const validity = order.validity ?? 'DAY';
  if (
    !isDerivativeExchange(order.exchange) ||
    (variety !== 'regular' && variety !== 'amo') ||
    (validity !== 'DAY' && validity !== 'IOC')
  ) {
    return null;
  }
  return {
    ...(order.account_id === null || order.account_id === undefined
      ? {}
      : { account_id: order.account_id }),
    consider_positions: true,
    items: [basketItemOf(order, variety, validity)],
  };
}
