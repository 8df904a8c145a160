import { brokerApi, feedOutage, useBrokerStatusQuery } from './brokerApi';

/** How often the watchlist asks whether the market feed is connected. */
export const FEED_STATUS_POLL_MS = 5_000;
/**
 * How often it asks while a connection is down: a feed still connecting when the broker was connected is usually
 * up a moment later, and its prices should not stay marked stale until the next slow poll.
 */
export const FEED_DOWN_POLL_MS = 1_000;

/** Why prices may be stale because the broker's feed is down (reconnecting, parked), or null. */
export function useFeedOutage(): string | null {
  const cached = brokerApi.endpoints.brokerStatus.useQueryState(undefined);
  const { data } = useBrokerStatusQuery(undefined, {
    pollingInterval: feedOutage(cached.data) === null ? FEED_STATUS_POLL_MS : FEED_DOWN_POLL_MS,
  });
  return feedOutage(data);
}
