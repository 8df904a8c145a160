import type { Holding } from '../../services/api/types';
import type { TradableInstrument } from '../../services/market/hooks';
import { quantityInLots } from '../../services/orders/validation';
import type { TicketPreset } from '../OrderTicket/ticketContext';
import { formatQty } from '../common/format';

/**
 * Shares of a holding a new sell order may still take: those held and those bought the day before (T1, which
 * Kite lets a CNC sell take), less those already in sell orders.
 */
export function sellableQuantity(holding: Holding): number {
  return Math.max(0, holding.quantity + holding.t1_quantity - holding.used_quantity);
}

/**
 * The order that sells a holding, as Kite's Exit on its holdings does: every share still sellable, CNC (delivery),
 * at market. The trader checks it, may change the quantity or the price, and sends it.
 */
export function sellHoldingOrder(holding: Holding, instrument: TradableInstrument): TicketPreset {
  const shares = sellableQuantity(holding);
  const inOrders =
    holding.used_quantity > 0
      ? ` (${formatQty(holding.used_quantity)} more are in sell orders)`
      : '';
  return {
    fields: {
      order_type: 'MARKET',
      product: 'CNC',
      lots: quantityInLots(shares, instrument.lot_size),
    },
    note: `Sell: the ${formatQty(shares)} ${holding.tradingsymbol} shares held${inOrders}, at market.`,
  };
}
