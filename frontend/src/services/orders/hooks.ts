import { useMemo } from 'react';
import { useAppSelector } from '../../store/hooks';
import { ofAccount } from '../accounts/accountsSlice';
import { useAccountArg, useActiveAccount } from '../accounts/hooks';
import type { OrderView } from '../api/types';
import { useOrdersQuery } from './ordersApi';

/**
 * The active account's orders from the REST snapshot merged with the live order messages (which come for every
 * account of the user's), the last placed first.
 */
export function useLiveOrders(): { orders: OrderView[]; query: ReturnType<typeof useOrdersQuery> } {
  const account = useActiveAccount();
  const query = useOrdersQuery(useAccountArg());
  const byKey = useAppSelector((state) => state.orders.byKey);
  const orders = useMemo(
    () =>
      Object.values(byKey)
        .filter((order) => ofAccount(account, order))
        .sort(
          (a, b) =>
            b.placed_at.localeCompare(a.placed_at) ||
            b.client_order_id - a.client_order_id ||
            b.journal_index - a.journal_index,
        ),
    [byKey, account],
  );
  return { orders, query };
}
