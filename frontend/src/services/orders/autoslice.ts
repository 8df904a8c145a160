/**
 * The exchange's freeze quantity and Kite's autoslice: the most one order of an instrument may carry, and how an order
 * above it is split into orders the exchange takes, as the gateway splits it (`POST /api/orders` with `autoslice`).
 */

/** The most orders one autoslice places, as on Kite; the gateway refuses (400) an order that would take more. */
export const MAX_AUTOSLICE_ORDERS = 10;

/** The varieties the gateway autoslices: regular and after-market orders (an iceberg order's legs are held already). */
export const AUTOSLICE_VARIETIES: readonly string[] = ['regular', 'amo'];

/** True when an order of `variety` may be autosliced. */
export function takesAutoslice(variety: string): boolean {
  return AUTOSLICE_VARIETIES.includes(variety);
}

// Quantities as the rest of the dashboard writes them: Indian digit grouping ("1,00,000").
const units = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

function qty(value: number): string {
  return units.format(value);
}

/**
 * The most one order may carry: the freeze quantity rounded down to whole lots, floor(freeze / lot) × lot, the lot
 * being the lot size where it is above 1, else 1 (NIFTY: freeze 1800, lot 65: 1755). 0 when the freeze quantity is
 * below one lot; null when no freeze quantity is known (absent or 0).
 */
export function maxOrderQuantity(
  freezeQuantity: number | null | undefined,
  lotSize: number,
): number | null {
  if (!freezeQuantity || freezeQuantity <= 0) {
    return null;
  }
  const lot = Math.max(1, lotSize);
  return Math.floor(freezeQuantity / lot) * lot;
}

/**
 * The quantities autoslice places `quantity` as: orders of `most` each, the last taking the rest (1950 by 1755: 1755
 * and 195); the quantity whole where it is within `most`. As many as it takes: more than MAX_AUTOSLICE_ORDERS is the
 * caller's to refuse.
 */
export function sliceQuantities(quantity: number, most: number): number[] {
  if (most <= 0 || quantity <= most) {
    return [quantity];
  }
  const count = Math.ceil(quantity / most);
  return Array.from({ length: count }, (_, index) =>
    index < count - 1 ? most : quantity - most * (count - 1),
  );
}

/** How an order is split: "3 orders: 2 × 1,755 and 1 × 390", "2 orders of 1,755 each", "1 order of 500". */
export function describeSlices(slices: readonly number[]): string {
  const [first = 0] = slices;
  const last = slices[slices.length - 1] ?? 0;
  if (slices.length === 1) {
    return `1 order of ${qty(first)}`;
  }
  if (first === last) {
    return `${slices.length} orders of ${qty(first)} each`;
  }
  return `${slices.length} orders: ${slices.length - 1} × ${qty(first)} and 1 × ${qty(last)}`;
}

/** An order's quantity above what one order of its instrument may carry. */
export interface FreezeExcess {
  /** The order's quantity, in units. */
  quantity: number;
  /** The instrument's freeze quantity, in units. */
  freeze: number;
  /** The instrument's lot, in units (1 where it trades in single units). */
  lot: number;
  /** The most one order may carry (see maxOrderQuantity): 0 when the freeze quantity is below one lot. */
  most: number;
  /** The orders autoslice would place it as (see sliceQuantities). */
  slices: number[];
}

/**
 * The quantity against the instrument's freeze quantity: what is known of the excess when it is above the most one
 * order may carry, null when it is within it or no freeze quantity is known.
 */
export function freezeExcess(
  quantity: number,
  instrument: { lot_size: number; freeze_quantity?: number | null },
): FreezeExcess | null {
  const most = maxOrderQuantity(instrument.freeze_quantity, instrument.lot_size);
  if (most === null || quantity <= most || !instrument.freeze_quantity) {
    return null;
  }
  return {
    quantity,
    freeze: instrument.freeze_quantity,
    lot: Math.max(1, instrument.lot_size),
    most,
    slices: sliceQuantities(quantity, most),
  };
}

/** "Above the most one order may carry (1,755; freeze quantity 1,800)". */
export function aboveMostText(excess: Pick<FreezeExcess, 'most' | 'freeze'>): string {
  return `Above the most one order may carry (${qty(excess.most)}; freeze quantity ${qty(excess.freeze)})`;
}

/** Why no order can be placed at all: the freeze quantity is below one lot. */
export function belowLotText(freeze: number, lotSize: number): string {
  return `The freeze quantity ${qty(freeze)} is below one lot (${qty(lotSize)}): the exchange takes no order of this instrument.`;
}

/**
 * Why autoslice cannot place the order, or null when it can: it would take more than MAX_AUTOSLICE_ORDERS orders
 * ("Autoslice places at most 10 orders at once: at most 17,550 (10 × 1,755); 17,615 would take 11."), or no order
 * can carry even one lot.
 */
export function autosliceRefusal(excess: FreezeExcess): string | null {
  if (excess.most <= 0) {
    return belowLotText(excess.freeze, excess.lot);
  }
  if (excess.slices.length <= MAX_AUTOSLICE_ORDERS) {
    return null;
  }
  return (
    `Autoslice places at most ${MAX_AUTOSLICE_ORDERS} orders at once: at most ` +
    `${qty(MAX_AUTOSLICE_ORDERS * excess.most)} (${MAX_AUTOSLICE_ORDERS} × ${qty(excess.most)}); ` +
    `${qty(excess.quantity)} would take ${excess.slices.length}.`
  );
}

/** What the ticket says of a sliced placement the engine took at least one order of. */
export interface SlicedOutcome {
  /** Every order placed. */
  complete: boolean;
  /** "All 3 orders placed", or "2 of 3 orders placed; 1 refused: <each refusal's message>". */
  text: string;
  /** The quantity of the orders refused, in units: what is left to place. */
  refusedQuantity: number;
}

/** The orders of a sliced placement as the gateway answers them: taken (HTTP below 300) or refused, with why. */
export interface PlacedSlice {
  quantity: number;
  http_status: number;
  error?: string | null;
  message?: string | null;
}

/** What became of a sliced placement: how many orders were placed, and why the others were refused. */
export function slicedOutcome(orders: readonly PlacedSlice[]): SlicedOutcome {
  const refused = orders.filter((order) => order.http_status >= 300);
  const placed = orders.length - refused.length;
  const noun = orders.length === 1 ? 'order' : 'orders';
  if (refused.length === 0) {
    return {
      complete: true,
      text: `All ${orders.length} ${noun} placed`,
      refusedQuantity: 0,
    };
  }
  const reasons = [
    ...new Set(
      refused.map((order) =>
        (order.message || order.error || `HTTP ${order.http_status}`).replace(
          /^rejected by the engine:\s*/i,
          '',
        ),
      ),
    ),
  ];
  return {
    complete: false,
    text: `${placed} of ${orders.length} ${noun} placed; ${refused.length} refused: ${reasons.join('; ')}`,
    refusedQuantity: refused.reduce((sum, order) => sum + order.quantity, 0),
  };
}

/** The most legs Kite splits an iceberg order into. */
export const MAX_ICEBERG_LEGS = 10;

/**
 * Why an iceberg order's legs are refused for the freeze quantity, or null when each is within the most one order may
 * carry: the exchange takes each leg as an order of its own (the whole may be above it).
 */
export function icebergLegRefusal(
  legQuantity: number,
  quantity: number,
  instrument: { lot_size: number; freeze_quantity?: number | null },
): string | null {
  const excess = freezeExcess(legQuantity, instrument);
  if (!excess) {
    return null;
  }
  if (excess.most <= 0) {
    return belowLotText(excess.freeze, excess.lot);
  }
  const needed = Math.ceil(quantity / excess.most);
  const above = `Each leg (${qty(legQuantity)}) is a${aboveMostText(excess).slice(1)}`;
  return needed <= MAX_ICEBERG_LEGS
    ? `${above}: use at least ${needed} legs.`
    : `${above}: even ${MAX_ICEBERG_LEGS} legs carry at most ${qty(MAX_ICEBERG_LEGS * excess.most)}.`;
}
