import type { PlaceOrder } from '../api/types';
import {
  aboveMostText,
  autosliceRefusal,
  belowLotText,
  freezeExcess,
  icebergLegRefusal,
  takesAutoslice,
} from './autoslice';
import type { FreezeExcess } from './autoslice';

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'] as const;
export const PRODUCTS = ['CNC', 'NRML', 'MIS', 'MTF'] as const;
export const VALIDITIES = ['DAY', 'IOC', 'TTL'] as const;
export const VARIETIES = ['regular', 'amo', 'co', 'iceberg', 'auction'] as const;

export type Side = 'BUY' | 'SELL';

/** The order ticket as typed: every number is still a string. Quantities are in lots. */
export interface TicketForm {
  exchange: string;
  tradingsymbol: string;
  transaction_type: Side;
  order_type: (typeof ORDER_TYPES)[number];
  product: (typeof PRODUCTS)[number];
  lots: string;
  price: string;
  trigger_price: string;
  disclosed_lots: string;
  validity: (typeof VALIDITIES)[number];
  validity_ttl: string;
  variety: (typeof VARIETIES)[number];
  market_protection: string;
  iceberg_legs: string;
  /** The exchange auction an auction order sells into (1 to 8 digits); only variety auction has one. */
  auction_number: string;
  tag: string;
  /**
   * Place a quantity above the most one order may carry (the freeze quantity) as several orders, as Kite's autoslice
   * does; only sent for such a quantity.
   */
  autoslice: boolean;
}

export interface TicketInstrument {
  tick_size: number;
  lot_size: number;
  /** Kite's segment ('NFO-OPT' for an NFO option), which tells an option; see isOption. */
  segment?: string;
  /** The exchange's freeze quantity in units, 0 or absent when none is known; see maxOrderQuantity. */
  freeze_quantity?: number | null;
}

export type TicketErrors = Partial<Record<keyof TicketForm, string>>;

export interface TicketResult {
  errors: TicketErrors;
  request: PlaceOrder | null;
}

const DERIVATIVE_EXCHANGES = new Set(['NFO', 'BFO', 'MCX', 'CDS', 'BCD']);

/** The currency derivatives segments (NSE's CDS, BSE's BCD): they tick in 0.0025 rupees. */
const CURRENCY_EXCHANGES = new Set(['CDS', 'BCD']);

/** The decimals a price of `exchange` is written with: 4 for currency derivatives, 2 for every other segment. */
export function priceDecimals(exchange: string): number {
  return CURRENCY_EXCHANGES.has(exchange) ? 4 : 2;
}

/** True for the F&O, currency and commodity exchanges, where Kite takes no disclosed quantity. */
export function isDerivativeExchange(exchange: string): boolean {
  return DERIVATIVE_EXCHANGES.has(exchange);
}

/** What tells the choices Kite takes for an instrument: its exchange, and whether it is an option. */
export interface ChoiceInstrument {
  exchange: string;
  tradingsymbol: string;
  /** Kite's segment; absent on watchlist items a browser kept before the gateway had it. */
  segment?: string;
}

/**
 * True for an option (CE or PE): by its segment ('NFO-OPT', 'BFO-OPT', ...), or, where the segment is not known, by
 * a derivative's symbol ending in a strike and CE or PE.
 */
export function isOption(instrument: ChoiceInstrument): boolean {
  if (instrument.segment) {
    return instrument.segment.endsWith('-OPT');
  }
  return isDerivativeExchange(instrument.exchange) && /\d(CE|PE)$/.test(instrument.tradingsymbol);
}

/** The roots of the index options, by the symbol: an NFO or BFO option on anything else is a stock option. */
const INDEX_OPTION = /^(NIFTY|BANKNIFTY|FINNIFTY|MIDCPNIFTY|NIFTYNXT50|SENSEX|SENSEX50|BANKEX)\d/;

/** True for an option on an index (NIFTY, BANKNIFTY, SENSEX, ...), on NFO or BFO. */
function isIndexOption(instrument: ChoiceInstrument): boolean {
  return (
    (instrument.exchange === 'NFO' || instrument.exchange === 'BFO') &&
    isOption(instrument) &&
    INDEX_OPTION.test(instrument.tradingsymbol)
  );
}

/**
 * Why Kite refuses an order type for the instrument, or null when it takes it: no MARKET orders for stock options or
 * MCX options, no SL-M for options, nor on BSE.
 */
export function orderTypeRefusal(orderType: string, instrument: ChoiceInstrument): string | null {
  if (orderType === 'MARKET') {
    if (instrument.exchange === 'MCX' && isOption(instrument)) {
      return 'Kite takes no MARKET orders for commodity options: use LIMIT.';
    }
    const stockOption =
      (instrument.exchange === 'NFO' || instrument.exchange === 'BFO') &&
      isOption(instrument) &&
      !isIndexOption(instrument);
    return stockOption ? 'Kite takes no MARKET orders for stock options: use LIMIT.' : null;
  }
  if (orderType !== 'SL-M') {
    return null;
  }
  if (isOption(instrument)) {
    return 'Kite takes no SL-M orders for options: use SL.';
  }
  if (instrument.exchange === 'BSE' || instrument.exchange === 'BFO') {
    return 'Kite takes no SL-M orders on BSE: use SL.';
  }
  return null;
}

/** Why Kite refuses a validity for the instrument, or null when it takes it: no IOC on MCX through its API. */
export function validityRefusal(validity: string, instrument: ChoiceInstrument): string | null {
  return validity === 'IOC' && instrument.exchange === 'MCX'
    ? "Kite takes no IOC orders on MCX through its API (SEBI's rule for algo orders): use DAY."
    : null;
}

/** The exchanges Kite takes iceberg orders on: NSE and BSE equity, NFO and CDS. */
const ICEBERG_EXCHANGES = new Set(['NSE', 'BSE', 'NFO', 'CDS']);

/**
 * Why Kite refuses a variety for the instrument, or null when it takes it: no iceberg orders but on NSE, BSE, NFO
 * and CDS (none on MCX, BFO or BCD), and no cover orders for BANKNIFTY options, stock options or currency options
 * (other index options take them).
 */
export function varietyRefusal(variety: string, instrument: ChoiceInstrument): string | null {
  if (variety === 'iceberg' && !ICEBERG_EXCHANGES.has(instrument.exchange)) {
    return `Iceberg orders are not available on ${instrument.exchange}; they work for NSE and BSE equity, NFO and CDS.`;
  }
  const coveredIndexOption =
    isIndexOption(instrument) && !instrument.tradingsymbol.startsWith('BANKNIFTY');
  return variety === 'co' && isOption(instrument) && !coveredIndexOption
    ? 'Kite takes no cover orders for BANKNIFTY options, stock options or currency options.'
    : null;
}

/**
 * The form with each choice Kite refuses for the instrument replaced by one it takes: MARKET by LIMIT, SL-M by SL,
 * IOC by DAY, a cover order or an iceberg order the exchange takes none of by a regular one. What opens a form on an
 * instrument (a preset, an order carried over) goes through it.
 */
export function offeredChoices<T extends { order_type: string; validity: string; variety: string }>(
  form: T,
  instrument: ChoiceInstrument,
): T {
  return {
    ...form,
    ...(orderTypeRefusal(form.order_type, instrument)
      ? { order_type: form.order_type === 'MARKET' ? 'LIMIT' : 'SL' }
      : {}),
    ...(validityRefusal(form.validity, instrument) ? { validity: 'DAY' } : {}),
    ...(varietyRefusal(form.variety, instrument) ? { variety: 'regular' } : {}),
  };
}

/** True when the order type takes a price: LIMIT and SL. */
export function needsPrice(orderType: string): boolean {
  return orderType === 'LIMIT' || orderType === 'SL';
}

/** True when the order takes a trigger price: SL and SL-M, and a cover order of any type (its stop-loss). */
export function needsTrigger(orderType: string, variety = 'regular'): boolean {
  return orderType === 'SL' || orderType === 'SL-M' || variety === 'co';
}

/** True when the order type takes a market protection: MARKET and SL-M. */
export function needsProtection(orderType: string): boolean {
  return orderType === 'MARKET' || orderType === 'SL-M';
}

/** Kite takes a TTL validity on LIMIT orders only. */
export const TTL_LIMIT_ONLY = 'TTL validity is only for LIMIT orders.';

/** Kite takes no IOC validity on an after-market order. */
export const AMO_NOT_IOC = 'An after-market order cannot be IOC.';

/** What a modify's choices depend on: the order as it is. */
export interface ModifiedOrder {
  exchange?: string | null;
  tradingsymbol?: string | null;
  order_type: string;
  validity: string;
  variety: string;
  market_protection?: number | null;
  parent_order_id?: string | null;
}

/** A cover order's stop-loss leg: the broker placed it, and a modify changes only its trigger. */
function isCoverStopLeg(order: ModifiedOrder): boolean {
  return order.variety === 'co' && Boolean(order.parent_order_id);
}

/** Why a modify may change only the trigger of a cover order's stop-loss leg, as Kite does. */
export const COVER_LEG_TRIGGER_ONLY =
  "Only the trigger of a cover order's stop-loss leg can be modified.";

/**
 * Why a modify cannot change the order's quantity, or null when it can: a cover order's stop-loss leg keeps its
 * entry's, an iceberg leg its own (cancel and place again); the gateway refuses both, as Kite does.
 */
export function modifyQuantityRefusal(order: ModifiedOrder): string | null {
  if (isCoverStopLeg(order)) {
    return COVER_LEG_TRIGGER_ONLY;
  }
  return order.variety === 'iceberg'
    ? "An iceberg leg's quantity cannot be modified: cancel the order and place it again."
    : null;
}

function choiceOf(order: ModifiedOrder): ChoiceInstrument {
  return { exchange: order.exchange ?? '', tradingsymbol: order.tradingsymbol ?? '' };
}

/**
 * Why a modify cannot make the order one of `orderType`, or null when it can: what its variety keeps (a cover order's
 * stop-loss leg its type, its entry MARKET or LIMIT, an auction order LIMIT), what Kite refuses for the instrument,
 * and MARKET or SL-M for an order the broker holds no market protection for (a LIMIT or SL order, or one placed
 * without it), as a modify carries none and SEBI's rule for API orders needs one; the gateway refuses it too.
 */
export function modifyOrderTypeRefusal(orderType: string, order: ModifiedOrder): string | null {
  if (orderType === order.order_type) {
    return null;
  }
  if (isCoverStopLeg(order)) {
    return COVER_LEG_TRIGGER_ONLY;
  }
  if (order.variety === 'co' && orderType !== 'MARKET' && orderType !== 'LIMIT') {
    return "A cover order's entry is a MARKET or LIMIT order.";
  }
  if (order.variety === 'auction') {
    return 'An auction order is a LIMIT order.';
  }
  const refusal = orderTypeRefusal(orderType, choiceOf(order));
  if (refusal) {
    return refusal;
  }
  const protectedAtBroker = needsProtection(order.order_type) && Boolean(order.market_protection);
  return needsProtection(orderType) && !protectedAtBroker
    ? `A ${orderType} order needs market protection (SEBI's rule for API orders), which a modify cannot give: ` +
        `cancel this order and place a ${orderType} one.`
    : null;
}

/**
 * The validities a modify offers: DAY and IOC, and TTL only to keep an order's own, as a modify cannot give the
 * minutes a TTL order lives.
 */
export function modifyValidities(order: ModifiedOrder): (typeof VALIDITIES)[number][] {
  return VALIDITIES.filter((validity) => validity !== 'TTL' || order.validity === 'TTL');
}

/** Why a modify cannot make the order valid `validity`, or null when it can. */
export function modifyValidityRefusal(validity: string, order: ModifiedOrder): string | null {
  if (validity === order.validity) {
    return null;
  }
  if (isCoverStopLeg(order)) {
    return COVER_LEG_TRIGGER_ONLY;
  }
  if (validity === 'IOC' && order.variety === 'amo') {
    return AMO_NOT_IOC;
  }
  return validityRefusal(validity, choiceOf(order));
}

/**
 * The market protection a MARKET or SL-M order takes, as the gateway does: -1 for the broker's automatic, or 1 to 100
 * percent; 0 (none) is refused, SEBI's rule for orders placed through an API.
 */
export const MARKET_PROTECTION_RULE =
  "Market protection: -1 for the broker's automatic, or 1 to 100 percent.";

/** The label of a quantity field: lots where the instrument trades in lots, units otherwise. */
export function quantityLabel(lotSize: number): string {
  return lotSize > 1 ? `Quantity (lots of ${lotSize})` : 'Quantity';
}

/** An order's quantity in units as the lots a form shows for it. */
export function quantityInLots(quantity: number, lotSize: number): string {
  return String(quantity / Math.max(1, lotSize));
}

export interface LotQuantity {
  /** The whole number typed, null when it is none. */
  lots: number | null;
  /** Units sent to the broker: lots × lot size. */
  quantity: number;
  error?: string;
}

/** Reads a quantity typed in lots (in units where the lot size is 1) and converts it to units. */
export function parseLots(text: string, lotSize: number): LotQuantity {
  const size = Math.max(1, lotSize);
  const unit = size > 1 ? 'lots' : 'shares';
  const lots = wholeNumber(text);
  const quantity = (lots ?? 0) * size;
  const typed = text.trim();
  if (lots === null && typed !== '') {
    return { lots, quantity, error: `Quantity: ${typed} is not a whole number of ${unit}.` };
  }
  if (lots === null || lots <= 0) {
    return { lots, quantity, error: `Quantity must be a whole number of ${unit}, at least 1.` };
  }
  if (!Number.isSafeInteger(quantity)) {
    return { lots, quantity, error: `Quantity: ${typed} ${unit} is more than can be sent.` };
  }
  return { lots, quantity };
}

export function defaultTicket(
  exchange: string,
  tradingsymbol: string,
  side: Side,
  lastPrice?: number,
): TicketForm {
  const derivative = isDerivativeExchange(exchange);
  return {
    exchange,
    tradingsymbol,
    transaction_type: side,
    order_type: 'LIMIT',
    product: derivative ? 'NRML' : 'CNC',
    lots: '1',
    price: lastPrice === undefined ? '' : lastPrice.toFixed(priceDecimals(exchange)),
    trigger_price: '',
    disclosed_lots: '',
    validity: 'DAY',
    validity_ttl: '',
    variety: 'regular',
    market_protection: '-1',
    iceberg_legs: '',
    auction_number: '',
    tag: '',
    autoslice: false,
  };
}

function wholeNumber(text: string): number | null {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : null;
}

function decimal(text: string): number | null {
  return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null;
}

/** True when `price` is a whole number of ticks (to a millionth of a tick, for floating point). */
export function onTick(price: number, tickSize: number): boolean {
  const ticks = price / tickSize;
  return Math.abs(ticks - Math.round(ticks)) < 1e-6;
}

function priceError(text: string, tickSize: number, what: string): string | undefined {
  if (text.trim() === '') {
    return `${what} is required for this order type.`;
  }
  const value = decimal(text);
  if (value === null || value <= 0) {
    return `${what} must be a number above 0.`;
  }
  if (!onTick(value, tickSize)) {
    return `${what} must be a multiple of the tick size ${tickSize}.`;
  }
  return undefined;
}

const SERVER_FIELDS: Record<string, keyof TicketForm> = {
  quantity: 'lots',
  disclosed_quantity: 'disclosed_lots',
  iceberg_quantity: 'iceberg_legs',
  autoslice: 'lots',
};

/**
 * Maps a gateway field error ("request.quantity: must be greater than 0", Java or wire field names) to the
 * ticket field it belongs to, or null when it names none.
 */
export function serverFieldError(
  message: string,
): { field: keyof TicketForm; text: string } | null {
  const match = /^(?:[a-z]+\.)?([A-Za-z_]+): (.+)$/.exec(message);
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const name = match[1].replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const field = SERVER_FIELDS[name] ?? name;
  const known: (keyof TicketForm)[] = Object.keys(
    defaultTicket('NSE', 'X', 'BUY'),
  ) as (keyof TicketForm)[];
  return known.includes(field as keyof TicketForm)
    ? { field: field as keyof TicketForm, text: match[2] }
    : null;
}

/** The error of a modify's price or trigger price as typed, or undefined when it is a number above 0. */
export function modifyPriceError(text: string, what: string): string | undefined {
  const value = decimal(text);
  return value === null || value <= 0 ? `${what} must be a number above 0.` : undefined;
}

/** What the variety's order is called in a sentence: "a cover order". */
const VARIETY_ORDER: Partial<Record<string, string>> = {
  co: 'a cover order',
  auction: 'an auction order',
  iceberg: 'an iceberg order',
};

/**
 * The ticket's quantity against the instrument's freeze quantity: the excess when it is above the most one order may
 * carry, else null (also while the quantity is not a number, and for an iceberg order, whose legs are each held to it
 * instead).
 */
export function ticketFreezeExcess(
  form: Pick<TicketForm, 'lots' | 'variety'>,
  instrument: TicketInstrument,
): FreezeExcess | null {
  const { quantity, error } = parseLots(form.lots, instrument.lot_size);
  return error || form.variety === 'iceberg' ? null : freezeExcess(quantity, instrument);
}

/**
 * Why the quantity cannot go as the ticket has it for the freeze quantity, or undefined when it can: above the most
 * one order may carry, it goes with autoslice ticked (regular and amo orders), in at most 10 orders.
 */
function freezeError(form: TicketForm, excess: FreezeExcess): string | undefined {
  if (excess.most <= 0) {
    return belowLotText(excess.freeze, excess.lot);
  }
  const above = aboveMostText(excess);
  if (!takesAutoslice(form.variety)) {
    return `${above}: ${VARIETY_ORDER[form.variety] ?? 'such an order'} is not autosliced; place it as several orders.`;
  }
  const refusal = autosliceRefusal(excess);
  if (refusal) {
    return form.autoslice ? refusal : `${above}. ${refusal}`;
  }
  return form.autoslice
    ? undefined
    : `${above}: tick Autoslice to place it as ${excess.slices.length} orders, or lower the quantity.`;
}

/** Checks the ticket field by field, the way Kite and the risk engine would, and builds the request. */
export function validateTicket(form: TicketForm, instrument: TicketInstrument): TicketResult {
  const errors: TicketErrors = {};
  const lotSize = Math.max(1, instrument.lot_size);
  const unit = lotSize > 1 ? 'lots' : 'shares';
  const priced = needsPrice(form.order_type);
  const triggered = needsTrigger(form.order_type, form.variety);

  if (!form.exchange || !form.tradingsymbol) {
    errors.tradingsymbol = 'Pick an instrument.';
  }
  const { lots, quantity, error: lotsError } = parseLots(form.lots, lotSize);
  errors.lots = lotsError;
  // The exchange refuses an order above its freeze quantity: Kite's autoslice places it as several orders.
  const excess = ticketFreezeExcess(form, instrument);
  if (excess) {
    errors.lots = freezeError(form, excess);
  }
  const autoslice = excess !== null && errors.lots === undefined;

  let price: number | null = null;
  if (priced) {
    errors.price = priceError(form.price, instrument.tick_size, 'Price');
    price = decimal(form.price);
  } else if (form.price.trim() !== '' && form.price.trim() !== '0') {
    errors.price = `A ${form.order_type} order takes no price.`;
  }

  let trigger: number | null = null;
  if (triggered) {
    errors.trigger_price = priceError(form.trigger_price, instrument.tick_size, 'Trigger price');
    trigger = decimal(form.trigger_price);
    if (
      !errors.trigger_price &&
      !errors.price &&
      price !== null &&
      trigger !== null &&
      form.order_type === 'SL'
    ) {
      if (form.transaction_type === 'BUY' && trigger > price) {
        errors.trigger_price = 'For a stop-loss buy the trigger price must not be above the price.';
      }
      if (form.transaction_type === 'SELL' && trigger < price) {
        errors.trigger_price =
          'For a stop-loss sell the trigger price must not be below the price.';
      }
    }
  } else if (form.trigger_price.trim() !== '' && form.trigger_price.trim() !== '0') {
    errors.trigger_price = `A ${form.order_type} order takes no trigger price.`;
  }

  const derivative = isDerivativeExchange(form.exchange);
  if (derivative && (form.product === 'CNC' || form.product === 'MTF')) {
    errors.product = `${form.product} is for equity delivery; use NRML or MIS on ${form.exchange}.`;
  } else if (!derivative && form.product === 'NRML') {
    errors.product = 'NRML is for derivatives; use CNC, MTF or MIS for equity.';
  } else if (form.variety === 'co' && form.product !== 'MIS') {
    errors.product = 'A cover order must be MIS.';
  }

  // Kite takes a disclosed quantity for equity only; the ticket hides the field for derivatives.
  let disclosed: number | null = null;
  if (!derivative && form.disclosed_lots.trim() !== '') {
    const disclosedLots = wholeNumber(form.disclosed_lots);
    if (disclosedLots === null || disclosedLots < 0) {
      errors.disclosed_lots = `Disclosed quantity must be a whole number of ${unit}.`;
    } else if (disclosedLots > 0) {
      disclosed = disclosedLots * lotSize;
      if (lots !== null && disclosedLots > lots) {
        errors.disclosed_lots = 'Disclosed quantity cannot exceed the quantity.';
      } else if (quantity > 0 && disclosed * 10 < quantity) {
        errors.disclosed_lots = 'Disclosed quantity must be at least 10% of the quantity.';
      }
    }
  }

  const choice = { ...form, segment: instrument.segment };
  errors.order_type = orderTypeRefusal(form.order_type, choice) ?? undefined;
  errors.variety = varietyRefusal(form.variety, choice) ?? undefined;

  let ttl: number | null = null;
  if (form.validity === 'TTL') {
    ttl = wholeNumber(form.validity_ttl);
    if (ttl === null || ttl < 1 || ttl > 1440) {
      errors.validity_ttl = 'TTL validity needs a lifetime of 1 to 1440 minutes.';
    }
    if (form.order_type !== 'LIMIT') {
      errors.validity = TTL_LIMIT_ONLY;
    }
  } else if (form.validity === 'IOC' && form.variety === 'amo') {
    errors.validity = AMO_NOT_IOC;
  } else {
    errors.validity = validityRefusal(form.validity, choice) ?? undefined;
  }

  let protection: number | null = null;
  if (needsProtection(form.order_type)) {
    protection = wholeNumber(form.market_protection);
    if (protection === null || protection === 0 || protection < -1 || protection > 100) {
      errors.market_protection = MARKET_PROTECTION_RULE;
    }
  }

  let legs: number | null = null;
  if (form.variety === 'iceberg') {
    legs = wholeNumber(form.iceberg_legs);
    if (legs === null || legs < 2 || legs > 10) {
      errors.iceberg_legs = 'An iceberg order needs 2 to 10 legs.';
    } else if (lots !== null && lots < legs) {
      errors.iceberg_legs = 'An iceberg order needs at least one lot per leg.';
    } else if (lots !== null) {
      errors.iceberg_legs =
        icebergLegRefusal(Math.ceil(lots / legs) * lotSize, quantity, instrument) ?? undefined;
    }
  }

  // Kite's auctions buy delivery stock the seller holds: a CNC LIMIT sell of holdings into a numbered auction.
  const auction = form.variety === 'auction';
  if (auction) {
    if (!/^\d{1,8}$/.test(form.auction_number.trim())) {
      errors.auction_number = "An auction order needs the auction's number: 1 to 8 digits.";
    }
    if (form.transaction_type !== 'SELL') {
      errors.variety = 'An auction order sells holdings into the auction: switch to SELL.';
    }
    if (form.order_type !== 'LIMIT') {
      errors.order_type = 'An auction order is a LIMIT order.';
    }
    if (form.product !== 'CNC' && !errors.product) {
      errors.product = 'An auction order sells delivery holdings: CNC.';
    }
  }

  if (form.tag.length > 20 || !/^[A-Za-z0-9]*$/.test(form.tag)) {
    errors.tag = 'Tag: up to 20 letters and digits.';
  }

  for (const key of Object.keys(errors) as (keyof TicketForm)[]) {
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
      exchange: form.exchange,
      tradingsymbol: form.tradingsymbol,
      transaction_type: form.transaction_type,
      order_type: form.order_type,
      product: form.product,
      quantity,
      price,
      trigger_price: trigger,
      disclosed_quantity: disclosed,
      validity: form.validity,
      validity_ttl: ttl,
      variety: form.variety,
      market_protection: protection,
      iceberg_legs: legs,
      iceberg_quantity: legs === null ? null : Math.ceil((lots ?? 0) / legs) * lotSize,
      auction_number: auction ? form.auction_number.trim() : null,
      tag: form.tag === '' ? null : form.tag,
      ...(autoslice ? { autoslice: true } : {}),
    },
  };
}
