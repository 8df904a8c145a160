import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { gttRoutes, mockGtt, mockGttServer } from '../../services/gtt/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes, mockWatchlistServer, watchlistRoutes } from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { App } from '../App';
import { WatchlistPage } from '../Watchlist/WatchlistPage';

vi.mock('../Watchlist/IntradayChart', () => ({ IntradayChart: () => null }));

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

describe('ways to the GTT form', () => {
  it('has a GTT entry in the nav right after Orders, which opens the GTT page', async () => {
    localStorage.setItem(
      'qleap.session',
      JSON.stringify({
        token: 'jwt',
        expiresAt: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    renderWithStore(<App />, { routes: gttRoutes(mockGttServer([mockGtt()])), path: '/gtt' });
    const nav = screen.getByRole('navigation');
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Watchlist',
      'Orders',
      'GTT',
      'Alerts',
      'Baskets',
      'Trades',
      'Positions',
      'Holdings',
      'Broker',
    ]);
    const gtt = within(nav).getByRole('link', { name: 'GTT' });
    expect(gtt).toHaveAttribute('href', '/gtt');
    expect(gtt).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'GTT' })).toBeInTheDocument();
    expect(await screen.findByTestId('gtt-1-1001')).toHaveTextContent('SELL 10 CNC @ 1,450.00');
  });

  it("opens the form for a watchlist row's instrument at its live price, and places the GTT", async () => {
    const server = mockGttServer([]);
    const { store, http } = renderWithStore(<WatchlistPage />, {
      routes: [...gttRoutes(server), ...watchlistRoutes(mockWatchlistServer()), ...marketRoutes()],
    });
    act(() => {
      store.dispatch(loggedIn(trader));
    });
    const list = await screen.findByLabelText('Watched instruments');
    await within(list).findByRole('row', { name: /^INFY/ });
    expect(within(list).queryByRole('button', { name: 'GTT NIFTY 50' })).not.toBeInTheDocument();
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          ticks: [
            {
              conflated: false,
              data: { mode: 'quote', tradable: true, instrument_token: 408065, last_price: 1510 },
            },
          ],
        }),
      );
    });
    const user = userEvent.setup();
    await user.click(within(list).getByRole('button', { name: 'GTT INFY' }));
    const dialog = screen.getByRole('dialog', { name: 'New GTT' });
    expect(within(dialog).getByText('INFY')).toBeInTheDocument();
    expect(within(dialog).getByTestId('gtt-ltp')).toHaveTextContent('1,510.00');
    expect(within(dialog).getByTestId('gtt-ltp')).toHaveAttribute(
      'title',
      'Live: the latest market price',
    );
    expect(within(dialog).queryByLabelText('Instrument')).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /^INFY/ })).toHaveAttribute('aria-selected', 'true');

    await user.type(within(dialog).getByLabelText('Trigger value'), '1585.5');
    expect(within(dialog).getByLabelText('Trigger value')).toHaveAccessibleDescription(
      '+5.00% from LTP',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'New GTT' })).not.toBeInTheDocument(),
    );
    expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual({
      type: 'single',
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      trigger_values: [1585.5],
      orders: [{ transaction_type: 'BUY', quantity: 1, product: 'CNC', price: 1585.5 }],
    });
    expect(store.getState().notices.items).toContainEqual({
      id: 'gtt:1:2001',
      kind: 'done',
      title: 'GTT 2001 placed: Single INFY',
      detail: 'Trigger 1,585.50; BUY 1 CNC @ 1,585.50.',
    });
  });
});
