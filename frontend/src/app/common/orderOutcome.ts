import type { OrderAck, OrderView } from '../../services/api/types';
import { formatPrice, formatQty } from './format';

/**
 * working: with the broker (sent, open, trigger pending); done: filled; cancelled: cancelled by the user, from this
 * dashboard or elsewhere, as they asked; warning: cancelled by someone else (the exchange, the broker's RMS, the kill
 * switch, an IOC's unfilled rest), which the order's status message says; failed: rejected.
 */
export type OrderTone = 'working' | 'done' | 'cancelled' | 'warning' | 'failed';

export interface OrderOutcome {
  tone: OrderTone;
  text: string;
}

/**
 * What is said of an order the dashboard sent (the ticket's notice, a basket's placement): the acknowledgement until
 * the order's first live update, then its latest status, with the broker's reason in full when it was rejected or
 * cancelled. A cancel without a reason is the user's own, made anywhere (Kite gives those no status message), and one
 * the user made here (`cancelledHere`) is theirs whatever it says: both read as the confirmation they are.
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
  if (status === 'CANCELLED') {
    return cancelledHere || !order.status_message
      ? { tone: 'cancelled', text: `Order ${id} cancelled${filled}` }
      : { tone: 'warning', text: `Order ${id} cancelled${filled} ${order.status_message}` };
  }
  if (status === 'REJECTED') {
    const reason = order.status_message ? `: ${order.status_message}` : '.';
    return { tone: 'failed', text: `Order ${id} ${status}${reason}` };
  }
  return {
    tone: status === 'COMPLETE' ? 'done' : 'working',
    text: `Order ${id} ${status}${filled}`,
  };
}
