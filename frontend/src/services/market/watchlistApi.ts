import { baseApi } from '../api/baseApi';
import type { Watchlist, WatchlistChange } from '../api/types';

/** The signed-in user's watchlist on the gateway; the store's watchlist sync reads and saves it. */
export const watchlistApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    watchlist: build.query<Watchlist, void>({
      query: () => '/api/watchlist',
      keepUnusedDataFor: 0,
    }),
    /** Replaces the saved list with the whole list sent; a 400 saves nothing. */
    saveWatchlist: build.mutation<Watchlist, WatchlistChange>({
      query: (change) => ({ url: '/api/watchlist', method: 'PUT', body: change }),
    }),
  }),
});

export const { useWatchlistQuery, useSaveWatchlistMutation } = watchlistApi;
