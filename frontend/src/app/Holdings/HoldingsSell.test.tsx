import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MockRoute } from '../../services/api/mockFetch';
import type { OrderView } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { holdingsRoutes, mockHolding } from '../../services/holdings/mock';
import { marketRoutes } from '../../services/market/mock';
import { mockOrder, ordersRoutes } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { TicketProvider } from '../OrderTicket/TicketProvider';
import { HoldingsPage } from './HoldingsPage';

function page(routes: MockRoute[], orders?: OrderView[]): TestStore {
  const harness = renderWithStore(
    <TicketProvider>
      <HoldingsPage />
    </TicketProvider>,
    { routes: [...routes, ...marketRoutes(), ...ordersRoutes(orders)] },
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

function openSell(pending: number, overrides: Partial<OrderView> = {}): OrderView {
  return mockOrder({
    client_order_id: 101,
    transaction_type: 'SELL',
    quantity: pending,
    pending_quantity: pending,
    ...overrides,
  });
}

describe('holdings page sell', () => {
  it('opens the ticket to sell every share not yet in a sell order, CNC at market, and sends it', async () => {
    const { http } = page(
      holdingsRoutes([mockHolding({ quantity: 10, t1_quantity: 4, used_quantity: 3 })]),
      [mockOrder(), openSell(3)],
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sell INFY NSE' }));
    const ticket = await screen.findByRole('dialog', { name: 'SELL INFY' });
    expect(ticket).toHaveTextContent(
      'Sell: the 11 INFY shares held (3 more are in sell orders), at market.',
    );
    expect(screen.getByLabelText('Order type')).toHaveValue('MARKET');
    expect(screen.getByLabelText('Product')).toHaveValue('CNC');
    expect(screen.getByLabelText('Quantity')).toHaveValue('11');
    expect(http.calls.some((call) => call.method === 'POST' && call.path === '/api/orders')).toBe(
      false,
    );
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(
        http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')?.body,
      ).toEqual(
        expect.objectContaining({
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'SELL',
          order_type: 'MARKET',
          product: 'CNC',
          quantity: 11,
        }),
      ),
    );
  });

  it('disables Sell when every share is in a sell order already, and while the live socket is down', async () => {
    const harness = page(
      holdingsRoutes([
        mockHolding({ quantity: 5, used_quantity: 5 }),
        mockHolding({ tradingsymbol: 'SBIN', instrument_token: 779521, quantity: 16 }),
      ]),
      [openSell(5)],
    );
    const infy = await screen.findByRole('button', { name: 'Sell INFY NSE' });
    const sbin = screen.getByRole('button', { name: 'Sell SBIN NSE' });
    await waitFor(() => expect(infy).toBeDisabled());
    expect(infy).toHaveAttribute('title', 'All 5 shares are in sell orders already');
    expect(sbin).toBeEnabled();
    act(() => harness.live.socket.drop());
    expect(sbin).toBeDisabled();
    expect(sbin).toHaveAttribute(
      'title',
      expect.stringMatching(/Disconnected.*ordering is paused/),
    );
  });

  it('tells shares sold today from those in open sell orders, one share as one', async () => {
    page(holdingsRoutes([mockHolding({ quantity: 10, used_quantity: 9 })]), [
      mockOrder({
        status: 'COMPLETE',
        transaction_type: 'SELL',
        order_type: 'MARKET',
        quantity: 12,
        filled_quantity: 12,
        pending_quantity: 0,
      }),
    ]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Sell INFY NSE' })).toHaveAttribute(
        'title',
        'Open a ticket to sell this holding at market',
      ),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sell INFY NSE' }));
    expect(await screen.findByRole('dialog', { name: 'SELL INFY' })).toHaveTextContent(
      'Sell: the 1 INFY share held (9 sold today), at market.',
    );
  });

  it('says why a holding has nothing left to sell: sold today, in sell orders, or both', async () => {
    page(
      holdingsRoutes([
        mockHolding({ quantity: 10, used_quantity: 10 }),
        mockHolding({
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          quantity: 1,
          used_quantity: 1,
        }),
        mockHolding({
          tradingsymbol: 'TCS',
          instrument_token: 2953217,
          quantity: 4,
          used_quantity: 4,
        }),
      ]),
      [
        openSell(3),
        openSell(1, { client_order_id: 102, instrument_token: 779521, tradingsymbol: 'SBIN' }),
      ],
    );
    const infy = await screen.findByRole('button', { name: 'Sell INFY NSE' });
    await waitFor(() =>
      expect(infy).toHaveAttribute(
        'title',
        'All 10 shares are used: 7 sold today, 3 in sell orders',
      ),
    );
    expect(screen.getByRole('button', { name: 'Sell SBIN NSE' })).toHaveAttribute(
      'title',
      'The 1 share is in a sell order already',
    );
    expect(screen.getByRole('button', { name: 'Sell TCS NSE' })).toHaveAttribute(
      'title',
      'All 4 shares were sold today',
    );
  });

  it('says so when the gateway does not know the instrument', async () => {
    page(holdingsRoutes([mockHolding({ tradingsymbol: 'GONE', instrument_token: 1 })]));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sell GONE NSE' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not sell GONE: the gateway does not know the instrument',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
