import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { auctionsRoutes, mockHolding } from '../../services/holdings/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { mockOrder, mockSliced, ordersRoutes } from '../../services/orders/mock';
import { basketRoutes, mockBasket, mockBasketServer } from '../../services/baskets/mock';
import {
  basketMarginRoutes,
  mockOrderMargin,
  mockPositionsMargin,
  orderMarginRoutes,
} from '../../services/funds/mock';
import { renderWithStore } from '../../test/render';
import { Toasts } from '../Notices/Toasts';
import { OrderTicket } from './OrderTicket';
import { TicketProvider } from './TicketProvider';
import { watchlistActions } from '../../services/market/watchlistSlice';
import { marketRoutes, mockInfy } from '../../services/market/mock';
import { act } from 'react';
import type { ReactElement } from 'react';
import type { OrderView, PlaceOrder } from '../../services/api/types';
import type { TestStore } from '../../test/testStore';

const infy = {
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  tick_size: 0.05,
  lot_size: 1,
  instrument_token: 408065,
  freeze_quantity: 100000,
};
const nifty = {
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26JANFUT',
  tick_size: 0.1,
  lot_size: 75,
  instrument_token: 13238786,
  freeze_quantity: 1800,
};

function renderTicket(ticket: ReactElement, options?: Parameters<typeof renderWithStore>[1]) {
  return renderWithStore(
    <>
      {ticket}
      <Toasts />
    </>,
    options,
  );
}

function field(name: string): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!input) {
    throw new Error(`no field ${name}`);
  }
  return input;
}

async function fill(name: string, value: string) {
  const user = userEvent.setup();
  await user.clear(field(name));
  if (value) {
    await user.type(field(name), value);
  }
}

describe('order ticket', () => {
  it('shows a message per field and sends nothing while the ticket is invalid', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    await fill('lots', '0');
    await fill('price', '1500.03');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    expect(
      screen.getByText('Quantity must be a whole number of shares, at least 1.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Price must be a multiple of the tick size 0.05.')).toBeInTheDocument();
    expect(field('price')).toHaveAttribute('aria-invalid', 'true');
    expect(http.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/margins']);
  });

  it('drops the message of a field once it is edited, and keeps the others', async () => {
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={() => undefined} />, {
      routes: ordersRoutes(),
    });
    await fill('lots', '0');
    await fill('price', '1500.03');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    await fill('price', '1500.05');
    expect(screen.queryByText('Price must be a multiple of the tick size 0.05.')).toBeNull();
    expect(field('price')).not.toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText('Quantity must be a whole number of shares, at least 1.'),
    ).toBeInTheDocument();
  });

  it('keeps numbers as typed and sends nothing while one is not a number the field takes', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    const user = userEvent.setup();
    await fill('lots', '2.5');
    await fill('price', '-1300');
    expect(field('lots')).toHaveValue('2.5');
    expect(field('price')).toHaveValue('-1300');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(screen.getByText('Quantity: 2.5 is not a whole number of shares.')).toBeInTheDocument();
    expect(screen.getByText('Price must be a number above 0.')).toBeInTheDocument();
    await fill('lots', '2e3');
    await fill('price', '1,2.00.5');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(screen.getByText('Quantity: 2e3 is not a whole number of shares.')).toBeInTheDocument();
    expect(screen.getByText('Price must be a number above 0.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Order type'), 'MARKET');
    await fill('lots', '-2');
    await fill('market_protection', '1.5');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(
      screen.getByText('Quantity must be a whole number of shares, at least 1.'),
    ).toBeInTheDocument();
    expect(field('market_protection')).toHaveValue('1.5');
    expect(field('market_protection')).toHaveAttribute('aria-invalid', 'true');
    expect(http.calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('says in plain words that the Kite session ended when the gateway refuses an order for it', async () => {
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={() => undefined} />, {
      routes: [
        route('POST', /^\/api\/orders$/, () => ({
          status: 409,
          body: {
            error: 'broker_not_connected',
            message:
              'account 1 is not connected to the broker (token_expired): connect it (GET /api/broker/kite/connect, or the Broker page) and ask again',
          },
        })),
      ],
    });
    await fill('price', '1500');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    const dialog = screen.getByRole('dialog', { name: 'BUY INFY' });
    await waitFor(() =>
      expect(dialog).toHaveTextContent(
        'Your Kite session has ended (Kite ends every session at 06:00 IST). Connect again on the Broker page.',
      ),
    );
    expect(dialog).not.toHaveTextContent('/api/');
    expect(dialog).not.toHaveTextContent('broker_not_connected');
  });

  it('places a valid order, then closes and leaves the acknowledgement in a notice', async () => {
    const onClose = vi.fn();
    const { http } = renderTicket(<OrderTicket side="BUY" target={infy} onClose={onClose} />, {
      routes: ordersRoutes(),
    });
    await fill('lots', '3');
    await fill('price', '1500.05');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('Sent: BUY 3 INFY');
    expect(notice).toHaveTextContent('sent: PENDING');
    expect(onClose).toHaveBeenCalledOnce();
    const sent = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders');
    expect(sent?.body).toMatchObject({
      tradingsymbol: 'INFY',
      quantity: 3,
      price: 1500.05,
      transaction_type: 'BUY',
    });
  });

  it('shows the margin of the very order Buy sends, as the broker prices it', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: [
          ...ordersRoutes(),
          ...orderMarginRoutes(() => ({
            status: 200,
            body: mockOrderMargin({ total: 4500.15, charges: 5.37 }),
          })),
        ],
      },
    );
    await fill('lots', '3');
    await fill('price', '1500.05');
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      'Margin required 4,500.15 · charges 5.37',
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByRole('status')).toHaveTextContent('sent: PENDING');

    const asked = http.calls.filter((call) => call.path === '/api/margins/orders');
    const placed = http.calls.filter(
      (call) => call.method === 'POST' && call.path === '/api/orders',
    );
    expect(placed).toHaveLength(1);
    expect(asked.at(-1)?.body).toEqual(placed[0]?.body);
  });

  it('shows what a derivative order blocks with the positions held, asked for the very order Sell sends', async () => {
    const { http } = renderTicket(
      <OrderTicket side="SELL" target={nifty} onClose={() => undefined} />,
      {
        routes: [
          ...ordersRoutes(),
          ...orderMarginRoutes(() => ({
            status: 200,
            body: mockOrderMargin({
              exchange: 'NFO',
              tradingsymbol: 'NIFTY26JANFUT',
              total: 123456,
              charges: 40,
            }),
          })),
          ...basketMarginRoutes(() => ({
            status: 200,
            body: mockPositionsMargin(123456, 12345),
          })),
        ],
      },
    );
    await fill('lots', '2');
    await fill('price', '24000.1');
    expect(await screen.findByTestId('order-margin-with-positions')).toHaveTextContent(
      'with your positions 12,345.00',
    );
    expect(screen.getByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,23,456.00 · with your positions 12,345.00 · charges 40.00',
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sell' }));
    expect(await screen.findByRole('status')).toHaveTextContent('sent: PENDING');

    const placed = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')
      ?.body as Record<string, unknown>;
    const asked = http.calls.filter((call) => call.path === '/api/margins/basket');
    expect(asked.at(-1)?.body).toEqual({
      consider_positions: true,
      items: [
        {
          exchange: placed.exchange,
          tradingsymbol: placed.tradingsymbol,
          transaction_type: 'SELL',
          order_type: placed.order_type,
          quantity: 150,
          product: 'NRML',
          price: 24000.1,
          trigger_price: null,
          variety: 'regular',
          validity: 'DAY',
        },
      ],
    });
  });

  it('says why the engine did not place it, without its error code or its own prefix', async () => {
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={vi.fn()} />, {
      routes: [
        route('POST', /^\/api\/orders$/, () => ({
          status: 422,
          body: {
            error: 'invalid_price',
            message: 'rejected by the engine: price 99999999999.00 is out of range',
          },
        })),
      ],
    });
    await fill('price', '1500');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Not placed: price 99999999999\.00 is out of range$/,
    );
  });

  it('shows the risk reject reason from the 422 body and stays open', async () => {
    const onClose = vi.fn();
    const centTick = { ...infy, tick_size: 0.01 };
    renderTicket(<OrderTicket side="SELL" target={centTick} onClose={onClose} />, {
      routes: ordersRoutes(),
    });
    await fill('price', '1234.56');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sell' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not placed: Price 1234.56 is not a multiple of the tick size 0.05.',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: 'Order notifications' })).not.toBeInTheDocument();
  });

  it('sends the quantity in units when the instrument trades in lots', async () => {
    const { http } = renderTicket(
      <OrderTicket side="SELL" target={nifty} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    expect(screen.getByText('Quantity (lots of 75)')).toBeInTheDocument();
    await fill('lots', '2');
    await fill('price', '24000.1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sell' }));
    await screen.findByRole('status');
    expect(
      http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')?.body,
    ).toMatchObject({
      quantity: 150,
      product: 'NRML',
    });
  });

  it('sends no price for a market order even when a price was typed before switching to MARKET', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    const user = userEvent.setup();
    await fill('price', '1500.05');
    await user.selectOptions(screen.getByLabelText('Order type'), 'MARKET');
    await fill('market_protection', '2');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    await screen.findByRole('status');
    const body = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')
      ?.body as Record<string, unknown>;
    expect(body).toMatchObject({ order_type: 'MARKET' });
    expect(body.price ?? null).toBeNull();
  });

  it("refuses a market protection of 0 with the gateway's rule and sends nothing", async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Order type'), 'MARKET');
    const protection = screen.getByLabelText('Market protection %');
    expect(protection).toHaveAttribute(
      'title',
      "-1: the broker's automatic protection; otherwise a percentage from 1 to 100",
    );
    await fill('market_protection', '0');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(protection).toHaveAccessibleDescription(
      "Market protection: -1 for the broker's automatic, or 1 to 100 percent.",
    );
    expect(http.calls.some((call) => call.method === 'POST' && call.path === '/api/orders')).toBe(
      false,
    );
  });

  it('greys out SL-M and cover orders for a BANKNIFTY option, saying why, and opens a preset of them as SL and regular', () => {
    renderTicket(
      <OrderTicket
        side="BUY"
        target={{ ...nifty, tradingsymbol: 'BANKNIFTY26JAN54000CE', segment: 'NFO-OPT' }}
        preset={{ fields: { order_type: 'SL-M', variety: 'co', trigger_price: '110' } }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByLabelText('Order type')).toHaveValue('SL');
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'SL-M' })).toHaveAttribute(
      'title',
      'Kite takes no SL-M orders for options: use SL.',
    );
    expect(screen.getByRole('option', { name: 'SL' })).toBeEnabled();
    expect(screen.getByLabelText('Variety')).toHaveValue('regular');
    expect(screen.getByRole('option', { name: 'co (cover)' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'co (cover)' })).toHaveAttribute(
      'title',
      'Kite takes no cover orders for BANKNIFTY options, stock options or currency options.',
    );
    expect(screen.getByRole('option', { name: 'IOC' })).toBeEnabled();
  });

  it('offers cover orders on a NIFTY option, which Kite takes', () => {
    renderTicket(
      <OrderTicket
        side="BUY"
        target={{ ...nifty, tradingsymbol: 'NIFTY26JAN24000CE', segment: 'NFO-OPT' }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByRole('option', { name: 'co (cover)' })).toBeEnabled();
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeDisabled();
  });

  it('greys out IOC on MCX and SL-M on BSE, and offers both elsewhere', () => {
    const { view } = renderTicket(
      <OrderTicket
        side="BUY"
        target={{
          exchange: 'MCX',
          tradingsymbol: 'GOLD26FEBFUT',
          segment: 'MCX-FUT',
          tick_size: 1,
          lot_size: 1,
          instrument_token: 53505799,
        }}
        preset={{ fields: { validity: 'IOC' } }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByLabelText('Validity')).toHaveValue('DAY');
    expect(screen.getByRole('option', { name: 'IOC' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'IOC' })).toHaveAttribute(
      'title',
      "Kite takes no IOC orders on MCX through its API (SEBI's rule for algo orders): use DAY.",
    );
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeEnabled();
    view.unmount();

    renderTicket(
      <OrderTicket
        side="BUY"
        target={{ ...infy, exchange: 'BSE', segment: 'BSE', instrument_token: 128053508 }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'SL-M' })).toHaveAttribute(
      'title',
      'Kite takes no SL-M orders on BSE: use SL.',
    );
    expect(screen.getByRole('option', { name: 'IOC' })).toBeEnabled();
    expect(screen.getByRole('option', { name: 'co (cover)' })).toBeEnabled();
  });

  it('switches the product to MIS for a cover order, and back to the one chosen before for another variety', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      {
        routes: ordersRoutes(),
      },
    );
    const user = userEvent.setup();
    expect(screen.getByLabelText('Product')).toHaveValue('CNC');
    await user.selectOptions(screen.getByLabelText('Variety'), 'co');
    expect(screen.getByLabelText('Product')).toHaveValue('MIS');
    await user.selectOptions(screen.getByLabelText('Variety'), 'amo');
    expect(screen.getByLabelText('Product')).toHaveValue('CNC');
    await user.selectOptions(screen.getByLabelText('Product'), 'MTF');
    await user.selectOptions(screen.getByLabelText('Variety'), 'regular');
    expect(screen.getByLabelText('Product')).toHaveValue('MTF');

    await user.selectOptions(screen.getByLabelText('Variety'), 'co');
    await fill('price', '1500.05');
    await fill('trigger_price', '1490');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    await screen.findByRole('status');
    expect(screen.queryByText('A cover order must be MIS.')).not.toBeInTheDocument();
    expect(
      http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')?.body,
    ).toMatchObject({ variety: 'co', product: 'MIS', trigger_price: 1490 });
  });

  it('switches the side with B and S while the quantity has focus and keeps other text as typed', async () => {
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={() => undefined} />);
    const user = userEvent.setup();
    expect(field('lots')).toHaveFocus();
    await user.keyboard('s');
    expect(screen.getByRole('dialog', { name: 'SELL INFY' })).toBeInTheDocument();
    expect(field('lots')).toHaveValue('1');
    await user.keyboard('3xb');
    expect(screen.getByRole('dialog', { name: 'BUY INFY' })).toBeInTheDocument();
    expect(field('lots')).toHaveValue('3x');
    await user.type(field('price'), '15q00.5');
    expect(field('price')).toHaveValue('15q00.5');
    await user.selectOptions(screen.getByLabelText('Order type'), 'MARKET');
    await user.clear(field('market_protection'));
    await user.type(field('market_protection'), '-1s');
    expect(field('market_protection')).toHaveValue('-1');
    expect(screen.getByRole('dialog', { name: 'SELL INFY' })).toBeInTheDocument();
  });

  it('keeps Tab inside the ticket, both ways', async () => {
    renderTicket(
      <>
        <button type="button">Behind</button>
        <OrderTicket side="BUY" target={infy} onClose={() => undefined} />
      </>,
    );
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'BUY INFY' });
    for (let step = 0; step < 30; step += 1) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    for (let step = 0; step < 30; step += 1) {
      await user.tab({ shift: true });
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });

  it('takes B and S as letters in the tag', async () => {
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={() => undefined} />);
    await userEvent.setup().type(field('tag'), 'BS1');
    expect(field('tag')).toHaveValue('BS1');
    expect(screen.getByRole('dialog', { name: 'BUY INFY' })).toBeInTheDocument();
  });

  it('offers disclosed quantity on equity only and sends none for a derivative', async () => {
    const equity = renderTicket(<OrderTicket side="BUY" target={infy} onClose={() => undefined} />);
    expect(field('disclosed_lots')).toBeInTheDocument();
    equity.view.unmount();
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={nifty} onClose={() => undefined} />,
      { routes: ordersRoutes() },
    );
    expect(document.querySelector('input[name="disclosed_lots"]')).toBeNull();
    expect(screen.queryByText(/Disclosed/)).not.toBeInTheDocument();
    await fill('price', '24000.1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    await screen.findByRole('status');
    const body = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')
      ?.body as Record<string, unknown>;
    expect(body.disclosed_quantity ?? null).toBeNull();
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={onClose} />);
    await userEvent.setup().keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('opens with B and S for the selected instrument and closes with Escape', async () => {
    const { store } = renderWithStore(
      <TicketProvider>
        <p>dashboard</p>
      </TicketProvider>,
    );
    act(() => {
      store.dispatch(watchlistActions.added(mockInfy));
    });
    const user = userEvent.setup();
    await user.keyboard('b');
    expect(screen.getByRole('dialog', { name: 'BUY INFY' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.keyboard('s');
    expect(screen.getByRole('dialog', { name: 'SELL INFY' })).toBeInTheDocument();
  });

  it('gives the focus back to what had it when it opened, once it closes', async () => {
    const { store } = renderWithStore(
      <TicketProvider>
        <button type="button">row</button>
      </TicketProvider>,
    );
    act(() => {
      store.dispatch(watchlistActions.added(mockInfy));
    });
    const user = userEvent.setup();
    const row = screen.getByRole('button', { name: 'row' });
    row.focus();
    await user.keyboard('b');
    expect(screen.getByRole('dialog', { name: 'BUY INFY' })).toContainElement(
      document.activeElement as HTMLElement,
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(row).toHaveFocus();
  });
});

describe('order ticket and gateway field errors', () => {
  it('puts a 400 field error next to its field and stays open', async () => {
    const onClose = vi.fn();
    renderTicket(<OrderTicket side="BUY" target={infy} onClose={onClose} />, {
      routes: [
        {
          method: 'POST',
          path: /^\/api\/orders$/,
          handler: () => ({
            status: 400,
            body: { error: 'bad_request', message: 'request.quantity: must be at most 100000' },
          }),
        },
      ],
    });
    await fill('price', '1500');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByText('must be at most 100000')).toBeInTheDocument();
    expect(field('lots')).toHaveAttribute('aria-invalid', 'true');
    expect(onClose).not.toHaveBeenCalled();
  });
});

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

const AMO_REASON =
  'After market orders (AMO) are not accepted now; the AMO window for equity is 16:00 to 08:58 IST; place a regular order during market hours.';

function update({ store }: TestStore, change: Partial<OrderView>) {
  act(() => {
    store.dispatch(
      liveBatch({
        ...emptyBatch(1),
        orders: [mockOrder({ client_order_id: 200, order_id: null, quantity: 1, ...change })],
      }),
    );
  });
}

describe('order ticket once the gateway accepted its order', () => {
  async function send() {
    const harness = renderWithStore(
      <TicketProvider>
        <Toasts />
      </TicketProvider>,
      { routes: ordersRoutes() },
    );
    act(() => {
      harness.store.dispatch(watchlistActions.added(mockInfy));
    });
    const user = userEvent.setup();
    await user.keyboard('b');
    await fill('price', '1500');
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent('Sent: BUY 1 INFY');
    expect(notice).toHaveTextContent('Order #200 sent: PENDING.');
    return { ...harness, user };
  }

  it('closes, so that the order cannot be sent twice, and opens again empty of it', async () => {
    const { http, user } = await send();
    expect(
      http.calls.filter((call) => call.method === 'POST' && call.path === '/api/orders'),
    ).toHaveLength(1);
    await user.keyboard('b');
    expect(screen.getByRole('dialog', { name: 'BUY INFY' })).toBeInTheDocument();
    expect(field('price')).not.toHaveValue('1500');
  });

  it('shows the broker reject with its reason in full, as an alert, in place of the sent notice', async () => {
    const harness = await send();
    update(harness, { status: 'REJECTED', status_message: AMO_REASON, journal_index: 5 });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`Rejected: BUY 1 INFY NSE${AMO_REASON}`);
    expect(alert).toHaveClass('text-rose-100');
    expect(screen.queryByText(/sent: PENDING/)).not.toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('follows the order from OPEN to its fill, and ignores other orders', async () => {
    const harness = await send();
    update(harness, { status: 'OPEN', order_id: '250105000000200', journal_index: 5 });
    expect(screen.getByRole('status')).toHaveTextContent('Order 250105000000200 OPEN.');
    expect(screen.getByRole('status')).toHaveAttribute('data-order-tone', 'working');
    update(harness, { client_order_id: 201, status: 'REJECTED', journal_index: 6 });
    expect(screen.getByRole('status')).toHaveTextContent('Order 250105000000200 OPEN.');
    update(harness, {
      status: 'COMPLETE',
      order_id: '250105000000200',
      filled_quantity: 1,
      average_price: 1499.95,
      journal_index: 7,
    });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      /Filled: BUY 1 INFY NSE\s*at 1,499.95 average/,
    );
    expect(screen.getByRole('status')).toHaveClass('text-emerald-100');
  });

  it('warns of a cancel the trader did not make, with its reason, in amber rather than as a reject', async () => {
    const harness = await send();
    update(harness, {
      status: 'CANCELLED',
      status_message: 'Cancelled by the kill switch (halt): trading is halted.',
      journal_index: 5,
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Cancelled: BUY 1 INFY NSECancelled by the kill switch (halt): trading is halted.',
    );
    expect(alert).toHaveClass('text-amber-100');
    expect(screen.queryByText(/sent: PENDING/)).not.toBeInTheDocument();
  });

  it('confirms a cancel the trader made elsewhere as cancelled', async () => {
    const harness = await send();
    update(harness, { status: 'CANCELLED', journal_index: 5 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Order #200 cancelled.');
    expect(screen.getByRole('status')).toHaveAttribute('data-order-tone', 'cancelled');
  });
});

describe('order ticket while the live socket is down', () => {
  it('disables the ticket submit with the reason and sends nothing', async () => {
    const harness = renderTicket(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      { routes: ordersRoutes() },
    );
    act(() => {
      harness.store.dispatch(loggedIn(session));
      harness.live.socket.open();
      harness.live.socket.drop();
    });
    const submit = screen.getByRole('button', { name: 'Buy' });
    expect(submit).toBeDisabled();
    expect(submit).toHaveAccessibleDescription(
      /Ordering is paused: disconnected from the live feed/,
    );
    await userEvent.setup().type(screen.getByLabelText('Price'), '1500{Enter}');
    expect(
      harness.http.calls.filter((call) => call.method === 'POST' && call.path === '/api/orders'),
    ).toHaveLength(0);
  });
});

describe('order ticket auction orders', () => {
  function auctionField(): HTMLInputElement | HTMLSelectElement | null {
    return document.querySelector<HTMLInputElement | HTMLSelectElement>('[name="auction_number"]');
  }

  function auctionCalls({ http }: TestStore): number {
    return http.calls.filter((call) => call.path === '/api/holdings/auctions').length;
  }

  it('sells into an auction picked from those open now for the instrument', async () => {
    const harness = renderTicket(
      <OrderTicket side="SELL" target={infy} onClose={() => undefined} />,
      {
        routes: [
          ...ordersRoutes(),
          ...auctionsRoutes([
            mockHolding({ auction_number: '20512' }),
            mockHolding({
              tradingsymbol: 'SBIN',
              instrument_token: 779521,
              auction_number: '20513',
            }),
            mockHolding({ account_id: 2, auction_number: '20514' }),
          ]),
        ],
      },
    );
    const user = userEvent.setup();
    expect(auctionField()).toBeNull();
    expect(auctionCalls(harness)).toBe(0);
    await user.selectOptions(screen.getByLabelText('Variety'), 'auction');
    const select = await screen.findByRole('combobox', { name: 'Auction number' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['20512', '20514']);
    expect(select).toHaveValue('20512');
    await user.selectOptions(select, '20514');
    await fill('price', '1500');
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await screen.findByRole('status');
    expect(
      harness.http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')
        ?.body,
    ).toMatchObject({
      variety: 'auction',
      auction_number: '20514',
      transaction_type: 'SELL',
      order_type: 'LIMIT',
      product: 'CNC',
      price: 1500,
    });
  });

  it('takes a typed number of 1 to 8 digits when the gateway lists no auction for the instrument', async () => {
    const { http } = renderTicket(
      <OrderTicket side="SELL" target={infy} onClose={() => undefined} />,
      { routes: [...ordersRoutes(), ...auctionsRoutes([])] },
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Variety'), 'auction');
    await waitFor(() =>
      expect(field('auction_number')).toHaveAttribute('placeholder', '1 to 8 digits'),
    );
    await fill('price', '1500');
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    expect(
      screen.getByText("An auction order needs the auction's number: 1 to 8 digits."),
    ).toBeInTheDocument();
    expect(field('auction_number')).toHaveAttribute('aria-invalid', 'true');
    expect(http.calls.some((call) => call.method === 'POST' && call.path === '/api/orders')).toBe(
      false,
    );
    await user.type(field('auction_number'), '12x3456789');
    expect(field('auction_number')).toHaveValue('12x34567');
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    expect(
      screen.getByText("An auction order needs the auction's number: 1 to 8 digits."),
    ).toBeInTheDocument();
    await fill('auction_number', '12345678');
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await screen.findByRole('status');
    expect(
      http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')?.body,
    ).toMatchObject({
      variety: 'auction',
      auction_number: '12345678',
    });
  });

  it('lets the number be typed when the auctions cannot be listed', async () => {
    renderTicket(<OrderTicket side="SELL" target={infy} onClose={() => undefined} />, {
      routes: [
        {
          method: 'GET',
          path: /^\/api\/holdings\/auctions$/,
          handler: () => ({
            status: 409,
            body: { error: 'broker_not_connected', message: 'Account 1 is not connected.' },
          }),
        },
      ],
    });
    await userEvent.setup().selectOptions(screen.getByLabelText('Variety'), 'auction');
    expect(
      await screen.findByText(
        /The auctions open now could not be listed \(Account 1 is not connected/,
      ),
    ).toBeInTheDocument();
    expect(field('auction_number')).toBeEnabled();
  });

  it('hides the auction number for other varieties and sends none', async () => {
    const { http } = renderTicket(
      <OrderTicket side="SELL" target={infy} onClose={() => undefined} />,
      { routes: [...ordersRoutes(), ...auctionsRoutes([])] },
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Variety'), 'auction');
    await user.type(field('auction_number'), '42');
    await user.selectOptions(screen.getByLabelText('Variety'), 'regular');
    expect(auctionField()).toBeNull();
    await fill('price', '1500');
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await screen.findByRole('status');
    const body = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')
      ?.body as Record<string, unknown>;
    expect(body).toMatchObject({ variety: 'regular' });
    expect(body.auction_number ?? null).toBeNull();
  });
});

describe('order ticket adding its order to a basket', () => {
  function ticket(roles = ['trader'], onClose = () => undefined) {
    const server = mockBasketServer([
      mockBasket(),
      mockBasket({ id: 12, name: 'Banks', items: [] }),
    ]);
    const harness = renderTicket(<OrderTicket side="SELL" target={infy} onClose={onClose} />, {
      routes: [...ordersRoutes(), ...basketRoutes(server)],
    });
    act(() => {
      harness.store.dispatch(loggedIn({ ...session, roles }));
    });
    return { ...harness, server, user: userEvent.setup() };
  }

  it("opens the basket form with the ticket's order and appends it to the chosen basket", async () => {
    const onClose = vi.fn();
    const { http, user } = ticket(['trader'], onClose);
    await user.selectOptions(screen.getByLabelText('Variety'), 'amo');
    await user.selectOptions(screen.getByLabelText('Order type'), 'SL');
    await user.selectOptions(screen.getByLabelText('Product'), 'MIS');
    await fill('lots', '3');
    await fill('price', '1500');
    await fill('trigger_price', '1501');
    await user.click(screen.getByTestId('ticket-add-to-basket'));

    expect(screen.queryByRole('dialog', { name: 'SELL INFY' })).not.toBeInTheDocument();
    const dialog = screen.getByRole('dialog', { name: 'Add to basket' });
    expect(within(dialog).getByRole('radio', { name: 'SELL' })).toBeChecked();
    expect(within(dialog).getByLabelText('Quantity')).toHaveValue('3');
    expect(within(dialog).getByLabelText('Product')).toHaveValue('MIS');
    expect(within(dialog).getByLabelText('Order type')).toHaveValue('SL');
    expect(within(dialog).getByLabelText('Price')).toHaveValue('1500');
    expect(within(dialog).getByLabelText('Trigger price')).toHaveValue('1501');
    expect(within(dialog).getByLabelText('Variety')).toHaveValue('amo');
    expect(within(dialog).getByLabelText('Validity')).toHaveValue('DAY');
    const basket = await within(dialog).findByRole('combobox', { name: 'Basket' });
    await waitFor(() => expect(basket).toHaveValue('11'));

    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    const puts = http.calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual(['/api/baskets/11']);
    expect(puts[0]?.body).toEqual({
      name: 'Hedge',
      items: [
        {
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JANFUT',
          transaction_type: 'BUY',
          order_type: 'MARKET',
          quantity: 75,
          product: 'NRML',
          price: null,
          trigger_price: null,
          variety: 'regular',
          validity: 'DAY',
          market_protection: -1,
        },
        {
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'SELL',
          order_type: 'LIMIT',
          quantity: 1,
          product: 'CNC',
          price: 1520,
          trigger_price: null,
          variety: 'regular',
          validity: 'DAY',
        },
        {
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'SELL',
          order_type: 'SL',
          quantity: 3,
          product: 'MIS',
          price: 1500,
          trigger_price: 1501,
          variety: 'amo',
          validity: 'DAY',
        },
      ],
    });
    expect(http.calls.some((call) => call.path === '/api/orders')).toBe(false);
  });

  it('disables the button with the reason for an iceberg, a cover or a TTL order', async () => {
    const { user } = ticket();
    const button = screen.getByTestId('ticket-add-to-basket');
    expect(button).toBeEnabled();
    await user.selectOptions(screen.getByLabelText('Variety'), 'iceberg');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', 'A basket holds regular and amo orders, not iceberg.');
    await user.selectOptions(screen.getByLabelText('Variety'), 'co');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', 'A basket holds regular and amo orders, not co.');
    await user.selectOptions(screen.getByLabelText('Variety'), 'regular');
    await user.selectOptions(screen.getByLabelText('Validity'), 'TTL');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', 'A basket holds orders valid DAY or IOC, not TTL.');
  });

  it('closes the ticket once when Escape closes the basket form', async () => {
    const onClose = vi.fn();
    const { user } = ticket(['trader'], onClose);
    await user.click(screen.getByTestId('ticket-add-to-basket'));
    expect(screen.getByRole('dialog', { name: 'Add to basket' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('offers no basket to a user without the trader role', () => {
    ticket(['quant']);
    expect(screen.getByRole('dialog', { name: 'SELL INFY' })).toBeInTheDocument();
    expect(screen.queryByTestId('ticket-add-to-basket')).not.toBeInTheDocument();
  });
});

describe('order ticket above the freeze quantity', () => {
  // NIFTY: a lot of 65 and a freeze quantity of 1800, so one order carries at most 27 lots (1,755).
  const nifty65 = {
    exchange: 'NFO',
    tradingsymbol: 'NIFTY26FEBFUT',
    segment: 'NFO-FUT',
    tick_size: 0.1,
    lot_size: 65,
    instrument_token: 13238790,
    freeze_quantity: 1800,
  };

  /** POST /api/orders answering an autoslice as the gateway does, refusing the orders `refuse` names. */
  function slicingRoute(
    refuse: (index: number) => { error: string; message: string } | null = () => null,
  ) {
    let next = 300;
    return route('POST', /^\/api\/orders$/, (request) => ({
      status: 201,
      body: mockSliced(request.body as PlaceOrder, 1755, () => next++, refuse),
    }));
  }

  function autoslice(): HTMLElement | null {
    return screen.queryByRole('checkbox', { name: 'Autoslice' });
  }

  it('offers autoslice only above the most one order may carry, says why, and how it splits', async () => {
    const { http } = renderTicket(
      <OrderTicket side="BUY" target={nifty65} onClose={() => undefined} />,
      { routes: [slicingRoute()] },
    );
    const user = userEvent.setup();
    await fill('price', '24000');
    await fill('lots', '27');
    expect(autoslice()).toBeNull();
    expect(screen.queryByTestId('ticket-freeze')).toBeNull();

    await fill('lots', '60');
    expect(screen.getByTestId('ticket-freeze')).toHaveTextContent(
      'Above the most one order may carry (1,755; freeze quantity 1,800)',
    );
    expect(autoslice()).not.toBeChecked();
    expect(screen.queryByTestId('ticket-slices')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(
      screen.getByText(
        'Above the most one order may carry (1,755; freeze quantity 1,800): tick Autoslice to place it as 3 ' +
          'orders, or lower the quantity.',
      ),
    ).toBeInTheDocument();
    expect(field('lots')).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('checkbox', { name: 'Autoslice' }));
    expect(screen.getByTestId('ticket-slices')).toHaveTextContent(
      '3 orders: 2 × 1,755 and 1 × 390',
    );
    expect(field('lots')).not.toHaveAttribute('aria-invalid', 'true');

    await fill('lots', '271');
    expect(screen.getByTestId('ticket-slices')).toHaveTextContent(
      'Autoslice places at most 10 orders at once: at most 17,550 (10 × 1,755); 17,615 would take 11.',
    );
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(within(screen.getByText('Quantity (lots of 65)')).getByRole('alert')).toHaveTextContent(
      'Autoslice places at most 10 orders at once: at most 17,550 (10 × 1,755); 17,615 would take 11.',
    );
    expect(
      http.calls.filter((call) => call.method === 'POST' && call.path === '/api/orders'),
    ).toEqual([]);

    // Back within the limit: no box, and the order goes whole.
    await fill('lots', '27');
    expect(autoslice()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    await screen.findByRole('status');
    const sent = http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders');
    expect(sent?.body).toMatchObject({ quantity: 1755 });
    expect(sent?.body).not.toHaveProperty('autoslice');
  });

  it('sends autoslice with no client order id, then closes and says every order was placed', async () => {
    const onClose = vi.fn();
    const { http } = renderTicket(<OrderTicket side="BUY" target={nifty65} onClose={onClose} />, {
      routes: [slicingRoute()],
    });
    const user = userEvent.setup();
    await fill('price', '24000');
    await fill('lots', '60');
    await user.click(screen.getByRole('checkbox', { name: 'Autoslice' }));
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('All 3 orders placed: BUY 3,900 NIFTY26FEBFUT');
    expect(notice).toHaveTextContent('3 orders: 2 × 1,755 and 1 × 390');
    expect(onClose).toHaveBeenCalledOnce();
    const posts = http.calls.filter(
      (call) => call.method === 'POST' && call.path === '/api/orders',
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      tradingsymbol: 'NIFTY26FEBFUT',
      quantity: 3900,
      autoslice: true,
    });
    expect(posts[0]?.body).not.toHaveProperty('client_order_id');
  });

  it('says which orders were refused and why, and keeps only the quantity refused to send', async () => {
    const onClose = vi.fn();
    const { http } = renderTicket(<OrderTicket side="BUY" target={nifty65} onClose={onClose} />, {
      routes: [
        slicingRoute((index) =>
          index === 2
            ? {
                error: 'insufficient_funds',
                message: 'rejected by the engine: margin 1,02,000.00 needed, 80,000.00 available',
              }
            : null,
        ),
      ],
    });
    const user = userEvent.setup();
    await fill('price', '24000');
    await fill('lots', '60');
    await user.click(screen.getByRole('checkbox', { name: 'Autoslice' }));
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '2 of 3 orders placed; 1 refused: margin 1,02,000.00 needed, 80,000.00 available. The quantity is ' +
        'now the 390 not placed.',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(field('lots')).toHaveValue('6');
    expect(autoslice()).toBeNull();
    expect(http.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('shows a refusal of every order as a refusal is shown', async () => {
    renderTicket(<OrderTicket side="BUY" target={nifty65} onClose={vi.fn()} />, {
      routes: [
        route('POST', /^\/api\/orders$/, () => ({
          status: 422,
          body: { error: 'kill_switch', message: 'rejected by the engine: the kill switch is on' },
        })),
      ],
    });
    const user = userEvent.setup();
    await fill('price', '24000');
    await fill('lots', '60');
    await user.click(screen.getByRole('checkbox', { name: 'Autoslice' }));
    await user.click(screen.getByRole('button', { name: 'Buy' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Not placed: the kill switch is on$/,
    );
  });

  it('looks the freeze quantity up where the watchlist did not give it', async () => {
    // As a watchlist item: no freeze quantity; the gateway's search has NIFTY26JANFUT's, 1800 in lots of 75.
    const { tradingsymbol, exchange, tick_size, lot_size, instrument_token } = nifty;
    renderTicket(
      <OrderTicket
        side="SELL"
        target={{ tradingsymbol, exchange, tick_size, lot_size, instrument_token }}
        onClose={() => undefined}
      />,
      { routes: marketRoutes() },
    );
    await fill('lots', '25');
    expect(await screen.findByTestId('ticket-freeze')).toHaveTextContent(
      'Above the most one order may carry (1,800; freeze quantity 1,800)',
    );
    expect(screen.getByRole('checkbox', { name: 'Autoslice' })).toBeInTheDocument();
  });
});
