import { useCallback } from 'react';

/**
 * Wraps a form field's setter so that an edit first calls `clear`: the refusal of what was sent before (a mutation's
 * `reset`, a problem found before sending) no longer speaks of what the form now holds.
 */
export function useClearOnEdit(
  clear: () => void,
): <T>(set: (value: T) => void) => (value: T) => void {
  return useCallback(
    <T>(set: (value: T) => void) =>
      (value: T) => {
        clear();
        set(value);
      },
    [clear],
  );
}
