import type { OrderAck, OrderView } from '../../services/api/types';
import { formatPrice, formatQty } from './format';

/**
 * working: with the broker (sent, open, trigger pending); done: filled; cancelled: cancelled by the user from this
 * dashboard, as they asked; failed: rejected, or cancelled otherwise (the kill switch, the exchange).
 */
export type OrderTone = 'working' | 'done' | 'cancelled' | 'failed';

export interface OrderOutcome {
  tone: OrderTone;
  text: string;
}

/**
 * What is said of an order the dashboard sent (the ticket's notice, a basket's placement): the acknowledgement until
 * the order's first live update, then its latest status, with the broker's reason in full when it was rejected or
 * cancelled; an order the user cancelled here (`cancelledHere`) reads as the confirmation it is.
 */
export function orderOutcome(
  ack: OrderAck,
  order: OrderView | undefined,
  cancelledHere = false,
): OrderOutcome {
  const id = order?.order_id ?? ack.order_id ?? `#${ack.client_order_id}`;
  if (!order) {
    return { tone: 'working', text: `Order ${id} sent: ${ack.status}.` };
  }
  const { status } = order;
  const filled =
    order.filled_quantity > 0
      ? `: ${formatQty(order.filled_quantity)} of ${formatQty(order.quantity)} filled at ${formatPrice(order.average_price, order.exchange)}.`
      : '.';
  if (status === 'CANCELLED' && cancelledHere) {
    return { tone: 'cancelled', text: `Order ${id} cancelled${filled}` };
  }
  if (status === 'REJECTED' || status === 'CANCELLED') {
    const reason = order.status_message ? `: ${order.status_message}` : '.';
    return { tone: 'failed', text: `Order ${id} ${status}${reason}` };
  }
  return {
    tone: status === 'COMPLETE' ? 'done' : 'working',
    text: `Order ${id} ${status}${filled}`,
  };
}
