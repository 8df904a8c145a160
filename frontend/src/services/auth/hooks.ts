import { useCallback } from 'react';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { errorStatus, describeError } from '../api/errors';
import { useLoginMutation, useLogoutMutation } from './authApi';
import { loggedIn, loggedOut } from './sessionSlice';
import type { SessionState } from './sessionSlice';

export function useSession(): SessionState {
  return useAppSelector((state) => state.session);
}

export function useHasRole(...roles: string[]): boolean {
  const session = useSession();
  return roles.some((role) => session.roles.includes(role));
}

export interface LoginOutcome {
  ok: boolean;
  message?: string;
}

/** Signs in and stores the session; maps 401 and 429 to sentences for the form. */
export function useLogin(): [
  (username: string, password: string) => Promise<LoginOutcome>,
  boolean,
] {
  const dispatch = useAppDispatch();
  const [login, { isLoading }] = useLoginMutation();
  const signIn = useCallback(
    async (username: string, password: string): Promise<LoginOutcome> => {
      const result = await login({ username, password });
      if ('data' in result && result.data) {
        dispatch(loggedIn({ ...result.data, username }));
        return { ok: true };
      }
      const status = errorStatus(result.error);
      if (status === 401) {
        return { ok: false, message: 'Wrong username or password.' };
      }
      if (status === 429) {
        const data =
          'status' in result.error ? (result.error.data as { retry_after_s?: number }) : {};
        const wait = data.retry_after_s;
        return {
          ok: false,
          message:
            wait && Number.isFinite(wait)
              ? `Too many failed attempts: this account is locked. Try again in ${Math.ceil(wait / 60)} min.`
              : 'Too many failed attempts: this account is locked for a while. Try again later.',
        };
      }
      return { ok: false, message: describeError(result.error) };
    },
    [dispatch, login],
  );
  return [signIn, isLoading];
}

export function useLogout(): () => void {
  const dispatch = useAppDispatch();
  const [logout] = useLogoutMutation();
  return useCallback(() => {
    void logout().finally(() => dispatch(loggedOut()));
  }, [dispatch, logout]);
}
