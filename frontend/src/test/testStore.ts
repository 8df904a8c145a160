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
  return { store, live, http };
}
