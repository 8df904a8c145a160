import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MockRoute } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockInfy, marketRoutes } from '../../services/market/mock';
import { watchlistActions } from '../../services/market/watchlistSlice';
import { ordersRoutes } from '../../services/orders/mock';
import { mockPosition, positionsRoutes } from '../../services/positions/mock';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { TicketProvider } from '../OrderTicket/TicketProvider';
import { PositionsPage } from './PositionsPage';

const niftyLong = mockPosition({
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  instrument_token: 13238786,
  product: 'NRML',
  quantity: 150,
});

function page(routes: MockRoute[]): TestStore {
  const harness = renderWithStore(
    <TicketProvider>
      <PositionsPage />
    </TicketProvider>,
    { routes: [...routes, ...marketRoutes(), ...ordersRoutes()] },
  );
  act(() => {
    harness.store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    harness.live.socket.open();
  });
  return harness;
}

function field(name: string): HTMLInputElement | HTMLSelectElement {
  const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  if (!element) {
    throw new Error(`no field ${name}`);
  }
  return element;
}

describe('positions page exit', () => {
  it('opens the ticket to sell a long position in lots at market, same product, and sends it', async () => {
    const { http } = page(positionsRoutes([niftyLong]));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Exit NIFTY26JANFUT NRML' }));
    const ticket = await screen.findByRole('dialog', { name: 'SELL NIFTY26JANFUT' });
    expect(ticket).toHaveTextContent(
      'Exit: closes the long NRML position of 150 NIFTY26JANFUT (2 lots of 75) at market.',
    );
    expect(screen.getByLabelText('Order type')).toHaveValue('MARKET');
    expect(screen.getByLabelText('Product')).toHaveValue('NRML');
    expect(screen.getByLabelText('Quantity (lots of 75)')).toHaveValue('2');
    expect(field('market_protection')).toHaveValue('-1');
    expect(field('price')).toHaveValue('');
    expect(http.calls.some((call) => call.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual(
        expect.objectContaining({
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JANFUT',
          transaction_type: 'SELL',
          order_type: 'MARKET',
          product: 'NRML',
          quantity: 150,
          price: null,
          market_protection: -1,
          variety: 'regular',
        }),
      ),
    );
  });

  it('buys back a short position of a watched instrument without asking the gateway for it', async () => {
    const harness = page(
      positionsRoutes([mockPosition({ product: 'MIS', quantity: -6, pnl: -12 })]),
    );
    act(() => {
      harness.store.dispatch(watchlistActions.added(mockInfy));
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit INFY MIS' }));
    expect(await screen.findByRole('dialog', { name: 'BUY INFY' })).toHaveTextContent(
      'Exit: closes the short MIS position of 6 INFY at market.',
    );
    expect(screen.getByLabelText('Product')).toHaveValue('MIS');
    expect(screen.getByLabelText('Quantity')).toHaveValue('6');
    expect(harness.http.calls.some((call) => call.path === '/api/instruments')).toBe(false);
  });

  it('offers no exit on a flat row and none a ticket cannot place', async () => {
    page(
      positionsRoutes([
        mockPosition({ product: 'MIS', quantity: 0 }),
        mockPosition({
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          product: 'CO',
          quantity: 3,
        }),
        mockPosition(),
      ]),
    );
    expect(await screen.findByRole('button', { name: 'Exit INFY CNC' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Exit INFY MIS' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exit SBIN CO' })).toBeDisabled();
  });

  it('disables Exit while the live socket is down, as B and S are', async () => {
    const harness = page(positionsRoutes([niftyLong]));
    const exit = await screen.findByRole('button', { name: 'Exit NIFTY26JANFUT NRML' });
    expect(exit).toBeEnabled();
    act(() => harness.live.socket.drop());
    expect(exit).toBeDisabled();
    expect(exit).toHaveAttribute(
      'title',
      expect.stringMatching(/Disconnected.*ordering is paused/),
    );
  });

  it('says so when the gateway does not know the instrument', async () => {
    page(positionsRoutes([mockPosition({ tradingsymbol: 'GONE', instrument_token: 1 })]));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit GONE CNC' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not exit GONE: the gateway does not know the instrument',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
