import { baseApi } from '../api/baseApi';
import type { BrokerAccountStatus, BrokerStatus, KiteConnectQuery } from '../api/types';

export const brokerApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    brokerStatus: build.query<BrokerStatus, void>({
      query: () => '/api/broker/status',
      transformResponse: (raw: Partial<BrokerStatus>): BrokerStatus => ({
        simulated: raw.simulated ?? false,
        connected: raw.connected ?? false,
        user_id: raw.user_id ?? null,
        token_expiry: raw.token_expiry ?? null,
        feed_connections: raw.feed_connections ?? [],
        gaps: raw.gaps ?? [],
        accounts: raw.accounts ?? [],
      }),
      providesTags: ['Broker'],
    }),
  }),
});

export const { useBrokerStatusQuery } = brokerApi;

const FEED_STATES: Record<string, string> = {
  idle: 'stopped',
  connecting: 'connecting',
  waiting_retry: 'reconnecting',
  parked: 'waiting for a new Kite login',
};

/**
 * Why the broker's market feed is not delivering, or null while every connection that carries instruments
 * is connected. No connection at all says nothing: the feed lives in another process or has not started.
 */
export function feedOutage(status: BrokerStatus | undefined): string | null {
  const down = (status?.feed_connections ?? []).filter(
    (connection) => connection.instruments > 0 && connection.state !== 'connected',
  );
  if (down.length === 0) {
    return null;
  }
  const which = down
    .map(
      (connection) =>
        `connection ${connection.id} ${FEED_STATES[connection.state] ?? connection.state}`,
    )
    .join(', ');
  return `Market feed not connected (${which}): prices may be stale`;
}

/**
 * The Kite login is a browser navigation, which cannot carry the Authorization header, so the token goes
 * in the query string as it does for /ws.
 */
export function kiteConnectUrl(token: string, accountId?: number): string {
  const query: KiteConnectQuery = { token, account_id: accountId };
  const given = Object.entries(query).filter(([, value]) => value !== undefined && value !== null);
  return `/api/broker/kite/connect?${given
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&')}`;
}

/** A Kite user that several of the user's connected accounts are logged in as. */
export interface SharedBrokerUser {
  brokerUserId: string;
  /** Those accounts, in ascending order. */
  accountIds: number[];
}

/**
 * The Kite users that two or more connected accounts share: the broker keeps one set of funds, holdings and GTT
 * triggers per Kite user, so those accounts see the same ones (orders and positions stay per account).
 */
export function sharedBrokerUsers(accounts: BrokerAccountStatus[]): SharedBrokerUser[] {
  const byUser = new Map<string, number[]>();
  for (const account of accounts) {
    const user = account.broker_user_id;
    if (account.state === 'connected' && user) {
      byUser.set(user, [...(byUser.get(user) ?? []), account.account_id]);
    }
  }
  return [...byUser]
    .filter(([, ids]) => ids.length > 1)
    .map(([brokerUserId, ids]) => ({ brokerUserId, accountIds: ids.sort((a, b) => a - b) }))
    .sort((a, b) => (a.accountIds[0] ?? 0) - (b.accountIds[0] ?? 0));
}

const SESSION_STATES: Record<string, string> = {
  connected: 'connected',
  disconnected: 'not connected',
  token_expired: 'token expired: connect again',
  // The state an account starts in, before its first Kite login: there is no session to connect again.
  login_required: 'not connected yet: connect Kite to log in',
};

/** An account's broker session state in words. */
export function sessionStateText(state: string): string {
  return SESSION_STATES[state] ?? state.replaceAll('_', ' ');
}

/**
 * How often the Broker page reads the broker's status: every 3 s until the broker is connected and its feed is
 * streaming (some connection carries instruments and each that does is connected; just after a login the feed
 * takes its instruments within seconds), then every 15 s.
 */
export function brokerStatusPollMs(status: BrokerStatus | undefined): number {
  const streaming =
    status !== undefined &&
    status.connected &&
    status.feed_connections.some((connection) => connection.instruments > 0) &&
    feedOutage(status) === null;
  return streaming ? 15_000 : 3_000;
}
