import { useMemo } from 'react';
import { useAppSelector } from '../../store/hooks';
import { ofAccount } from '../accounts/accountsSlice';
import { useAccountArg, useActiveAccount } from '../accounts/hooks';
import type { PositionView } from '../api/types';
import { useStreamedPrices } from '../market/hooks';
import { usePositionsQuery } from './positionsApi';

/**
 * The active account's positions from the REST snapshot merged with the live position messages (which come for every
 * account of the user's). Their instruments stream while the caller is shown (see useStreamedPrices), so that a
 * closed position, which gets no more position messages, still shows the market's last price.
 */
export function useLivePositions(): {
  positions: PositionView[];
  query: ReturnType<typeof usePositionsQuery>;
} {
  const account = useActiveAccount();
  const query = usePositionsQuery(useAccountArg());
  const byKey = useAppSelector((state) => state.positions.byKey);
  const positions = useMemo(
    () =>
      Object.values(byKey)
        .filter((position) => ofAccount(account, position))
        .sort((a, b) => a.tradingsymbol.localeCompare(b.tradingsymbol)),
    [byKey, account],
  );
  useStreamedPrices(positions.map((position) => position.instrument_token));
  return { positions, query };
}
