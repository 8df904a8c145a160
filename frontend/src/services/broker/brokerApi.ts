import { baseApi } from '../api/baseApi';
import type { BrokerStatus } from '../api/types';

export const brokerApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    brokerStatus: build.query<BrokerStatus, void>({
      query: () => '/api/broker/status',
      transformResponse: (raw: Partial<BrokerStatus>): BrokerStatus => ({
        connected: raw.connected ?? false,
        user_id: raw.user_id ?? null,
        token_expiry: raw.token_expiry ?? null,
        feed_connections: raw.feed_connections ?? [],
        gaps: raw.gaps ?? [],
      }),
    }),
  }),
});

export const { useBrokerStatusQuery } = brokerApi;

/**
 * The Kite login is a browser navigation, which cannot carry the Authorization header, so the token goes
 * in the query string as it does for /ws.
 */
export function kiteConnectUrl(token: string): string {
  return `/api/broker/kite/connect?token=${encodeURIComponent(token)}`;
}
