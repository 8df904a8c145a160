import type { Candle } from '../../services/api/types';

export interface Bar {
  /** Seconds since the epoch, start of the minute. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export function minuteOf(timestampMs: number): number {
  return Math.floor(timestampMs / 60_000) * 60;
}

/** Folds one trade price into the current one-minute bar, opening a new bar on a new minute. */
export function foldTick(current: Bar | null, price: number, timestampMs: number): Bar {
  const time = minuteOf(timestampMs);
  if (!current || time > current.time) {
    return { time, open: price, high: price, low: price, close: price };
  }
  return {
    time: current.time,
    open: current.open,
    high: Math.max(current.high, price),
    low: Math.min(current.low, price),
    close: price,
  };
}

export function fromCandle(candle: Candle): Bar {
  const ms = typeof candle.time === 'number' ? candle.time * 1000 : Date.parse(candle.time);
  return {
    time: minuteOf(ms),
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
  };
}

export function tickTimeMs(value: string | number | null | undefined, fallbackMs: number): number {
  if (typeof value === 'number') {
    return value > 1e12 ? value : value * 1000;
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? fallbackMs : parsed;
  }
  return fallbackMs;
}
