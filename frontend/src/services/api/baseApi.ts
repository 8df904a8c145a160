import { createApi, fetchBaseQuery } from '@reduxjs/toolkit/query/react';
import type { BaseQueryFn, FetchArgs, FetchBaseQueryError } from '@reduxjs/toolkit/query';
import { sessionEnded } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';

/** What the store injects into every request; tests swap `fetchFn` for a mock. */
export interface ApiExtra {
  fetchFn: typeof fetch;
  /** Empty in the browser (the gateway serves the dashboard); absolute in tests. */
  baseUrl: string;
}

const queries = new WeakMap<typeof fetch, ReturnType<typeof fetchBaseQuery>>();

function rawQuery(fetchFn: typeof fetch, baseUrl: string): ReturnType<typeof fetchBaseQuery> {
  let query = queries.get(fetchFn);
  if (!query) {
    query = fetchBaseQuery({
      baseUrl,
      fetchFn,
      prepareHeaders: (headers, { getState }) => {
        const token = (getState() as { session: SessionState }).session.token;
        if (token) {
          headers.set('Authorization', `Bearer ${token}`);
        }
        return headers;
      },
    });
    queries.set(fetchFn, query);
  }
  return query;
}

const authenticatedQuery: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (
  args,
  api,
  extraOptions,
) => {
  const extra = api.extra as Partial<ApiExtra> | undefined;
  const fetchFn = extra?.fetchFn ?? ((input, init) => fetch(input, init));
  const result = await rawQuery(fetchFn, extra?.baseUrl ?? '')(args, api, extraOptions);
  const url = typeof args === 'string' ? args : args.url;
  if (result.error?.status === 401 && !url.startsWith('/api/auth/login')) {
    api.dispatch(sessionEnded('Your session has ended. Please sign in again.'));
  }
  return result;
};

/** The one RTK Query API; every service injects its endpoints into it. */
export const baseApi = createApi({
  reducerPath: 'api',
  baseQuery: authenticatedQuery,
  tagTypes: [
    'Orders',
    'Trades',
    'Positions',
    'Holdings',
    'Funds',
    'Risk',
    'Broker',
    'Users',
    'Me',
    'Gtt',
    'Alerts',
    'Baskets',
  ],
  endpoints: () => ({}),
});
