import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { baseApi } from '../services/api/baseApi';
import type { ApiExtra } from '../services/api/baseApi';
import {
  accountsReducer,
  createAccountMemory,
  initialAccounts,
} from '../services/accounts/accountsSlice';
import { alertsMiddleware } from '../services/alerts/alertsMiddleware';
import { loadSession, saveSession, sessionReducer } from '../services/auth/sessionSlice';
import { resyncMiddleware } from '../services/live/resync';
import { streamReducer } from '../services/live/streamSlice';
import { createLiveMiddleware, browserLiveDeps } from '../services/live/wsMiddleware';
import type { LiveDeps } from '../services/live/wsMiddleware';
import { marketReducer } from '../services/market/marketSlice';
import { watchlistReducer } from '../services/market/watchlistSlice';
import { createWatchlistSync } from '../services/market/watchlistSync';
import { noticesReducer } from '../services/notices/noticesSlice';
import { ordersReducer } from '../services/orders/ordersSlice';
import { positionsReducer } from '../services/positions/positionsSlice';

const rootReducer = combineReducers({
  [baseApi.reducerPath]: baseApi.reducer,
  session: sessionReducer,
  accounts: accountsReducer,
  market: marketReducer,
  watchlist: watchlistReducer,
  stream: streamReducer,
  orders: ordersReducer,
  positions: positionsReducer,
  notices: noticesReducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export interface StoreDeps {
  api: ApiExtra;
  live: LiveDeps;
  storage: Storage | undefined;
  nowMs: () => number;
}

export function browserDeps(): StoreDeps {
  return {
    api: { fetchFn: (input, init) => fetch(input, init), baseUrl: '' },
    live: browserLiveDeps,
    storage: window.localStorage,
    nowMs: () => Date.now(),
  };
}

export function createStore(deps: StoreDeps) {
  const loaded = loadSession(deps.storage, deps.nowMs());
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: {
      session: loaded,
      accounts: initialAccounts(deps.storage, loaded.token ? loaded.username : null),
    },
    middleware: (getDefault) =>
      getDefault({
        thunk: { extraArgument: deps.api },
        serializableCheck: false,
        immutableCheck: false,
      }).concat(
        baseApi.middleware,
        createLiveMiddleware(deps.live),
        resyncMiddleware,
        alertsMiddleware,
        createWatchlistSync(deps.storage),
        createAccountMemory(deps.storage),
      ),
  });
  let session = store.getState().session;
  store.subscribe(() => {
    const state = store.getState();
    if (state.session !== session) {
      session = state.session;
      saveSession(deps.storage, session);
      if (!session.token) {
        store.dispatch(baseApi.util.resetApiState());
      }
    }
  });
  return store;
}

export type AppStore = ReturnType<typeof createStore>;
export type AppDispatch = AppStore['dispatch'];
