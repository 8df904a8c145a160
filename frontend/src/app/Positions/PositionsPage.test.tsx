import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRoute } from '../../services/api/mockFetch';
import type { PlaceOrder } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import { fundsRoutes, mockFunds } from '../../services/funds/mock';
import { mockInfy, marketRoutes } from '../../services/market/mock';
import { watchlistActions } from '../../services/market/watchlistSlice';
import { ordersRoutes } from '../../services/orders/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { tick } from '../../services/live/mock';
import { convertRoute, mockPosition, positionsRoutes } from '../../services/positions/mock';
import { heldReply } from '../../test/heldReply';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { Toasts } from '../Notices/Toasts';
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
      <Toasts />
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

describe('positions page prices', () => {
  it('marks the LTP, the P&L and the total stale while the broker feed waits for a new Kite login, as the watchlist does', async () => {
    page([
      ...positionsRoutes([mockPosition()]),
      ...brokerRoutes(true, {
        ...mockBrokerStatus,
        connected: false,
        feed_connections: [{ id: 1, state: 'parked', instruments: 812 }],
        accounts: [
          {
            account_id: 1,
            state: 'token_expired',
            broker_user_id: 'AB1234',
            token_expiry_epoch_ms: 0,
          },
        ],
      }),
    ]);
    const row = (await screen.findByText('INFY')).closest('tr');
    if (!row) {
      throw new Error('no INFY row');
    }
    const reason =
      'Market feed not connected (connection 1 waiting for a new Kite login): prices may be stale';
    await waitFor(() => expect(within(row).getAllByText('stale')).toHaveLength(2));
    for (const mark of within(row).getAllByText('stale')) {
      expect(mark).toHaveAttribute('title', reason);
    }
    expect(screen.getAllByText('stale')).toHaveLength(3);
  });
});

describe('positions page exit', () => {
  it('shows a contract multiplier beside the quantity, and how it enters the P&L', async () => {
    const crude = mockPosition({
      tradingsymbol: 'CRUDEOIL26DECFUT',
      exchange: 'MCX',
      instrument_token: 60417799,
      product: 'NRML',
      quantity: 1,
      multiplier: 100,
      average_price: 5811,
      last_price: 5869,
      pnl: 5800,
    });
    page(positionsRoutes([niftyLong, crude]));
    const row = (await screen.findByText('CRUDEOIL26DECFUT')).closest('tr') as HTMLElement;
    const multiplier = within(row).getByText('×100');
    expect(multiplier).toHaveAttribute(
      'title',
      'Each unit of CRUDEOIL26DECFUT counts 100 times in its value and P&L: P&L = (LTP - average) × quantity × 100',
    );
    const nifty = (await screen.findByText(niftyLong.tradingsymbol)).closest('tr') as HTMLElement;
    expect(within(nifty).queryByText(/^×/)).toBeNull();
  });

  it('shows the funds of each segment the broker has, named', async () => {
    page([
      ...positionsRoutes([niftyLong]),
      ...fundsRoutes([
        mockFunds(),
        mockFunds({ segment: 'commodity', net: 441490, debits: 58510 }),
      ]),
    ]);
    const notes = await screen.findAllByTestId('funds-note');
    expect(notes.map((note) => note.textContent)).toEqual([
      'Equity · Available margin 9,92,750.25 · used 7,249.75',
      'Commodity · Available margin 4,41,490.00 · used 58,510.00',
    ]);
  });

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
    expect(http.calls.some((call) => call.method === 'POST' && call.path === '/api/orders')).toBe(
      false,
    );
    await user.click(screen.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(
        http.calls.find((call) => call.method === 'POST' && call.path === '/api/orders')?.body,
      ).toEqual(
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

  it('buys back a short position of a watched instrument without waiting for the gateway to look it up', async () => {
    // The instrument search does not answer: the exit opens from the watchlist's lot and tick size all the same. (The
    // ticket, once open, asks for the freeze quantity, which the watchlists do not keep.)
    const search = heldReply([mockInfy]);
    const harness = page([
      route('GET', /^\/api\/instruments$/, () => search.reply),
      ...positionsRoutes([mockPosition({ product: 'MIS', quantity: -6, pnl: -12 })]),
    ]);
    act(() => {
      harness.store.dispatch(watchlistActions.added(mockInfy));
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit INFY MIS' }));
    expect(await screen.findByRole('dialog', { name: 'BUY INFY' })).toHaveTextContent(
      'Exit: closes the short MIS position of 6 INFY at market.',
    );
    expect(screen.getByLabelText('Product')).toHaveValue('MIS');
    expect(screen.getByLabelText('Quantity')).toHaveValue('6');
    act(() => search.release());
  });

  it('says an exit of delivery shares sold today buys them back, not that it closes a short', async () => {
    const harness = page(positionsRoutes([mockPosition({ product: 'CNC', quantity: -4, pnl: 3 })]));
    act(() => {
      harness.store.dispatch(watchlistActions.added(mockInfy));
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit INFY CNC' }));
    const ticket = await screen.findByRole('dialog', { name: 'BUY INFY' });
    expect(ticket).toHaveTextContent(
      'Exit: buys back the 4 INFY sold from your holdings (CNC) at market.',
    );
    expect(ticket).not.toHaveTextContent('short');
    expect(screen.getByLabelText('Product')).toHaveValue('CNC');
    expect(screen.getByLabelText('Quantity')).toHaveValue('4');
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

function posts(harness: TestStore): PlaceOrder[] {
  return harness.http.calls
    .filter((call) => call.method === 'POST' && call.path === '/api/orders')
    .map((call) => call.body as PlaceOrder);
}

describe('positions page exit all', () => {
  it('asks once, listing each exit, then sends them one after another and says in one notice what failed', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    const held = heldReply({
      account_id: 1,
      client_order_id: 300,
      order_id: null,
      status: 'PENDING',
    });
    const harness = page([
      route('POST', /^\/api\/orders$/, (request) =>
        (request.body as PlaceOrder).tradingsymbol === 'INFY'
          ? held.reply
          : {
              status: 422,
              body: { error: 'margin_exceeded', message: 'Not enough margin for the order.' },
            },
      ),
      ...positionsRoutes([
        niftyLong,
        mockPosition({ product: 'CNC', quantity: -4 }),
        mockPosition({ product: 'MIS', quantity: 0 }),
        mockPosition({
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          product: 'CO',
          quantity: 3,
        }),
        mockPosition({ tradingsymbol: 'GONE', instrument_token: 1, quantity: 2 }),
      ]),
    ]);
    const user = userEvent.setup();
    const exitAll = await screen.findByRole('button', { name: 'Exit all' });
    await user.click(exitAll);
    await waitFor(() =>
      expect(confirm).toHaveBeenCalledWith(
        'Exit 2 positions at market?\n' +
          'Exit: buys back the 4 INFY sold from your holdings (CNC) at market.\n' +
          'Exit: closes the long NRML position of 150 NIFTY26JANFUT (2 lots of 75) at market.\n' +
          'Left out, the gateway does not know them: GONE CNC (NSE).',
      ),
    );
    await waitFor(() => expect(exitAll).toBeEnabled());
    expect(posts(harness)).toEqual([]);

    await user.click(exitAll);
    await waitFor(() => expect(posts(harness)).toHaveLength(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(posts(harness)).toEqual([
      expect.objectContaining({
        account_id: 1,
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        transaction_type: 'BUY',
        order_type: 'MARKET',
        product: 'CNC',
        quantity: 4,
        price: null,
        market_protection: -1,
        variety: 'regular',
      }),
    ]);
    await act(async () => {
      held.release();
      await Promise.resolve();
    });
    await waitFor(() => expect(posts(harness)).toHaveLength(2));
    expect(posts(harness)[1]).toEqual(
      expect.objectContaining({
        account_id: 1,
        tradingsymbol: 'NIFTY26JANFUT',
        transaction_type: 'SELL',
        order_type: 'MARKET',
        product: 'NRML',
        quantity: 150,
      }),
    );
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Exit all: 2 failed');
    expect(notice).toHaveTextContent(
      'Sent 1 of 3 exit orders. Failed: NIFTY26JANFUT NRML (NFO): Not enough margin for the order.; ' +
        'GONE CNC (NSE): the gateway does not know the instrument',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says in a notice that the exits were sent when the gateway takes them all', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const harness = page(positionsRoutes([niftyLong]));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit all' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Exit all: sent Sent 1 of 1 exit order.',
    );
    expect(posts(harness)).toHaveLength(1);
  });

  it('exits a position above the most one order may carry autosliced, as several orders', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const harness = page(positionsRoutes([{ ...niftyLong, quantity: 75 * 30 }]));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit all' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Exit all: sent Sent 1 of 1 exit order.',
    );
    expect(posts(harness)).toEqual([
      expect.objectContaining({
        tradingsymbol: 'NIFTY26JANFUT',
        transaction_type: 'SELL',
        quantity: 2250,
        autoslice: true,
      }),
    ]);
    expect(posts(harness)[0]).not.toHaveProperty('client_order_id');
  });

  it('counts one lot as one in the exits it asks about', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    page(positionsRoutes([{ ...niftyLong, quantity: 75 }]));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Exit all' }));
    await waitFor(() =>
      expect(confirm).toHaveBeenCalledWith(
        'Exit 1 position at market?\n' +
          'Exit: closes the long NRML position of 75 NIFTY26JANFUT (1 lot of 75) at market.',
      ),
    );
  });

  it('disables Exit all, saying why, when no row has an exit and while the live socket is down', async () => {
    const harness = page(
      positionsRoutes([
        mockPosition({ product: 'MIS', quantity: 0 }),
        mockPosition({
          tradingsymbol: 'SBIN',
          instrument_token: 779521,
          product: 'CO',
          quantity: 3,
        }),
      ]),
    );
    const exitAll = await screen.findByRole('button', { name: 'Exit all' });
    expect(exitAll).toBeDisabled();
    expect(exitAll).toHaveAttribute('title', 'No open position here that a market order closes');
    act(() => {
      harness.store.dispatch(liveBatch({ ...emptyBatch(1), positions: [mockPosition()] }));
    });
    expect(exitAll).toBeEnabled();
    act(() => harness.live.socket.drop());
    expect(exitAll).toBeDisabled();
    expect(exitAll).toHaveAttribute(
      'title',
      expect.stringMatching(/Disconnected.*ordering is paused/),
    );
  });
});

const infyIntraday = mockPosition({ product: 'MIS' });

function puts(harness: TestStore): unknown[] {
  return harness.http.calls
    .filter((call) => call.method === 'PUT' && call.path === '/api/positions')
    .map((call) => call.body);
}

describe('positions page convert', () => {
  it('opens on the other product, the whole open quantity as a day position, and sends the conversion', async () => {
    const harness = page([...positionsRoutes([infyIntraday]), convertRoute()]);
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Convert INFY MIS' });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Convert INFY NSE' });
    expect(dialog).toHaveTextContent('Long 5 MIS');
    expect(dialog).toHaveTextContent('MIS → CNC');
    expect(within(dialog).getByText('day')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Position type')).not.toBeInTheDocument();
    const quantity = within(dialog).getByLabelText('Quantity');
    expect(quantity).toHaveValue('5');
    expect(quantity).toHaveFocus();
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(puts(harness)).toEqual([
      {
        account_id: 1,
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        transaction_type: 'BUY',
        position_type: 'day',
        quantity: 3,
        old_product: 'MIS',
        new_product: 'CNC',
      },
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Converted: 3 INFY MIS → CNC');
    expect(button).toHaveFocus();
    expect(
      harness.http.calls.filter((call) => call.method === 'GET' && call.path === '/api/positions'),
    ).toHaveLength(1);
  });

  it('keeps the quantity as typed and converts nothing while it is not a whole number', async () => {
    const harness = page([...positionsRoutes([infyIntraday]), convertRoute()]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert INFY MIS' }));
    const dialog = screen.getByRole('dialog', { name: 'Convert INFY NSE' });
    const quantity = within(dialog).getByLabelText('Quantity');
    await user.clear(quantity);
    await user.type(quantity, '-2{Enter}');
    expect(quantity).toHaveValue('-2');
    expect(dialog).toHaveTextContent('Quantity must be a whole number from 1 to 5');
    await user.clear(quantity);
    await user.type(quantity, '1.5{Enter}');
    expect(quantity).toHaveValue('1.5');
    expect(dialog).toHaveTextContent('Quantity must be a whole number from 1 to 5');
    expect(puts(harness)).toEqual([]);
  });

  it('converts a short future carried overnight as SELL, overnight preselected, in whole lots', async () => {
    const harness = page([
      ...positionsRoutes([{ ...niftyLong, quantity: -150, overnight_quantity: -150 }]),
      convertRoute(),
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert NIFTY26JANFUT NRML' }));
    const dialog = screen.getByRole('dialog', { name: 'Convert NIFTY26JANFUT NFO' });
    expect(dialog).toHaveTextContent('NRML → MIS');
    const type = within(dialog).getByLabelText('Position type');
    expect(type).toHaveValue('overnight');
    expect(within(type).getByRole('option', { name: 'day (0 open)' })).toBeDisabled();
    const quantity = await within(dialog).findByLabelText('Quantity (lots of 75)');
    await waitFor(() => expect(quantity).toHaveFocus());
    expect(quantity).toHaveValue('2');
    expect(dialog).toHaveTextContent('= 150 units · up to 2 lots (150)');
    await user.clear(quantity);
    await user.type(quantity, '1.5');
    expect(dialog).toHaveTextContent('Up to 2 lots (150)');
    expect(dialog).not.toHaveTextContent('= ');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Quantity: 1.5 is not a whole number of lots.',
    );
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Quantity must be a whole number of lots from 1 to 2, the open overnight quantity of 150.',
    );
    expect(puts(harness)).toEqual([]);
    await user.clear(quantity);
    await user.type(quantity, '1');
    expect(dialog).toHaveTextContent('= 75 units · up to 2 lots (150)');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    await waitFor(() =>
      expect(puts(harness)).toEqual([
        expect.objectContaining({
          exchange: 'NFO',
          transaction_type: 'SELL',
          position_type: 'overnight',
          quantity: 75,
          old_product: 'NRML',
          new_product: 'MIS',
        }),
      ]),
    );
  });

  it('offers day and overnight when both are open, day first, each limited to its own quantity', async () => {
    const harness = page([
      ...positionsRoutes([mockPosition({ product: 'CNC', quantity: 8, overnight_quantity: 5 })]),
      convertRoute(),
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert INFY CNC' }));
    const dialog = screen.getByRole('dialog', { name: 'Convert INFY NSE' });
    expect(dialog).toHaveTextContent('CNC → MIS');
    expect(within(dialog).getByLabelText('Position type')).toHaveValue('day');
    expect(within(dialog).getByLabelText('Quantity')).toHaveValue('3');
    await user.type(within(dialog).getByLabelText('Quantity'), '{Backspace}4');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Quantity must be a whole number from 1 to 3, the open day quantity.',
    );
    await user.selectOptions(within(dialog).getByLabelText('Position type'), 'overnight');
    expect(within(dialog).getByLabelText('Quantity')).toHaveValue('5');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    await waitFor(() =>
      expect(puts(harness)).toEqual([
        expect.objectContaining({ position_type: 'overnight', quantity: 5, new_product: 'MIS' }),
      ]),
    );
  });

  it("shows the gateway's message when the conversion fails and stays open", async () => {
    page([
      ...positionsRoutes([infyIntraday]),
      convertRoute({
        status: 422,
        error: 'broker_rejected',
        message: 'the broker refused the conversion: Insufficient funds to convert to CNC.',
      }),
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert INFY MIS' }));
    const dialog = screen.getByRole('dialog', { name: 'Convert INFY NSE' });
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'the broker refused the conversion: Insufficient funds to convert to CNC.',
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Convert' })).toBeEnabled();
  });

  it('closes on Escape and on Cancel, keeps B from opening a ticket behind it, and sends nothing', async () => {
    const harness = page([...positionsRoutes([infyIntraday]), convertRoute()]);
    act(() => {
      harness.store.dispatch(watchlistActions.added(mockInfy));
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert INFY MIS' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Convert INFY MIS' }));
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('b');
    expect(screen.queryByRole('dialog', { name: 'BUY INFY' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(puts(harness)).toEqual([]);
  });

  it('offers no Convert on a flat row, disables it for a product that does not convert, and once the position goes flat', async () => {
    const harness = page(
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
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert INFY CNC' }));
    expect(screen.queryByRole('button', { name: 'Convert INFY MIS' })).not.toBeInTheDocument();
    const co = screen.getByRole('button', { name: 'Convert SBIN CO' });
    expect(co).toBeDisabled();
    expect(co).toHaveAttribute(
      'title',
      'A CO position is not converted; on NSE MIS and CNC convert into each other.',
    );
    act(() => {
      harness.store.dispatch(
        liveBatch({ ...emptyBatch(1), positions: [mockPosition({ quantity: 0 })] }),
      );
    });
    const dialog = screen.getByRole('dialog', { name: 'Convert INFY NSE' });
    expect(within(dialog).getByRole('button', { name: 'Convert' })).toBeDisabled();
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The position is flat: nothing to convert.',
    );
  });

  it('disables Convert while the live socket is down', async () => {
    const harness = page(positionsRoutes([infyIntraday]));
    const convert = await screen.findByRole('button', { name: 'Convert INFY MIS' });
    expect(convert).toBeEnabled();
    act(() => harness.live.socket.drop());
    expect(convert).toBeDisabled();
    expect(convert).toHaveAttribute('title', expect.stringMatching(/converting is paused/));
  });
});

describe('positions page prices', () => {
  const niftyDec = {
    exchange: 'NFO',
    tradingsymbol: 'NIFTY26DECFUT',
    instrument_token: 13238790,
  };

  function ltp(name: RegExp): string {
    return within(screen.getByRole('row', { name })).getAllByRole('cell')[4]?.textContent ?? '';
  }

  it('shows the live price on every row of an instrument, a closed one too', async () => {
    const harness = page(
      positionsRoutes([
        mockPosition({ ...niftyDec, product: 'NRML', quantity: 0, last_price: 24697.9 }),
        mockPosition({ ...niftyDec, product: 'MIS', quantity: 75, last_price: 24697.9 }),
        mockPosition({ product: 'CNC', quantity: 0, last_price: 1510 }),
      ]),
    );
    await screen.findByRole('row', { name: /NIFTY26DECFUT NFO NRML/ });
    act(() => {
      harness.store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          positions: [
            mockPosition({ ...niftyDec, product: 'MIS', quantity: 75, last_price: 24702.2 }),
          ],
        }),
      );
    });
    expect(ltp(/NIFTY26DECFUT NFO MIS/)).toBe('24,702.20');
    expect(ltp(/NIFTY26DECFUT NFO NRML/)).toBe('24,702.20');
    expect(harness.live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065, 13238790] },
      { a: 'mode', v: ['ltp', [408065, 13238790]] },
    ]);
    act(() => {
      harness.live.socket.push(tick(408065, 1522.35, { mode: 'ltp' }));
      harness.live.runFrame();
    });
    expect(ltp(/INFY NSE CNC/)).toBe('1,522.35');
  });
});
