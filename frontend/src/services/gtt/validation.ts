import type { Gtt, GttLeg, PlaceGtt } from '../api/types';
import { isDerivativeExchange, onTick, parseLots, quantityInLots } from '../orders/validation';
import type { Side } from '../orders/validation';

/** A single trigger, or two (OCO: one cancels the other), as the API names them. */
export type GttType = 'single' | 'two-leg';

/** A trigger's first leg (the single one, or OCO's lower) or its second (OCO's upper). */
export type GttLegIndex = 0 | 1;

/** What a GTT's instrument must tell the form. */
export interface GttInstrument {
  exchange: string;
  tradingsymbol: string;
  tick_size: number;
  lot_size: number;
}

/** One leg as typed: every number is still a string, the quantity in lots. */
export interface GttLegForm {
  trigger: string;
  price: string;
  lots: string;
  /** The limit price was typed: it no longer follows the trigger value. */
  priceTyped: boolean;
}

/** The GTT form as typed. An OCO's two legs share the side and the product, as Kite's form has them. */
export interface GttForm {
  type: GttType;
  side: Side;
  product: string;
  legs: [GttLegForm, GttLegForm];
}

export type GttField = 'product' | `${'trigger' | 'price' | 'lots'}${GttLegIndex}`;

export type GttErrors = Partial<Record<GttField, string>>;

export interface GttValidation {
  errors: GttErrors;
  request: PlaceGtt | null;
}

/** The products a GTT's orders may have: CNC or MIS on the equity exchanges, NRML or MIS on derivatives. */
export function gttProducts(exchange: string): string[] {
  return isDerivativeExchange(exchange) ? ['NRML', 'MIS'] : ['CNC', 'MIS'];
}

/** The legs a trigger of this type has. */
export function gttLegs(type: GttType): GttLegIndex[] {
  return type === 'single' ? [0] : [0, 1];
}

function emptyLeg(): GttLegForm {
  return { trigger: '', price: '', lots: '1', priceTyped: false };
}

/** A new trigger: single, one lot, the exchange's delivery product (CNC, or NRML on derivatives). */
export function defaultGttForm(exchange: string, side: Side = 'BUY'): GttForm {
  return {
    type: 'single',
    side,
    product: gttProducts(exchange)[0] ?? 'CNC',
    legs: [emptyLeg(), emptyLeg()],
  };
}

/** The form filled in with an existing trigger, to modify it; quantities in lots of `lotSize`. */
export function gttFormOf(gtt: Gtt, lotSize: number): GttForm {
  const type: GttType = gtt.type === 'two-leg' ? 'two-leg' : 'single';
  const leg = (index: GttLegIndex): GttLegForm => {
    const order = gtt.orders[index];
    const trigger = gtt.trigger_values[index];
    if (!order || trigger === undefined) {
      return emptyLeg();
    }
    return {
      trigger: String(trigger),
      price: String(order.price),
      lots: quantityInLots(order.quantity, lotSize),
      priceTyped: order.price !== trigger,
    };
  };
  const first = gtt.orders[0];
  return {
    type,
    side: first?.transaction_type === 'SELL' ? 'SELL' : 'BUY',
    product: first?.product ?? gttProducts(gtt.exchange)[0] ?? 'CNC',
    legs: [leg(0), type === 'two-leg' ? leg(1) : emptyLeg()],
  };
}

/** A leg with its trigger value typed; the limit price follows it until the price itself is typed. */
export function withTrigger(leg: GttLegForm, trigger: string): GttLegForm {
  return { ...leg, trigger, price: leg.priceTyped ? leg.price : trigger };
}

/**
 * True when the broker would refuse `value` as too close to the last price: within 0.25% of it, or within 0.09
 * below a price of 50.
 */
export function tooCloseToLastPrice(value: number, lastPrice: number | undefined): boolean {
  if (lastPrice === undefined || lastPrice <= 0) {
    return false;
  }
  const gap = lastPrice < 50 ? 0.09 : lastPrice * 0.0025;
  return Math.abs(value - lastPrice) < gap - 1e-9;
}

/** A price or trigger value as typed, or null when it is no plain positive decimal. */
export function parsePrice(text: string): number | null {
  return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null;
}

function priceError(text: string, tickSize: number, what: string): string | undefined {
  if (text.trim() === '') {
    return `${what} is required.`;
  }
  const value = parsePrice(text);
  if (value === null || value <= 0) {
    return `${what} must be a positive number.`;
  }
  if (!onTick(value, tickSize)) {
    return `${what} must be a multiple of the tick size ${tickSize}.`;
  }
  return undefined;
}

/**
 * Checks the form field by field, as the broker would (positive prices on the tick, whole lots, the exchange's
 * products, an OCO's lower value below the last price and its upper above), and builds the request.
 */
export function validateGtt(
  form: GttForm,
  instrument: GttInstrument,
  lastPrice: number | undefined,
  accountId?: number,
): GttValidation {
  const errors: GttErrors = {};
  const legs = gttLegs(form.type);
  const oco = form.type === 'two-leg';
  const orders: GttLeg[] = [];
  const triggers: number[] = [];
  for (const index of legs) {
    const leg = form.legs[index];
    const name = oco ? (index === 0 ? 'Lower trigger value' : 'Upper trigger value') : null;
    errors[`trigger${index}`] = priceError(
      leg.trigger,
      instrument.tick_size,
      name ?? 'Trigger value',
    );
    errors[`price${index}`] = priceError(
      leg.price,
      instrument.tick_size,
      oco ? (index === 0 ? 'Lower limit price' : 'Upper limit price') : 'Limit price',
    );
    const { quantity, error } = parseLots(leg.lots, instrument.lot_size);
    errors[`lots${index}`] = error;
    triggers.push(parsePrice(leg.trigger) ?? 0);
    orders.push({
      transaction_type: form.side,
      quantity,
      product: form.product,
      price: parsePrice(leg.price) ?? 0,
    });
  }

  const products = gttProducts(instrument.exchange);
  if (!products.includes(form.product)) {
    errors.product = `${form.product || 'No product'} is not offered on ${instrument.exchange}: use ${products.join(' or ')}.`;
  }

  const [lower = 0, upper = 0] = triggers;
  const known = lastPrice !== undefined && lastPrice > 0;
  if (oco && !errors.trigger0 && known && lower >= lastPrice) {
    errors.trigger0 = `The lower trigger value must be below the last price ${lastPrice}.`;
  }
  if (oco && !errors.trigger1 && known && upper <= lastPrice) {
    errors.trigger1 = `The upper trigger value must be above the last price ${lastPrice}.`;
  }
  if (oco && !errors.trigger0 && !errors.trigger1 && upper <= lower) {
    errors.trigger1 = 'The upper trigger value must be above the lower one.';
  }

  for (const key of Object.keys(errors) as GttField[]) {
    if (errors[key] === undefined) {
      delete errors[key];
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors, request: null };
  }
  return {
    errors,
    request: {
      ...(accountId === undefined ? {} : { account_id: accountId }),
      type: form.type,
      exchange: instrument.exchange,
      tradingsymbol: instrument.tradingsymbol,
      trigger_values: triggers,
      orders,
    },
  };
}
