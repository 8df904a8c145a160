import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { ReplayState } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockOrder } from '../../services/orders/mock';
import { mockPosition } from '../../services/positions/mock';
import { renderWithStore } from '../../test/render';
import { QuantPage } from './QuantPage';

function rebuildWith(body: Partial<ReplayState>) {
  const harness = renderWithStore(<QuantPage />, {
    routes: [route('GET', /^\/api\/replay\/state$/, () => ({ status: 200, body }))],
  });
  act(() => {
    harness.store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['quant'],
        username: 'q',
      }),
    );
  });
  fireEvent.change(screen.getByLabelText('At (IST)'), { target: { value: '2026-12-02T10:40:00' } });
  return harness;
}

function cells(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('rebuilding a past moment', () => {
  it('shows positions and orders as tables, as qleap replay --state-at prints them', async () => {
    rebuildWith({
      last_index: 198512,
      commands: 4021,
      positions: [
        mockPosition(),
        mockPosition({
          exchange: 'NSE',
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          product: 'MIS',
          quantity: -6,
          average_price: 810.7,
          last_price: 812.2,
          realised: 12.5,
          unrealised: -9,
          pnl: 3.5,
        }),
      ],
      orders: [
        mockOrder({
          placed_at: '2026-12-02T04:52:15Z',
          status: 'COMPLETE',
          filled_quantity: 10,
          average_price: 1499.95,
        }),
        mockOrder({
          client_order_id: 103,
          order_id: '250105000000103',
          order_type: 'MARKET',
          price: 0,
          placed_at: '2026-12-02T05:05:00Z',
          status: 'COMPLETE',
          filled_quantity: 10,
          average_price: 1501.2,
        }),
        mockOrder({
          client_order_id: 102,
          order_id: '250105000000102',
          tradingsymbol: 'SBIN',
          transaction_type: 'SELL',
          order_type: 'SL',
          product: 'MIS',
          variety: 'amo',
          quantity: 6,
          price: 800,
          trigger_price: 801,
          placed_at: '2026-12-02T05:01:00Z',
        }),
      ],
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Rebuild' }));
    const positions = await screen.findByRole('table', { name: 'Positions at that moment' });
    expect(cells(positions)).toEqual([
      ['Instrument', 'Product', 'Qty', 'Avg', 'Last', 'Realised', 'Unrealised', 'P&L'],
      ['INFY NSE', 'CNC', '5', '1,499.50', '1,510.00', '0.00', '52.50', '52.50'],
      ['SBIN NSE', 'MIS', '-6', '810.70', '812.20', '12.50', '-9.00', '3.50'],
      ['Total P&L', '56.00'],
    ]);
    expect(cells(screen.getByRole('table', { name: 'Orders at that moment' }))).toEqual([
      ['Time', 'Instrument', 'Side', 'Type', 'Variety', 'Qty', 'Filled', 'Price', 'Avg', 'Status'],
      [
        '10:35:00',
        'INFY NSE',
        'BUY',
        'MARKET CNC',
        'regular',
        '10',
        '10',
        '–',
        '1,501.20',
        'COMPLETE',
      ],
      [
        '10:31:00',
        'SBIN NSE',
        'SELL',
        'SL MIS',
        'amo',
        '6',
        '0',
        '800.00trigger 801.00',
        '–',
        'OPEN',
      ],
      [
        '10:22:15',
        'INFY NSE',
        'BUY',
        'LIMIT CNC',
        'regular',
        '10',
        '10',
        '1,500.00',
        '1,499.95',
        'COMPLETE',
      ],
    ]);
    expect(screen.getByText(/journal index 198512, 4,021 commands replayed/)).toBeInTheDocument();
    expect(screen.getByText('Raw JSON').closest('details')).not.toHaveAttribute('open');
    expect(screen.queryByText(/"last_index": 198512/)).not.toBeVisible();
  });

  it('adds the account and a P&L per account when the state holds several', async () => {
    rebuildWith({
      last_index: 7,
      commands: 7,
      positions: [mockPosition({ account_id: 2, pnl: -20 }), mockPosition({ pnl: 50 })],
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Rebuild' }));
    const positions = await screen.findByRole('table', { name: 'Positions at that moment' });
    const rows = cells(positions);
    expect(rows[0]?.[0]).toBe('Account');
    expect(rows.slice(-3)).toEqual([
      ['P&L of account 1', '50.00'],
      ['P&L of account 2', '-20.00'],
      ['Total P&L', '30.00'],
    ]);
    expect(screen.getByText('No orders at that moment.')).toBeInTheDocument();
  });
});
