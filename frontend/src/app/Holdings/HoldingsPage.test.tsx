import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { holdingsRoutes, mockHolding } from '../../services/holdings/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { tick } from '../../services/live/mock';
import { mockInfy } from '../../services/market/mock';
import { watchlistActions } from '../../services/market/watchlistSlice';
import { renderWithStore } from '../../test/render';
import { HoldingsPage } from './HoldingsPage';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function figure(label: string): string {
  const totals = screen.getByLabelText('Holdings totals');
  const term = within(totals).getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

describe('holdings page', () => {
  it('shows the holdings with their totals and follows the live price', async () => {
    const { store } = renderWithStore(<HoldingsPage />, {
      routes: holdingsRoutes([
        mockHolding(),
        mockHolding({
          tradingsymbol: 'SBIN',
          exchange: 'BSE',
          instrument_token: 128028676,
          quantity: 16,
          average_price: 801.78125,
          last_price: 762.45,
          close_price: 766.4,
          pnl: -629.3,
        }),
      ]),
    });
    expect(screen.getByText('Loading holdings…')).toBeInTheDocument();
    act(() => {
      store.dispatch(loggedIn(trader));
    });
    expect(await screen.findByRole('cell', { name: /INFY/ })).toBeInTheDocument();
    expect(figure('Investment')).toBe('27,033.50');
    expect(figure('Current value')).toBe('27,299.20');
    expect(figure('P&L')).toBe('265.70 +0.98%');
    expect(figure("Day's change")).toBe('136.80 +0.50%');
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          ticks: [
            {
              conflated: false,
              data: { mode: 'ltp', tradable: true, instrument_token: 408065, last_price: 1520 },
            },
          ],
        }),
      );
    });
    const infy = screen.getByRole('row', { name: /INFY/ });
    expect(within(infy).getByText('1,520.00')).toBeInTheDocument();
    expect(within(infy).getByText('995.00')).toBeInTheDocument();
    expect(figure('P&L')).toBe('365.70 +1.35%');
    expect(figure("Day's change")).toBe('236.80 +0.87%');
  });

  it('streams every holding while the page is shown and lets go of those the watchlist does not stream', async () => {
    const { store, live, view } = renderWithStore(<HoldingsPage />, {
      routes: holdingsRoutes([
        mockHolding(),
        mockHolding({
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          quantity: 16,
          average_price: 801.78125,
          last_price: 762.45,
          close_price: 766.4,
        }),
      ]),
    });
    act(() => {
      store.dispatch(loggedIn(trader));
      live.socket.open();
      store.dispatch(watchlistActions.added(mockInfy));
    });
    await screen.findByRole('cell', { name: /SBIN/ });
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'subscribe', v: [779521] },
      { a: 'mode', v: ['ltp', [779521]] },
    ]);
    expect(figure('Current value')).toBe('27,299.20');
    act(() => {
      live.socket.push(tick(779521, 770.45, { mode: 'ltp' }));
      live.runFrame();
    });
    expect(within(screen.getByRole('row', { name: /SBIN/ })).getByText('770.45')).toBeVisible();
    expect(figure('Current value')).toBe('27,427.20');
    expect(figure("Day's change")).toBe('264.80 +0.97%');
    live.socket.sent.length = 0;
    view.unmount();
    expect(live.socket.sent).toEqual([{ a: 'unsubscribe', v: [779521] }]);
  });

  it('says so when there are no holdings', async () => {
    const { store } = renderWithStore(<HoldingsPage />, { routes: holdingsRoutes([]) });
    act(() => {
      store.dispatch(loggedIn(trader));
    });
    expect(await screen.findByText('No holdings.')).toBeInTheDocument();
  });

  it("shows the gateway's reason when the broker cannot be read", async () => {
    const { store } = renderWithStore(<HoldingsPage />, {
      routes: [
        {
          method: 'GET',
          path: /^\/api\/holdings$/,
          handler: () => ({
            status: 502,
            body: {
              error: 'broker_unavailable',
              message: 'holdings of account 1 could not be read from the broker: timeout',
            },
          }),
        },
      ],
    });
    act(() => {
      store.dispatch(loggedIn(trader));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'holdings of account 1 could not be read from the broker: timeout',
    );
  });
});
