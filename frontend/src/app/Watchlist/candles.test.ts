import { describe, expect, it } from 'vitest';
import {
  RIGHT_OFFSET_BARS,
  VISIBLE_BARS,
  chartTime,
  mergeBars,
  openingRange,
  sessionOpenIst,
  todayRangeIst,
} from './candles';

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

describe('merging the broker candles with our own', () => {
  const bar = (minute: number, price: number) => ({
    time: minute * 60,
    open: price,
    high: price + 1,
    low: price - 1,
    close: price,
  });

  it('takes the broker candles of the minutes before our first bar and ours from it, one bar a minute', () => {
    const broker = [bar(100, 10), bar(101, 11), bar(102, 12), bar(103, 13)];
    const own = [bar(102, 22), bar(104, 24), bar(103, 23)];

    expect(mergeBars(own, broker)).toEqual([
      bar(100, 10),
      bar(101, 11),
      bar(102, 22),
      bar(103, 23),
      bar(104, 24),
    ]);
  });

  it('keeps our own bars where the broker has none, and the broker candles where we have none', () => {
    expect(mergeBars([bar(5, 1)], [])).toEqual([bar(5, 1)]);
    expect(mergeBars([], [bar(7, 2), bar(6, 1)])).toEqual([bar(6, 1), bar(7, 2)]);
  });

  it('drops a broker candle later than our first bar even where we have no bar of its minute', () => {
    expect(mergeBars([bar(10, 1), bar(12, 3)], [bar(9, 0), bar(11, 2)])).toEqual([
      bar(9, 0),
      bar(10, 1),
      bar(12, 3),
    ]);
  });

  it('opens the session at 09:15 IST', () => {
    expect(new Date(sessionOpenIst(Date.parse('2026-12-02T04:50:00Z')) * 1000).toISOString()).toBe(
      '2026-12-02T03:45:00.000Z',
    );
  });
});
