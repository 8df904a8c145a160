import type { PlaceOrder, PositionView } from '../../services/api/types';
import type { TradableInstrument } from '../../services/market/hooks';
import {
  PRODUCTS,
  defaultTicket,
  orderTypeRefusal,
  quantityInLots,
  validateTicket,
} from '../../services/orders/validation';
import type { Side, TicketForm } from '../../services/orders/validation';
import type { TicketPreset } from '../OrderTicket/ticketContext';
import { formatQty, nounFor } from '../common/format';

/** True for a product the order ticket places; a cover order's position is exited through its leg. */
export function isTicketProduct(product: string): product is TicketForm['product'] {
  return (PRODUCTS as readonly string[]).includes(product);
}

/**
 * What the exit does, in words. A CNC position sold below zero is no short: delivery cannot be sold short, so it is
 * shares sold from the holdings (today's sale), and its exit buys them back.
 */
function exitNote(position: PositionView, long: boolean, what: string, how: string): string {
  if (!long && position.product === 'CNC') {
    return `Exit: buys back the ${what} sold from your holdings (CNC) ${how}.`;
  }
  return `Exit: closes the ${long ? 'long' : 'short'} ${position.product} position of ${what} ${how}.`;
}

/**
 * The order that closes a position: the opposite side, the same product, the whole net quantity (in lots
 * where the instrument trades in lots, as the ticket counts it), at market; where Kite takes no MARKET order (a stock
 * or commodity option), a LIMIT order, which the ticket opens at the last price. The trader checks and sends it.
 */
export function exitOrder(
  position: PositionView,
  instrument: TradableInstrument,
): { side: Side; preset: TicketPreset } {
  const long = position.quantity > 0;
  const units = Math.abs(position.quantity);
  const lots = quantityInLots(units, instrument.lot_size);
  const inLots =
    instrument.lot_size > 1
      ? ` (${lots} ${nounFor(Number(lots), 'lot')} of ${instrument.lot_size})`
      : '';
  const noMarket = orderTypeRefusal('MARKET', instrument) !== null;
  return {
    side: long ? 'SELL' : 'BUY',
    preset: {
      fields: {
        order_type: noMarket ? 'LIMIT' : 'MARKET',
        product: position.product as TicketForm['product'],
        lots,
      },
      note: exitNote(
        position,
        long,
        `${formatQty(units)} ${position.tradingsymbol}${inLots}`,
        noMarket
          ? 'with a LIMIT order (Kite takes no MARKET orders on this option): check its price'
          : 'at market',
      ),
    },
  };
}

/** Why a position on an option Kite takes no MARKET order on is not exited at market. */
export const NO_MARKET_EXIT =
  'Kite takes no MARKET orders on this option: exit it with a LIMIT order from its own Exit.';

/**
 * The exit order as the ticket would send it unchanged (see exitOrder), in the position's account; or why it cannot
 * be sent, in the ticket's words. With `autoslice`, one above the most one order may carry goes autosliced, as with
 * the ticket's box ticked. An option Kite takes no MARKET order on is not exited at market: it needs a price.
 */
export function exitRequest(
  position: PositionView,
  instrument: TradableInstrument,
  autoslice = false,
): { request: PlaceOrder } | { problem: string } {
  if (orderTypeRefusal('MARKET', instrument) !== null) {
    return { problem: NO_MARKET_EXIT };
  }
  const { side, preset } = exitOrder(position, instrument);
  const result = validateTicket(
    {
      ...defaultTicket(instrument.exchange, instrument.tradingsymbol, side),
      ...preset.fields,
      autoslice,
    },
    instrument,
  );
  if (!result.request) {
    return { problem: Object.values(result.errors).join(' ') };
  }
  return { request: { ...result.request, account_id: position.account_id } };
}
