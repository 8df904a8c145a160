import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { connectionChanged } from '../../services/live/liveActions';
import {
  mockInfy,
  mockWatchlist,
  mockWatchlistItem,
  mockWatchlistServer,
  mockWatchlists,
  watchlistRoutes,
} from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { testStore } from '../../test/testStore';
import type { TestStore } from '../../test/testStore';
import { WatchlistPage } from '../Watchlist/WatchlistPage';
import { Layout } from './Layout';

vi.mock('../Watchlist/IntradayChart', () => ({ IntradayChart: () => null }));

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function signIn({ store, live }: TestStore) {
  act(() => {
    store.dispatch(loggedIn(session));
    live.socket.open();
  });
}

function drop({ live }: TestStore) {
  act(() => live.socket.drop());
}

describe('while the live socket is down', () => {
  it('counts as down from the close through every retry until the socket is open again', () => {
    const { store, live } = testStore();
    store.dispatch(loggedIn(session));
    expect(store.getState().market.liveDown).toBe(false);
    live.socket.open();
    live.socket.drop();
    expect(store.getState().market.liveDown).toBe(true);
    live.retries[0]?.retry();
    expect(store.getState().market.connection).toBe('connecting');
    expect(store.getState().market.liveDown).toBe(true);
    live.socket.open();
    expect(store.getState().market.liveDown).toBe(false);
    live.socket.drop();
    store.dispatch(connectionChanged('idle'));
    expect(store.getState().market.liveDown).toBe(false);
  });

  it('shows a disconnected banner that goes away when the socket is back', () => {
    const harness = renderWithStore(<Layout />);
    signIn(harness);
    expect(screen.queryByText(/Disconnected — reconnecting/)).not.toBeInTheDocument();
    drop(harness);
    expect(screen.getByRole('alert')).toHaveTextContent(
      /Disconnected — reconnecting… Prices, depth and P&L are stale/,
    );
    act(() => {
      harness.live.retries[0]?.retry();
      harness.live.socket.open();
    });
    expect(screen.queryByText(/Disconnected — reconnecting/)).not.toBeInTheDocument();
  });

  it('dims the watchlist, marks it stale and disables B and S with the reason', async () => {
    const harness = renderWithStore(<WatchlistPage />, {
      routes: watchlistRoutes(
        mockWatchlistServer(
          mockWatchlists({
            lists: [
              mockWatchlist({
                items: [mockWatchlistItem(mockInfy)],
                selected: mockInfy.instrument_token,
              }),
            ],
            saved: true,
          }),
        ),
      ),
    });
    signIn(harness);
    const buy = await screen.findByRole('button', { name: 'B' });
    expect(buy).toBeEnabled();
    drop(harness);
    expect(buy).toBeDisabled();
    expect(screen.getByRole('button', { name: 'S' })).toBeDisabled();
    expect(buy).toHaveAttribute('title', expect.stringMatching(/Disconnected.*ordering is paused/));
    expect(screen.getByRole('row', { name: /INFY/ })).toHaveClass('opacity-50');
    for (const mark of screen.getAllByText('stale')) {
      expect(mark).toHaveAttribute('title', 'Disconnected from the live feed: reconnecting');
    }
    expect(screen.getByRole('region', { name: 'Market depth' })).toHaveClass('opacity-50');
  });
});
