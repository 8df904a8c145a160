import { baseApi } from '../api/baseApi';
import type { WatchlistChange, Watchlists } from '../api/types';

/** The signed-in user's watchlists on the gateway; the store's watchlist sync reads and saves them. */
export const watchlistApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    watchlist: build.query<Watchlists, void>({
      query: () => '/api/watchlist',
      keepUnusedDataFor: 0,
    }),
    /** Replaces the saved lists with all the lists sent; a 400 saves nothing. */
    saveWatchlist: build.mutation<Watchlists, WatchlistChange>({
      query: (change) => ({ url: '/api/watchlist', method: 'PUT', body: change }),
    }),
  }),
});

export const { useWatchlistQuery, useSaveWatchlistMutation } = watchlistApi;
