import type { Middleware, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { skipToken } from '@reduxjs/toolkit/query';
import { selectAccountArg } from '../accounts/accountsSlice';
import type { AccountsState } from '../accounts/accountsSlice';
import { baseApi } from '../api/baseApi';
import { ordersApi } from '../orders/ordersApi';
import { positionsApi } from '../positions/positionsApi';
import { reconnected } from './liveActions';

/**
 * REST state besides orders and positions that the socket updates only incrementally, or not at all:
 * refetched where a page has it open, and read afresh by the next page that asks. Orders and positions feed
 * store slices that outlive the pages, so they are read again whether or not a page shows them (and only
 * once: their queries are not invalidated as well).
 */
export const RESYNCED_TAGS = ['Trades', 'Holdings', 'Risk', 'Broker', 'Alerts'] as const;

/**
 * After the live socket reconnects, reads again what may have changed while it was down (the orders and positions
 * of the active account): the server sends no snapshot on connect, so an order placed elsewhere (or filled, or
 * cancelled) in the meantime would otherwise never show. Before GET /api/me has listed the user's accounts they are
 * not read here: the pages' first read, which waits for that answer, is to come.
 */
export const resyncMiddleware: Middleware<
  object,
  unknown,
  ThunkDispatch<unknown, unknown, UnknownAction>
> = (store) => (next) => (action) => {
  const result = next(action);
  if (reconnected.match(action)) {
    const account = selectAccountArg(store.getState() as { accounts: AccountsState });
    if (account !== skipToken) {
      store.dispatch(
        ordersApi.endpoints.orders.initiate(account, { subscribe: false, forceRefetch: true }),
      );
      store.dispatch(
        positionsApi.endpoints.positions.initiate(account, {
          subscribe: false,
          forceRefetch: true,
        }),
      );
    }
    store.dispatch(baseApi.util.invalidateTags([...RESYNCED_TAGS]));
  }
  return result;
};
