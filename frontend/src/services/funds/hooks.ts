import { useEffect, useState } from 'react';
import { errorStatus } from '../api/errors';
import { MARGIN_RETRY_MS } from './fundsApi';

/**
 * `value` as it last stood still for `ms` (what is typed is not asked for key by key), null while it is null;
 * `moved` while the value differs from it.
 */
export function useSettled<T>(value: T | null, ms: number): { settled: T | null; moved: boolean } {
  const key = value === null ? '' : JSON.stringify(value);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return {
    settled: settled === '' ? null : (JSON.parse(settled) as T),
    moved: settled !== key,
  };
}

/**
 * True while the broker's rate limit had no slot to spare for a margin question (order changes come first); it is
 * asked again `MARGIN_RETRY_MS` later.
 */
export function useAskAgainWhenBusy(query: {
  error?: Parameters<typeof errorStatus>[0];
  isFetching: boolean;
  refetch: () => unknown;
}): boolean {
  const { error, isFetching, refetch } = query;
  const busy = errorStatus(error) === 429 && !isFetching;
  useEffect(() => {
    if (!busy) {
      return undefined;
    }
    const timer = setTimeout(() => void refetch(), MARGIN_RETRY_MS);
    return () => clearTimeout(timer);
  }, [busy, refetch]);
  return busy;
}
