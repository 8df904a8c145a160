import { accountsActions } from '../services/accounts/accountsSlice';
import { mockFetch } from '../services/api/mockFetch';
import type { MockFetch, MockRoute } from '../services/api/mockFetch';
import { MockLive } from '../services/live/mock';
import { createStore } from '../store/store';
import type { AppStore } from '../store/store';

export interface TestStore {
  store: AppStore;
  live: MockLive;
  http: MockFetch;
}

function answersMe(routes: MockRoute[]): boolean {
  return routes.some((candidate) => candidate.method === 'GET' && candidate.path.test('/api/me'));
}

/**
 * A store talking to a mock gateway of `routes`. Where the test's gateway does not answer GET /api/me (see
 * `meRoutes`), the store starts as after an answer listing no account, so that the account-scoped reads, which wait
 * for that answer, go out at once and name none.
 */
export function testStore(
  routes: MockRoute[] = [],
  nowMs = Date.parse('2026-01-05T04:00:00Z'),
): TestStore {
  const live = new MockLive();
  const http = mockFetch(routes);
  const store = createStore({
    api: { fetchFn: http.fetchFn, baseUrl: 'http://localhost' },
    live: live.deps,
    storage: window.localStorage,
    nowMs: () => nowMs,
  });
  if (!answersMe(routes)) {
    store.dispatch(accountsActions.listed([]));
  }
  return { store, live, http };
}
