import { createSlice } from '@reduxjs/toolkit';
import { liveBatch } from '../live/liveActions';
import { loggedOut, sessionEnded } from '../auth/sessionSlice';
import type { OrderView } from '../api/types';
import { ordersApi } from './ordersApi';

export interface OrdersState {
  /** Latest view of each order, keyed by account and client order id. */
  byKey: Record<string, OrderView>;
}

export function orderKey(order: Pick<OrderView, 'account_id' | 'client_order_id'>): string {
  return `${order.account_id}:${order.client_order_id}`;
}

/** The states of an order still working at the exchange (or on its way there): it may fill yet. */
const OPEN_STATES = new Set([
  'OPEN',
  'PENDING',
  'TRIGGER PENDING',
  'AMO REQ RECEIVED',
  'MODIFY PENDING',
  'PUT ORDER REQ RECEIVED',
  'VALIDATION PENDING',
  'OPEN PENDING',
]);

export function isOpenOrder(order: Pick<OrderView, 'status'>): boolean {
  return OPEN_STATES.has(order.status);
}

function upsert(state: OrdersState, order: OrderView): void {
  const key = orderKey(order);
  const existing = state.byKey[key];
  if (!existing || existing.journal_index <= order.journal_index) {
    state.byKey[key] = order;
  }
}

const ordersSlice = createSlice({
  name: 'orders',
  initialState: { byKey: {} } as OrdersState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(liveBatch, (state, action) => {
        for (const order of action.payload.orders) {
          upsert(state, order);
        }
      })
      .addCase(loggedOut, () => ({ byKey: {} }))
      .addCase(sessionEnded, () => ({ byKey: {} }))
      .addMatcher(ordersApi.endpoints.orders.matchFulfilled, (state, action) => {
        for (const order of action.payload) {
          upsert(state, order);
        }
      });
  },
});

export const ordersReducer = ordersSlice.reducer;
