import { baseApi } from '../api/baseApi';
import type { BrokerStatus } from '../api/types';

export const brokerApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    brokerStatus: build.query<BrokerStatus, void>({
      query: () => '/api/broker/status',
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
