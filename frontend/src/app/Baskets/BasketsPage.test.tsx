import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRoute } from '../../services/api/mockFetch';
import type { BasketMarginRequest } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import {
  basketRoutes,
  mockBasket,
  mockBasketItem,
  mockBasketMargin,
  mockBasketServer,
} from '../../services/baskets/mock';
import type { MockBasketServer } from '../../services/baskets/mock';
import { fundsRoutes, mockFunds } from '../../services/funds/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes } from '../../services/market/mock';
import { mockOrder } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import { BasketsPage } from './BasketsPage';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

const PRICES: Record<string, number> = {
  'NSE:INFY': 1510,
  'NFO:NIFTY26JANFUT': 24010.5,
  'NSE:RELIANCE': 2500,
};

function quotes(): MockRoute {
  return route('GET', /^\/api\/quotes$/, (request) => ({
    status: 200,
    body: Object.fromEntries(
      request.query
        .getAll('i')
        .map((key) => [key, { instrument_token: 0, last_price: PRICES[key] ?? 100 }]),
    ),
  }));
}

const futureRequest = {
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
};

const infyRequest = {
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
};

const relianceItem = mockBasketItem({
  tradingsymbol: 'RELIANCE',
  instrument_token: 738561,
  price: 2500.1,
});

const relianceRequest = {
  ...infyRequest,
  tradingsymbol: 'RELIANCE',
  transaction_type: 'BUY',
  price: 2500.1,
};

function signedIn(server: MockBasketServer, routes: MockRoute[] = []) {
  const harness = renderWithStore(<BasketsPage />, {
    routes: [
      ...routes,
      ...basketRoutes(server),
      ...fundsRoutes([mockFunds()]),
      quotes(),
      ...marketRoutes(),
    ],
  });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

function writes(calls: { method: string; path: string; body: unknown }[], method: string) {
  return calls.filter((call) => call.method === method && call.path.startsWith('/api/baskets'));
}

function marginAsks(calls: { method: string; path: string; body: unknown }[]) {
  return calls
    .filter((call) => call.method === 'POST' && call.path === '/api/margins/basket')
    .map((call) => call.body as BasketMarginRequest);
}

async function pickInstrument(dialog: HTMLElement, text: string, symbol: string) {
  const user = userEvent.setup();
  await user.type(within(dialog).getByLabelText('Instrument'), text);
  const match = (await within(dialog).findAllByRole('listitem')).find((item) =>
    within(item).queryByText(symbol),
  );
  if (!match) {
    throw new Error(`${symbol} is not among the matches`);
  }
  await user.click(within(match).getByRole('button', { name: 'Select' }));
}

describe('Baskets page', () => {
  it('fits the orders table beside the list at 1366 px: a narrower list, and row actions and dates that may wrap', async () => {
    signedIn(mockBasketServer([mockBasket({ id: 11, name: 'Hedge' })]));
    await screen.findByTestId('basket-item-0');
    expect(screen.getByTestId('baskets-layout')).toHaveClass(
      'lg:grid-cols-[minmax(0,1fr)_minmax(0,3fr)]',
    );
    const actions = within(screen.getByTestId('basket-item-0')).getByTestId('basket-item-actions');
    expect(actions).toHaveClass('flex-wrap');
    expect(actions.closest('td')).not.toHaveClass('whitespace-nowrap');
    expect(within(screen.getByTestId('basket-11')).getByText(/IST$/).closest('td')).not.toHaveClass(
      'whitespace-nowrap',
    );
    expect(screen.getByRole('table', { name: 'Orders of Hedge' }).parentElement).toHaveClass(
      'overflow-x-auto',
    );
  });

  it("lists the baskets and shows the first one's orders with their last prices and own margins", async () => {
    signedIn(
      mockBasketServer([
        mockBasket(),
        mockBasket({ id: 12, name: 'Banks', items: [relianceItem] }),
      ]),
    );
    expect(screen.getByText('Loading baskets…')).toBeInTheDocument();
    const hedge = await screen.findByTestId('basket-11');
    expect(within(hedge).getByRole('button', { name: 'Hedge' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    expect(within(hedge).getByText('2')).toBeInTheDocument();
    expect(within(hedge).getByText('5/1/2026, 10:00:00 IST')).toBeInTheDocument();
    const view = screen.getByTestId('basket-view');
    expect(within(view).getByRole('heading', { name: 'Hedge' })).toBeInTheDocument();
    expect(within(view).getByText('2 orders of at most 20')).toBeInTheDocument();

    const future = within(view).getByTestId('basket-item-0');
    expect(within(future).getByText('NIFTY26JANFUT')).toBeInTheDocument();
    expect(within(future).getByText('NFO')).toBeInTheDocument();
    expect(within(future).getByText('BUY')).toBeInTheDocument();
    expect(within(future).getByText('75')).toBeInTheDocument();
    expect(within(future).getByText('NRML')).toBeInTheDocument();
    expect(within(future).getByText('MARKET')).toBeInTheDocument();
    expect(within(future).getByText('market')).toBeInTheDocument();
    expect(await within(future).findByText('24,010.50')).toBeInTheDocument();
    expect(await within(future).findByText('1,18,480.00')).toBeInTheDocument();
    const infy = within(view).getByTestId('basket-item-1');
    expect(within(infy).getByText('SELL')).toBeInTheDocument();
    expect(within(infy).getByText('LIMIT')).toBeInTheDocument();
    expect(within(infy).getByText('1,520.00')).toBeInTheDocument();
    expect(within(infy).getByText('1,510.00')).toBeInTheDocument();
    expect(within(infy).getByText('1,498.00')).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Banks' }));
    expect(
      within(screen.getByTestId('basket-view')).getByRole('heading', { name: 'Banks' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Banks' })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('button', { name: 'Hedge' })).not.toHaveAttribute('aria-current');
    expect(within(screen.getByTestId('basket-item-0')).getByText('RELIANCE')).toBeInTheDocument();
    expect(screen.queryByTestId('basket-item-1')).not.toBeInTheDocument();
  });

  it('explains baskets when there is none, and makes one with New basket, which it then shows', async () => {
    const server = mockBasketServer([]);
    const { http } = signedIn(server);
    expect(await screen.findByText('No baskets.')).toBeInTheDocument();
    expect(
      screen.getByText(/a basket holds up to 20 orders that the broker prices together/),
    ).toBeVisible();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New basket' }));
    const dialog = screen.getByRole('dialog', { name: 'New basket' });
    await user.type(within(dialog).getByLabelText('Name'), '  Nifty hedge ');
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription('11/40 characters');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'New basket' })).not.toBeInTheDocument(),
    );
    const posts = writes(http.calls, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe('/api/baskets');
    expect(posts[0]?.body).toEqual({ name: 'Nifty hedge' });
    const view = await screen.findByTestId('basket-view');
    expect(within(view).getByRole('heading', { name: 'Nifty hedge' })).toBeInTheDocument();
    expect(within(view).getByText(/^No orders yet/)).toBeInTheDocument();
    expect(within(view).getByText('Add orders to see the margin they need.')).toBeInTheDocument();
    expect(within(view).getByRole('button', { name: 'Place all' })).toBeDisabled();
    expect(within(screen.getByTestId('basket-21')).getByText('0')).toBeInTheDocument();
    expect(marginAsks(http.calls)).toEqual([]);
  });

  it("checks a new basket's name before sending, and shows the gateway's refusals", async () => {
    const server = mockBasketServer();
    const { http } = signedIn(server);
    await screen.findByTestId('basket-11');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New basket' }));
    const dialog = screen.getByRole('dialog', { name: 'New basket' });
    const name = within(dialog).getByLabelText('Name');
    const create = within(dialog).getByRole('button', { name: 'Create' });
    await user.click(create);
    expect(name).toHaveAccessibleDescription('Name is required. 0/40 characters');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.type(name, 'x'.repeat(41));
    await user.click(create);
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Name may have at most 40 characters; it has 41.',
    );
    await user.clear(name);
    await user.type(name, 'HEDGE');
    await user.click(create);
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'You have a basket named Hedge already.',
    );
    expect(writes(http.calls, 'POST')).toHaveLength(0);

    server.failures.push(
      { status: 409, body: { error: 'name_taken', message: 'you have a basket named Other' } },
      {
        status: 409,
        body: { error: 'too_many_baskets', message: 'you have 50 baskets, the most a user keeps' },
      },
    );
    await user.clear(name);
    await user.type(name, 'Other');
    await user.click(create);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'you have a basket named Other',
    );
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await user.click(create);
    expect(
      await within(dialog).findByText('you have 50 baskets, the most a user keeps'),
    ).toBeInTheDocument();
    expect(name).toHaveAttribute('aria-invalid', 'false');
    expect(writes(http.calls, 'POST')).toHaveLength(2);
    expect(screen.getByRole('dialog', { name: 'New basket' })).toBeInTheDocument();
  });

  it('renames a basket, sending its orders as they are', async () => {
    const server = mockBasketServer();
    const { http } = signedIn(server);
    await screen.findByTestId('basket-11');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename Hedge' });
    const name = within(dialog).getByLabelText('Name');
    expect(name).toHaveValue('Hedge');
    await user.clear(name);
    await user.type(name, 'Nifty hedge');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Rename Hedge' })).not.toBeInTheDocument(),
    );
    const puts = writes(http.calls, 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe('/api/baskets/11');
    expect(puts[0]?.body).toEqual({ name: 'Nifty hedge', items: [futureRequest, infyRequest] });
    expect(
      await within(screen.getByTestId('basket-view')).findByRole('heading', {
        name: 'Nifty hedge',
      }),
    ).toBeInTheDocument();
    expect(within(screen.getByTestId('basket-11')).getByText('Nifty hedge')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('basket-11')).getByText('5/1/2026, 12:00:00 IST'),
    ).toBeInTheDocument();
  });

  it('deletes a basket once the user confirms, and shows the next one', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    const server = mockBasketServer([
      mockBasket(),
      mockBasket({ id: 12, name: 'Banks', items: [relianceItem] }),
    ]);
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByTestId('basket-11')).getByRole('button', {
        name: 'Delete basket Hedge',
      }),
    );
    expect(confirm).toHaveBeenLastCalledWith('Delete the basket Hedge and its 2 orders?');
    expect(writes(http.calls, 'DELETE')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete basket Hedge' }));
    await waitFor(() => expect(screen.queryByTestId('basket-11')).not.toBeInTheDocument());
    expect(writes(http.calls, 'DELETE').map((call) => call.path)).toEqual(['/api/baskets/11']);
    expect(
      within(screen.getByTestId('basket-view')).getByRole('heading', { name: 'Banks' }),
    ).toBeInTheDocument();
  });

  it("shows the gateway's message when a delete fails", async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const server = mockBasketServer();
    server.failures.push({
      status: 404,
      body: { error: 'not_found', message: 'you have no basket 11' },
    });
    signedIn(server);
    await userEvent.setup().click(
      within(await screen.findByTestId('basket-11')).getByRole('button', {
        name: 'Delete basket Hedge',
      }),
    );
    expect(await screen.findByText('you have no basket 11')).toBeInTheDocument();
  });

  it('adds an order picked through the search, checked beside each field, and saves the whole list', async () => {
    const server = mockBasketServer();
    const { http } = signedIn(server);
    await screen.findByTestId('basket-11');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add order' }));
    const dialog = screen.getByRole('dialog', { name: 'Add order to Hedge' });
    await pickInstrument(dialog, 'INF', 'INFY');
    await waitFor(() =>
      expect(within(dialog).getByTestId('basket-order-ltp')).toHaveTextContent('1,510.00'),
    );
    const price = within(dialog).getByLabelText('Price');
    expect(price).toHaveValue('1510.00');
    expect(within(dialog).getByLabelText('Order type')).toHaveValue('LIMIT');
    expect(within(dialog).getByLabelText('Product')).toHaveValue('CNC');
    expect(
      within(within(dialog).getByLabelText('Product'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['CNC', 'MIS', 'MTF']);
    const submit = within(dialog).getByRole('button', { name: 'Add to basket' });

    await user.clear(price);
    await user.click(submit);
    expect(price).toHaveAccessibleDescription('Price is required for this order type.');
    await user.type(price, '1490.53');
    await user.clear(within(dialog).getByLabelText('Quantity'));
    await user.type(within(dialog).getByLabelText('Quantity'), '0');
    await user.click(submit);
    expect(price).toHaveAccessibleDescription('Price must be a multiple of the tick size 0.05.');
    expect(within(dialog).getByLabelText('Quantity')).toHaveAccessibleDescription(
      'Quantity must be a whole number of shares, at least 1.',
    );
    await user.selectOptions(within(dialog).getByLabelText('Order type'), 'SL');
    await user.click(submit);
    expect(within(dialog).getByLabelText('Trigger price')).toHaveAccessibleDescription(
      'Trigger price is required for this order type.',
    );
    expect(writes(http.calls, 'PUT')).toHaveLength(0);

    await user.selectOptions(within(dialog).getByLabelText('Order type'), 'LIMIT');
    expect(within(dialog).queryByLabelText('Trigger price')).not.toBeInTheDocument();
    await user.clear(price);
    await user.type(price, '1490.5');
    await user.clear(within(dialog).getByLabelText('Quantity'));
    await user.type(within(dialog).getByLabelText('Quantity'), '5');
    await user.click(within(dialog).getByRole('radio', { name: 'SELL' }));
    await user.selectOptions(within(dialog).getByLabelText('Product'), 'MIS');
    await user.selectOptions(within(dialog).getByLabelText('Validity'), 'IOC');
    await user.click(submit);
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add order to Hedge' })).not.toBeInTheDocument(),
    );
    const puts = writes(http.calls, 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe('/api/baskets/11');
    expect(puts[0]?.body).toEqual({
      name: 'Hedge',
      items: [
        futureRequest,
        infyRequest,
        { ...infyRequest, quantity: 5, product: 'MIS', price: 1490.5, validity: 'IOC' },
      ],
    });
    const added = await screen.findByTestId('basket-item-2');
    expect(within(added).getByText('INFY')).toBeInTheDocument();
    expect(within(added).getByText('SELL')).toBeInTheDocument();
    expect(within(added).getByText('5')).toBeInTheDocument();
    expect(within(added).getByText('MIS')).toBeInTheDocument();
    expect(within(added).getByText('IOC')).toBeInTheDocument();
    expect(within(added).getByText('1,490.50')).toBeInTheDocument();
    expect(screen.getByText('3 orders of at most 20')).toBeInTheDocument();
    await waitFor(() => expect(marginAsks(http.calls).at(-1)?.items).toHaveLength(3));
  });

  it("shows the gateway's refusal of an added order beside the field it names", async () => {
    const server = mockBasketServer();
    server.failures.push(
      {
        status: 400,
        body: {
          error: 'bad_request',
          message: 'items[2].price: 1600 is outside the price band 1359.00 - 1661.00',
        },
      },
      {
        status: 400,
        body: {
          error: 'bad_request',
          message: 'items[2].tradingsymbol: no instrument NSE:INFY is known',
        },
      },
    );
    signedIn(server);
    await screen.findByTestId('basket-11');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add order' }));
    const dialog = screen.getByRole('dialog', { name: 'Add order to Hedge' });
    await pickInstrument(dialog, 'INF', 'INFY');
    const price = within(dialog).getByLabelText('Price');
    await waitFor(() => expect(price).toHaveValue('1510.00'));
    await user.clear(price);
    await user.type(price, '1600');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() =>
      expect(price).toHaveAccessibleDescription('1600 is outside the price band 1359.00 - 1661.00'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(
      await within(dialog).findByText('items[2].tradingsymbol: no instrument NSE:INFY is known'),
    ).toBeInTheDocument();
    expect(server.baskets[0]?.items).toHaveLength(2);
  });

  it('edits an order: the form opens filled in, in lots, and Save replaces it in place', async () => {
    const server = mockBasketServer();
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByTestId('basket-item-0')).getByRole('button', {
        name: 'Edit order 1',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit order 1 of Hedge' });
    expect(within(dialog).queryByLabelText('Instrument')).not.toBeInTheDocument();
    expect(within(dialog).getByText('NIFTY26JANFUT')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeInTheDocument();
    const lots = within(dialog).getByLabelText('Quantity (lots of 75)');
    expect(lots).toHaveValue('1');
    expect(within(dialog).getByLabelText('Order type')).toHaveValue('MARKET');
    expect(within(dialog).getByLabelText('Product')).toHaveValue('NRML');
    expect(within(dialog).queryByLabelText('Price')).not.toBeInTheDocument();
    expect(within(dialog).getByText('at market')).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'BUY' })).toHaveAttribute(
      'aria-checked',
      'true',
    );

    await user.selectOptions(within(dialog).getByLabelText('Order type'), 'SL');
    await user.clear(lots);
    await user.type(lots, '2');
    await user.clear(within(dialog).getByLabelText('Price'));
    await user.type(within(dialog).getByLabelText('Price'), '24000');
    await user.type(within(dialog).getByLabelText('Trigger price'), '24010');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByLabelText('Trigger price')).toHaveAccessibleDescription(
      'For a stop-loss buy the trigger price must not be above the price.',
    );
    await user.clear(within(dialog).getByLabelText('Trigger price'));
    await user.type(within(dialog).getByLabelText('Trigger price'), '23990');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Edit order 1 of Hedge' }),
      ).not.toBeInTheDocument(),
    );
    const puts = writes(http.calls, 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toEqual({
      name: 'Hedge',
      items: [
        {
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JANFUT',
          transaction_type: 'BUY',
          order_type: 'SL',
          quantity: 150,
          product: 'NRML',
          price: 24000,
          trigger_price: 23990,
          variety: 'regular',
          validity: 'DAY',
        },
        infyRequest,
      ],
    });
    const edited = screen.getByTestId('basket-item-0');
    expect(await within(edited).findByText('SL')).toBeInTheDocument();
    expect(within(edited).getByText('150')).toBeInTheDocument();
    expect(within(edited).getByText('24,000.00')).toBeInTheDocument();
    expect(within(edited).getByText('23,990.00')).toBeInTheDocument();
  });

  it('moves and removes orders, each change saved at once with the whole list', async () => {
    const server = mockBasketServer([mockBasket({ items: [...mockBasket().items, relianceItem] })]);
    const { http } = signedIn(server);
    await screen.findByTestId('basket-item-2');
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Move order 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move order 3 down' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Move order 3 up' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('basket-item-1')).getByText('RELIANCE')).toBeInTheDocument(),
    );
    await user.click(screen.getByRole('button', { name: 'Move order 1 down' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('basket-item-0')).getByText('RELIANCE')).toBeInTheDocument(),
    );
    await user.click(screen.getByRole('button', { name: 'Remove order 2' }));
    await waitFor(() => expect(screen.queryByTestId('basket-item-2')).not.toBeInTheDocument());

    expect(writes(http.calls, 'PUT').map((call) => call.body)).toEqual([
      { name: 'Hedge', items: [futureRequest, relianceRequest, infyRequest] },
      { name: 'Hedge', items: [relianceRequest, futureRequest, infyRequest] },
      { name: 'Hedge', items: [relianceRequest, infyRequest] },
    ]);
    expect(within(screen.getByTestId('basket-item-1')).getByText('INFY')).toBeInTheDocument();
    expect(server.baskets[0]?.items.map((item) => item.tradingsymbol)).toEqual([
      'RELIANCE',
      'INFY',
    ]);
  });

  it('says when a change was not saved, and keeps the orders as the gateway has them', async () => {
    const server = mockBasketServer();
    server.failures.push({
      status: 400,
      body: {
        error: 'bad_request',
        message: 'items[0].quantity: 75 is not a whole number of lots of 50',
      },
    });
    signedIn(server);
    await screen.findByTestId('basket-item-1');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Move order 2 up' }));
    expect(
      await screen.findByText(
        'The change was not saved: items[0].quantity: 75 is not a whole number of lots of 50',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('basket-item-0')).getByText('NIFTY26JANFUT'),
    ).toBeInTheDocument();
  });
});

describe('Basket margin', () => {
  it('shows what the orders need together, the hedge benefit, the charges and what is available', async () => {
    const server = mockBasketServer();
    const { http } = signedIn(server);
    const panel = await screen.findByTestId('basket-margin');
    await waitFor(() =>
      expect(within(panel).getByTestId('basket-margin-required')).toHaveTextContent('90,000.00'),
    );
    expect(within(panel).getByTestId('basket-margin-figures')).toHaveAttribute(
      'aria-busy',
      'false',
    );
    expect(within(panel).getByTestId('basket-margin-initial')).toHaveTextContent('1,20,000.00');
    const benefit = within(panel).getByTestId('basket-margin-benefit');
    expect(benefit).toHaveTextContent('30,000.00');
    expect(benefit).toHaveClass('text-emerald-300');
    expect(within(panel).getByTestId('basket-margin-charges')).toHaveTextContent('42.50');
    await waitFor(() =>
      expect(within(panel).getByTestId('basket-margin-available')).toHaveTextContent('9,92,750.25'),
    );
    expect(within(panel).queryByTestId('basket-margin-short')).not.toBeInTheDocument();
    expect(marginAsks(http.calls)).toEqual([
      { consider_positions: true, items: [futureRequest, infyRequest] },
    ]);

    const user = userEvent.setup();
    const positions = within(panel).getByRole('checkbox', { name: 'Consider positions' });
    expect(positions).toBeChecked();
    await user.click(positions);
    await waitFor(() => expect(marginAsks(http.calls)).toHaveLength(2));
    expect(marginAsks(http.calls)[1]).toEqual({
      consider_positions: false,
      items: [futureRequest, infyRequest],
    });
    await waitFor(() =>
      expect(within(panel).getByRole('button', { name: 'Refresh' })).toBeEnabled(),
    );
    await user.click(within(panel).getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(marginAsks(http.calls)).toHaveLength(3));
    expect(marginAsks(http.calls)[2]).toEqual(marginAsks(http.calls)[1]);
  });

  it('warns when the orders need more margin than is available, and shows no benefit without a hedge', async () => {
    const server = mockBasketServer();
    server.margin = () => ({
      status: 200,
      body: mockBasketMargin({
        initial: {
          span: 0,
          exposure: 0,
          option_premium: 0,
          additional: 0,
          var: 0,
          total: 1_020_000,
        },
        final: { span: 0, exposure: 0, option_premium: 0, additional: 0, var: 0, total: 1_020_000 },
      }),
    });
    signedIn(server);
    const short = await screen.findByTestId('basket-margin-short');
    expect(short).toHaveRole('alert');
    expect(short).toHaveTextContent(
      'Short by 27,249.75: the basket needs more margin than the account has available, so some orders may be refused.',
    );
    const benefit = screen.getByTestId('basket-margin-benefit');
    expect(benefit).toHaveTextContent('0.00');
    expect(benefit).not.toHaveClass('text-emerald-300');
    expect(screen.getByTestId('basket-margin-available')).toHaveClass('text-rose-300');
  });

  it('says when the broker is not connected, and shows other refusals with their message', async () => {
    const server = mockBasketServer([
      mockBasket(),
      mockBasket({ id: 12, name: 'Banks', items: [relianceItem] }),
    ]);
    server.margin = (request) =>
      request.items[0]?.tradingsymbol === 'RELIANCE'
        ? {
            status: 502,
            body: { error: 'broker_refused', message: 'RELIANCE is in the ban period' },
          }
        : {
            status: 409,
            body: {
              error: 'broker_not_connected',
              message: 'account 1 needs a broker login.',
            },
          };
    signedIn(server);
    const problem = await screen.findByTestId('basket-margin-problem');
    expect(problem).toHaveTextContent(
      'The broker is not connected, so it cannot price the basket: account 1 needs a broker login. Connect it on the Broker page.',
    );
    expect(
      within(problem).getByRole('link', { name: 'Connect it on the Broker page' }),
    ).toHaveAttribute('href', '/broker');
    expect(screen.queryByTestId('basket-margin-required')).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Banks' }));
    await waitFor(() =>
      expect(screen.getByTestId('basket-margin-problem')).toHaveTextContent(
        'Margin not known: RELIANCE is in the ban period',
      ),
    );
  });

  it("asks again a moment after the broker's rate limit had no slot to spare", async () => {
    const server = mockBasketServer();
    let asked = 0;
    server.margin = () =>
      ++asked === 1
        ? {
            status: 429,
            body: { error: 'broker_rate_limited', message: 'try again in 1 s' },
            headers: { 'Retry-After': '1' },
          }
        : { status: 200, body: mockBasketMargin() };
    signedIn(server);
    expect(
      await screen.findByText('Asking the broker again in a moment (its rate limit is busy).'),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('basket-margin-required', {}, { timeout: 3000 }),
    ).toHaveTextContent('90,000.00');
    expect(asked).toBe(2);
  });
});

describe('Place all', () => {
  it('asks first, listing the orders buys first, then shows what became of each until dismissed', async () => {
    const server = mockBasketServer([
      mockBasket({
        items: [
          mockBasketItem({ transaction_type: 'SELL', price: 1520 }),
          ...mockBasket().items.slice(0, 1),
        ],
      }),
    ]);
    server.placed = (item, sent) =>
      item.transaction_type === 'SELL'
        ? {
            http_status: 422,
            error: 'insufficient_funds',
            message: 'needs 1,498.00 of margin, 0.00 available',
          }
        : { http_status: 201, client_order_id: 301 + sent, status: 'PENDING' };
    const { http, store } = signedIn(server);
    await screen.findByTestId('basket-margin-required');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Place all' }));
    const dialog = screen.getByRole('dialog', { name: 'Place Hedge' });
    expect(
      within(within(dialog).getByTestId('basket-place-list'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '1. BUY 75 NIFTY26JANFUT NRML MARKET (NFO)',
      '2. SELL 1 INFY CNC LIMIT @ 1,520.00 (NSE)',
    ]);
    expect(
      within(dialog).getByText('Margin required 90,000.00 of 9,92,750.25 available.'),
    ).toBeInTheDocument();
    expect(http.calls.some((call) => call.path.endsWith('/orders') && call.method === 'POST')).toBe(
      false,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Place 2 orders' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Place Hedge' })).not.toBeInTheDocument(),
    );
    const posts = http.calls.filter(
      (call) => call.method === 'POST' && call.path === '/api/baskets/11/orders',
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toBeUndefined();

    const result = screen.getByTestId('basket-placement');
    expect(within(result).getByRole('status')).toHaveTextContent('Hedge: 1 placed, 1 refused');
    const rows = within(result).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual([
      'basket-placed-1',
      'basket-placed-0',
    ]);
    const placed = within(result).getByTestId('basket-placed-1');
    expect(placed).toHaveTextContent('BUY 75 NIFTY26JANFUT');
    expect(placed).toHaveTextContent('order 2 of the basket');
    expect(within(placed).getByText('Placed')).toBeInTheDocument();
    expect(within(placed).getByText('Order #301 sent: PENDING.')).toBeInTheDocument();
    const refused = within(result).getByTestId('basket-placed-0');
    expect(within(refused).getByText('Refused')).toBeInTheDocument();
    expect(
      within(refused).getByText(
        'insufficient_funds: needs 1,498.00 of margin, 0.00 available (HTTP 422)',
      ),
    ).toBeInTheDocument();

    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          orders: [
            mockOrder({
              client_order_id: 301,
              order_id: '250105000000301',
              exchange: 'NFO',
              tradingsymbol: 'NIFTY26JANFUT',
              status: 'OPEN',
              journal_index: 9,
            }),
          ],
        }),
      );
    });
    expect(within(placed).getByText('Order 250105000000301 OPEN.')).toBeInTheDocument();

    await user.click(screen.getByTestId('basket-item-0'));
    expect(screen.getByTestId('basket-placement')).toBeInTheDocument();
    await user.click(within(result).getByRole('button', { name: 'Dismiss what became of Hedge' }));
    expect(screen.queryByTestId('basket-placement')).not.toBeInTheDocument();
  });

  it('keeps the confirm open with the reason when nothing could be placed', async () => {
    const server = mockBasketServer();
    server.failures.push({
      status: 409,
      body: { error: 'broker_not_connected', message: 'account 1 needs a broker login.' },
    });
    signedIn(server);
    await screen.findByTestId('basket-item-0');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Place all' }));
    const dialog = screen.getByRole('dialog', { name: 'Place Hedge' });
    await user.click(within(dialog).getByRole('button', { name: 'Place 2 orders' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Nothing was placed: Account 1 is not connected to Kite. Connect it on the Broker page.',
    );
    expect(screen.queryByTestId('basket-placement')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Place Hedge' })).not.toBeInTheDocument();
  });

  it('pauses placing while the live connection is down', async () => {
    const { live } = signedIn(mockBasketServer());
    await screen.findByTestId('basket-item-0');
    act(() => {
      live.socket.open();
    });
    expect(screen.getByRole('button', { name: 'Place all' })).toBeEnabled();
    act(() => {
      live.socket.drop();
    });
    const place = screen.getByRole('button', { name: 'Place all' });
    expect(place).toBeDisabled();
    expect(place).toHaveAttribute(
      'title',
      'Disconnected from the live feed: reconnecting; ordering is paused',
    );
  });
});
