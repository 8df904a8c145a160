import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { Me } from '../api/types';

export const MOCK_PASSWORD = 'correct horse battery';

export const mockMe: Me = { username: 'asha', roles: ['trader'], account_ids: [1] };

/** Login accepts asha / MOCK_PASSWORD, answers 429 for "locked", 401 otherwise. */
export function authRoutes(expiresAt = '2099-01-01T00:00:00Z'): MockRoute[] {
  return [
    route('POST', /^\/api\/auth\/login$/, (request) => {
      const body = request.body as { username: string; password: string };
      if (body.username === 'locked') {
        return {
          status: 429,
          body: { error: 'locked', message: 'Too many attempts.' },
          headers: { 'Retry-After': '60' },
        };
      }
      if (body.username === 'asha' && body.password === MOCK_PASSWORD) {
        return {
          status: 200,
          body: { token: 'jwt-asha', expires_at: expiresAt, roles: ['trader'] },
        };
      }
      return { status: 401, body: { error: 'unauthorized', message: 'Bad credentials.' } };
    }),
    route('POST', /^\/api\/auth\/logout$/, () => ({ status: 204 })),
    route('GET', /^\/api\/me$/, (request) =>
      request.headers.get('Authorization') === 'Bearer jwt-asha'
        ? { status: 200, body: mockMe }
        : { status: 401, body: { error: 'unauthorized', message: 'Sign in.' } },
    ),
  ];
}
