import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { accountKey } from '../../services/accounts/accountsSlice';
import {
  heldMeRoutes,
  meRoutes,
  mockAccountsMe,
  rememberAccount,
  storeSession,
} from '../../services/accounts/mock';
import type { MockRequest, MockRoute } from '../../services/api/mockFetch';
import { route } from '../../services/api/mockFetch';
import { basketRoutes, mockBasketServer } from '../../services/baskets/mock';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import {
  fundsRoutes,
  mockFunds,
  mockOrderMargin,
  orderMarginRoutes,
} from '../../services/funds/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes } from '../../services/market/mock';
import { mockOrder, ordersRoutes } from '../../services/orders/mock';
import { mockPosition, positionsRoutes } from '../../services/positions/mock';
import { renderWithStore } from '../../test/render';
import { BasketsPage } from '../Baskets/BasketsPage';
import { BrokerPage } from '../Broker/BrokerPage';
import { OrderMarginNote } from '../Funds/OrderMarginNote';
import { OrderTicket } from '../OrderTicket/OrderTicket';
import { OrdersPage } from '../Orders/OrdersPage';
import { PositionsPage } from '../Positions/PositionsPage';
import { Layout, ME_RETRY_MS } from './Layout';

const infy = {
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  tick_size: 0.05,
  lot_size: 1,
  instrument_token: 408065,
};

const funds = [mockFunds({ account_id: 1, net: 1000 }), mockFunds({ account_id: 2, net: 2000 })];

const brokerStatus = {
  ...mockBrokerStatus,
  accounts: [
    ...mockBrokerStatus.accounts,
    {
      account_id: 2,
      state: 'token_expired',
      broker_user_id: 'CD5678',
      token_expiry_epoch_ms: 0,
    },
  ],
};

function withHeader(page: ReactElement): ReactElement {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/" element={page} />
      </Route>
    </Routes>
  );
}

function signedIn(accounts: number[], page: ReactElement, routes: MockRoute[] = []) {
  storeSession('asha');
  return renderWithStore(withHeader(page), {
    routes: [...meRoutes(mockAccountsMe(accounts)), ...brokerRoutes(true, brokerStatus), ...routes],
  });
}

function accountChoice(): Promise<HTMLElement> {
  return screen.findByRole('combobox', { name: 'Trading account' });
}

function reads(calls: MockRequest[], path: string): string[] {
  return calls
    .filter((call) => call.method === 'GET' && call.path === path)
    .map((call) => call.query.get('account_id') ?? '');
}

function quotes(): MockRoute {
  return route('GET', /^\/api\/quotes$/, (request) => ({
    status: 200,
    body: Object.fromEntries(
      request.query.getAll('i').map((key) => [key, { instrument_token: 0, last_price: 1510 }]),
    ),
  }));
}

describe('trading account choice', () => {
  it('shows no choice to a user with one account or none', async () => {
    for (const accounts of [[1], []]) {
      const { store, view } = signedIn(accounts, <p>page</p>);
      await waitFor(() => expect(store.getState().accounts.ids).toEqual(accounts));
      expect(screen.queryByRole('combobox', { name: 'Trading account' })).not.toBeInTheDocument();
      expect(screen.getByRole('banner')).toHaveTextContent('asha');
      view.unmount();
    }
  });

  it('reads the orders first once GET /api/me has answered, naming the active account', async () => {
    storeSession('asha');
    const me = heldMeRoutes(mockAccountsMe([1, 2]));
    const { http } = renderWithStore(withHeader(<OrdersPage />), {
      routes: [...me.routes, ...brokerRoutes(true, brokerStatus), ...ordersRoutes()],
    });
    expect(screen.getByText('Loading orders…')).toBeInTheDocument();
    await waitFor(() => expect(http.calls.some((call) => call.path === '/api/me')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads(http.calls, '/api/orders')).toEqual([]);
    me.answer();
    expect(await screen.findByText('INFY')).toBeInTheDocument();
    expect(await accountChoice()).toHaveValue('1');
    expect(reads(http.calls, '/api/orders')).toEqual(['1']);
    expect(http.calls.filter((call) => call.path === '/api/me')).toHaveLength(1);
  });

  it('asks GET /api/me again when it failed, and reads the orders once it answers', async () => {
    storeSession('asha');
    let failures = 1;
    const { http } = renderWithStore(withHeader(<OrdersPage />), {
      routes: [
        route('GET', /^\/api\/me$/, () =>
          failures-- > 0
            ? { status: 503, body: { error: 'unavailable', message: 'try again' } }
            : { status: 200, body: mockAccountsMe([1, 2]) },
        ),
        ...brokerRoutes(true, brokerStatus),
        ...ordersRoutes(),
      ],
    });
    expect(
      await screen.findByText('INFY', undefined, { timeout: ME_RETRY_MS + 3_000 }),
    ).toBeInTheDocument();
    expect(http.calls.filter((call) => call.path === '/api/me')).toHaveLength(2);
    expect(reads(http.calls, '/api/orders')).toEqual(['1']);
  });

  it("reads a one-account user's orders, positions and funds once at start", async () => {
    const { http } = signedIn(
      [1],
      <>
        <OrdersPage />
        <PositionsPage />
      </>,
      [...ordersRoutes(), ...positionsRoutes(), ...fundsRoutes(funds)],
    );
    await waitFor(() => {
      expect(screen.getAllByText('INFY')).toHaveLength(2);
      expect(screen.getByTestId('funds-note')).toHaveTextContent('Available margin 1,000.00');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads(http.calls, '/api/orders')).toEqual(['1']);
    expect(reads(http.calls, '/api/positions')).toEqual(['1']);
    expect(reads(http.calls, '/api/margins')).toEqual(['1']);
  });

  it("lists a user's accounts with their broker sessions, the first one active", async () => {
    signedIn([1, 2, 3], <p>page</p>);
    const choice = await accountChoice();
    expect(choice).toHaveValue('1');
    await within(choice).findByRole('option', { name: 'Account 3 · not connected' });
    expect(
      within(choice)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Account 1 · connected',
      'Account 2 · token expired: connect again',
      'Account 3 · not connected',
    ]);
  });

  it('sends the order to the active account and reads its funds, following the choice', async () => {
    const { http } = signedIn(
      [1, 2],
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      [
        ...ordersRoutes(),
        ...fundsRoutes(funds),
        ...orderMarginRoutes((request) => ({
          status: 200,
          body: mockOrderMargin({
            account_id: (request.body as { account_id: number }).account_id,
          }),
        })),
      ],
    );
    const user = userEvent.setup();
    const choice = await accountChoice();
    expect(await screen.findByTestId('funds-note')).toHaveTextContent('Available margin 1,000.00');
    await user.selectOptions(choice, '2');
    await waitFor(() =>
      expect(screen.getByTestId('funds-note')).toHaveTextContent('Available margin 2,000.00'),
    );
    expect(reads(http.calls, '/api/margins').filter(Boolean)).toEqual(['1', '2']);

    const price = document.querySelector<HTMLInputElement>('input[name="price"]');
    if (!price) {
      throw new Error('no price field');
    }
    await user.type(price, '1500');
    await waitFor(() =>
      expect(
        http.calls.filter((call) => call.path === '/api/margins/orders').at(-1)?.body,
      ).toMatchObject({ account_id: 2, price: 1500 }),
    );
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByRole('status')).toHaveTextContent('sent: PENDING');
    await user.selectOptions(choice, '1');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    await waitFor(() =>
      expect(
        http.calls
          .filter((call) => call.method === 'POST' && call.path === '/api/orders')
          .map((call) => (call.body as { account_id?: number }).account_id),
      ).toEqual([2, 1]),
    );
  });

  it('prices an order in the active account wherever its margin is shown', async () => {
    const { http } = signedIn(
      [1, 2],
      <OrderMarginNote
        order={{
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'BUY',
          order_type: 'LIMIT',
          product: 'CNC',
          quantity: 1,
          price: 1498,
        }}
      />,
      [
        ...fundsRoutes(funds),
        ...orderMarginRoutes((request) => ({
          status: 200,
          body: mockOrderMargin({
            account_id: (request.body as { account_id: number }).account_id,
          }),
        })),
      ],
    );
    await userEvent.setup().selectOptions(await accountChoice(), '2');
    await waitFor(() =>
      expect(
        http.calls.filter((call) => call.path === '/api/margins/orders').at(-1)?.body,
      ).toMatchObject({ tradingsymbol: 'INFY', account_id: 2 }),
    );
    expect(await screen.findByTestId('order-margin')).toHaveTextContent('Margin required');
  });

  it('places a basket in the active account and prices it against that account', async () => {
    const { http } = signedIn([1, 2], <BasketsPage />, [
      ...basketRoutes(mockBasketServer()),
      ...fundsRoutes(funds),
      quotes(),
      ...marketRoutes(),
    ]);
    const user = userEvent.setup();
    const choice = await accountChoice();
    await screen.findByTestId('basket-item-0');
    await user.selectOptions(choice, '2');
    await waitFor(() =>
      expect(
        http.calls.filter((call) => call.path === '/api/margins/basket').at(-1)?.body,
      ).toMatchObject({ account_id: 2 }),
    );
    await waitFor(() => expect(reads(http.calls, '/api/margins')).toContain('2'));
    await user.click(screen.getByRole('button', { name: 'Place all' }));
    const dialog = screen.getByRole('dialog', { name: 'Place Hedge' });
    await user.click(within(dialog).getByRole('button', { name: 'Place 2 orders' }));
    await screen.findByTestId('basket-placement');
    const placed = http.calls.filter(
      (call) => call.method === 'POST' && call.path === '/api/baskets/11/orders',
    );
    expect(placed.map((call) => call.query.toString())).toEqual(['account_id=2']);
  });

  it("lists the active account's orders alone, live updates included, and cancels in the order's account", async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { http, store } = signedIn([1, 2], <OrdersPage />, [
      ...ordersRoutes([
        mockOrder(),
        mockOrder({
          account_id: 2,
          client_order_id: 201,
          order_id: '250105000000201',
          tradingsymbol: 'TCS',
        }),
      ]),
    ]);
    const user = userEvent.setup();
    const choice = await accountChoice();
    await screen.findByText('INFY');
    await waitFor(() => expect(screen.queryByText('TCS')).not.toBeInTheDocument());
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          orders: [
            mockOrder({ account_id: 2, client_order_id: 202, tradingsymbol: 'HDFCBANK' }),
            mockOrder({ client_order_id: 102, tradingsymbol: 'RELIANCE' }),
          ],
        }),
      );
    });
    expect(screen.getByText('RELIANCE')).toBeInTheDocument();
    expect(screen.queryByText('HDFCBANK')).not.toBeInTheDocument();

    await user.selectOptions(choice, '2');
    await screen.findByText('TCS');
    expect(screen.getByText('HDFCBANK')).toBeInTheDocument();
    expect(screen.queryByText('INFY')).not.toBeInTheDocument();
    expect(screen.queryByText('RELIANCE')).not.toBeInTheDocument();
    expect(reads(http.calls, '/api/orders')).toContain('2');

    const row = screen.getByText('TCS').closest('tr');
    if (!row) {
      throw new Error('no TCS row');
    }
    await user.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(confirm).toHaveBeenCalledOnce();
    await waitFor(() =>
      expect(
        http.calls
          .filter((call) => call.method === 'DELETE')
          .map((call) => `${call.path}?${call.query.toString()}`),
      ).toEqual(['/api/orders/250105000000201?account_id=2']),
    );
  });

  it("shows the active account's positions, and the first account's again when it is picked back", async () => {
    const { http, store } = signedIn([1, 2], <PositionsPage />, [
      ...positionsRoutes([
        mockPosition(),
        mockPosition({ account_id: 2, tradingsymbol: 'TCS', instrument_token: 2953217 }),
      ]),
    ]);
    const user = userEvent.setup();
    const choice = await accountChoice();
    await screen.findByText('INFY');
    await waitFor(() => expect(screen.queryByText('TCS')).not.toBeInTheDocument());
    await user.selectOptions(choice, '2');
    await screen.findByText('TCS');
    expect(screen.queryByText('INFY')).not.toBeInTheDocument();
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          positions: [mockPosition({ product: 'MIS', tradingsymbol: 'RELIANCE' })],
        }),
      );
    });
    expect(screen.queryByText('RELIANCE')).not.toBeInTheDocument();
    await user.selectOptions(choice, '1');
    expect(await screen.findByText('INFY')).toBeInTheDocument();
    expect(screen.getByText('RELIANCE')).toBeInTheDocument();
    expect(screen.queryByText('TCS')).not.toBeInTheDocument();
    expect(reads(http.calls, '/api/positions').filter(Boolean)).toEqual(['1', '2']);
  });

  it('keeps the account picked across a reload, and falls back to the first one no longer among them', async () => {
    const first = signedIn([1, 2], <OrdersPage />, ordersRoutes());
    await userEvent.setup().selectOptions(await accountChoice(), '2');
    expect(localStorage.getItem(accountKey('asha'))).toBe('2');
    first.view.unmount();

    const reloaded = signedIn([1, 2], <OrdersPage />, ordersRoutes());
    expect(await accountChoice()).toHaveValue('2');
    expect(reads(reloaded.http.calls, '/api/orders')[0]).toBe('2');
    reloaded.view.unmount();

    rememberAccount('asha', 7);
    signedIn([1, 2], <OrdersPage />, ordersRoutes());
    expect(await accountChoice()).toHaveValue('1');
    expect(localStorage.getItem(accountKey('asha'))).toBe('1');
  });

  it("connects the active account to Kite from the Broker page's button", async () => {
    signedIn([1, 3], <BrokerPage />);
    const choice = await accountChoice();
    const connect = await screen.findByRole('link', { name: 'Connect Kite (account 1)' });
    expect(connect).toHaveAttribute('href', '/api/broker/kite/connect?token=jwt&account_id=1');
    await userEvent.setup().selectOptions(choice, '3');
    expect(screen.getByRole('link', { name: 'Connect Kite (account 3)' })).toHaveAttribute(
      'href',
      '/api/broker/kite/connect?token=jwt&account_id=3',
    );
  });
});
