import type { Alert, AlertDirection, ChangeAlert } from '../api/types';

/** The longest note the gateway keeps, in characters (after trimming). */
export const MAX_ALERT_NOTE = 200;

/** The most decimals an alert's price may have (a currency pair ticks in 0.0025). */
export const MAX_ALERT_DECIMALS = 4;

/** The alert form as typed: the price still a string. */
export interface AlertForm {
  direction: AlertDirection;
  price: string;
  note: string;
}

export type AlertField = 'price' | 'note';

export type AlertErrors = Partial<Record<AlertField, string>>;

export interface AlertValidation {
  errors: AlertErrors;
  /** What to send (with the instrument, for a new alert); null while a field is wrong. */
  change: ChangeAlert | null;
}

/** A new alert: above, at `price` (the last price, when known), no note. */
export function defaultAlertForm(price = ''): AlertForm {
  return { direction: 'above', price, note: '' };
}

/** The form filled in with an existing alert, to change or re-arm it. */
export function alertFormOf(alert: Alert): AlertForm {
  return {
    direction: alert.direction === 'below' ? 'below' : 'above',
    price: String(alert.price),
    note: alert.note,
  };
}

function priceError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 'Price is required.';
  }
  if (!/^\d+(\.\d+)?$/.test(trimmed) || Number(trimmed) <= 0) {
    return 'Price must be a number above 0.';
  }
  const decimals = trimmed.split('.')[1]?.length ?? 0;
  if (decimals > MAX_ALERT_DECIMALS) {
    return `Price may have at most ${MAX_ALERT_DECIMALS} decimals.`;
  }
  return undefined;
}

function noteError(text: string): string | undefined {
  const length = text.trim().length;
  return length > MAX_ALERT_NOTE
    ? `Note may have at most ${MAX_ALERT_NOTE} characters; it has ${length}.`
    : undefined;
}

/** Checks the form as the gateway would (a price above 0 with at most 4 decimals, a note of up to 200 characters). */
export function validateAlert(form: AlertForm): AlertValidation {
  const errors: AlertErrors = {};
  const price = priceError(form.price);
  const note = noteError(form.note);
  if (price) {
    errors.price = price;
  }
  if (note) {
    errors.note = note;
  }
  if (price || note) {
    return { errors, change: null };
  }
  return {
    errors,
    change: { direction: form.direction, price: Number(form.price.trim()), note: form.note.trim() },
  };
}
