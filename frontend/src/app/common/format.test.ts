import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatMoney,
  formatOrderPrice,
  formatPrice,
  formatPriceChange,
  formatTime,
  istInputToIso,
  nounFor,
} from './format';

describe('times', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('shows a time in IST whatever the browser zone is', () => {
    expect(formatTime('2026-12-02T04:52:15Z')).toBe('10:22:15');
    expect(formatTime(Date.parse('2026-12-02T18:45:00Z'))).toBe('00:15:00');
  });

  it('shows a date and time in IST and says so', () => {
    expect(formatDateTime('2026-12-02T00:30:00Z')).toBe('2/12/2026, 06:00:00 IST');
    expect(formatDateTime(null)).toBe('–');
  });

  it('reads a date and time input as IST whatever the browser zone is', () => {
    expect(istInputToIso('2026-01-05T09:15')).toBe('2026-01-05T03:45:00.000Z');
    expect(istInputToIso('2026-01-05T09:15:30')).toBe('2026-01-05T03:45:30.000Z');
    expect(istInputToIso('2026-01-05T09:15:30.5')).toBe('2026-01-05T03:45:30.500Z');
    expect(istInputToIso('2026-01-01T02:00:00')).toBe('2025-12-31T20:30:00.000Z');
    expect(istInputToIso('2026-03-08T12:00')).toBe('2026-03-08T06:30:00.000Z');
    expect(istInputToIso('2026-11-01T12:00')).toBe('2026-11-01T06:30:00.000Z');
  });

  it('reads a date and time that does not exist as none', () => {
    for (const text of ['', 'yesterday', '2026-04-31T10:00', '2026-01-05T24:00', '2026-01-05']) {
      expect(istInputToIso(text)).toBeNull();
    }
  });

  it('shows the instant read from an input as the IST time typed', () => {
    expect(formatDateTime(istInputToIso('2026-12-02T10:40:00'))).toBe('2/12/2026, 10:40:00 IST');
  });
});

describe('amounts', () => {
  it('shows a price to its tick, and money to the paisa in Indian grouping', () => {
    expect(formatPrice(82.5025)).toBe('82.5025');
    expect(formatMoney(1.79255122)).toBe('1.79');
    expect(formatMoney(992750.255)).toBe('9,92,750.26');
    expect(formatMoney(-1250.5)).toBe('-1,250.50');
    expect(formatMoney(undefined)).toBe('–');
  });
});

describe('prices by segment', () => {
  it('shows currency derivative prices (CDS, BCD) to a fixed 4 decimals and every other segment to a fixed 2', () => {
    expect(formatPrice(88.68, 'CDS')).toBe('88.6800');
    expect(formatPrice(88.185, 'CDS')).toBe('88.1850');
    expect(formatPrice(82.5025, 'BCD')).toBe('82.5025');
    expect(formatPrice(1498.3, 'NSE')).toBe('1,498.30');
    expect(formatPrice(1500.125, 'NSE')).toBe('1,500.13');
    expect(formatPrice(24100, 'NFO')).toBe('24,100.00');
    expect(formatPrice(null, 'CDS')).toBe('–');
    expect(formatOrderPrice(88.18, 'CDS')).toBe('88.1800');
    expect(formatOrderPrice(0, 'CDS')).toBe('–');
    expect(formatPriceChange(88.6825, 88.68, 'CDS')).toBe('+0.0025');
    expect(formatPriceChange(88.69, 88.68, 'CDS')).toBe('+0.0100');
    expect(formatPriceChange(1513.35, 1500.9, 'NSE')).toBe('+12.45');
  });
});

describe('changes', () => {
  it("shows a change in rupees with its sign, to the price formatter's decimals, and a dash without a close", () => {
    expect(formatPriceChange(1513.35, 1500.9)).toBe('+12.45');
    expect(formatPriceChange(24100.05, 25434.6)).toBe('-1,334.55');
    expect(formatPriceChange(83.2525, 83.25)).toBe('+0.0025');
    expect(formatPriceChange(1500, 1500)).toBe('0.00');
    expect(formatPriceChange(1500.1 - 0.1, 1500)).toBe('0.00');
    expect(formatPriceChange(1500, 0)).toBe('–');
    expect(formatPriceChange(1500, undefined)).toBe('–');
    expect(formatPriceChange(undefined, 1500)).toBe('–');
  });
});

describe('counts', () => {
  it('takes the singular for one and the plural otherwise', () => {
    expect(formatCount(1, 'lot')).toBe('1 lot');
    expect(formatCount(2, 'lot')).toBe('2 lots');
    expect(formatCount(0, 'share')).toBe('0 shares');
    expect(formatCount(150000, 'share')).toBe('1,50,000 shares');
    expect(nounFor(1, 'is', 'are')).toBe('is');
    expect(nounFor(3, 'is', 'are')).toBe('are');
  });
});
