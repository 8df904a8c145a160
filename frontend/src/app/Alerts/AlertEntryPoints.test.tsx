import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alertRoutes, mockAlert, mockAlertServer } from '../../services/alerts/mock';
import { loggedIn } from '../../services/auth/sessionSlice';
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

describe('ways to the alert form', () => {
  it('has an Alerts entry in the nav right after GTT, which opens the Alerts page', async () => {
    localStorage.setItem(
      'qleap.session',
      JSON.stringify({
        token: 'jwt',
        expiresAt: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    renderWithStore(<App />, {
      routes: alertRoutes(mockAlertServer([mockAlert()])),
      path: '/alerts',
    });
    const nav = screen.getByRole('navigation');
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names.slice(names.indexOf('GTT'), names.indexOf('GTT') + 2)).toEqual(['GTT', 'Alerts']);
    const alerts = within(nav).getByRole('link', { name: 'Alerts' });
    expect(alerts).toHaveAttribute('href', '/alerts');
    expect(alerts).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alerts' })).toBeInTheDocument();
    expect(await screen.findByTestId('alert-7')).toHaveTextContent('LTP ≥ 1,600.00');
  });

  it("opens the form from a watchlist row's bell, an index's too, at its live price", async () => {
    const server = mockAlertServer([]);
    const { store, http } = renderWithStore(<WatchlistPage />, {
      routes: [
        ...alertRoutes(server),
        ...watchlistRoutes(mockWatchlistServer()),
        ...marketRoutes(),
      ],
    });
    act(() => {
      store.dispatch(loggedIn(trader));
    });
    const list = await screen.findByLabelText('Watched instruments');
    await within(list).findByRole('row', { name: /^INFY/ });
    expect(within(list).getByRole('button', { name: 'Alert INFY' })).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'GTT NIFTY 50' })).not.toBeInTheDocument();
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          ticks: [
            {
              conflated: false,
              data: {
                mode: 'ltp',
                tradable: false,
                instrument_token: 256265,
                last_price: 24150.35,
              },
            },
          ],
        }),
      );
    });
    const user = userEvent.setup();
    await user.click(within(list).getByRole('button', { name: 'Alert NIFTY 50' }));
    const dialog = screen.getByRole('dialog', { name: 'New alert' });
    expect(within(dialog).getByText('NIFTY 50')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Instrument')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('alert-ltp')).toHaveTextContent('24,150.35');
    expect(within(dialog).getByTestId('alert-ltp')).toHaveAttribute(
      'title',
      'Live: the latest market price',
    );
    expect(within(dialog).getByLabelText('Price')).toHaveValue('24150.35');
    await user.clear(within(dialog).getByLabelText('Price'));
    await user.type(within(dialog).getByLabelText('Price'), '24000');
    await user.click(within(dialog).getByRole('radio', { name: 'Below' }));
    expect(within(dialog).getByLabelText('Price')).toHaveAccessibleDescription('-0.62% from LTP');
    await user.click(within(dialog).getByRole('button', { name: 'Create alert' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'New alert' })).not.toBeInTheDocument(),
    );
    expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual({
      exchange: 'NSE',
      tradingsymbol: 'NIFTY 50',
      direction: 'below',
      price: 24000,
      note: '',
    });
    expect(server.alerts).toMatchObject([
      { id: 101, tradingsymbol: 'NIFTY 50', instrument_token: 256265, status: 'active' },
    ]);
    expect(store.getState().notices.items).toContainEqual({
      id: 'alert-saved:101',
      kind: 'done',
      title: 'Alert set: NSE:NIFTY 50 LTP ≤ 24,000.00',
      detail: 'It fires once, on the first tick that meets it.',
    });
  });
});
