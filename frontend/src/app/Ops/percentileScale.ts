/**
 * The axes of a percentile-distribution plot as HdrHistogram draws them: the percentile axis gives each
 * "nine" the same width (50%, 90%, 99%, 99.9%, 99.99% ...), the latency axis is logarithmic.
 */

/** The right edge of the percentile axis: 99.999%; the maximum (100%) is drawn there. */
export const MAX_NINES = 5;

/** Position of a percentile (0 … 100) on the percentile axis, 0 … MAX_NINES. */
export function nines(percentile: number): number {
  if (!(percentile < 100)) {
    return MAX_NINES;
  }
  return Math.min(MAX_NINES, Math.max(0, Math.log10(100 / (100 - percentile))));
}

export const PERCENTILE_TICKS = [
  { at: nines(50), label: '50%' },
  { at: nines(90), label: '90%' },
  { at: nines(99), label: '99%' },
  { at: nines(99.9), label: '99.9%' },
  { at: nines(99.99), label: '99.99%' },
  { at: MAX_NINES, label: 'max' },
];

/** Whole powers of ten that enclose every positive value, at least one decade apart. */
export function decadeRange(values: number[]): { low: number; high: number } | null {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  if (positive.length === 0) {
    return null;
  }
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive))));
  return { low, high };
}

/** Label of a decade on the latency axis (10^exponent µs). */
export function decadeLabel(exponent: number): string {
  if (exponent < 0) {
    return `${(10 ** exponent).toFixed(-exponent)} µs`;
  }
  if (exponent < 3) {
    return `${10 ** exponent} µs`;
  }
  if (exponent < 6) {
    return `${10 ** (exponent - 3)} ms`;
  }
  return `${10 ** (exponent - 6)} s`;
}
