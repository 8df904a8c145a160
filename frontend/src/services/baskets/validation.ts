import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import { errorBody } from '../api/errors';
import type { Basket, BasketItem, BasketItemRequest, PlaceOrder } from '../api/types';
import {
  ORDER_TYPES,
  defaultTicket,
  isDerivativeExchange,
  needsPrice,
  needsProtection,
  needsTrigger,
  quantityInLots,
  serverFieldError,
  validateTicket,
} from '../orders/validation';
import type { Side, TicketForm } from '../orders/validation';
import { MAX_BASKET_NAME } from './basketsApi';

export const BASKET_ORDER_TYPES = ORDER_TYPES;
export type BasketOrderType = (typeof ORDER_TYPES)[number];

/** The varieties a basket's order may have: Kite's baskets hold regular and after-market orders. */
export const BASKET_VARIETIES = ['regular', 'amo'] as const;
export type BasketVariety = (typeof BASKET_VARIETIES)[number];

export const BASKET_VALIDITIES = ['DAY', 'IOC'] as const;
export type BasketValidity = (typeof BASKET_VALIDITIES)[number];

/** The market protection that leaves it to the broker (its automatic), what a new MARKET or SL-M order starts with. */
export const AUTO_PROTECTION = -1;

/** What a basket order's instrument must tell the form. */
export interface BasketInstrument {
  exchange: string;
  tradingsymbol: string;
  /** Kite's segment, which tells an option (see isOption). */
  segment?: string;
  tick_size: number;
  lot_size: number;
}

/** One order of a basket as typed: every number still a string, the quantity in lots. */
export interface BasketOrderForm {
  side: Side;
  order_type: BasketOrderType;
  product: string;
  lots: string;
  price: string;
  trigger_price: string;
  variety: BasketVariety;
  validity: BasketValidity;
  /** A MARKET or SL-M order's market protection as typed: -1 for the broker's automatic, or a percentage. */
  market_protection: string;
  /** The price was typed (or came from the order being changed): the last price no longer fills it in. */
  priceTyped: boolean;
}

export type BasketOrderField =
  | 'lots'
  | 'price'
  | 'trigger_price'
  | 'product'
  | 'order_type'
  | 'variety'
  | 'validity'
  | 'market_protection';

export type BasketOrderErrors = Partial<Record<BasketOrderField, string>>;

export interface BasketOrderValidation {
  errors: BasketOrderErrors;
  /** What the basket keeps; null while a field is wrong. */
  item: BasketItemRequest | null;
  /** The same order as the order ticket sends it, for its margin; null while a field is wrong. */
  order: PlaceOrder | null;
}

const FIELDS: readonly BasketOrderField[] = [
  'lots',
  'price',
  'trigger_price',
  'product',
  'order_type',
  'variety',
  'validity',
  'market_protection',
];

function isField(name: string): name is BasketOrderField {
  return (FIELDS as readonly string[]).includes(name);
}

/** The products offered on an exchange: CNC, MIS or MTF for equity, NRML or MIS for derivatives. */
export function basketProducts(exchange: string): string[] {
  return isDerivativeExchange(exchange) ? ['NRML', 'MIS'] : ['CNC', 'MIS', 'MTF'];
}

/**
 * A new order: one lot, LIMIT (the price the last price until typed), the exchange's delivery product, and for MARKET
 * and SL-M the broker's automatic market protection.
 */
export function defaultBasketOrder(exchange: string, side: Side = 'BUY'): BasketOrderForm {
  return {
    side,
    order_type: 'LIMIT',
    product: basketProducts(exchange)[0] ?? 'CNC',
    lots: '1',
    price: '',
    trigger_price: '',
    variety: 'regular',
    validity: 'DAY',
    market_protection: String(AUTO_PROTECTION),
    priceTyped: false,
  };
}

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The form filled in with an order of a basket, to change it; the quantity in lots of `lotSize`. */
export function basketOrderOf(item: BasketItem, lotSize: number): BasketOrderForm {
  return {
    side: item.transaction_type === 'SELL' ? 'SELL' : 'BUY',
    order_type: oneOf(BASKET_ORDER_TYPES, item.order_type, 'LIMIT'),
    product: item.product,
    lots: quantityInLots(item.quantity, lotSize),
    price: item.price === null ? '' : String(item.price),
    trigger_price: item.trigger_price === null ? '' : String(item.trigger_price),
    variety: oneOf(BASKET_VARIETIES, item.variety, 'regular'),
    validity: oneOf(BASKET_VALIDITIES, item.validity, 'DAY'),
    market_protection: String(item.market_protection ?? AUTO_PROTECTION),
    priceTyped: item.price !== null,
  };
}

/**
 * Checks the order as the order ticket checks one (whole lots, prices on the tick, a price for LIMIT and SL, a
 * trigger for SL and SL-M on the right side of the price, a market protection for MARKET and SL-M, the exchange's
 * products, no IOC after market), and builds what the basket keeps. Fields the order type does not use are left out.
 */
export function validateBasketOrder(
  form: BasketOrderForm,
  instrument: BasketInstrument,
): BasketOrderValidation {
  const ticket: TicketForm = {
    ...defaultTicket(instrument.exchange, instrument.tradingsymbol, form.side),
    order_type: form.order_type,
    product: form.product as TicketForm['product'],
    lots: form.lots,
    price: needsPrice(form.order_type) ? form.price : '',
    trigger_price: needsTrigger(form.order_type) ? form.trigger_price : '',
    variety: form.variety,
    validity: form.validity,
    market_protection: needsProtection(form.order_type) ? form.market_protection : '',
  };
  const { errors: found, request } = validateTicket(ticket, instrument);
  const errors: BasketOrderErrors = {};
  for (const [field, text] of Object.entries(found)) {
    if (isField(field) && text) {
      errors[field] = text;
    }
  }
  if (!basketProducts(instrument.exchange).includes(form.product) && !errors.product) {
    errors.product = `${form.product || 'No product'} is not offered on ${instrument.exchange}: use ${basketProducts(instrument.exchange).join(', ')}.`;
  }
  if (!request || Object.keys(errors).length > 0) {
    return { errors, item: null, order: null };
  }
  return { errors, item: basketItemOf(request, form.variety, form.validity), order: request };
}

/**
 * An order as a basket holds it: Kite's fields without the account, with its variety and validity, and its market
 * protection where it has one (MARKET and SL-M).
 */
export function basketItemOf(
  order: PlaceOrder,
  variety: string,
  validity: string,
): BasketItemRequest {
  return {
    exchange: order.exchange,
    tradingsymbol: order.tradingsymbol,
    transaction_type: order.transaction_type,
    order_type: order.order_type,
    quantity: order.quantity,
    product: order.product,
    price: order.price ?? null,
    trigger_price: order.trigger_price ?? null,
    variety,
    validity,
    ...(order.market_protection === null || order.market_protection === undefined
      ? {}
      : { market_protection: order.market_protection }),
  };
}

/** An order of a basket as a save sends it back: as stored, without the instrument's token. */
export function basketItemRequest(item: BasketItem): BasketItemRequest {
  return {
    exchange: item.exchange,
    tradingsymbol: item.tradingsymbol,
    transaction_type: item.transaction_type,
    order_type: item.order_type,
    quantity: item.quantity,
    product: item.product,
    price: item.price,
    trigger_price: item.trigger_price,
    variety: item.variety,
    validity: item.validity,
    ...(item.market_protection === null || item.market_protection === undefined
      ? {}
      : { market_protection: item.market_protection }),
  };
}

/** The list with the entry at `from` moved to `to`, the others keeping their order. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  const [entry] = result.splice(from, 1);
  if (entry === undefined || to < 0 || to > result.length) {
    return [...items];
  }
  result.splice(to, 0, entry);
  return result;
}

/**
 * The places of the basket's orders in the order the gateway sends them: every BUY first, then every SELL, each in
 * the basket's order, so that the hedges are in place before the sells need margin.
 */
export function sendingOrder(items: readonly { transaction_type: string }[]): number[] {
  const indices = items.map((_item, index) => index);
  return [
    ...indices.filter((index) => items[index]?.transaction_type === 'BUY'),
    ...indices.filter((index) => items[index]?.transaction_type !== 'BUY'),
  ];
}

/**
 * The field of the order at `index` that a gateway refusal names ("items[1].price: needed for a LIMIT or SL order"),
 * with its text; null when it names another order or no field of the form.
 */
export function itemFieldError(
  message: string,
  index: number,
): { field: BasketOrderField; text: string } | null {
  const match = /^items\[(\d+)\]\.(.+)$/.exec(message);
  if (!match?.[2] || Number(match[1]) !== index) {
    return null;
  }
  const found = serverFieldError(match[2]);
  return found && isField(found.field) ? { field: found.field, text: found.text } : null;
}

/**
 * Checks a basket's name as the gateway would: 1 to 40 characters once trimmed, and none of the user's other
 * baskets named the same, whatever the case. Null when it is fine.
 */
export function basketNameError(
  text: string,
  baskets: readonly Basket[],
  ownId?: number,
): string | null {
  const name = text.trim();
  if (name === '') {
    return 'Name is required.';
  }
  if (name.length > MAX_BASKET_NAME) {
    return `Name may have at most ${MAX_BASKET_NAME} characters; it has ${name.length}.`;
  }
  const taken = baskets.find(
    (basket) => basket.id !== ownId && basket.name.toLowerCase() === name.toLowerCase(),
  );
  return taken ? `You have a basket named ${taken.name} already.` : null;
}

/** The gateway's refusal of a basket's name (taken, too long) as the name field's error; null for any other. */
export function basketNameRefusal(
  error: FetchBaseQueryError | SerializedError | undefined,
): string | null {
  const body = errorBody(error);
  if (body?.error === 'name_taken') {
    return body.message || 'You have a basket of that name already.';
  }
  if (body?.error === 'bad_request' && body.message.startsWith('name: ')) {
    return body.message.slice('name: '.length);
  }
  return null;
}
