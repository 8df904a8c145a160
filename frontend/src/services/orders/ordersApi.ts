import { baseApi } from '../api/baseApi';
import { normalizeFill, normalizeOrder } from '../api/normalize';
import type { FillView, ModifyOrder, OrderAck, OrderView, PlaceOrder } from '../api/types';

function fillMillis(fill: FillView): number {
  const ms = Date.parse(fill.fill_timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Newest fill first, as the Orders page lists orders: by fill time, then by journal index, so fills of the
 * same millisecond keep the order they were journalled in, the later one first.
 */
export function newestFillFirst(a: FillView, b: FillView): number {
  return fillMillis(b) - fillMillis(a) || b.journal_index - a.journal_index;
}

export const ordersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    orders: build.query<OrderView[], void>({
      query: () => '/api/orders',
      transformResponse: (raw: OrderView[] | null) => (raw ?? []).map(normalizeOrder),
      providesTags: ['Orders'],
    }),
    orderHistory: build.query<OrderView[], string>({
      query: (id) => `/api/orders/${encodeURIComponent(id)}`,
      transformResponse: (raw: OrderView[] | null) => (raw ?? []).map(normalizeOrder),
    }),
    trades: build.query<FillView[], void>({
      query: () => '/api/trades',
      transformResponse: (raw: FillView[] | null) =>
        (raw ?? []).map(normalizeFill).sort(newestFillFirst),
      providesTags: ['Trades'],
    }),
    placeOrder: build.mutation<OrderAck, PlaceOrder>({
      query: (body) => ({ url: '/api/orders', method: 'POST', body }),
      invalidatesTags: ['Orders', 'Funds'],
    }),
    modifyOrder: build.mutation<OrderAck, { id: string; change: ModifyOrder }>({
      query: ({ id, change }) => ({
        url: `/api/orders/${encodeURIComponent(id)}`,
        method: 'PUT',
        body: change,
      }),
      invalidatesTags: ['Orders', 'Funds'],
    }),
    cancelOrder: build.mutation<OrderAck, string>({
      query: (id) => ({ url: `/api/orders/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: ['Orders', 'Funds'],
    }),
  }),
});

export const {
  useOrdersQuery,
  useOrderHistoryQuery,
  useTradesQuery,
  usePlaceOrderMutation,
  useModifyOrderMutation,
  useCancelOrderMutation,
} = ordersApi;
