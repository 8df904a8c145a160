import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { loggedIn } from '../services/auth/sessionSlice';
import { emptyBatch, liveBatch } from '../services/live/liveActions';
import { marketRoutes } from '../services/market/mock';
import { mockOrder, ordersRoutes } from '../services/orders/mock';
import { mockPosition, positionsRoutes } from '../services/positions/mock';
import { riskRoutes } from '../services/risk/mock';
import { renderWithStore } from '../test/render';
import { OrdersPage } from './Orders/OrdersPage';
import { PositionsPage } from './Positions/PositionsPage';
import { RiskPage } from './Risk/RiskPage';

function session(roles: string[]) {
  return { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles, username: 'u' };
}

describe('pages', () => {
  it('updates the P&L of a position from a live position message', async () => {
    const { store } = renderWithStore(<PositionsPage />, { routes: positionsRoutes() });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    expect(await screen.findByText('INFY')).toBeInTheDocument();
    expect(screen.getAllByText('52.50').length).toBeGreaterThan(0);
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          positions: [mockPosition({ pnl: 302.5, last_price: 1560 })],
        }),
      );
    });
    expect(screen.getAllByText('302.50').length).toBeGreaterThan(0);
  });

  it('shows an order history and cancels an open order', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { store, http } = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder(),
        mockOrder({ client_order_id: 102, order_id: '250105000000102', status: 'COMPLETE' }),
      ]),
    });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    const user = userEvent.setup();
    const open = (await screen.findAllByRole('row')).find((row) => within(row).queryByText('OPEN'));
    if (!open) {
      throw new Error('no open order row');
    }
    await user.click(within(open).getByRole('button', { name: 'History' }));
    expect(await screen.findByRole('columnheader', { name: 'Filled' })).toBeInTheDocument();
    await user.click(within(open).getByRole('button', { name: 'Cancel' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(
      http.calls.some(
        (call) => call.method === 'DELETE' && call.path === '/api/orders/250105000000101',
      ),
    ).toBe(true);
  });

  it("shows why the broker rejected an order and an order's trigger price", async () => {
    const { store } = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          status: 'REJECTED',
          status_message: 'Quantity 1820 exceeds the freeze limit of 1755.',
        }),
        mockOrder({ client_order_id: 102, order_id: '250105000000102', trigger_price: 1490.5 }),
      ]),
    });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    expect(
      await screen.findByText('Quantity 1820 exceeds the freeze limit of 1755.'),
    ).toBeInTheDocument();
    expect(screen.getByText('trigger 1,490.50')).toBeInTheDocument();
  });

  it("names the entry a cover order's stop-loss leg belongs to", async () => {
    const { store } = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({ client_order_id: 101, order_id: '250105000000101', variety: 'co' }),
        mockOrder({
          client_order_id: -1,
          order_id: '250105000000102',
          parent_order_id: '250105000000101',
          variety: 'co',
          order_type: 'SL-M',
          trigger_price: 1490.5,
        }),
      ]),
    });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    expect(await screen.findByText('leg of 250105000000101')).toBeInTheDocument();
    expect(screen.getAllByText(/^leg of /)).toHaveLength(1);
    expect(screen.getAllByText('co')).toHaveLength(2);
  });

  it('modifies an order of a lot-sized instrument in lots and sends units, as the ticket does', async () => {
    const { store, http } = renderWithStore(<OrdersPage />, {
      routes: [
        ...ordersRoutes([
          mockOrder({
            exchange: 'NFO',
            tradingsymbol: 'NIFTY26JANFUT',
            instrument_token: 13238786,
            product: 'NRML',
            quantity: 150,
            pending_quantity: 150,
            price: 24000,
          }),
        ]),
        ...marketRoutes(),
      ],
    });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const quantity = await screen.findByLabelText('Quantity (lots of 75)');
    expect(quantity).toHaveValue('2');
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(http.calls.find((call) => call.method === 'PUT')?.body).toEqual({ quantity: 225 }),
    );
  });

  it('refuses a modified quantity that is not a whole number of lots', async () => {
    const { store, http } = renderWithStore(<OrdersPage />, {
      routes: [
        ...ordersRoutes([
          mockOrder({
            exchange: 'NFO',
            tradingsymbol: 'NIFTY26JANFUT',
            instrument_token: 13238786,
            quantity: 75,
          }),
        ]),
        ...marketRoutes(),
      ],
    });
    act(() => {
      store.dispatch(loggedIn(session(['trader'])));
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    await user.clear(await screen.findByLabelText('Quantity (lots of 75)'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      screen.getByText('Quantity must be a whole number of lots, at least 1.'),
    ).toBeInTheDocument();
    expect(http.calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('lets an admin set the kill switch and shows it', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { store } = renderWithStore(<RiskPage />, { routes: riskRoutes() });
    act(() => {
      store.dispatch(loggedIn(session(['admin'])));
    });
    expect(await screen.findByText('global: off')).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'reduce only' })).toHaveValue('reduce_only');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Set kill switch' }));
    expect(await screen.findByText('global: halt')).toBeInTheDocument();
  });

  it('warns that a halt cancels the open orders before sending it and says so after', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { store } = renderWithStore(<RiskPage />, { routes: riskRoutes() });
    act(() => {
      store.dispatch(loggedIn(session(['admin'])));
    });
    await screen.findByText('global: off');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Set kill switch' }));
    expect(confirm).toHaveBeenCalledWith(
      'Halt trading for every account? New orders are rejected and the server cancels every open ' +
        'order of every account at once.',
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Kill switch halt set for every account. The open orders of every account were sent for ' +
        'cancellation; the gateway does not report how many, the Orders page shows each one as it ' +
        'is cancelled.',
    );
  });

  it('sends no halt the admin did not confirm', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { store, http } = renderWithStore(<RiskPage />, { routes: riskRoutes() });
    act(() => {
      store.dispatch(loggedIn(session(['admin'])));
    });
    await screen.findByText('global: off');
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Account (0 = global)'));
    await user.type(screen.getByLabelText('Account (0 = global)'), '3');
    await user.click(screen.getByRole('button', { name: 'Set kill switch' }));
    expect(confirm).toHaveBeenCalledWith(
      'Halt trading for account 3? New orders are rejected and the server cancels every open order ' +
        'of account 3 at once.',
    );
    expect(http.calls.some((call) => call.method === 'PUT')).toBe(false);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows risk read-only to ops and copes with an empty answer', async () => {
    const { store } = renderWithStore(<RiskPage />, {
      routes: [
        { method: 'GET', path: /^\/api\/risk$/, handler: () => ({ status: 200, body: {} }) },
      ],
    });
    act(() => {
      store.dispatch(loggedIn(session(['ops'])));
    });
    expect(await screen.findByRole('heading', { name: 'Limits' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Set kill switch' })).not.toBeInTheDocument();
  });
});
