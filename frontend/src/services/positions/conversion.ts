import type { ConvertPosition, PositionView } from '../api/types';
import { isDerivativeExchange, parseLots } from '../orders/validation';
import type { Side } from '../orders/validation';

/** Today's trades, or the carry from earlier days. */
export type PositionType = 'day' | 'overnight';

const EQUITY_EXCHANGES = new Set(['NSE', 'BSE']);

/** The products a position of the exchange converts between; MTF is not offered. */
function convertibleProducts(exchange: string): readonly string[] {
  if (EQUITY_EXCHANGES.has(exchange)) {
    return ['MIS', 'CNC'];
  }
  return isDerivativeExchange(exchange) ? ['MIS', 'NRML'] : [];
}

/** The products a position may be converted to; none for a product or exchange that does not convert. */
export function conversionTargets(exchange: string | null | undefined, product: string): string[] {
  const products = convertibleProducts(exchange ?? '');
  return products.includes(product) ? products.filter((other) => other !== product) : [];
}

/** Why a position cannot be converted, or null when it can. */
export function conversionBlocked(position: PositionView): string | null {
  if (position.quantity === 0) {
    return 'The position is flat: nothing to convert.';
  }
  if (conversionTargets(position.exchange, position.product).length > 0) {
    return null;
  }
  const products = convertibleProducts(position.exchange ?? '');
  return products.length === 0
    ? `Positions on ${position.exchange ?? 'an unknown exchange'} are not converted here.`
    : `A ${position.product} position is not converted; on ${position.exchange} ` +
        `${products.join(' and ')} convert into each other.`;
}

/** The side a conversion names: BUY for a long position, SELL for a short one. */
export function conversionSide(position: PositionView): Side {
  return position.quantity > 0 ? 'BUY' : 'SELL';
}

/**
 * How much of the position's side may be converted as a day or an overnight position. Quantities are signed
 * (negative short): the day part is `quantity - overnight_quantity`, and only a part on the side of the net
 * position converts, at most the net quantity.
 */
export function convertibleQuantity(position: PositionView, type: PositionType): number {
  const net = position.quantity;
  const part =
    type === 'overnight' ? position.overnight_quantity : net - position.overnight_quantity;
  return Math.min(Math.abs(net), Math.max(0, Math.sign(net) * part));
}

/** Day only while nothing was carried overnight; otherwise both, the trader choosing. */
export function positionTypes(position: PositionView): PositionType[] {
  return position.overnight_quantity === 0 ? ['day'] : ['day', 'overnight'];
}

/** Day, unless there is an overnight part and no day part to convert. */
export function defaultPositionType(position: PositionView): PositionType {
  return position.overnight_quantity !== 0 && convertibleQuantity(position, 'day') === 0
    ? 'overnight'
    : 'day';
}

/** True where the quantity is counted in lots: an instrument whose lot size is known and above 1 (F&O). */
function inLots(lotSize: number | undefined): lotSize is number {
  return lotSize !== undefined && lotSize > 1;
}

/**
 * The quantity the dialog opens with for the position type: all of it that is open, in whole lots where the
 * instrument trades in lots (as the order ticket counts them), else in units.
 */
export function conversionQuantity(
  position: PositionView,
  type: PositionType,
  lotSize: number | undefined,
): string {
  const most = convertibleQuantity(position, type);
  return String(inLots(lotSize) ? Math.floor(most / lotSize) : most);
}

export interface ConversionForm {
  positionType: PositionType;
  newProduct: string;
  /** As typed: lots where the instrument trades in lots (see conversionQuantity), units otherwise. */
  quantity: string;
}

/** A message per field, and `position` for what is wrong with the position itself. */
export type ConversionErrors = Partial<Record<keyof ConversionForm | 'position', string>>;

export interface ConversionResult {
  errors: ConversionErrors;
  request: ConvertPosition | null;
}

/** Checks the dialog's fields against the position as it is now and builds the request. */
export function validateConversion(
  position: PositionView,
  form: ConversionForm,
  lotSize: number | undefined,
): ConversionResult {
  const blocked = conversionBlocked(position);
  if (blocked) {
    return { errors: { position: blocked }, request: null };
  }
  const errors: ConversionErrors = {};
  const targets = conversionTargets(position.exchange, position.product);
  if (!targets.includes(form.newProduct)) {
    errors.newProduct = `${position.product} converts to ${targets.join(' or ')}.`;
  }
  const most = convertibleQuantity(position, form.positionType);
  const open = `the open ${form.positionType} quantity`;
  let quantity: number | null = null;
  if (most === 0) {
    errors.positionType = `The ${form.positionType} part of the position has nothing to convert.`;
  } else if (inLots(lotSize)) {
    const lots = parseLots(form.quantity, lotSize);
    const mostLots = Math.floor(most / lotSize);
    if (mostLots === 0) {
      errors.quantity = `The open ${form.positionType} quantity of ${most} is less than one lot of ${lotSize}.`;
    } else if (lots.error) {
      errors.quantity = lots.error;
    } else if (lots.quantity > most) {
      errors.quantity = `Quantity must be a whole number of lots from 1 to ${mostLots}, ${open} of ${most}.`;
    } else {
      quantity = lots.quantity;
    }
  } else {
    quantity = /^\s*\d+\s*$/.test(form.quantity) ? Number(form.quantity) : null;
    if (quantity === null || quantity < 1 || quantity > most) {
      errors.quantity = `Quantity must be a whole number from 1 to ${most}, ${open}.`;
    }
  }
  if (Object.keys(errors).length > 0 || quantity === null) {
    return { errors, request: null };
  }
  return {
    errors,
    request: {
      account_id: position.account_id,
      exchange: position.exchange ?? '',
      tradingsymbol: position.tradingsymbol,
      transaction_type: conversionSide(position),
      position_type: form.positionType,
      quantity,
      old_product: position.product,
      new_product: form.newProduct,
    },
  };
}
