import { describe, expect, it } from 'vitest';
import { fundsFor, fundsSegment } from './fundsApi';
import { mockFunds } from './mock';

describe('funds', () => {
  it('draws an MCX order on the commodity segment and every other on equity', () => {
    expect(fundsSegment('MCX')).toBe('commodity');
    expect(fundsSegment('NSE')).toBe('equity');
    expect(fundsSegment('NFO')).toBe('equity');
    expect(fundsSegment('CDS')).toBe('equity');
  });

  it('reads the segment of the first account listed, the one an order without an account goes to', () => {
    const funds = [
      mockFunds({ account_id: 3, net: 10 }),
      mockFunds({ account_id: 3, segment: 'commodity', net: 20 }),
      mockFunds({ account_id: 4, net: 30 }),
    ];
    expect(fundsFor(funds, 'NSE')?.net).toBe(10);
    expect(fundsFor(funds, 'MCX')?.net).toBe(20);
    expect(fundsFor([mockFunds()], 'MCX')).toBeUndefined();
    expect(fundsFor(undefined, 'NSE')).toBeUndefined();
    expect(fundsFor([], 'NSE')).toBeUndefined();
  });
});
