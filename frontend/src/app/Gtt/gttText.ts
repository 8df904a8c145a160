import type { Gtt, GttOrder, GttResult } from '../../services/api/types';
import { formatPrice, formatQty } from '../common/format';

/** "Single", or "OCO" for a two-leg trigger (one cancels the other), as Kite names them. */
export function gttTypeLabel(type: string): string {
  return type === 'two-leg' ? 'OCO' : 'Single';
}

/** The status with a capital: "Active", "Triggered". */
export function gttStatusLabel(status: string): string {
  return status ? status.charAt(0).toUpperCase() + status.slice(1) : 'Unknown';
}

/** One order of a trigger in a line: "SELL 10 CNC @ 1,450.00". */
export function describeGttOrder(order: GttOrder): string {
  return `${order.transaction_type} ${formatQty(order.quantity)} ${order.product} @ ${formatPrice(order.price)}`;
}

/** What a fired trigger's order became: the broker's order id, or why it failed. */
export function gttResultText(result: GttResult): string {
  const at = result.triggered_at > 0 ? ` at ${formatPrice(result.triggered_at)}` : '';
  if (result.status === 'success') {
    return `Fired${at}: order ${result.order_id ?? '(no id)'} placed`;
  }
  return `Fired${at}: order failed${result.rejection_reason ? `: ${result.rejection_reason}` : ''}`;
}

/** The question asked before deleting a trigger, naming it as the table shows it. */
export function deleteGttQuestion(gtt: Gtt): string {
  const values = gtt.trigger_values.map((value) => formatPrice(value, gtt.exchange)).join(' / ');
  const orders = gtt.orders.map(describeGttOrder).join(' / ');
  return (
    `Delete GTT ${gtt.id}: ${gttTypeLabel(gtt.type)} ${gtt.tradingsymbol} (${gtt.exchange}), ` +
    `trigger ${values}, ${orders}?`
  );
}
