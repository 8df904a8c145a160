import { accountParams } from '../accounts/request';
import type { AccountArg } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import { normalizeFill, normalizeOrder, normalizeSliced } from '../api/normalize';
import type {
  FillView,
  ModifyOrder,
  OrderAck,
  OrderView,
  PlaceOrder,
  SlicedOrder,
} from '../api/types';

function fillMillis(fill: FillView): number {
  const ms = Date.parse(fill.fill_timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * The order of two exchange trade ids, as numbers of any length: negative when `a` is the lower; 0 when either is
 * missing or not a number.
 */
function compareTradeIds(a: string | null | undefined, b: string | null | undefined): number {
  const left = a?.replace(/^0+(?=\d)/, '') ?? '';
  const right = b?.replace(/^0+(?=\d)/, '') ?? '';
  if (!/^\d+$/.test(left) || !/^\d+$/.test(right)) {
    return 0;
  }
  return left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);
}

/**
 * Newest fill first, as the Orders page lists orders: by fill time, then (the exchange stamps trades to the second)
 * by trade id, the higher first, as the exchange numbers trades in the order it makes them; then by journal index,
 * the later first.
 */
export function newestFillFirst(a: FillView, b: FillView): number {
  return (
    fillMillis(b) - fillMillis(a) ||
    compareTradeIds(b.trade_id, a.trade_id) ||
    b.journal_index - a.journal_index
  );
}

export const ordersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The orders of the account given (every account of the user's without one). */
    orders: build.query<OrderView[], AccountArg>({
      query: (account) => ({ url: '/api/orders', ...accountParams(account) }),
      transformResponse: (raw: OrderView[] | null) => (raw ?? []).map(normalizeOrder),
      providesTags: ['Orders'],
    }),
    /** An order's states by its id; `version` the journal index of its latest live state, so each update reads them again. */
    orderHistory: build.query<OrderView[], { id: string; version: number }>({
      query: ({ id }) => `/api/orders/${encodeURIComponent(id)}`,
      transformResponse: (raw: OrderView[] | null) => (raw ?? []).map(normalizeOrder),
    }),
    trades: build.query<FillView[], AccountArg>({
      query: (account) => ({ url: '/api/trades', ...accountParams(account) }),
      transformResponse: (raw: FillView[] | null) =>
        (raw ?? []).map(normalizeFill).sort(newestFillFirst),
      providesTags: ['Trades'],
    }),
    placeOrder: build.mutation<OrderAck, PlaceOrder>({
      query: (body) => ({ url: '/api/orders', method: 'POST', body }),
      invalidatesTags: ['Orders', 'Funds'],
    }),
    /**
     * Places an order with autoslice: above the most one order may carry (the freeze quantity), as several orders of at
     * most that, answered with each. It carries no client order id, which names one order (the gateway refuses it).
     */
    placeSlicedOrder: build.mutation<SlicedOrder, PlaceOrder>({
      query: (order) => ({
        url: '/api/orders',
        method: 'POST',
        body: { ...order, client_order_id: undefined, autoslice: true },
      }),
      transformResponse: normalizeSliced,
      invalidatesTags: ['Orders', 'Funds'],
    }),
    /** Changes an open order; `account_id` the order's account. */
    modifyOrder: build.mutation<OrderAck, { id: string; change: ModifyOrder; account_id?: number }>(
      {
        query: ({ id, change, account_id }) => ({
          url: `/api/orders/${encodeURIComponent(id)}`,
          method: 'PUT',
          body: change,
          ...accountParams(account_id),
        }),
        invalidatesTags: ['Orders', 'Funds'],
      },
    ),
    /** Cancels an open order: its id, or its id and account. */
    cancelOrder: build.mutation<OrderAck, string | { id: string; account_id?: number }>({
      query: (order) => {
        const { id, account_id } =
          typeof order === 'string' ? { id: order, account_id: undefined } : order;
        return {
          url: `/api/orders/${encodeURIComponent(id)}`,
          method: 'DELETE',
          ...accountParams(account_id),
        };
      },
      invalidatesTags: ['Orders', 'Funds'],
    }),
  }),
});

export const {
  useOrdersQuery,
  useOrderHistoryQuery,
  useTradesQuery,
  usePlaceOrderMutation,
  usePlaceSlicedOrderMutation,
  useModifyOrderMutation,
  useCancelOrderMutation,
} = ordersApi;
