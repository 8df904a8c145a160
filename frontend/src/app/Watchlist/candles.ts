import type { Candle } from '../../services/api/types';
import { IST_OFFSET_S } from '../common/format';

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

/**
 * A bar's time as the chart takes it. The chart labels its axis in UTC and places its marks on UTC's round
 * hours; shifted by IST's offset, labels, marks and the crosshair read IST, as every other time shown.
 */
export function chartTime(utcSeconds: number): number {
  return utcSeconds + IST_OFFSET_S;
}

/**
 * The chart's bars from the broker's candles and the gateway's own history: the broker's for the minutes before
 * the first bar of our own, then our own, one bar a minute. Where both have a minute our own wins: it is what the
 * engine saw and what live ticks continue, while the broker's latest candle may be one it had not finished (or
 * one the gateway kept for a few seconds). Without any history of our own every broker candle is shown.
 */
export function mergeBars(own: Bar[], broker: Bar[]): Bar[] {
  const byMinute = new Map<number, Bar>();
  const firstOwn = own.reduce((first, bar) => Math.min(first, bar.time), Number.POSITIVE_INFINITY);
  for (const bar of broker) {
    if (bar.time < firstOwn) {
      byMinute.set(bar.time, bar);
    }
  }
  for (const bar of own) {
    byMinute.set(bar.time, bar);
  }
  return [...byMinute.values()].sort((a, b) => a.time - b.time);
}

/** The start of today's equity session in IST (09:15), in seconds since the epoch. */
export function sessionOpenIst(nowMs: number): number {
  return Date.parse(todayRangeIst(nowMs).from) / 1000 + (9 * 60 + 15) * 60;
}

/** Start of today in IST (the trading day), and now. */
export function todayRangeIst(nowMs: number): { from: string; to: string } {
  const dayMs = 86_400_000;
  const offsetMs = IST_OFFSET_S * 1000;
  const startMs = Math.floor((nowMs + offsetMs) / dayMs) * dayMs - offsetMs;
  return { from: new Date(startMs).toISOString(), to: new Date(nowMs).toISOString() };
}

/** How many of the latest bars the chart opens with: enough for 5-minute labels, few enough to read. */
export const VISIBLE_BARS = 90;

/**
 * The logical range the chart opens on: every bar while there are at most `VISIBLE_BARS`, else the latest
 * `VISIBLE_BARS`, with room for a few more on the right. Null while there is no bar.
 */
export function openingRange(count: number): { from: number; to: number } | null {
  if (count === 0) {
    return null;
  }
  const shown = Math.min(count, VISIBLE_BARS);
  return { from: count - shown - 0.5, to: count - 1 + RIGHT_OFFSET_BARS };
}

/** Empty bars kept right of the latest, so its time label is not cut at the price scale. */
export const RIGHT_OFFSET_BARS = 3;
