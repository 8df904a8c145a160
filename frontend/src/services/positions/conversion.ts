import type { ConvertPosition, PositionView } from '../api/types';
import { isDerivativeExchange } from '../orders/validation';
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

export interface ConversionForm {
  positionType: PositionType;
  newProduct: string;
  /** As typed. */
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
  const quantity = /^\s*\d+\s*$/.test(form.quantity) ? Number(form.quantity) : null;
  if (most === 0) {
    errors.positionType = `The ${form.positionType} part of the position has nothing to convert.`;
  } else if (quantity === null || quantity < 1 || quantity > most) {
    errors.quantity = `Quantity must be a whole number from 1 to ${most}, the open ${form.positionType} quantity.`;
  } else if (lotSize !== undefined && lotSize > 1 && quantity % lotSize !== 0) {
    errors.quantity = `Quantity must be a multiple of the lot size ${lotSize}.`;
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
