import type { Holding, OrderView } from '../../services/api/types';
import type { TradableInstrument } from '../../services/market/hooks';
import { isOpenOrder } from '../../services/orders/ordersSlice';
import { quantityInLots } from '../../services/orders/validation';
import type { TicketPreset } from '../OrderTicket/ticketContext';
import { formatCount, formatQty, nounFor } from '../common/format';

/**
 * Shares of a holding a new sell order may still take: those held and those bought the day before (T1, which
 * Kite lets a CNC sell take), less those already used by sells (sold today, or in sell orders still open).
 */
export function sellableQuantity(holding: Holding): number {
  return Math.max(0, holding.quantity + holding.t1_quantity - holding.used_quantity);
}

/** Shares of the holding in sell orders still open (not those sold): what its open sells of it have yet to fill. */
export function inSellOrders(holding: Holding, orders: OrderView[]): number {
  return orders
    .filter(
      (order) =>
        order.account_id === holding.account_id &&
        order.instrument_token === holding.instrument_token &&
        order.product === holding.product &&
        order.transaction_type === 'SELL' &&
        isOpenOrder(order),
    )
    .reduce((sum, order) => sum + order.pending_quantity, 0);
}

/**
 * How a holding's used quantity (Kite's: the shares its sells took today) splits: those still in open sell orders
 * and those sold; null while the orders are not known. `pending` is what inSellOrders gives.
 */
function usedSplit(
  holding: Holding,
  pending: number | null,
): { open: number; sold: number } | null {
  if (pending === null) {
    return null;
  }
  const open = Math.min(holding.used_quantity, pending);
  return { open, sold: holding.used_quantity - open };
}

/** The shares used beside those the sell takes, in words: "3 more are in sell orders; 9 sold today". */
function usedText(holding: Holding, pending: number | null): string | null {
  const used = holding.used_quantity;
  const split = usedSplit(holding, pending);
  if (used <= 0) {
    return null;
  }
  if (!split) {
    return `${formatQty(used)} more ${nounFor(used, 'is', 'are')} sold or in sell orders`;
  }
  const parts = [
    split.open === 1
      ? '1 more is in a sell order'
      : split.open > 0
        ? `${formatQty(split.open)} more are in sell orders`
        : null,
    split.sold > 0 ? `${formatQty(split.sold)} sold today` : null,
  ];
  return parts.filter((part) => part !== null).join('; ');
}

/** Why a holding has no share left to sell: each is sold today or in a sell order already. */
export function nothingToSell(holding: Holding, pending: number | null): string {
  const held = holding.quantity + holding.t1_quantity;
  const all = held === 1 ? 'The 1 share' : `All ${formatCount(held, 'share')}`;
  const split = usedSplit(holding, pending);
  if (!split) {
    return `${all} ${nounFor(held, 'is', 'are')} sold or in sell orders already`;
  }
  if (split.sold === 0) {
    return held === 1
      ? 'The 1 share is in a sell order already'
      : `${all} are in sell orders already`;
  }
  if (split.open === 0) {
    return `${all} ${nounFor(held, 'was', 'were')} sold today`;
  }
  return `${all} are used: ${formatQty(split.sold)} sold today, ${formatQty(split.open)} in sell orders`;
}

/**
 * The order that sells a holding, as Kite's Exit on its holdings does: every share still sellable, CNC (delivery),
 * at market. The trader checks it, may change the quantity or the price, and sends it. `pending` is the shares in
 * open sell orders (see inSellOrders), null while the orders are not known.
 */
export function sellHoldingOrder(
  holding: Holding,
  instrument: TradableInstrument,
  pending: number | null,
): TicketPreset {
  const shares = sellableQuantity(holding);
  const used = usedText(holding, pending);
  const besides = used ? ` (${used})` : '';
  return {
    fields: {
      order_type: 'MARKET',
      product: 'CNC',
      lots: quantityInLots(shares, instrument.lot_size),
    },
    note: `Sell: the ${formatQty(shares)} ${holding.tradingsymbol} ${nounFor(shares, 'share')} held${besides}, at market.`,
  };
}
