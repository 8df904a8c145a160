import { describe, expect, it } from 'vitest';
import {
  conversionBlocked,
  conversionTargets,
  conversionQuantity,
  convertibleQuantity,
  defaultPositionType,
  positionTypes,
  validateConversion,
} from './conversion';
import { mockPosition } from './mock';

describe('position conversion', () => {
  it('converts equity between MIS and CNC and derivatives between MIS and NRML, nothing else', () => {
    expect(conversionTargets('NSE', 'MIS')).toEqual(['CNC']);
    expect(conversionTargets('BSE', 'CNC')).toEqual(['MIS']);
    expect(conversionTargets('NFO', 'NRML')).toEqual(['MIS']);
    expect(conversionTargets('MCX', 'MIS')).toEqual(['NRML']);
    expect(conversionTargets('CDS', 'MIS')).toEqual(['NRML']);
    expect(conversionTargets('NSE', 'MTF')).toEqual([]);
    expect(conversionTargets('NSE', 'NRML')).toEqual([]);
    expect(conversionTargets('NFO', 'CNC')).toEqual([]);
    expect(conversionTargets(null, 'MIS')).toEqual([]);
  });

  it('says why a position does not convert', () => {
    expect(conversionBlocked(mockPosition())).toBeNull();
    expect(conversionBlocked(mockPosition({ quantity: 0 }))).toBe(
      'The position is flat: nothing to convert.',
    );
    expect(conversionBlocked(mockPosition({ product: 'MTF' }))).toBe(
      'A MTF position is not converted; on NSE MIS and CNC convert into each other.',
    );
    expect(conversionBlocked(mockPosition({ exchange: 'NCO' }))).toBe(
      'Positions on NCO are not converted here.',
    );
  });

  it('splits a long position into its day and overnight parts', () => {
    const bought = mockPosition({ quantity: 8, overnight_quantity: 5 });
    expect(positionTypes(bought)).toEqual(['day', 'overnight']);
    expect(convertibleQuantity(bought, 'day')).toBe(3);
    expect(convertibleQuantity(bought, 'overnight')).toBe(5);
    expect(defaultPositionType(bought)).toBe('day');

    const partlySold = mockPosition({ quantity: 6, overnight_quantity: 10 });
    expect(convertibleQuantity(partlySold, 'day')).toBe(0);
    expect(convertibleQuantity(partlySold, 'overnight')).toBe(6);
    expect(defaultPositionType(partlySold)).toBe('overnight');

    const today = mockPosition({ quantity: 5, overnight_quantity: 0 });
    expect(positionTypes(today)).toEqual(['day']);
    expect(convertibleQuantity(today, 'day')).toBe(5);
  });

  it('counts a short position by its size, on the sell side', () => {
    const short = mockPosition({ quantity: -150, overnight_quantity: -75 });
    expect(convertibleQuantity(short, 'day')).toBe(75);
    expect(convertibleQuantity(short, 'overnight')).toBe(75);
    const turned = mockPosition({ quantity: -4, overnight_quantity: 6 });
    expect(convertibleQuantity(turned, 'day')).toBe(4);
    expect(convertibleQuantity(turned, 'overnight')).toBe(0);
    expect(defaultPositionType(turned)).toBe('day');
  });

  it('builds the request from the position as it is, or names the field that is wrong', () => {
    const short = mockPosition({ product: 'MIS', quantity: -6 });
    const form = { positionType: 'day' as const, newProduct: 'CNC', quantity: '6' };
    expect(validateConversion(short, form, 1)).toEqual({
      errors: {},
      request: {
        account_id: 1,
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        transaction_type: 'SELL',
        position_type: 'day',
        quantity: 6,
        old_product: 'MIS',
        new_product: 'CNC',
      },
    });
    expect(validateConversion(short, { ...form, quantity: '7' }, 1).errors).toEqual({
      quantity: 'Quantity must be a whole number from 1 to 6, the open day quantity.',
    });
    expect(validateConversion(short, { ...form, quantity: '0' }, 1).request).toBeNull();
    expect(validateConversion(short, { ...form, newProduct: 'NRML' }, 1).errors).toEqual({
      newProduct: 'MIS converts to CNC.',
    });
    expect(validateConversion(short, { ...form, positionType: 'overnight' }, 1).errors).toEqual({
      positionType: 'The overnight part of the position has nothing to convert.',
    });
    expect(validateConversion(mockPosition({ quantity: 0 }), form, 1).errors).toEqual({
      position: 'The position is flat: nothing to convert.',
    });
  });

  it('takes the quantity of a lot-sized position in lots and sends the units they make', () => {
    const future = mockPosition({
      exchange: 'NFO',
      tradingsymbol: 'NIFTY26JANFUT',
      product: 'NRML',
      quantity: -150,
      overnight_quantity: -150,
    });
    const form = { positionType: 'overnight' as const, newProduct: 'MIS', quantity: '1' };
    expect(validateConversion(future, form, 75).request).toMatchObject({
      transaction_type: 'SELL',
      quantity: 75,
    });
    expect(validateConversion(future, { ...form, quantity: '2' }, 75).request?.quantity).toBe(150);
    expect(validateConversion(future, { ...form, quantity: '3' }, 75).errors).toEqual({
      quantity:
        'Quantity must be a whole number of lots from 1 to 2, the open overnight quantity of 150.',
    });
    expect(validateConversion(future, { ...form, quantity: '1.5' }, 75).errors).toEqual({
      quantity: 'Quantity: 1.5 is not a whole number of lots.',
    });
    expect(validateConversion(future, { ...form, quantity: '' }, 75).errors).toEqual({
      quantity: 'Quantity must be a whole number of lots, at least 1.',
    });
    const odd = { ...future, quantity: -50, overnight_quantity: -50 };
    expect(validateConversion(odd, form, 75).errors).toEqual({
      quantity: 'The open overnight quantity of 50 is less than one lot of 75.',
    });
  });

  it('opens on the whole open quantity, in whole lots where the instrument trades in lots', () => {
    const future = mockPosition({ exchange: 'NFO', product: 'NRML', quantity: 160 });
    expect(conversionQuantity(future, 'day', 75)).toBe('2');
    expect(conversionQuantity(future, 'day', 1)).toBe('160');
    expect(conversionQuantity(future, 'day', undefined)).toBe('160');
    expect(conversionQuantity(mockPosition({ quantity: 5 }), 'day', 1)).toBe('5');
  });
});
