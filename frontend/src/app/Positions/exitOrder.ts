import type { PositionView } from '../../services/api/types';
import type { TradableInstrument } from '../../services/market/hooks';
import { PRODUCTS, quantityInLots } from '../../services/orders/validation';
import type { Side, TicketForm } from '../../services/orders/validation';
import type { TicketPreset } from '../OrderTicket/ticketContext';
import { formatQty } from '../common/format';

/** True for a product the order ticket places; a cover order's position is exited through its leg. */
export function isTicketProduct(product: string): product is TicketForm['product'] {
  return (PRODUCTS as readonly string[]).includes(product);
}

/**
 * The order that closes a position: the opposite side, the same product, the whole net quantity (in lots
 * where the instrument trades in lots, as the ticket counts it), at market. The trader checks and sends it.
 */
export function exitOrder(
  position: PositionView,
  instrument: TradableInstrument,
): { side: Side; preset: TicketPreset } {
  const long = position.quantity > 0;
  const units = Math.abs(position.quantity);
  const lots = quantityInLots(units, instrument.lot_size);
  const inLots = instrument.lot_size > 1 ? ` (${lots} lots of ${instrument.lot_size})` : '';
  return {
    side: long ? 'SELL' : 'BUY',
    preset: {
      fields: {
        order_type: 'MARKET',
        product: position.product as TicketForm['product'],
        lots,
      },
      note:
        `Exit: closes the ${long ? 'long' : 'short'} ${position.product} position of ` +
        `${formatQty(units)} ${position.tradingsymbol}${inLots} at market.`,
    },
  };
}
