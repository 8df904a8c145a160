import { describe, expect, it } from 'vitest';
import { RIGHT_OFFSET_BARS, VISIBLE_BARS, chartTime, openingRange, todayRangeIst } from './candles';

describe('chart time axis', () => {
  it('puts a bar at its IST wall-clock time, so the axis reads IST', () => {
    const utc = Date.parse('2026-12-02T04:50:00Z') / 1000;
    const shown = new Date(chartTime(utc) * 1000);
    expect(shown.getUTCHours()).toBe(10);
    expect(shown.getUTCMinutes()).toBe(20);
  });

  it('asks for the history of the IST day, also in the hours UTC is still on the day before', () => {
    expect(todayRangeIst(Date.parse('2026-12-02T04:50:00Z'))).toEqual({
      from: '2026-12-01T18:30:00.000Z',
      to: '2026-12-02T04:50:00.000Z',
    });
    expect(todayRangeIst(Date.parse('2026-12-01T19:00:00Z')).from).toBe('2026-12-01T18:30:00.000Z');
  });

  it('opens on every bar of a short history and on the latest bars of a long one', () => {
    expect(openingRange(0)).toBeNull();
    expect(openingRange(30)).toEqual({ from: -0.5, to: 29 + RIGHT_OFFSET_BARS });
    expect(openingRange(375)).toEqual({
      from: 375 - VISIBLE_BARS - 0.5,
      to: 374 + RIGHT_OFFSET_BARS,
    });
  });
});
