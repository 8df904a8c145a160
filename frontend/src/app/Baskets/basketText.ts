import type { Basket, PlacedBasketOrder } from '../../services/api/types';
import { AUTO_PROTECTION } from '../../services/baskets/validation';
import { formatPrice, formatQty } from '../common/format';

/** An order of a basket in a line: "BUY 1 INFY CNC LIMIT @ 1,500.00", "SELL 75 NIFTY26JANFUT NRML SL 98.00 / 97.50". */
export function describeBasketOrder(item: {
  transaction_type: string;
  quantity: number;
  tradingsymbol: string;
  exchange?: string;
  product: string;
  order_type: string;
  price?: number | null;
  trigger_price?: number | null;
}): string {
  const head = `${item.transaction_type} ${formatQty(item.quantity)} ${item.tradingsymbol} ${item.product} ${item.order_type}`;
  const price =
    item.price === null || item.price === undefined
      ? ''
      : ` @ ${formatPrice(item.price, item.exchange)}`;
  const trigger =
    item.trigger_price === null || item.trigger_price === undefined
      ? ''
      : ` trigger ${formatPrice(item.trigger_price, item.exchange)}`;
  return `${head}${price}${trigger}`;
}

/**
 * A MARKET or SL-M order's market protection in short: "MP auto" for the broker's automatic (-1), "MP 2%" for a
 * percentage; null for an order without one.
 */
export function protectionText(protection: number | null | undefined): string | null {
  if (protection === null || protection === undefined) {
    return null;
  }
  return protection === AUTO_PROTECTION ? 'MP auto' : `MP ${protection}%`;
}

/** "1 order", "3 orders". */
export function ordersCount(count: number): string {
  return `${count} order${count === 1 ? '' : 's'}`;
}

/** The question asked before deleting a basket, naming it and what it holds. */
export function deleteBasketQuestion(basket: Basket): string {
  return `Delete the basket ${basket.name} and its ${ordersCount(basket.items.length)}?`;
}

/** True when the engine took the order (201, or 202 while it is slow to confirm). */
export function wasPlaced(order: PlacedBasketOrder): boolean {
  return order.http_status < 300;
}

/** Why an order of a basket was refused: "insufficient_funds: needs 1,520.00, has 1,000.00 (HTTP 422)". */
export function refusalText(order: PlacedBasketOrder): string {
  const reason = [order.error, order.message].filter(Boolean).join(': ') || 'refused';
  return `${reason} (HTTP ${order.http_status})`;
}
