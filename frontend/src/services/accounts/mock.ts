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

/**
 * GET /api/me whose answer (`me`) arrives only when the test calls `answer`: what is read before it, and after, shows
 * apart.
 */
export function heldMeRoutes(me: Me): { routes: MockRoute[]; answer: () => void } {
  const waiting: WritableStreamDefaultWriter<Uint8Array>[] = [];
  let answered = false;
  const send = (writer: WritableStreamDefaultWriter<Uint8Array>) => {
    void writer
      .write(new TextEncoder().encode(JSON.stringify(me)))
      .then(() => writer.close())
      .catch(() => undefined);
  };
  return {
    routes: [
      route('GET', /^\/api\/me$/, () => {
        const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
        const writer = writable.getWriter();
        if (answered) {
          send(writer);
        } else {
          waiting.push(writer);
        }
        return {
          status: 200,
          stream: readable,
          headers: { 'Content-Type': 'application/json' },
        };
      }),
    ],
    answer: () => {
      answered = true;
      waiting.splice(0).forEach(send);
    },
  };
}
