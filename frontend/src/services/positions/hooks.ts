import { useMemo } from 'react';
import { useAppSelector } from '../../store/hooks';
import type { PositionView } from '../api/types';
import { usePositionsQuery } from './positionsApi';

/** Positions from the REST snapshot merged with the live position messages. */
export function useLivePositions(): {
  positions: PositionView[];
  query: ReturnType<typeof usePositionsQuery>;
} {
  const query = usePositionsQuery();
  const byKey = useAppSelector((state) => state.positions.byKey);
  const positions = useMemo(
    () => Object.values(byKey).sort((a, b) => a.tradingsymbol.localeCompare(b.tradingsymbol)),
    [byKey],
  );
  return { positions, query };
}
