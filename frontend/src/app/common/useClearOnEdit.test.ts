import { act, renderHook } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useClearOnEdit } from './useClearOnEdit';

describe('a form field setter that clears the refusal', () => {
  it('clears before it sets, on every edit', () => {
    const order: string[] = [];
    const clear = vi.fn(() => order.push('clear'));
    const { result } = renderHook(() => {
      const [name, setName] = useState('');
      const edited = useClearOnEdit(clear);
      return {
        name,
        setName: edited((value: string) => {
          order.push('set');
          setName(value);
        }),
      };
    });
    act(() => result.current.setName('ravi'));
    expect(result.current.name).toBe('ravi');
    expect(order).toEqual(['clear', 'set']);
    act(() => result.current.setName('ravi2'));
    expect(clear).toHaveBeenCalledTimes(2);
    expect(result.current.name).toBe('ravi2');
  });

  it('passes an updater on to the setter it wraps', () => {
    const clear = vi.fn();
    const { result } = renderHook(() => {
      const [roles, setRoles] = useState<string[]>(['trader']);
      return { roles, setRoles: useClearOnEdit(clear)(setRoles) };
    });
    act(() => result.current.setRoles((current) => [...current, 'ops']));
    expect(result.current.roles).toEqual(['trader', 'ops']);
    expect(clear).toHaveBeenCalledTimes(1);
  });

  it('clears nothing until a field is edited', () => {
    const clear = vi.fn();
    renderHook(() => useClearOnEdit(clear)(vi.fn()));
    expect(clear).not.toHaveBeenCalled();
  });
});
