import { priceDecimals } from '../../services/orders/validation';

// Where the segment is not known: two decimals, and up to four where the price has them (currency derivatives tick
// in 0.0025 rupees).
const price = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const fourDecimals = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 4,
  maximumFractionDigits: 4,
});
const whole = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * A price of an instrument of `exchange`, to the fixed decimals of its segment (see priceDecimals): 4 for currency
 * derivatives ("88.6800"), 2 for the others ("1,498.30"); to 2 to 4 decimals, as the price has them, where the
 * exchange is not known.
 */
export function formatPrice(value: number | null | undefined, exchange?: string | null): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  if (exchange === null || exchange === undefined || exchange === '') {
    return price.format(value);
  }
  return (priceDecimals(exchange) === 4 ? fourDecimals : money).format(value);
}

/** A price an order has, or a dash where it has none: a market order's price, an unfilled order's average. */
export function formatOrderPrice(value: number, exchange?: string | null): string {
  return value > 0 ? formatPrice(value, exchange) : '–';
}

/** An amount of rupees (funds, margin, charges) to the paisa, as a contract note shows it. */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : money.format(value);
}

export function formatQty(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : whole.format(value);
}

/** A noun as a count of `count` takes it: singular for 1 ("share"), plural ("shares", or the one given) otherwise. */
export function nounFor(count: number, noun: string, plural = `${noun}s`): string {
  return count === 1 ? noun : plural;
}

/** A count with its noun, singular for 1: "1 lot", "2 lots", "1,500 shares". */
export function formatCount(count: number, noun: string, plural?: string): string {
  return `${formatQty(count)} ${nounFor(count, noun, plural)}`;
}

/**
 * A price's change from `from` to `to` (the previous close to the last price) in rupees, signed as formatPercent signs
 * a change: "+12.35", "-0.05", "0.00"; '–' while either is unknown or there is no previous close.
 */
export function formatPriceChange(
  to: number | null | undefined,
  from: number | null | undefined,
  exchange?: string | null,
): string {
  if (to === null || to === undefined || from === null || from === undefined || !from) {
    return '–';
  }
  // To a ten-thousandth of a rupee, the finest tick: floating point leaves 12.449999… of 1513.35 − 1500.90.
  const change = Math.round((to - from) * 10_000) / 10_000;
  return `${change > 0 ? '+' : ''}${formatPrice(change === 0 ? 0 : change, exchange)}`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return '–';
  }
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}%`;
}

/** The exchanges' time zone: every time the dashboard shows is in it, whatever the browser's zone. */
export const MARKET_TIME_ZONE = 'Asia/Kolkata';

/** IST is UTC+05:30 all year (India keeps no daylight saving time). */
export const IST_OFFSET_S = 5.5 * 3600;

/** A time value shown in IST by `show`; '–' when there is none, the value itself when it is not a time. */
function formatInstant(
  value: string | number | null | undefined,
  show: (date: Date) => string,
): string {
  if (value === null || value === undefined || value === '') {
    return '–';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : show(date);
}

export function formatTime(value: string | number | null | undefined): string {
  return formatInstant(value, (date) =>
    date.toLocaleTimeString('en-IN', { hourCycle: 'h23', timeZone: MARKET_TIME_ZONE }),
  );
}

/** A date and time in IST, saying so. */
export function formatDateTime(value: string | number | null | undefined): string {
  return formatInstant(
    value,
    (date) =>
      `${date.toLocaleString('en-IN', { hourCycle: 'h23', timeZone: MARKET_TIME_ZONE })} IST`,
  );
}

/** A date in IST (the day an instant falls on in India). */
export function formatDate(value: string | number | null | undefined): string {
  return formatInstant(value, (date) =>
    date.toLocaleDateString('en-IN', { timeZone: MARKET_TIME_ZONE }),
  );
}

const IST_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * The instant a date and time input (`YYYY-MM-DDTHH:mm`, seconds optional, as datetime-local gives it) stands
 * for when read as IST, as an ISO-8601 UTC string; null when it is no date and time. The browser's own zone
 * plays no part, so every trader's input means the same instant.
 */
export function istInputToIso(text: string): string | null {
  const match = IST_INPUT.exec(text.trim());
  if (!match) {
    return null;
  }
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '00', millis = '0'] =
    match;
  const wallMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(millis.padEnd(3, '0')),
  );
  // Date.UTC rolls 31 April over into 1 May and 24:00 into the next day: such a time was not meant.
  if (
    new Date(wallMs).toISOString().slice(0, 19) !==
    `${year}-${month}-${day}T${hour}:${minute}:${second}`
  ) {
    return null;
  }
  return new Date(wallMs - IST_OFFSET_S * 1000).toISOString();
}

export function signClass(value: number | null | undefined): string {
  if (!value) {
    return 'text-slate-300';
  }
  return value > 0 ? 'text-emerald-400' : 'text-rose-400';
}

/** A latency in microseconds with a unit that keeps three significant digits or so. */
export function formatMicros(us: number | null | undefined): string {
  if (us === null || us === undefined || Number.isNaN(us)) {
    return '–';
  }
  if (us === 0) {
    return '0';
  }
  if (us < 10) {
    return `${us.toFixed(2)} µs`;
  }
  if (us < 100) {
    return `${us.toFixed(1)} µs`;
  }
  if (us < 1000) {
    return `${us.toFixed(0)} µs`;
  }
  if (us < 1_000_000) {
    return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
  }
  return `${(us / 1_000_000).toFixed(2)} s`;
}

/** Bytes in binary units with one decimal: "12.3 GiB", "512.0 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
