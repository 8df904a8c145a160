import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { FillView } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockFill } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { TradesPage } from './TradesPage';

function fill(trade_id: string, fill_timestamp: string, journal_index: number): FillView {
  return { ...mockFill, trade_id, fill_timestamp, journal_index };
}

function signIn(store: TestStore['store']) {
  act(() => {
    store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
  });
}

function tradeIds(): (string | null | undefined)[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]?.textContent);
}

describe('trades page', () => {
  it('lists trades of the same second by trade id, the highest first, whatever order they came in', async () => {
    const fills = [
      fill('83581005', '2026-01-05T17:45:09Z', 11),
      fill('83581004', '2026-01-05T17:45:09Z', 12),
      fill('83581007', '2026-01-05T17:45:09Z', 13),
      fill('83581006', '2026-01-05T17:45:09Z', 14),
      fill('99999999', '2026-01-05T17:45:10Z', 15),
      fill('100000000', '2026-01-05T17:45:10Z', 16),
      fill('83581008', '2026-01-05T17:45:08Z', 17),
    ];
    const { store } = renderWithStore(<TradesPage />, {
      routes: [route('GET', /^\/api\/trades$/, () => ({ status: 200, body: fills }))],
    });
    signIn(store);
    await screen.findByText('83581007');
    expect(tradeIds()).toEqual([
      '100000000',
      '99999999',
      '83581007',
      '83581006',
      '83581005',
      '83581004',
      '83581008',
    ]);
    expect(screen.getAllByText('23:15:09')).toHaveLength(4);
  });

  it('lists the newest fill first, fills of the same moment by journal order', async () => {
    const fills = [
      fill('T1', '2026-01-05T03:50:00.9Z', 3),
      fill('T2', '2026-01-05T03:50:00.94Z', 4),
      fill('T3', '2026-01-05T03:51:10Z', 5),
      fill('T4', '2026-01-05T03:51:10Z', 6),
      fill('T0', '2026-01-05T03:49:59.999Z', 9),
    ];
    const { store } = renderWithStore(<TradesPage />, {
      routes: [route('GET', /^\/api\/trades$/, () => ({ status: 200, body: fills }))],
    });
    signIn(store);
    await screen.findByText('T3');
    expect(tradeIds()).toEqual(['T4', 'T3', 'T2', 'T1', 'T0']);
  });
});
