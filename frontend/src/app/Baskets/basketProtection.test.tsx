import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRequest, MockRoute } from '../../services/api/mockFetch';
import type { SaveBasket } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import {
  basketRoutes,
  mockBasket,
  mockBasketItem,
  mockBasketServer,
} from '../../services/baskets/mock';
import type { MockBasketServer } from '../../services/baskets/mock';
import { fundsRoutes, mockFunds } from '../../services/funds/mock';
import { marketRoutes } from '../../services/market/mock';
import { ordersRoutes } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import { OrderTicket } from '../OrderTicket/OrderTicket';
import { BasketOrderForm } from './BasketOrderForm';
import { BasketsPage } from './BasketsPage';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

const infy = {
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  tick_size: 0.05,
  lot_size: 1,
  instrument_token: 408065,
};

function quotes(): MockRoute {
  return route('GET', /^\/api\/quotes$/, (request) => ({
    status: 200,
    body: Object.fromEntries(
      request.query.getAll('i').map((key) => [key, { instrument_token: 0, last_price: 1510 }]),
    ),
  }));
}

function signedIn(ui: ReactElement, server: MockBasketServer) {
  const harness = renderWithStore(ui, {
    routes: [
      ...ordersRoutes(),
      ...basketRoutes(server),
      ...fundsRoutes([mockFunds()]),
      quotes(),
      ...marketRoutes(),
    ],
  });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return { ...harness, user: userEvent.setup() };
}

function savedItems(calls: MockRequest[]) {
  const puts = calls.filter(
    (call) => call.method === 'PUT' && call.path.startsWith('/api/baskets'),
  );
  return (puts.at(-1)?.body as SaveBasket | undefined)?.items ?? [];
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

describe('market protection of a basket order', () => {
  it('is asked for an order at market, checked, kept with it and listed beside its type', async () => {
    const { http, user } = signedIn(<BasketsPage />, mockBasketServer());
    expect(await screen.findByTestId('basket-item-0')).toHaveTextContent('MARKETMP auto');
    expect(screen.getByTestId('basket-item-1')).not.toHaveTextContent('MP');
    await user.click(screen.getByRole('button', { name: 'Add order' }));
    const dialog = screen.getByRole('dialog', { name: 'Add order to Hedge' });
    await pickInstrument(dialog, 'INF', 'INFY');
    expect(within(dialog).queryByLabelText('Market protection %')).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText('Order type'), 'MARKET');
    const protection = within(dialog).getByLabelText('Market protection %');
    expect(protection).toHaveValue('-1');

    await user.clear(protection);
    await user.type(protection, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(protection).toHaveAccessibleDescription(
      "Market protection: -1 for the broker's automatic, or 1 to 100 percent.",
    );
    expect(savedItems(http.calls)).toEqual([]);

    await user.clear(protection);
    await user.type(protection, '2x');
    expect(protection).toHaveValue('2x');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(protection).toHaveAccessibleDescription(
      "Market protection: -1 for the broker's automatic, or 1 to 100 percent.",
    );
    expect(savedItems(http.calls)).toEqual([]);

    await user.clear(protection);
    await user.type(protection, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add order to Hedge' })).not.toBeInTheDocument(),
    );
    expect(savedItems(http.calls)[2]).toMatchObject({
      tradingsymbol: 'INFY',
      order_type: 'MARKET',
      price: null,
      market_protection: 2,
    });
    const added = await screen.findByTestId('basket-item-2');
    expect(within(added).getByText('MP 2%')).toHaveAttribute(
      'title',
      'Market protection: not filled beyond 2% of the last price',
    );
  });

  it("opens with the order's own when the order is edited, and keeps what is typed", async () => {
    const server = mockBasketServer([
      mockBasket({
        items: [
          mockBasketItem({
            order_type: 'SL-M',
            price: null,
            trigger_price: 1490,
            market_protection: 5,
          }),
        ],
      }),
    ]);
    const { http, user } = signedIn(<BasketsPage />, server);
    const row = await screen.findByTestId('basket-item-0');
    expect(within(row).getByText('MP 5%')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Edit order 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit order 1 of Hedge' });
    const protection = within(dialog).getByLabelText('Market protection %');
    expect(protection).toHaveValue('5');
    await user.clear(protection);
    await user.type(protection, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(savedItems(http.calls)).toEqual([
        expect.objectContaining({ order_type: 'SL-M', trigger_price: 1490, market_protection: 7 }),
      ]),
    );
    expect(
      await within(await screen.findByTestId('basket-item-0')).findByText('MP 7%'),
    ).toBeInTheDocument();
  });

  it("carries the ticket's market protection into the basket form", async () => {
    const { http, user } = signedIn(
      <OrderTicket side="BUY" target={infy} onClose={() => undefined} />,
      mockBasketServer(),
    );
    await user.selectOptions(screen.getByLabelText('Order type'), 'MARKET');
    const ticketProtection = screen.getByLabelText('Market protection %');
    await user.clear(ticketProtection);
    await user.type(ticketProtection, '3');
    await user.click(screen.getByTestId('ticket-add-to-basket'));

    const dialog = screen.getByRole('dialog', { name: 'Add to basket' });
    expect(within(dialog).getByLabelText('Order type')).toHaveValue('MARKET');
    expect(within(dialog).getByLabelText('Market protection %')).toHaveValue('3');
    const basket = await within(dialog).findByRole('combobox', { name: 'Basket' });
    await waitFor(() => expect(basket).toHaveValue('11'));
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() =>
      expect(savedItems(http.calls)[2]).toEqual({
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        transaction_type: 'BUY',
        order_type: 'MARKET',
        quantity: 1,
        product: 'CNC',
        price: null,
        trigger_price: null,
        variety: 'regular',
        validity: 'DAY',
        market_protection: 3,
      }),
    );
  });
});

describe('choices Kite refuses in a basket order', () => {
  it('are greyed out with the reason, and an order carried over with one opens on a choice Kite takes', () => {
    const { view } = signedIn(
      <BasketOrderForm
        instrument={{
          exchange: 'NFO',
          tradingsymbol: 'NIFTY26JAN24000PE',
          segment: 'NFO-OPT',
          tick_size: 0.05,
          lot_size: 75,
          instrument_token: 13238900,
        }}
        initial={{ order_type: 'SL-M', trigger_price: '95' }}
        onClose={() => undefined}
      />,
      mockBasketServer(),
    );
    expect(screen.getByLabelText('Order type')).toHaveValue('SL');
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'SL-M' })).toHaveAttribute(
      'title',
      'Kite takes no SL-M orders for options: use SL.',
    );
    expect(screen.getByLabelText('Trigger price')).toHaveValue('95');
    view.unmount();

    signedIn(
      <BasketOrderForm
        instrument={{
          exchange: 'MCX',
          tradingsymbol: 'GOLD26FEBFUT',
          segment: 'MCX-FUT',
          tick_size: 1,
          lot_size: 1,
          instrument_token: 53505799,
        }}
        initial={{ validity: 'IOC' }}
        onClose={() => undefined}
      />,
      mockBasketServer(),
    );
    expect(screen.getByLabelText('Validity')).toHaveValue('DAY');
    expect(screen.getByRole('option', { name: 'IOC' })).toBeDisabled();
    expect(screen.getByRole('option', { name: 'IOC' })).toHaveAttribute(
      'title',
      "Kite takes no IOC orders on MCX through its API (SEBI's rule for algo orders): use DAY.",
    );
    expect(screen.getByRole('option', { name: 'SL-M' })).toBeEnabled();
  });
});
