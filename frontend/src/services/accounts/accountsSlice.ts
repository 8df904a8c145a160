import { createSlice } from '@reduxjs/toolkit';
import type { Middleware, PayloadAction } from '@reduxjs/toolkit';
import { skipToken } from '@reduxjs/toolkit/query';
import { authApi } from '../auth/authApi';
import { loggedIn, loggedOut, sessionEnded } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';

/**
 * The trading account the dashboard acts on: orders, funds, holdings, GTTs and baskets are placed and read for it, and
 * the lists show its rows only. A user with several accounts picks it in the header.
 */
export interface AccountsState {
  /** The signed-in user's accounts as GET /api/me last listed them; null until it has answered. */
  ids: number[] | null;
  /** The active account; null while the user has none (or none is known yet). */
  active: number | null;
}

/** Where the account a user last picked is kept in this browser, one key per username. */
export function accountKey(username: string): string {
  return `qleap.account.${username}`;
}

/** The account `username` last picked in this browser, or null when none is kept (or it is unreadable). */
export function loadAccount(storage: Storage | undefined, username: string | null): number | null {
  const raw = username ? storage?.getItem(accountKey(username)) : null;
  if (!raw || !/^\d+$/.test(raw)) {
    return null;
  }
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function saveAccount(storage: Storage | undefined, username: string, account: number): void {
  storage?.setItem(accountKey(username), String(account));
}

/** Before GET /api/me answers: the account the user last picked here, which the answer then confirms. */
export function initialAccounts(
  storage: Storage | undefined,
  username: string | null,
): AccountsState {
  return { ids: null, active: loadAccount(storage, username) };
}

/** `wanted` while it is among `ids` (or they are not known yet), else the first of them; null when there is none. */
function reconciled(ids: number[] | null, wanted: number | null): number | null {
  if (ids === null) {
    return wanted;
  }
  return wanted !== null && ids.includes(wanted) ? wanted : (ids[0] ?? null);
}

function listAccounts(state: AccountsState, ids: number[]): void {
  state.ids = ids;
  state.active = reconciled(ids, state.active);
}

const emptyAccounts: AccountsState = { ids: null, active: null };

const accountsSlice = createSlice({
  name: 'accounts',
  initialState: emptyAccounts,
  reducers: {
    /** The user picked an account; one that is not theirs is ignored. */
    chosen(state, action: PayloadAction<number>) {
      if (state.ids === null || state.ids.includes(action.payload)) {
        state.active = action.payload;
      }
    },
    /** The account kept for the user who just signed in (null for none). */
    restored(state, action: PayloadAction<number | null>) {
      state.active = reconciled(state.ids, action.payload);
    },
    /** The user's accounts are known (GET /api/me listed them): the active one stays if it is among them. */
    listed(state, action: PayloadAction<number[]>) {
      listAccounts(state, action.payload);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loggedOut, () => emptyAccounts)
      .addCase(sessionEnded, () => emptyAccounts)
      .addMatcher(authApi.endpoints.me.matchFulfilled, (state, action) => {
        listAccounts(state, action.payload.account_ids);
      });
  },
});

export const accountsActions = accountsSlice.actions;
export const accountsReducer = accountsSlice.reducer;

interface AccountsRootState {
  session: SessionState;
  accounts: AccountsState;
}

/** The active account, or undefined while there is none: what a request names as its `account_id`. */
export function selectActiveAccount(state: { accounts: AccountsState }): number | undefined {
  return state.accounts.active ?? undefined;
}

/**
 * The argument of an account-scoped read (orders, trades, positions, funds, holdings, auctions, GTTs): skipToken until
 * GET /api/me has listed the user's accounts, then the active account, or undefined for a user with none. Read earlier,
 * a user with several accounts and none remembered would be refused (the request names no account), and every list
 * would be read twice at start (again once the answer confirms or replaces the account remembered).
 */
export function selectAccountArg(state: {
  accounts: AccountsState;
}): number | undefined | typeof skipToken {
  return state.accounts.ids === null ? skipToken : selectActiveAccount(state);
}

/** True for a row (an order, a position) of the active account, and for every row while none is active. */
export function ofAccount(active: number | undefined, row: { account_id: number }): boolean {
  return active === undefined || row.account_id === active;
}

/**
 * Remembers the account each user picks in `storage`: the one kept is the active account again when that user signs
 * in, and after a reload (the store starts with it, see `initialAccounts`).
 */
export function createAccountMemory(storage: Storage | undefined): Middleware {
  return (store) => (next) => (action) => {
    const before = (store.getState() as AccountsRootState).accounts.active;
    const result = next(action);
    if (loggedIn.match(action)) {
      store.dispatch(accountsActions.restored(loadAccount(storage, action.payload.username)));
    }
    const { session, accounts } = store.getState() as AccountsRootState;
    if (accounts.active !== before && accounts.active !== null && session.username) {
      saveAccount(storage, session.username, accounts.active);
    }
    return result;
  };
}
