import { feedOutage, useBrokerStatusQuery } from './brokerApi';

/** How often the watchlist asks whether the market feed is connected. */
export const FEED_STATUS_POLL_MS = 5_000;

/** Why prices may be stale because the broker's feed is down (reconnecting, parked), or null. */
export function useFeedOutage(): string | null {
  const { data } = useBrokerStatusQuery(undefined, { pollingInterval: FEED_STATUS_POLL_MS });
  return feedOutage(data);
}
