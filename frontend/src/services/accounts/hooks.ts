import { useCallback } from 'react';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { accountsActions, selectActiveAccount } from './accountsSlice';

/** The account requests name and lists show; undefined while the user has none. */
export function useActiveAccount(): number | undefined {
  return useAppSelector(selectActiveAccount);
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
