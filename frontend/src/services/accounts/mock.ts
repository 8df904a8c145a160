import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { Me } from '../api/types';
import { SESSION_KEY } from '../auth/sessionSlice';
import { accountKey } from './accountsSlice';

/** A trader, asha, with the accounts given. */
export function mockAccountsMe(accountIds: number[], overrides: Partial<Me> = {}): Me {
  return { username: 'asha', roles: ['trader'], account_ids: accountIds, ...overrides };
}

/** GET /api/me answering `me` as it is when asked: a test may change its accounts between reads. */
export function meRoutes(me: Me): MockRoute[] {
  return [route('GET', /^\/api\/me$/, () => ({ status: 200, body: me }))];
}

/** A session of `username` kept in localStorage, so that the store starts signed in (as after a reload). */
export function storeSession(username = 'asha', roles: string[] = ['trader']): void {
  localStorage.setItem(
    SESSION_KEY,
    JSON.stringify({ token: 'jwt', expiresAt: '2099-01-01T00:00:00Z', roles, username }),
  );
}

/** The account `username` picked before, as this browser keeps it. */
export function rememberAccount(username: string, account: number): void {
  localStorage.setItem(accountKey(username), String(account));
}
