import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockReply } from '../../services/api/mockFetch';
import type { Gtt, GttResult, OrderView } from '../../services/api/types';
import { accountsActions } from '../../services/accounts/accountsSlice';
import { loggedIn } from '../../services/auth/sessionSlice';
import { gttApi } from '../../services/gtt/gttApi';
import { GTT_CATCH_UP_MS } from '../../services/gtt/hooks';
import {
  gttRoutes,
  mockGtt,
  mockGttOrder,
  mockGttServer,
  mockOcoGtt,
} from '../../services/gtt/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { mockOrder, ordersRoutes } from '../../services/orders/mock';
import { heldReply } from '../../test/heldReply';
import { renderWithStore } from '../../test/render';
import { Toasts } from '../Notices/Toasts';
import { OrdersPage } from './OrdersPage';

function logIn(
  harness: { store: { dispatch: (action: unknown) => unknown } },
  roles: string[] = ['trader'],
) {
  act(() => {
    harness.store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles,
        username: 'asha',
      }),
    );
  });
}

function coverOrder() {
  const entry = mockOrder({
    client_order_id: 201,
    order_id: '250105000000201',
    variety: 'co',
    product: 'CO',
    order_type: 'MARKET',
    tradingsymbol: 'ICICIBANK',
    instrument_token: 1270529,
    quantity: 5,
    filled_quantity: 5,
    pending_quantity: 0,
    price: 0,
    average_price: 1250,
    status: 'COMPLETE',
  });
  const leg = mockOrder({
    client_order_id: 202,
    order_id: '250105000000202',
    parent_order_id: '250105000000201',
    variety: 'co',
    product: 'CO',
    order_type: 'SL-M',
    transaction_type: 'SELL',
    tradingsymbol: 'ICICIBANK',
    instrument_token: 1270529,
    quantity: 5,
    pending_quantity: 5,
    price: 0,
    trigger_price: 1230,
    status: 'TRIGGER PENDING',
  });
  return { entry, leg };
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) {
    throw new Error(`no row with ${text}`);
  }
  return row;
}

function deletes(harness: { http: { calls: { method: string; path: string }[] } }): string[] {
  return harness.http.calls.filter((call) => call.method === 'DELETE').map((call) => call.path);
}

function puts(harness: { http: { calls: { method: string; body: unknown }[] } }): unknown[] {
  return harness.http.calls.filter((call) => call.method === 'PUT').map((call) => call.body);
}

function fired(orderId: string): GttResult {
  return {
    status: 'success',
    order_id: orderId,
    rejection_reason: null,
    triggered_at: 1450,
    timestamp: '2026-01-05T04:10:00Z',
  };
}

function placedOutside(orderId: string, journalIndex: number, status = 'OPEN') {
  return mockOrder({
    client_order_id: -Number(orderId.slice(-1)),
    order_id: orderId,
    transaction_type: 'SELL',
    price: 1450,
    status,
    journal_index: journalIndex,
  });
}

function gttReads(harness: { http: { calls: { method: string; path: string }[] } }): number {
  return harness.http.calls.filter((call) => call.method === 'GET' && call.path === '/api/gtt')
    .length;
}

async function settledAfter(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  for (let turn = 0; turn < 4; turn += 1) {
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
}

async function gttCatchUpPage(
  gtts: Gtt[] = [mockGtt()],
  answer: (read: number) => MockReply | undefined = () => undefined,
) {
  const server = mockGttServer(gtts);
  let reads = 0;
  const harness = renderWithStore(<OrdersPage />, {
    routes: [
      route('GET', /^\/api\/gtt$/, () => {
        reads += 1;
        return answer(reads) ?? { status: 200, body: server.gtts };
      }),
      ...gttRoutes(server),
      ...ordersRoutes([mockOrder()]),
    ],
  });
  logIn(harness);
  await screen.findByText('250105000000101');
  const arrive = (...orders: OrderView[]) => {
    act(() => {
      harness.store.dispatch(liveBatch({ ...emptyBatch(1), orders }));
    });
  };
  return { harness, server, arrive };
}

const REASON =
  'After market orders (AMO) are not accepted now; the AMO window for equity is 16:00 to 08:58 IST; place a regular order during market hours.';

describe('orders page', () => {
  it('shows a reject reason in full, wrapping rather than cut off', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([mockOrder({ status: 'REJECTED', status_message: REASON })]),
    });
    act(() => {
      harness.store.dispatch(
        loggedIn({
          token: 'jwt',
          expires_at: '2099-01-01T00:00:00Z',
          roles: ['trader'],
          username: 'asha',
        }),
      );
    });
    const reason = await screen.findByText(REASON);
    expect(reason).not.toHaveClass('truncate');
    expect(reason).toHaveClass('whitespace-normal', 'break-words');
  });

  it('shows the terms an order was placed with beside its type, and none for a plain order', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          client_order_id: 1,
          variety: 'iceberg',
          validity: 'TTL',
          validity_ttl: 15,
          disclosed_quantity: 20,
          iceberg_legs: 5,
          iceberg_quantity: 200,
          quantity: 1000,
        }),
        mockOrder({
          client_order_id: 2,
          order_id: '2',
          order_type: 'MARKET',
          market_protection: -1,
        }),
        mockOrder({ client_order_id: 3, order_id: '3', variety: 'auction', auction_number: '31' }),
        mockOrder({
          client_order_id: 4,
          order_id: '4',
          market_protection: 0,
          disclosed_quantity: 0,
        }),
      ]),
    });
    logIn(harness);
    expect(
      await screen.findByText('disclosed 20 · TTL 15 min · 5 legs of up to 200'),
    ).toBeInTheDocument();
    expect(screen.getByText('protection auto')).toBeInTheDocument();
    expect(screen.getByText('auction 31')).toBeInTheDocument();
    expect(screen.getAllByText(/disclosed|protection|legs|auction \d/)).toHaveLength(3);
  });

  it("shows an order's validity beside its type, IOC and TTL with its minutes, and nothing for DAY", async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          client_order_id: 1,
          order_id: '250105000000001',
          order_type: 'SL',
          trigger_price: 1495,
          status: 'TRIGGER PENDING',
          validity: 'IOC',
        }),
        mockOrder({ client_order_id: 2, order_id: '250105000000002', order_type: 'SL' }),
        mockOrder({
          client_order_id: 3,
          order_id: '250105000000003',
          validity: 'TTL',
          validity_ttl: 30,
        }),
        mockOrder({ client_order_id: 4, order_id: '250105000000004', validity: 'TTL' }),
        mockOrder({
          client_order_id: 5,
          order_id: '250105000000005',
          validity: 'IOC',
          disclosed_quantity: 5,
        }),
      ]),
    });
    logIn(harness);
    await screen.findByText('250105000000005');
    const type = (id: string) => rowOf(id).querySelectorAll('td')[3];
    expect(type('250105000000001')).toHaveTextContent(/^SL CNC\s*IOC$/);
    expect(within(type('250105000000001') as HTMLElement).getByText('IOC')).toBeVisible();
    expect(type('250105000000002')).toHaveTextContent(/^SL CNC$/);
    expect(type('250105000000003')).toHaveTextContent(/^LIMIT CNC\s*TTL 30 min$/);
    expect(type('250105000000004')).toHaveTextContent(/^LIMIT CNC\s*TTL$/);
    expect(type('250105000000005')).toHaveTextContent(/^LIMIT CNC\s*disclosed 5 · IOC$/);
  });

  it("shows an iceberg order's row as one leg of up to the leg quantity, not as legs times it", async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          tradingsymbol: 'SBIN',
          variety: 'iceberg',
          iceberg_legs: 3,
          iceberg_quantity: 4,
          quantity: 4,
          pending_quantity: 4,
        }),
      ]),
    });
    logIn(harness);
    expect(await screen.findByText('3 legs of up to 4')).toBeInTheDocument();
    expect(screen.queryByText(/×/)).toBeNull();
    const quantity = rowOf('3 legs of up to 4').querySelectorAll('td')[4];
    expect(quantity).toHaveTextContent('0/4this leg');
    expect(within(quantity as HTMLElement).getByText('this leg')).toHaveAttribute(
      'title',
      'An iceberg order works its quantity in 3 legs of up to 4, one after another; this row is one leg.',
    );
  });

  it('closes the modify form with Escape', async () => {
    const harness = renderWithStore(<OrdersPage />, { routes: ordersRoutes([mockOrder()]) });
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    await user.click(await screen.findByLabelText('Price'));
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('Price')).toBeNull();
    expect(harness.http.calls.filter((call) => call.method === 'PUT')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Modify' })).toHaveFocus();
  });

  it('asks before cancelling, naming the order, and sends nothing when declined', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JANFUT',
          transaction_type: 'SELL',
          product: 'NRML',
          quantity: 150,
          price: 24010.5,
        }),
      ]),
    });
    logIn(harness);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(confirm).toHaveBeenCalledWith(
      'Cancel order 250105000000101: SELL 150 NIFTY26JANFUT (NFO) LIMIT NRML at 24,010.50?',
    );
    expect(harness.http.calls.some((call) => call.method === 'DELETE')).toBe(false);
  });

  it('names a stop-loss market order by its trigger and what already filled', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          order_type: 'SL-M',
          quantity: 10,
          filled_quantity: 4,
          price: 0,
          trigger_price: 1490.5,
        }),
      ]),
    });
    logIn(harness);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(confirm).toHaveBeenCalledWith(
      'Cancel order 250105000000101: BUY 10 INFY (NSE) SL-M CNC at market, trigger 1,490.50 ' +
        '(4 already filled)?',
    );
    await waitFor(() =>
      expect(
        harness.http.calls.some(
          (call) => call.method === 'DELETE' && call.path === '/api/orders/250105000000101',
        ),
      ).toBe(true),
    );
  });

  it('shows a dash for a market order price and an unfilled average, and the broker order id', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({ order_type: 'MARKET', price: 0, market_protection: -1 }),
        mockOrder({
          client_order_id: 102,
          order_id: '250105000000102',
          status: 'COMPLETE',
          filled_quantity: 10,
          pending_quantity: 0,
          average_price: 1499.5,
        }),
      ]),
    });
    logIn(harness);
    const market = (await screen.findByText('250105000000101')).closest('tr');
    const cells = market?.querySelectorAll('td');
    expect(cells?.[5]).toHaveTextContent(/^–$/);
    expect(cells?.[6]).toHaveTextContent(/^–$/);
    const filled = screen.getByText('250105000000102').closest('tr')?.querySelectorAll('td');
    expect(filled?.[5]).toHaveTextContent('1,500.00');
    expect(filled?.[6]).toHaveTextContent('1,499.50');
    expect(screen.queryByText('0.00')).not.toBeInTheDocument();
  });

  it('follows an open history through the order being cancelled', async () => {
    const states = [mockOrder()];
    const harness = renderWithStore(<OrdersPage />, { routes: ordersRoutes(states) });
    logIn(harness);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'History' }));
    const panel = (await screen.findByText('Message')).closest('table');
    expect(panel).not.toBeNull();
    await waitFor(() => expect(panel?.querySelectorAll(':scope > tbody > tr')).toHaveLength(1));
    const cancelled = mockOrder({
      status: 'CANCELLED',
      pending_quantity: 0,
      cancelled_quantity: 10,
      journal_index: 2,
    });
    act(() => {
      harness.store.dispatch(liveBatch({ ...emptyBatch(1), orders: [cancelled] }));
    });
    await waitFor(() => {
      const rows = panel?.querySelectorAll(':scope > tbody > tr');
      expect(rows).toHaveLength(2);
      expect(rows?.[1]).toHaveTextContent('CANCELLED');
    });
    states.push(cancelled);
    const reads = () =>
      harness.http.calls.filter(
        (call) => call.method === 'GET' && call.path === '/api/orders/250105000000101',
      ).length;
    await waitFor(() => expect(reads()).toBe(2));
    expect(panel?.querySelectorAll(':scope > tbody > tr')).toHaveLength(2);
  });

  it("offers Exit at market on a cover order's stop-loss leg and Cancel on other orders", async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { entry, leg } = coverOrder();
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([mockOrder(), entry, leg]),
    });
    logIn(harness);
    const legRow = (await screen.findByText('leg of 250105000000201')).closest('tr');
    expect(legRow).not.toBeNull();
    const user = userEvent.setup();
    expect(within(rowOf('250105000000101')).getByRole('button', { name: 'Cancel' })).toBeVisible();
    expect(within(legRow as HTMLElement).queryByRole('button', { name: 'Cancel' })).toBeNull();
    await user.click(within(legRow as HTMLElement).getByRole('button', { name: 'Exit' }));
    expect(confirm).toHaveBeenCalledWith('Exit cover order: SELL 5 ICICIBANK at market?');
    await waitFor(() =>
      expect(
        harness.http.calls.some(
          (call) => call.method === 'DELETE' && call.path === '/api/orders/250105000000202',
        ),
      ).toBe(true),
    );
  });

  it('shows the open orders, the executed ones or all of them, counting each', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({ client_order_id: 1, order_id: '250105000000001', status: 'OPEN' }),
        mockOrder({ client_order_id: 2, order_id: '250105000000002', status: 'COMPLETE' }),
        mockOrder({ client_order_id: 3, order_id: '250105000000003', status: 'TRIGGER PENDING' }),
        mockOrder({ client_order_id: 4, order_id: '250105000000004', status: 'REJECTED' }),
      ]),
    });
    logIn(harness);
    const user = userEvent.setup();
    const statuses = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.querySelectorAll('td')[7]?.textContent ?? '');
    await screen.findByText('250105000000004');
    expect(statuses()).toHaveLength(4);

    await user.click(screen.getByRole('radio', { name: 'Open (2)' }));
    expect(
      statuses()
        .map((status) => status.replace(/[^A-Z ]/g, '').trim())
        .sort(),
    ).toEqual(['OPEN', 'TRIGGER PENDING']);
    await user.click(screen.getByRole('radio', { name: 'Executed (2)' }));
    expect(statuses()).toHaveLength(2);
    expect(screen.queryByText('250105000000001')).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'All (4)' }));
    expect(statuses()).toHaveLength(4);
  });

  it("shows a cover order's CO once in its type", async () => {
    const { entry, leg } = coverOrder();
    const harness = renderWithStore(<OrdersPage />, { routes: ordersRoutes([entry, leg]) });
    logIn(harness);
    const legRow = (await screen.findByText('leg of 250105000000201')).closest('tr');
    expect(legRow?.querySelectorAll('td')[3]).toHaveTextContent(/^SL-M CO\s*leg of/);
    expect(rowOf('250105000000201').querySelectorAll('td')[3]).toHaveTextContent(/^MARKET CO$/);
  });

  it('says in a notice that a modify was sent once the gateway takes it', async () => {
    const harness = renderWithStore(
      <>
        <OrdersPage />
        <Toasts />
      </>,
      { routes: ordersRoutes([mockOrder()]) },
    );
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const price = await screen.findByLabelText('Price');
    await user.clear(price);
    await user.type(price, '1498.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Modify sent');
    expect(notice).toHaveTextContent('Order 250105000000101: BUY 10 INFY (NSE) at 1,498.50.');
  });

  it('keeps a modify as typed and sends nothing while its quantity or price is not a number it takes', async () => {
    const harness = renderWithStore(<OrdersPage />, { routes: ordersRoutes([mockOrder()]) });
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const quantity = await screen.findByLabelText('Quantity');
    const price = screen.getByLabelText('Price');
    await user.clear(quantity);
    await user.type(quantity, '2.5');
    await user.clear(price);
    await user.type(price, '-1300');
    expect(quantity).toHaveValue('2.5');
    expect(price).toHaveValue('-1300');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Quantity: 2.5 is not a whole number of shares.')).toBeInTheDocument();
    await user.clear(quantity);
    await user.type(quantity, '10');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Price must be a number above 0.')).toBeInTheDocument();
    expect(harness.http.calls.filter((call) => call.method === 'PUT')).toEqual([]);
  });

  it("changes an order's type and validity, sending only what changed, and names the change", async () => {
    const harness = renderWithStore(
      <>
        <OrdersPage />
        <Toasts />
      </>,
      { routes: ordersRoutes([mockOrder()]) },
    );
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const type = await screen.findByLabelText('Order type');
    const validity = screen.getByLabelText('Validity');
    expect(type).toHaveValue('LIMIT');
    expect(validity).toHaveValue('DAY');
    expect(screen.queryByLabelText('Trigger')).toBeNull();
    await user.selectOptions(type, 'SL');
    expect(screen.getByLabelText('Price')).toHaveValue('1500');
    const trigger = screen.getByLabelText('Trigger');
    expect(trigger).toHaveValue('');
    await user.type(trigger, '1495');
    await user.selectOptions(validity, 'IOC');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(puts(harness)).toEqual([{ order_type: 'SL', trigger_price: 1495, validity: 'IOC' }]),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Order 250105000000101: BUY 10 INFY (NSE) as SL, trigger 1,495.00, valid IOC.',
    );
  });

  it('shows the price and trigger fields the chosen order type takes, and sends a stop-loss market order made MARKET', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          order_type: 'SL-M',
          price: 0,
          trigger_price: 1490.5,
          market_protection: -1,
          status: 'TRIGGER PENDING',
        }),
      ]),
    });
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const type = await screen.findByLabelText('Order type');
    expect(screen.queryByLabelText('Price')).toBeNull();
    expect(screen.getByLabelText('Trigger')).toHaveValue('1490.5');
    await user.selectOptions(type, 'LIMIT');
    expect(screen.getByLabelText('Price')).toHaveValue('');
    expect(screen.queryByLabelText('Trigger')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Price must be a number above 0.');
    await user.selectOptions(type, 'MARKET');
    expect(screen.queryByLabelText('Price')).toBeNull();
    expect(screen.queryByLabelText('Trigger')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts(harness)).toEqual([{ order_type: 'MARKET' }]));
  });

  it('offers no MARKET or SL-M to an order without market protection, nor TTL, saying why', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder(),
        mockOrder({
          client_order_id: 102,
          order_id: '250105000000102',
          validity: 'TTL',
          validity_ttl: 15,
        }),
      ]),
    });
    logIn(harness);
    const user = userEvent.setup();
    await screen.findByText('250105000000102');
    await user.click(within(rowOf('250105000000101')).getByRole('button', { name: 'Modify' }));
    const type = await screen.findByLabelText('Order type');
    for (const name of ['MARKET', 'SL-M']) {
      const option = within(type).getByRole('option', { name });
      expect(option).toBeDisabled();
      expect(option).toHaveAttribute(
        'title',
        `A ${name} order needs market protection (SEBI's rule for API orders), which a modify cannot give: ` +
          `cancel this order and place a ${name} one.`,
      );
    }
    expect(within(type).getByRole('option', { name: 'SL' })).toBeEnabled();
    const validity = screen.getByLabelText('Validity');
    expect(
      within(validity)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['DAY', 'IOC']);
    await user.click(screen.getByRole('button', { name: 'Cancel edit' }));

    await user.click(within(rowOf('250105000000102')).getByRole('button', { name: 'Modify' }));
    expect(await screen.findByLabelText('Validity')).toHaveValue('TTL');
    await user.selectOptions(screen.getByLabelText('Order type'), 'SL');
    await user.type(screen.getByLabelText('Trigger'), '1495');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('TTL validity is only for LIMIT orders.');
    expect(puts(harness)).toEqual([]);
  });

  it('offers no IOC on MCX, and sends nothing when nothing changed, saying so', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({ exchange: 'MCX', tradingsymbol: 'GOLDM26FEBFUT', product: 'NRML' }),
      ]),
    });
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    const validity = await screen.findByLabelText('Validity');
    expect(within(validity).getByRole('option', { name: 'IOC' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Nothing to send: change the quantity, type, price, trigger or validity.',
    );
    expect(puts(harness)).toEqual([]);
  });

  it('offers only what each variety lets a modify change, saying why', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([
        mockOrder({
          client_order_id: -1,
          order_id: '250105000000111',
          parent_order_id: '250105000000110',
          variety: 'co',
          product: 'CO',
          order_type: 'SL-M',
          transaction_type: 'SELL',
          status: 'TRIGGER PENDING',
          price: 0,
          trigger_price: 1480,
        }),
        mockOrder({
          client_order_id: 112,
          order_id: '250105000000112',
          variety: 'iceberg',
          iceberg_legs: 2,
          iceberg_quantity: 5,
          quantity: 5,
        }),
        mockOrder({
          client_order_id: 113,
          order_id: '250105000000113',
          variety: 'auction',
          auction_number: '31',
          product: 'CNC',
          transaction_type: 'SELL',
        }),
      ]),
    });
    logIn(harness);
    const user = userEvent.setup();
    await screen.findByText('250105000000113');
    const legOnly = "Only the trigger of a cover order's stop-loss leg can be modified.";

    await user.click(within(rowOf('250105000000111')).getByRole('button', { name: 'Modify' }));
    const legType = await screen.findByLabelText('Order type');
    for (const name of ['MARKET', 'LIMIT', 'SL']) {
      expect(within(legType).getByRole('option', { name })).toHaveAttribute('title', legOnly);
      expect(within(legType).getByRole('option', { name })).toBeDisabled();
    }
    expect(screen.getByLabelText('Quantity')).toBeDisabled();
    expect(screen.getByLabelText('Quantity')).toHaveAttribute('title', legOnly);
    expect(
      within(screen.getByLabelText('Validity')).getByRole('option', { name: 'IOC' }),
    ).toBeDisabled();
    await user.clear(screen.getByLabelText('Trigger'));
    await user.type(screen.getByLabelText('Trigger'), '1485');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts(harness)).toEqual([{ trigger_price: 1485 }]));

    await user.click(within(rowOf('250105000000112')).getByRole('button', { name: 'Modify' }));
    const legQuantity = await screen.findByLabelText('Quantity');
    expect(legQuantity).toBeDisabled();
    expect(legQuantity).toHaveAttribute(
      'title',
      "An iceberg leg's quantity cannot be modified: cancel the order and place it again.",
    );
    expect(
      within(screen.getByLabelText('Order type')).getByRole('option', { name: 'SL' }),
    ).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Cancel edit' }));

    await user.click(within(rowOf('250105000000113')).getByRole('button', { name: 'Modify' }));
    const auctionType = await screen.findByLabelText('Order type');
    expect(within(auctionType).getByRole('option', { name: 'SL' })).toBeDisabled();
    expect(within(auctionType).getByRole('option', { name: 'SL' })).toHaveAttribute(
      'title',
      'An auction order is a LIMIT order.',
    );
    expect(screen.getByLabelText('Quantity')).toBeEnabled();
  });

  it("shows the gateway's refusal of a modify in the form, which stays open", async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: [
        route('PUT', /^\/api\/orders\/250105000000101$/, () => ({
          status: 400,
          body: {
            error: 'bad_request',
            message: 'trigger_price: 1495.005 has more than 2 decimals',
          },
        })),
        ...ordersRoutes([mockOrder()]),
      ],
    });
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Modify' }));
    await user.selectOptions(await screen.findByLabelText('Order type'), 'SL');
    await user.type(screen.getByLabelText('Trigger'), '1495.005');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'trigger_price: 1495.005 has more than 2 decimals',
    );
    expect(puts(harness)).toEqual([{ order_type: 'SL', trigger_price: 1495.005 }]);
    expect(screen.getByLabelText('Order type')).toHaveValue('SL');
  });

  it('tags the order a GTT placed for a trader, linking to the GTT page, and reads no triggers for other users', async () => {
    const triggered = mockGtt({
      status: 'triggered',
      orders: [mockGttOrder({ result: fired('250105000000301') })],
    });
    const routes = [
      ...gttRoutes(mockGttServer([triggered])),
      ...ordersRoutes([mockOrder(), placedOutside('250105000000301', 2)]),
    ];
    const ops = renderWithStore(<OrdersPage />, { routes });
    logIn(ops, ['ops']);
    await screen.findByText('250105000000301');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(ops)).toBe(0);
    expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();
    ops.view.unmount();

    const harness = renderWithStore(<OrdersPage />, { routes });
    logIn(harness);
    const tag = await screen.findByRole('link', { name: 'GTT' });
    expect(tag).toHaveAttribute('href', '/gtt');
    expect(tag).toHaveAttribute('title', 'Placed by GTT 1001 when it fired at 1,450.00');
    expect(tag.closest('tr')).toBe(rowOf('250105000000301'));
    expect(screen.getAllByRole('link', { name: 'GTT' })).toHaveLength(1);
    expect(gttReads(harness)).toBe(1);
  });

  it('reads the triggers only once an order placed outside QuantumLeap arrives that they do not name, not polling', async () => {
    const { harness, server, arrive } = await gttCatchUpPage();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(0);

    server.gtts = [
      mockGtt({
        status: 'triggered',
        orders: [mockGttOrder({ result: fired('250105000000301') })],
      }),
    ];
    arrive(placedOutside('250105000000301', 5));
    expect(await screen.findByRole('link', { name: 'GTT' })).toBeInTheDocument();
    expect(gttReads(harness)).toBe(1);

    arrive(placedOutside('250105000000301', 6, 'COMPLETE'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(1);

    arrive(placedOutside('250105000000302', 7));
    await waitFor(() => expect(gttReads(harness)).toBe(2));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(2);
    expect(within(rowOf('250105000000302')).queryByRole('link', { name: 'GTT' })).toBeNull();
    expect(screen.getAllByRole('link', { name: 'GTT' })).toHaveLength(1);
  });

  it('reads the triggers again when an order they did not name changes status, catching up with a list that lagged the order', async () => {
    const { harness, server, arrive } = await gttCatchUpPage();
    arrive(placedOutside('250105000000301', 5));
    await waitFor(() => expect(gttReads(harness)).toBe(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(1);
    expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();

    server.gtts = [
      mockGtt({
        status: 'triggered',
        orders: [mockGttOrder({ result: fired('250105000000301') })],
      }),
    ];
    arrive(placedOutside('250105000000301', 6, 'COMPLETE'));
    const tag = await screen.findByRole('link', { name: 'GTT' });
    expect(tag.closest('tr')).toBe(rowOf('250105000000301'));
    expect(gttReads(harness)).toBe(2);

    arrive(placedOutside('250105000000301', 7, 'COMPLETE'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(2);
  });

  it('reads the triggers once per status of an order they never name, not at each of its updates', async () => {
    const { harness, arrive } = await gttCatchUpPage();
    const update = (journalIndex: number, status: string, filled: number) => {
      arrive({
        ...placedOutside('250105000000302', journalIndex, status),
        filled_quantity: filled,
        pending_quantity: 10 - filled,
      });
    };
    const settled = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

    update(5, 'OPEN', 0);
    await waitFor(() => expect(gttReads(harness)).toBe(1));
    await settled();
    update(6, 'OPEN', 4);
    await settled();
    expect(gttReads(harness)).toBe(1);

    update(7, 'COMPLETE', 10);
    await waitFor(() => expect(gttReads(harness)).toBe(2));
    await settled();
    update(7, 'COMPLETE', 10);
    await settled();
    expect(gttReads(harness)).toBe(2);
    expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();
  });

  it('reads the triggers again 2 and then 5 s after they miss an order already final, until they name it', async () => {
    expect(GTT_CATCH_UP_MS).toEqual([2_000, 5_000, 15_000]);
    const { harness, server, arrive } = await gttCatchUpPage();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const wait = (ms: number) => settledAfter(ms);
      arrive(placedOutside('250105000000301', 5, 'COMPLETE'));
      await wait(0);
      expect(gttReads(harness)).toBe(1);
      await wait(1_999);
      expect(gttReads(harness)).toBe(1);
      await wait(1);
      expect(gttReads(harness)).toBe(2);
      expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();

      server.gtts = [
        mockGtt({
          status: 'triggered',
          orders: [mockGttOrder({ result: fired('250105000000301') })],
        }),
      ];
      await wait(4_999);
      expect(gttReads(harness)).toBe(2);
      await wait(1);
      expect(gttReads(harness)).toBe(3);
      expect(screen.getByRole('link', { name: 'GTT' }).closest('tr')).toBe(
        rowOf('250105000000301'),
      );
      await wait(60_000);
      expect(gttReads(harness)).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops reading the triggers after the last catch-up, making one read for every final order they miss', async () => {
    const { harness, arrive } = await gttCatchUpPage();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const wait = (ms: number) => settledAfter(ms);
      arrive(
        placedOutside('250105000000301', 5, 'REJECTED'),
        placedOutside('250105000000302', 6, 'CANCELLED'),
      );
      await wait(0);
      expect(gttReads(harness)).toBe(1);
      await wait(2_000);
      expect(gttReads(harness)).toBe(2);
      await wait(5_000);
      expect(gttReads(harness)).toBe(3);
      await wait(15_000);
      expect(gttReads(harness)).toBe(4);
      await wait(10 * 60_000);
      expect(gttReads(harness)).toBe(4);
      expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves no catch-up read of the triggers pending once the page is gone', async () => {
    const { harness, arrive } = await gttCatchUpPage();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const wait = (ms: number) => settledAfter(ms);
      arrive(placedOutside('250105000000301', 5, 'COMPLETE'));
      await wait(0);
      expect(gttReads(harness)).toBe(1);
      harness.view.unmount();
      await wait(60_000);
      expect(gttReads(harness)).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tags an order already final with the OCO leg that placed it once a catch-up read, not the first or a reread answering the same, has the OCO triggered', async () => {
    const { harness, server, arrive } = await gttCatchUpPage([mockOcoGtt()]);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      arrive(placedOutside('250105000000301', 5, 'COMPLETE'));
      await settledAfter(0);
      expect(gttReads(harness)).toBe(1);
      await settledAfter(2_000);
      expect(gttReads(harness)).toBe(2);
      expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();

      server.gtts = [
        mockOcoGtt({
          status: 'triggered',
          orders: [
            mockGttOrder({ price: 1400 }),
            mockGttOrder({
              price: 1600,
              result: { ...fired('250105000000301'), triggered_at: 1600.5 },
            }),
          ],
        }),
      ];
      await settledAfter(4_999);
      expect(gttReads(harness)).toBe(2);
      await settledAfter(1);
      expect(gttReads(harness)).toBe(3);
      const tag = screen.getByRole('link', { name: 'GTT' });
      expect(tag.closest('tr')).toBe(rowOf('250105000000301'));
      expect(tag).toHaveAttribute('title', 'Placed by GTT 1002 when it fired at 1,600.50');
      await settledAfter(60_000);
      expect(gttReads(harness)).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['while a read started before it was still on its way', false],
    ['in the same millisecond as a read already on its way started', true],
  ])('reads the triggers again for an order shown %s', async (_when, sameMillisecond) => {
    if (sameMillisecond) {
      vi.useFakeTimers({ toFake: ['Date'] });
    }
    try {
      const server = mockGttServer([mockGtt()]);
      const early = heldReply([mockGtt()]);
      const answers: MockReply[] = [early.reply];
      const harness = renderWithStore(<div />, {
        routes: [
          route('GET', /^\/api\/gtt$/, () => answers.shift() ?? { status: 200, body: server.gtts }),
          ...gttRoutes(server),
          ...ordersRoutes([mockOrder(), placedOutside('250105000000301', 2)]),
        ],
      });
      logIn(harness);
      const reading = harness.store.dispatch(gttApi.endpoints.gtts.initiate(undefined));
      await waitFor(() => expect(gttReads(harness)).toBe(1));
      server.gtts = [
        mockGtt({
          status: 'triggered',
          orders: [mockGttOrder({ result: fired('250105000000301') })],
        }),
      ];
      harness.view.rerender(
        <Provider store={harness.store}>
          <MemoryRouter>
            <OrdersPage />
          </MemoryRouter>
        </Provider>,
      );
      await screen.findByText('250105000000301');
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      early.release();
      const tag = await screen.findByRole('link', { name: 'GTT' });
      expect(tag.closest('tr')).toBe(rowOf('250105000000301'));
      expect(gttReads(harness)).toBe(2);
      reading.unsubscribe();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the triggers again for an order shown again once its account is picked again, as a new showing', async () => {
    const { harness, server, arrive } = await gttCatchUpPage();
    act(() => {
      harness.store.dispatch(accountsActions.listed([1, 2]));
    });
    arrive(placedOutside('250105000000301', 5));
    await waitFor(() => expect(gttReads(harness)).toBe(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(1);

    act(() => {
      harness.store.dispatch(accountsActions.chosen(2));
    });
    await waitFor(() => expect(screen.queryByText('250105000000301')).toBeNull());
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(gttReads(harness)).toBe(1);

    server.gtts = [
      mockGtt({
        status: 'triggered',
        orders: [mockGttOrder({ result: fired('250105000000301') })],
      }),
    ];
    act(() => {
      harness.store.dispatch(accountsActions.chosen(1));
    });
    const tag = await screen.findByRole('link', { name: 'GTT' });
    expect(tag.closest('tr')).toBe(rowOf('250105000000301'));
    expect(gttReads(harness)).toBe(2);
  });

  it.each([
    ['a server error', (): MockReply => ({ status: 503, body: { error: 'unavailable' } })],
    [
      'a network error',
      (): MockReply => {
        throw new TypeError('Failed to fetch');
      },
    ],
  ])(
    'catches up with the GTT that placed an order already final at the read after one that ends in %s',
    async (_failure, failed) => {
      const { harness, server, arrive } = await gttCatchUpPage([mockGtt()], (read) =>
        read === 2 ? failed() : undefined,
      );
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        arrive(placedOutside('250105000000301', 5, 'CANCELLED'));
        await settledAfter(0);
        expect(gttReads(harness)).toBe(1);
        server.gtts = [
          mockGtt({
            status: 'triggered',
            orders: [mockGttOrder({ result: fired('250105000000301') })],
          }),
        ];
        await settledAfter(2_000);
        expect(gttReads(harness)).toBe(2);
        expect(screen.queryByRole('link', { name: 'GTT' })).toBeNull();
        await settledAfter(5_000);
        expect(gttReads(harness)).toBe(3);
        expect(screen.getByRole('link', { name: 'GTT' }).closest('tr')).toBe(
          rowOf('250105000000301'),
        );
        await settledAfter(60_000);
        expect(gttReads(harness)).toBe(3);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('says in a notice that a cancel, or a cover order exit, was sent once the gateway takes it', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { leg } = coverOrder();
    const harness = renderWithStore(
      <>
        <OrdersPage />
        <Toasts />
      </>,
      { routes: ordersRoutes([mockOrder(), leg]) },
    );
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Cancel sent Order 250105000000101: BUY 10 INFY (NSE).',
    );
    await user.click(screen.getByRole('button', { name: 'Exit' }));
    await waitFor(() => expect(screen.getAllByRole('status')).toHaveLength(2));
    expect(screen.getAllByRole('status')[1]).toHaveTextContent(
      'Exit sent Order 250105000000202: SELL 5 ICICIBANK (NSE) at market, to exit the cover order.',
    );
  });

  it('cancels the open orders shown one after another, leaving cover-order legs, and says in one notice what failed', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    const { entry, leg } = coverOrder();
    const held = heldReply({ account_id: 1, client_order_id: 3, order_id: '250105000000003' });
    const harness = renderWithStore(
      <>
        <OrdersPage />
        <Toasts />
      </>,
      {
        routes: [
          route('DELETE', /^\/api\/orders\/250105000000003$/, () => held.reply),
          route('DELETE', /^\/api\/orders\/250105000000001$/, () => ({
            status: 409,
            body: { error: 'order_not_open', message: 'The order is no longer open.' },
          })),
          ...ordersRoutes([
            mockOrder({
              client_order_id: 1,
              order_id: '250105000000001',
              status: 'OPEN',
              transaction_type: 'SELL',
              tradingsymbol: 'SBIN',
            }),
            mockOrder({ client_order_id: 2, order_id: '250105000000002', status: 'COMPLETE' }),
            mockOrder({
              client_order_id: 3,
              order_id: '250105000000003',
              status: 'TRIGGER PENDING',
            }),
            entry,
            leg,
          ]),
        ],
      },
    );
    logIn(harness);
    const user = userEvent.setup();
    const cancelAll = await screen.findByRole('button', { name: 'Cancel all' });
    await user.click(cancelAll);
    expect(confirm).toHaveBeenLastCalledWith(
      'Cancel 2 open orders? Cover-order stop-loss legs are left; exit them one by one.',
    );
    expect(deletes(harness)).toEqual([]);

    await user.click(cancelAll);
    await waitFor(() => expect(deletes(harness)).toEqual(['/api/orders/250105000000003']));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(deletes(harness)).toEqual(['/api/orders/250105000000003']);
    expect(cancelAll).toBeDisabled();
    await act(async () => {
      held.release();
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(deletes(harness)).toEqual([
        '/api/orders/250105000000003',
        '/api/orders/250105000000001',
      ]),
    );
    expect(
      harness.http.calls
        .filter((call) => call.method === 'DELETE')
        .map((call) => call.query.get('account_id')),
    ).toEqual(['1', '1']);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Cancel all: 1 failed');
    expect(notice).toHaveTextContent(
      'Sent 1 of 2 cancels. Failed: Order 250105000000001: SELL 10 SBIN (NSE): ' +
        'The order is no longer open.',
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('cancels only the open orders of the filter shown and says they were sent', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const harness = renderWithStore(
      <>
        <OrdersPage />
        <Toasts />
      </>,
      {
        routes: ordersRoutes([
          mockOrder({ client_order_id: 1, order_id: '250105000000001', status: 'OPEN' }),
          mockOrder({ client_order_id: 2, order_id: '250105000000002', status: 'COMPLETE' }),
        ]),
      },
    );
    logIn(harness);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Executed (1)' }));
    const cancelAll = screen.getByRole('button', { name: 'Cancel all' });
    expect(cancelAll).toBeDisabled();
    expect(cancelAll).toHaveAttribute('title', 'No open orders here to cancel');
    await user.click(screen.getByRole('radio', { name: 'Open (1)' }));
    expect(cancelAll).toBeEnabled();
    await user.click(cancelAll);
    expect(confirm).toHaveBeenCalledWith('Cancel 1 open order?');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Cancel all: sent Sent 1 of 1 cancel.',
    );
    expect(deletes(harness)).toEqual(['/api/orders/250105000000001']);
  });

  it('disables Cancel all, saying why, when only cover-order legs are open and while the live socket is down', async () => {
    const { entry, leg } = coverOrder();
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([mockOrder(), entry, leg]),
    });
    logIn(harness);
    act(() => harness.live.socket.open());
    const user = userEvent.setup();
    const cancelAll = await screen.findByRole('button', { name: 'Cancel all' });
    expect(cancelAll).toBeEnabled();
    act(() => harness.live.socket.drop());
    expect(cancelAll).toBeDisabled();
    expect(cancelAll).toHaveAttribute(
      'title',
      expect.stringMatching(/Disconnected.*cancelling is paused/),
    );
    act(() => harness.live.socket.open());
    act(() => {
      harness.store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          orders: [mockOrder({ status: 'CANCELLED', journal_index: 2 })],
        }),
      );
    });
    await user.click(screen.getByRole('radio', { name: 'Open (1)' }));
    expect(cancelAll).toBeDisabled();
    expect(cancelAll).toHaveAttribute(
      'title',
      'Only cover-order stop-loss legs are open here; exit them one by one',
    );
  });
});
