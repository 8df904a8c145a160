import { useMemo } from 'react';
import { shallowEqual } from 'react-redux';
import { useAppSelector } from '../../store/hooks';
import type { Alert, AlertDirection } from '../api/types';
import { gttDistance, useGttLastPrice } from '../gtt/hooks';
import { marketApi } from '../market/marketApi';
import { ALERTS_POLL_MS, useAlertsQuery } from './alertsApi';

/** An alert the gateway still watches; a triggered one has fired and waits to be re-armed or deleted. */
export const ALERT_ACTIVE = 'active';
export const ALERT_TRIGGERED = 'triggered';

/** What the Alerts page lists: the active alerts, those that fired, or every one. */
export type AlertFilter = 'active' | 'triggered' | 'all';

/** What an alert is on: enough to name the instrument and find its last price. */
export interface AlertInstrument {
  exchange: string;
  tradingsymbol: string;
  instrument_token: number;
}

/** An alert with the last price the dashboard has for its instrument (a tick or a quote), if any. */
export interface LiveAlert extends Alert {
  last_price: number | undefined;
}

export function isActiveAlert(alert: Alert): boolean {
  return alert.status === ALERT_ACTIVE;
}

export function isTriggeredAlert(alert: Alert): boolean {
  return alert.status === ALERT_TRIGGERED;
}

/** The alerts the filter keeps. */
export function filterAlerts<T extends Alert>(alerts: T[], filter: AlertFilter): T[] {
  if (filter === 'active') {
    return alerts.filter(isActiveAlert);
  }
  return filter === 'triggered' ? alerts.filter(isTriggeredAlert) : alerts;
}

/** How far `price` is from `lastPrice`, in percent of it (negative below); null without a last price. */
export function alertDistance(price: number, lastPrice: number | null | undefined): number | null {
  return gttDistance(price, lastPrice);
}

/** True when `lastPrice` meets the condition already (at or above the price, or at or below it). */
export function alertMet(
  direction: AlertDirection,
  price: number,
  lastPrice: number | null | undefined,
): boolean {
  if (lastPrice === null || lastPrice === undefined || lastPrice <= 0 || !(price > 0)) {
    return false;
  }
  return direction === 'above' ? lastPrice >= price : lastPrice <= price;
}

/**
 * The alerts, read again every ten seconds while shown, each with the last price the store has for its instrument
 * (a tick), or else, for an active alert, from a quote read as often (an instrument no open watchlist streams, such as
 * after a restart); the caller re-renders only when one of those prices changes.
 */
export function useLiveAlerts(): { alerts: LiveAlert[]; query: ReturnType<typeof useAlertsQuery> } {
  const query = useAlertsQuery(undefined, { pollingInterval: ALERTS_POLL_MS });
  const data = query.data;
  const prices = useAppSelector(
    (state) =>
      (data ?? []).map((alert) => state.market.byToken[alert.instrument_token]?.last_price),
    shallowEqual,
  );
  const unpriced = useMemo(
    () =>
      [
        ...new Set(
          (data ?? [])
            .filter((alert, index) => isActiveAlert(alert) && !((prices[index] ?? 0) > 0))
            .map((alert) => `${alert.exchange}:${alert.tradingsymbol}`),
        ),
      ].sort(),
    [data, prices],
  );
  const quotes = marketApi.useQuotesQuery(unpriced, {
    skip: unpriced.length === 0,
    pollingInterval: ALERTS_POLL_MS,
  });
  const alerts = useMemo(
    () =>
      (data ?? []).map((alert, index) => {
        const streamed = prices[index];
        const quoted = quotes.data?.[`${alert.exchange}:${alert.tradingsymbol}`]?.last_price;
        return {
          ...alert,
          last_price: streamed !== undefined && streamed > 0 ? streamed : (quoted ?? streamed),
        };
      }),
    [data, prices, quotes.data],
  );
  return { alerts, query };
}

/**
 * The last price of the instrument the alert form is for: live while the open watchlist streams it, otherwise from
 * a quote read again every few seconds (as the GTT form has it). Undefined until one is known.
 */
export function useAlertLastPrice(instrument: AlertInstrument): {
  lastPrice: number | undefined;
  live: boolean;
} {
  return useGttLastPrice(instrument);
}
