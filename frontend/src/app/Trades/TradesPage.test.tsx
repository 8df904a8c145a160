import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { FillView } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockFill } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import { TradesPage } from './TradesPage';

function fill(trade_id: string, fill_timestamp: string, journal_index: number): FillView {
  return { ...mockFill, trade_id, fill_timestamp, journal_index };
}

describe('trades page', () => {
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
    await screen.findByText('T3');
    const order = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.textContent);
    expect(order).toEqual(['T4', 'T3', 'T2', 'T1', 'T0']);
  });
});
