import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { meRoutes, mockAccountsMe } from '../../services/accounts/mock';
import type { OrderView } from '../../services/api/types';
import { authApi } from '../../services/auth/authApi';
import { loggedIn, loggedOut } from '../../services/auth/sessionSlice';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { MAX_NOTICES, noticesActions } from '../../services/notices/noticesSlice';
import { mockOrder, ordersRoutes } from '../../services/orders/mock';
import { ordersApi } from '../../services/orders/ordersApi';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { FILL_NOTICE_MS, Toasts } from './Toasts';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

const REASON = 'Price 1900.00 is above the upper circuit limit 1650.40 for INFY.';

function live({ store }: TestStore, ...orders: Partial<OrderView>[]) {
  act(() => {
    store.dispatch(
      liveBatch({ ...emptyBatch(1), orders: orders.map((order) => mockOrder(order)) }),
    );
  });
}

function sendHere({ store }: TestStore) {
  act(() => {
    store.dispatch(loggedIn(session));
    store.dispatch(
      noticesActions.sent({
        ack: { account_id: 1, client_order_id: 101, order_id: null, status: 'PENDING' },
        order: {
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'BUY',
          order_type: 'LIMIT',
          quantity: 10,
          product: 'CNC',
        },
      }),
    );
  });
}

describe('order notifications', () => {
  it('announces a rejected order once, with the reason, until dismissed', async () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 3 });
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 3 });
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 4 });
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent(`Rejected: BUY 10 INFY NSE${REASON}`);
    await userEvent.setup().click(screen.getByRole('button', { name: /^Dismiss: Rejected/ }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 5 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('announces an order that turns REJECTED after it was open, placed from anywhere', () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, { status: 'OPEN', journal_index: 1 });
    expect(screen.queryByRole('region', { name: 'Order notifications' })).not.toBeInTheDocument();
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 2 });
    expect(screen.getByRole('alert')).toHaveTextContent(REASON);
  });

  it('announces each fill, merging the notices of one order', () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, { status: 'OPEN', filled_quantity: 4, average_price: 1500, journal_index: 1 });
    expect(screen.getByRole('status')).toHaveTextContent('Partly filled: 4 of BUY 10 INFY');
    live(harness, {
      status: 'COMPLETE',
      filled_quantity: 10,
      average_price: 1500.5,
      journal_index: 2,
    });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      /Filled: BUY 10 INFY NSE\s*at 1,500.50 average/,
    );
  });

  it('keeps the fill of an order the ticket sent when it came before the gateway answered', () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, {
      status: 'COMPLETE',
      filled_quantity: 10,
      average_price: 1500,
      journal_index: 2,
    });
    act(() => {
      harness.store.dispatch(
        noticesActions.sent({
          ack: { account_id: 1, client_order_id: 101, order_id: null, status: 'PENDING' },
          order: {
            exchange: 'NSE',
            tradingsymbol: 'INFY',
            transaction_type: 'BUY',
            order_type: 'MARKET',
            quantity: 10,
            product: 'CNC',
          },
        }),
      );
    });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      /Filled: BUY 10 INFY NSE\s*at 1,500.00 average/,
    );
  });

  it('names the account of each order for a user with several accounts', async () => {
    const harness = renderWithStore(<Toasts />, { routes: meRoutes(mockAccountsMe([1, 2])) });
    await act(() => harness.store.dispatch(authApi.endpoints.me.initiate()));
    live(harness, {
      account_id: 2,
      client_order_id: 201,
      quantity: 3,
      status: 'COMPLETE',
      filled_quantity: 3,
      average_price: 1500,
      journal_index: 1,
    });
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 2 });
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Account 2 · Filled: BUY 3 INFY NSE\s*at 1,500.00 average/,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Account 1 · Rejected: BUY 10 INFY NSE${REASON}`,
    );
    expect(
      screen.getByRole('button', { name: 'Dismiss: Account 2 · Filled: BUY 3 INFY' }),
    ).toBeInTheDocument();
  });

  it('names no account for a user with one', async () => {
    const harness = renderWithStore(<Toasts />, { routes: meRoutes(mockAccountsMe([1])) });
    await act(() => harness.store.dispatch(authApi.endpoints.me.initiate()));
    live(harness, {
      quantity: 3,
      status: 'COMPLETE',
      filled_quantity: 3,
      average_price: 1500,
      journal_index: 1,
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Filled: BUY 3 INFY NSE\s*at 1,500.00 average/,
    );
    expect(screen.getByRole('button', { name: 'Dismiss: Filled: BUY 3 INFY' })).toBeInTheDocument();
  });

  it('says nothing about rejects and fills already in the first orders snapshot', async () => {
    const harness = renderWithStore(<Toasts />, {
      routes: ordersRoutes([
        mockOrder({ status: 'REJECTED', status_message: REASON }),
        mockOrder({ client_order_id: 102, status: 'COMPLETE', filled_quantity: 10 }),
      ]),
    });
    act(() => {
      harness.store.dispatch(loggedIn(session));
    });
    await act(() => harness.store.dispatch(ordersApi.endpoints.orders.initiate()));
    expect(screen.queryByRole('region', { name: 'Order notifications' })).not.toBeInTheDocument();
  });

  it('announces an order that was rejected while the socket was down when the snapshot is read again', async () => {
    const orders = [mockOrder({ status: 'OPEN', journal_index: 1 })];
    const harness = renderWithStore(<Toasts />, { routes: ordersRoutes(orders) });
    act(() => {
      harness.store.dispatch(loggedIn(session));
    });
    await act(() => harness.store.dispatch(ordersApi.endpoints.orders.initiate()));
    orders[0] = mockOrder({ status: 'REJECTED', status_message: REASON, journal_index: 2 });
    await act(() =>
      harness.store.dispatch(
        ordersApi.endpoints.orders.initiate(undefined, { forceRefetch: true }),
      ),
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(REASON));
  });

  it(`shows at most ${MAX_NOTICES} and counts the rest`, async () => {
    const harness = renderWithStore(<Toasts />);
    live(
      harness,
      ...Array.from({ length: MAX_NOTICES + 3 }, (_, index) => ({
        client_order_id: 300 + index,
        status: 'REJECTED',
        status_message: `reason ${index}`,
        journal_index: 10 + index,
      })),
    );
    expect(screen.getAllByRole('alert')).toHaveLength(MAX_NOTICES);
    expect(screen.getByText(/3 earlier order updates/)).toBeInTheDocument();
    expect(screen.getAllByRole('alert').at(-1)).toHaveTextContent(`reason ${MAX_NOTICES + 2}`);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss all' }));
    expect(screen.queryByRole('region', { name: 'Order notifications' })).not.toBeInTheDocument();
  });

  it('announces an action the gateway carried out and replaces an earlier one of the same id', () => {
    const harness = renderWithStore(<Toasts />);
    act(() => {
      harness.store.dispatch(
        noticesActions.announced({ id: 'convert:1', title: 'Converted: 2 INFY', detail: 'first' }),
      );
      harness.store.dispatch(
        noticesActions.announced({ id: 'convert:1', title: 'Converted: 3 INFY', detail: 'second' }),
      );
    });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent(/^Converted: 3 INFY\s*second/);
  });

  it('warns of a change the gateway refused until it is dismissed', async () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />);
    act(() => {
      harness.store.dispatch(
        noticesActions.warned({
          id: 'watchlist',
          title: 'Watchlist not saved',
          detail: 'items[2].instrument_token: 13238786 is not an instrument the engine knows',
        }),
      );
    });
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS * 2);
    });
    vi.useRealTimers();
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^Watchlist not saved\s*items\[2\]\.instrument_token: 13238786 is not an instrument the engine knows/,
    );
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Dismiss: Watchlist not saved' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lets a done notice go by itself, but not while the pointer is on it or it has the focus', () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />);
    act(() => {
      harness.store.dispatch(
        noticesActions.announced({ id: 'convert:1', title: 'Converted: 2 INFY', detail: 'done' }),
      );
    });
    const notice = screen.getByRole('status');
    fireEvent.mouseEnter(notice);
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS * 2);
    });
    expect(screen.getByRole('status')).toBe(notice);
    fireEvent.mouseLeave(notice);
    act(() => {
      screen.getByRole('button', { name: 'Dismiss: Converted: 2 INFY' }).focus();
    });
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS * 2);
    });
    expect(screen.getByRole('status')).toBe(notice);
    act(() => {
      screen.getByRole('button', { name: 'Dismiss: Converted: 2 INFY' }).blur();
    });
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS - 1);
    });
    expect(screen.getByRole('status')).toBe(notice);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    vi.useRealTimers();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('dismisses the notice that has the focus with Escape', () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 3 });
    const dismiss = screen.getByRole('button', { name: /^Dismiss: Rejected/ });
    act(() => {
      dismiss.focus();
    });
    fireEvent.keyDown(dismiss, { key: 'Escape' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('confirms an order the trader cancelled here as cancelled, not as an error, and lets it go by itself', async () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />, { routes: ordersRoutes() });
    act(() => {
      harness.store.dispatch(loggedIn(session));
      harness.store.dispatch(
        noticesActions.sent({
          ack: { account_id: 1, client_order_id: 101, order_id: null, status: 'PENDING' },
          order: {
            exchange: 'NSE',
            tradingsymbol: 'INFY',
            transaction_type: 'BUY',
            order_type: 'LIMIT',
            quantity: 10,
            product: 'CNC',
          },
        }),
      );
    });
    live(harness, { status: 'OPEN', journal_index: 2 });
    await act(() =>
      harness.store.dispatch(
        ordersApi.endpoints.cancelOrder.initiate({ id: '250105000000101', account_id: 1 }),
      ),
    );
    live(harness, { status: 'CANCELLED', journal_index: 3 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent(
      /^Cancelled: BUY 10 INFY NSE\s*Order 250105000000101 cancelled\./,
    );
    expect(notice).toHaveAttribute('data-order-tone', 'cancelled');
    expect(notice).not.toHaveClass('text-rose-100');
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS);
    });
    vi.useRealTimers();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it("reads a cancel the trader made elsewhere (another tab, Kite's app) as cancelled, not as an error, and lets it go by itself", () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />, { routes: ordersRoutes() });
    sendHere(harness);
    live(harness, { status: 'OPEN', journal_index: 2 });
    live(harness, { status: 'CANCELLED', cancelled_quantity: 10, journal_index: 3 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent(
      /^Cancelled: BUY 10 INFY NSE\s*Order 250105000000101 cancelled\.✕$/,
    );
    expect(notice).toHaveAttribute('data-order-tone', 'cancelled');
    expect(notice).not.toHaveClass('text-rose-100');
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS);
    });
    vi.useRealTimers();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('warns of a cancel the exchange or the system made, with its reason and what filled, until dismissed', () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />, { routes: ordersRoutes() });
    sendHere(harness);
    live(harness, {
      status: 'CANCELLED',
      validity: 'IOC',
      filled_quantity: 3,
      average_price: 1500,
      cancelled_quantity: 7,
      status_message: 'IOC order cancelled: no more quantity available at the price.',
      journal_index: 3,
    });
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(
      /^Cancelled: BUY 10 INFY NSE\s*IOC order cancelled: no more quantity available at the price\. 3 of 10 filled at 1,500\.00 average\.✕$/,
    );
    expect(notice).toHaveClass('text-amber-100');
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS * 2);
    });
    vi.useRealTimers();
    expect(screen.getByRole('alert')).toBe(notice);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Cancelled: BUY 10 INFY' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('announces a cancel the system made of an order placed anywhere, once, but not one the trader made', () => {
    const harness = renderWithStore(<Toasts />);
    live(
      harness,
      { status: 'OPEN', journal_index: 2 },
      { client_order_id: 102, order_id: '250105000000102', status: 'OPEN', journal_index: 3 },
    );
    live(
      harness,
      { status: 'CANCELLED', journal_index: 4 },
      {
        client_order_id: 102,
        order_id: '250105000000102',
        status: 'CANCELLED',
        status_message: 'Cancelled by the kill switch (halt): trading is halted.',
        journal_index: 5,
      },
    );
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(
      /^Cancelled: BUY 10 INFY NSE\s*Cancelled by the kill switch \(halt\): trading is halted\.✕$/,
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Cancelled: BUY 10 INFY' }));
    live(harness, {
      client_order_id: 102,
      order_id: '250105000000102',
      status: 'CANCELLED',
      status_message: 'Cancelled by the kill switch (halt): trading is halted.',
      journal_index: 6,
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps a sent order that was rejected in red until dismissed', () => {
    vi.useFakeTimers();
    const harness = renderWithStore(<Toasts />, { routes: ordersRoutes() });
    sendHere(harness);
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 3 });
    const notice = screen.getByRole('alert');
    expect(notice).toHaveTextContent(`Rejected: BUY 10 INFY NSE${REASON}`);
    expect(notice).toHaveClass('text-rose-100');
    act(() => {
      vi.advanceTimersByTime(FILL_NOTICE_MS * 2);
    });
    vi.useRealTimers();
    expect(screen.getByRole('alert')).toBe(notice);
  });

  it('forgets notices on sign-out', () => {
    const harness = renderWithStore(<Toasts />);
    live(harness, { status: 'REJECTED', status_message: REASON, journal_index: 3 });
    act(() => {
      harness.store.dispatch(loggedOut());
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
