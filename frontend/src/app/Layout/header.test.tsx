import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MockRoute } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { renderWithStore } from '../../test/render';
import { Layout } from './Layout';

function layoutWith(
  killSwitches: { account_id: number; mode: string }[],
  errors: string[] = [],
  routes: MockRoute[] = [],
) {
  const harness = renderWithStore(<Layout />, { routes });
  act(() => {
    harness.store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['admin'],
        username: 'admin',
      }),
    );
    harness.live.socket.open();
    harness.store.dispatch(liveBatch({ ...emptyBatch(1), killSwitches, errors }));
  });
  return harness;
}

describe('header', () => {
  it('wraps the top bar onto a second line rather than cutting its status badges short', () => {
    const harness = layoutWith([{ account_id: 0, mode: 'halt' }]);
    act(() => {
      harness.store.dispatch(
        liveBatch({
          ...emptyBatch(2),
          gaps: [0, 1, 2].map((connection) => ({
            connection,
            state: 'gap_started' as const,
            last_message_ns: 0,
          })),
        }),
      );
    });
    const header = screen.getByRole('banner');
    expect(header).toHaveClass('flex-wrap');
    expect(header).not.toHaveClass('xl:flex-nowrap');
    expect(header.querySelector('nav')).toHaveClass('shrink-0');
    const status = screen.getByTestId('status-bar');
    expect(status).toHaveClass('flex-wrap', 'min-w-0');
    expect(status.className).not.toMatch(/overflow-hidden|flex-nowrap/);
    expect(status.parentElement?.className).not.toMatch(/overflow-hidden|flex-nowrap/);
    const gap = screen.getByTestId('feed-gap-badge');
    expect(gap).toHaveTextContent(/^feed gap on 3 connections$/);
    expect(gap).toHaveClass('whitespace-nowrap', 'shrink-0');
    expect(gap).not.toHaveClass('truncate');
  });

  it('shows every kill switch in force in one badge, never cut short, that names them all in its title', () => {
    layoutWith([
      { account_id: 3, mode: 'reduce_only' },
      { account_id: 0, mode: 'halt' },
      { account_id: 5, mode: 'off' },
    ]);
    const badges = screen.getAllByTestId('kill-switch-badge');
    expect(badges).toHaveLength(1);
    expect(badges[0]).toHaveTextContent('kill switch halt (global), reduce_only (acct 3)');
    expect(badges[0]).toHaveAttribute(
      'title',
      'Kill switch halt for every account; Kill switch reduce_only for account 3',
    );
    expect(badges[0]).not.toHaveClass('truncate');
    expect(badges[0]).not.toHaveClass('max-w-56');
  });

  it('cuts a long feed error short rather than wrapping, keeping it whole in the title', () => {
    const error = 'feed error: the connection was reset by the peer while reading the frame';
    layoutWith([], [error]);
    const shown = screen.getByTitle(error);
    expect(shown).toHaveTextContent(error);
    expect(shown).toHaveClass('truncate');
    expect(screen.queryByTestId('kill-switch-badge')).not.toBeInTheDocument();
  });

  it('marks the session as paper trading while the broker is the Kite simulator', async () => {
    layoutWith([], [], brokerRoutes(true, { ...mockBrokerStatus, simulated: true }));
    const badge = await screen.findByTestId('paper-badge');
    expect(badge).toHaveTextContent('paper');
    expect(badge).toHaveAttribute(
      'title',
      'Paper trading on the Kite simulator: no order reaches an exchange',
    );
  });

  it('shows no paper badge with Zerodha Kite', async () => {
    const { store } = layoutWith([], [], brokerRoutes(true));
    await waitFor(() =>
      expect(store.getState().api.queries['brokerStatus(undefined)']?.status).toBe('fulfilled'),
    );
    expect(screen.queryByTestId('paper-badge')).toBeNull();
  });
});
