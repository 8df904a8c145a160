import { useMemo } from 'react';
import { useAppSelector } from '../../store/hooks';
import type { OrderView } from '../api/types';
import { useOrdersQuery } from './ordersApi';

/** Orders from the REST snapshot merged with the live order messages, the last placed first. */
export function useLiveOrders(): { orders: OrderView[]; query: ReturnType<typeof useOrdersQuery> } {
  const query = useOrdersQuery();
  const byKey = useAppSelector((state) => state.orders.byKey);
  const orders = useMemo(
    () =>
      Object.values(byKey).sort(
        (a, b) =>
          b.placed_at.localeCompare(a.placed_at) ||
          b.client_order_id - a.client_order_id ||
          b.journal_index - a.journal_index,
      ),
    [byKey],
  );
  return { orders, query };
}
