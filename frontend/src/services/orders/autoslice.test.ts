import { describe, expect, it } from 'vitest';
import {
  aboveMostText,
  autosliceRefusal,
  describeSlices,
  freezeExcess,
  icebergLegRefusal,
  maxOrderQuantity,
  sliceQuantities,
  slicedOutcome,
  takesAutoslice,
} from './autoslice';

const nifty = { lot_size: 65, freeze_quantity: 1800 };
const stock = { lot_size: 1, freeze_quantity: 100000 };

describe('the most one order may carry', () => {
  it('is the freeze quantity rounded down to whole lots', () => {
    expect(maxOrderQuantity(1800, 65)).toBe(1755);
    expect(maxOrderQuantity(1800, 75)).toBe(1800);
    expect(maxOrderQuantity(100000, 1)).toBe(100000);
    expect(maxOrderQuantity(100000, 0)).toBe(100000);
  });

  it('is not known without a freeze quantity, and 0 when the freeze quantity is below one lot', () => {
    expect(maxOrderQuantity(0, 65)).toBeNull();
    expect(maxOrderQuantity(undefined, 65)).toBeNull();
    expect(maxOrderQuantity(null, 1)).toBeNull();
    expect(maxOrderQuantity(50, 65)).toBe(0);
  });
});

describe('a quantity above it', () => {
  it('is nothing to say within the limit, or where no freeze quantity is known', () => {
    expect(freezeExcess(1755, nifty)).toBeNull();
    expect(freezeExcess(100000, stock)).toBeNull();
    expect(freezeExcess(1950, { lot_size: 65, freeze_quantity: 0 })).toBeNull();
    expect(freezeExcess(1950, { lot_size: 65 })).toBeNull();
  });

  it('is split into orders of the most, the last taking the rest', () => {
    expect(sliceQuantities(1950, 1755)).toEqual([1755, 195]);
    expect(sliceQuantities(3900, 1755)).toEqual([1755, 1755, 390]);
    expect(sliceQuantities(3510, 1755)).toEqual([1755, 1755]);
    expect(sliceQuantities(1000, 1755)).toEqual([1000]);
    expect(freezeExcess(1950, nifty)).toEqual({
      quantity: 1950,
      freeze: 1800,
      lot: 65,
      most: 1755,
      slices: [1755, 195],
    });
  });

  it('is said with Indian digit grouping', () => {
    const excess = freezeExcess(3900, nifty);
    expect(excess && aboveMostText(excess)).toBe(
      'Above the most one order may carry (1,755; freeze quantity 1,800)',
    );
    expect(describeSlices([1755, 1755, 390])).toBe('3 orders: 2 × 1,755 and 1 × 390');
    expect(describeSlices([1755, 195])).toBe('2 orders: 1 × 1,755 and 1 × 195');
    expect(describeSlices([100000, 100000])).toBe('2 orders of 1,00,000 each');
    expect(describeSlices([500])).toBe('1 order of 500');
  });

  it('goes autosliced in at most 10 orders', () => {
    const ten = freezeExcess(17550, nifty);
    expect(ten?.slices).toHaveLength(10);
    expect(ten && autosliceRefusal(ten)).toBeNull();
    const eleven = freezeExcess(17615, nifty);
    expect(eleven?.slices).toHaveLength(11);
    expect(eleven && autosliceRefusal(eleven)).toBe(
      'Autoslice places at most 10 orders at once: at most 17,550 (10 × 1,755); 17,615 would take 11.',
    );
  });

  it('cannot be placed at all where the freeze quantity is below one lot', () => {
    const excess = freezeExcess(65, { lot_size: 65, freeze_quantity: 50 });
    expect(excess && autosliceRefusal(excess)).toBe(
      'The freeze quantity 50 is below one lot (65): the exchange takes no order of this instrument.',
    );
  });

  it('is autosliced for regular and after-market orders only', () => {
    expect(takesAutoslice('regular')).toBe(true);
    expect(takesAutoslice('amo')).toBe(true);
    for (const variety of ['co', 'iceberg', 'auction']) {
      expect(takesAutoslice(variety)).toBe(false);
    }
  });
});

describe('an iceberg order', () => {
  it('holds each leg to the most one order may carry', () => {
    expect(icebergLegRefusal(1755, 3510, nifty)).toBeNull();
    expect(icebergLegRefusal(1950, 3900, nifty)).toBe(
      'Each leg (1,950) is above the most one order may carry (1,755; freeze quantity 1,800): use at least 3 legs.',
    );
    expect(icebergLegRefusal(1820, 18200, nifty)).toBe(
      'Each leg (1,820) is above the most one order may carry (1,755; freeze quantity 1,800): even 10 legs carry at most 17,550.',
    );
  });
});

describe('what became of a sliced placement', () => {
  it('says every order was placed', () => {
    expect(
      slicedOutcome([
        { quantity: 1755, http_status: 201 },
        { quantity: 195, http_status: 202 },
      ]),
    ).toEqual({ complete: true, text: 'All 2 orders placed', refusedQuantity: 0 });
  });

  it("says how many were refused and why, by each refused order's message", () => {
    expect(
      slicedOutcome([
        { quantity: 1755, http_status: 201 },
        { quantity: 1755, http_status: 201 },
        {
          quantity: 390,
          http_status: 422,
          error: 'insufficient_funds',
          message: 'rejected by the engine: needs 1,520.00, has 1,000.00',
        },
      ]),
    ).toEqual({
      complete: false,
      text: '2 of 3 orders placed; 1 refused: needs 1,520.00, has 1,000.00',
      refusedQuantity: 390,
    });
    expect(
      slicedOutcome([
        { quantity: 1755, http_status: 201 },
        { quantity: 1755, http_status: 429, error: 'rate_limited', message: 'too many orders' },
        { quantity: 390, http_status: 409, error: 'kill_switch', message: null },
      ]).text,
    ).toBe('1 of 3 orders placed; 2 refused: too many orders; kill_switch');
  });
});
