import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { LoginResponse } from '../api/types';

export interface SessionState {
  token: string | null;
  expiresAt: string | null;
  roles: string[];
  username: string | null;
  /** Why the user is on the login page (expiry, 401), shown above the form. */
  message: string | null;
}

export const SESSION_KEY = 'qleap.session';

export const emptySession: SessionState = {
  token: null,
  expiresAt: null,
  roles: [],
  username: null,
  message: null,
};

/** The stored session, unless it is missing, unreadable or expired. */
export function loadSession(storage: Storage | undefined, nowMs: number): SessionState {
  const raw = storage?.getItem(SESSION_KEY);
  if (!raw) {
    return emptySession;
  }
  try {
    const stored = JSON.parse(raw) as Partial<SessionState>;
    if (typeof stored.token !== 'string' || typeof stored.expiresAt !== 'string') {
      return emptySession;
    }
    if (Date.parse(stored.expiresAt) <= nowMs) {
      return { ...emptySession, message: 'Your session expired. Please sign in again.' };
    }
    return {
      token: stored.token,
      expiresAt: stored.expiresAt,
      roles: Array.isArray(stored.roles) ? stored.roles : [],
      username: typeof stored.username === 'string' ? stored.username : null,
      message: null,
    };
  } catch {
    return emptySession;
  }
}

export function saveSession(storage: Storage | undefined, session: SessionState): void {
  if (!storage) {
    return;
  }
  if (session.token) {
    const { token, expiresAt, roles, username } = session;
    storage.setItem(SESSION_KEY, JSON.stringify({ token, expiresAt, roles, username }));
  } else {
    storage.removeItem(SESSION_KEY);
  }
}

const sessionSlice = createSlice({
  name: 'session',
  initialState: emptySession,
  reducers: {
    loggedIn: (_state, action: PayloadAction<LoginResponse & { username: string }>) => ({
      token: action.payload.token,
      expiresAt: action.payload.expires_at,
      roles: action.payload.roles,
      username: action.payload.username,
      message: null,
    }),
    loggedOut: () => emptySession,
    /** Ends the session, saying why; once ended, a later request's refusal keeps the first reason given. */
    sessionEnded: (state, action: PayloadAction<string>) =>
      state.token === null && state.message !== null
        ? state
        : { ...emptySession, message: action.payload },
  },
});

export const { loggedIn, loggedOut, sessionEnded } = sessionSlice.actions;
export const sessionReducer = sessionSlice.reducer;
