import type { Alert } from '../../services/api/types';
import { isTriggeredAlert } from '../../services/alerts/hooks';
import { formatPrice, formatTime } from '../common/format';

/** What the alert's instrument is called in one word: "NSE:INFY". */
export function alertInstrumentKey(alert: { exchange: string; tradingsymbol: string }): string {
  return `${alert.exchange}:${alert.tradingsymbol}`;
}

/** "at or above" or "at or below": where the last price must be for the alert to fire. */
export function alertDirectionText(direction: string): string {
  return direction === 'below' ? 'at or below' : 'at or above';
}

/** The condition as the table shows it: "LTP ≥ 1,600.00" or "LTP ≤ 1,450.00". */
export function alertConditionText(alert: { direction: string; price: number }): string {
  return `LTP ${alert.direction === 'below' ? '≤' : '≥'} ${formatPrice(alert.price)}`;
}

/** The status with a capital: "Active", "Triggered". */
export function alertStatusLabel(status: string): string {
  return status ? status.charAt(0).toUpperCase() + status.slice(1) : 'Unknown';
}

/** The headline of a fired alert: "Alert: NSE:INFY at or above 1,600.00 — last 1,600.05". */
export function alertFiredTitle(alert: Alert): string {
  return (
    `Alert: ${alertInstrumentKey(alert)} ${alertDirectionText(alert.direction)} ` +
    `${formatPrice(alert.price)} — last ${formatPrice(alert.triggered_price)}`
  );
}

/** When it fired (IST), and the alert's note when it has one: "Fired at 11:02:03 IST · breakout". */
export function alertFiredDetail(alert: Alert): string {
  const fired = alert.triggered_at ? `Fired at ${formatTime(alert.triggered_at)} IST` : 'Fired';
  return alert.note ? `${fired} · ${alert.note}` : fired;
}

/** The question asked before deleting an alert, naming it as the table shows it. */
export function deleteAlertQuestion(alert: Alert): string {
  const note = alert.note ? ` (${alert.note})` : '';
  return `Delete alert ${alert.id}: ${alertInstrumentKey(alert)} ${alertConditionText(alert)}${note}?`;
}

/** The title of the alert form: new, or the alert's, to change it (or re-arm it once it fired). */
export function alertFormTitle(alert: Alert | undefined): string {
  if (!alert) {
    return 'New alert';
  }
  return `${isTriggeredAlert(alert) ? 'Re-arm' : 'Edit'} alert ${alert.id}`;
}
