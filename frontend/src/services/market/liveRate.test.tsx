import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testStore } from '../../test/testStore';
import { emptyBatch, liveBatch } from '../live/liveActions';
import { useLiveRate } from './hooks';

afterEach(() => {
  vi.useRealTimers();
});

describe('the live rate', () => {
  it('counts the messages, ticks and conflated ticks of the last second', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { store } = testStore();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <Provider store={store}>{children}</Provider>
    );
    const { result } = renderHook(() => useLiveRate(), { wrapper });
    act(() => {
      store.dispatch(
        liveBatch({ ...emptyBatch(1), received: { messages: 1800, ticks: 1790, conflated: 179 } }),
      );
      vi.advanceTimersByTime(1000);
    });
    expect(result.current).toMatchObject({
      messagesPerS: 1800,
      ticksPerS: 1790,
      conflatedPerS: 179,
    });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(result.current.ticksPerS).toBe(0);
    expect(result.current.totals).toMatchObject({ messages: 1800, ticks: 1790, conflated: 179 });
  });
});
