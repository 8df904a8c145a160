import { useCallback } from 'react';
import type { skipToken } from '@reduxjs/toolkit/query';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { accountsActions, selectAccountArg, selectActiveAccount } from './accountsSlice';

/** The account requests name and lists show; undefined while the user has none. */
export function useActiveAccount(): number | undefined {
  return useAppSelector(selectActiveAccount);
}

/**
 * What an account-scoped query is asked with (`useOrdersQuery(useAccountArg())`): skipToken, so that it waits, until
 * GET /api/me has listed the user's accounts; then the active account, or undefined (no account named) for none.
 */
export function useAccountArg(): number | undefined | typeof skipToken {
  return useAppSelector(selectAccountArg);
}

const NONE: number[] = [];

/** The user's accounts (empty until GET /api/me answered), the active one, and a way to pick another. */
export function useAccountChoice(): {
  ids: number[];
  active: number | undefined;
  choose: (account: number) => void;
} {
  const dispatch = useAppDispatch();
  const ids = useAppSelector((state) => state.accounts.ids);
  const active = useActiveAccount();
  const choose = useCallback(
    (account: number) => dispatch(accountsActions.chosen(account)),
    [dispatch],
  );
  return { ids: ids ?? NONE, active, choose };
}
