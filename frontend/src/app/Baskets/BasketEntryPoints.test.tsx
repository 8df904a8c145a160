import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import {
  basketRoutes,
  mockBasket,
  mockBasketItem,
  mockBasketServer,
} from '../../services/baskets/mock';
import type { MockBasketServer } from '../../services/baskets/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes, mockWatchlistServer, watchlistRoutes } from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { App } from '../App';
import { WatchlistPage } from '../Watchlist/WatchlistPage';

vi.mock('../Watchlist/IntradayChart', () => ({ IntradayChart: () => null }));

function storedSession(roles: string[]) {
  localStorage.setItem(
    'qleap.session',
    JSON.stringify({ token: 'jwt', expiresAt: '2099-01-01T00:00:00Z', roles, username: 'asha' }),
  );
}

function watchlist(server: MockBasketServer, roles = ['trader']) {
  const harness = renderWithStore(<WatchlistPage />, {
    routes: [...basketRoutes(server), ...watchlistRoutes(mockWatchlistServer()), ...marketRoutes()],
  });
  act(() => {
    harness.store.dispatch(
      loggedIn({ token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles, username: 'asha' }),
    );
  });
  return harness;
}

async function openFromInfyRow(harness: ReturnType<typeof watchlist>) {
  const list = await screen.findByLabelText('Watched instruments');
  await within(list).findByRole('row', { name: /^INFY/ });
  act(() => {
    harness.store.dispatch(
      liveBatch({
        ...emptyBatch(1),
        ticks: [
          {
            conflated: false,
            data: { mode: 'quote', tradable: true, instrument_token: 408065, last_price: 1510 },
          },
        ],
      }),
    );
  });
  const user = userEvent.setup();
  await user.click(within(list).getByRole('button', { name: 'Basket INFY' }));
  const dialog = screen.getByRole('dialog', { name: 'Add to basket' });
  return { user, dialog, list };
}

describe('ways to the baskets', () => {
  it('has a Baskets entry in the nav right after Alerts for a trader, which opens the Baskets page', async () => {
    storedSession(['trader']);
    renderWithStore(<App />, { routes: basketRoutes(mockBasketServer()), path: '/baskets' });
    const nav = screen.getByRole('navigation');
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names.slice(names.indexOf('Alerts'), names.indexOf('Alerts') + 2)).toEqual([
      'Alerts',
      'Baskets',
    ]);
    const baskets = within(nav).getByRole('link', { name: 'Baskets' });
    expect(baskets).toHaveAttribute('href', '/baskets');
    expect(baskets).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Baskets' })).toBeInTheDocument();
    expect(await screen.findByTestId('basket-11')).toHaveTextContent('Hedge');
  });

  it('offers no Baskets entry without the trader role, and the page says why', () => {
    storedSession(['quant']);
    renderWithStore(<App />, { routes: basketRoutes(mockBasketServer()), path: '/baskets' });
    expect(
      within(screen.getByRole('navigation')).queryByRole('link', { name: 'Baskets' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'This page needs one of the roles: trader.',
    );
  });

  it("adds an order for a watchlist row's instrument to a basket the trader picks", async () => {
    const server = mockBasketServer([
      mockBasket(),
      mockBasket({ id: 12, name: 'Banks', items: [] }),
    ]);
    const harness = watchlist(server);
    const { user, dialog, list } = await openFromInfyRow(harness);
    expect(within(list).queryByRole('button', { name: 'Basket NIFTY 50' })).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /^INFY/ })).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).queryByLabelText('Instrument')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('basket-order-ltp')).toHaveTextContent('1,510.00');
    const basket = await within(dialog).findByRole('combobox', { name: 'Basket' });
    await waitFor(() => expect(basket).toBeEnabled());
    expect(
      within(basket)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Hedge (2 orders)', 'Banks (0 orders)', 'New basket…']);
    expect(basket).toHaveValue('11');
    expect(within(dialog).getByLabelText('Price')).toHaveValue('1510.00');

    await user.selectOptions(basket, 'Banks (0 orders)');
    await user.selectOptions(within(dialog).getByLabelText('Order type'), 'MARKET');
    await user.clear(within(dialog).getByLabelText('Quantity'));
    await user.type(within(dialog).getByLabelText('Quantity'), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add to basket' })).not.toBeInTheDocument(),
    );
    const puts = harness.http.calls.filter(
      (call) => call.method === 'PUT' && call.path.startsWith('/api/baskets'),
    );
    expect(puts.map((call) => call.path)).toEqual(['/api/baskets/12']);
    expect(puts[0]?.body).toEqual({
      name: 'Banks',
      items: [
        {
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'BUY',
          order_type: 'MARKET',
          quantity: 2,
          product: 'CNC',
          price: null,
          trigger_price: null,
          variety: 'regular',
          validity: 'DAY',
          market_protection: -1,
        },
      ],
    });
    expect(harness.store.getState().notices.items).toContainEqual({
      id: 'basket:12:1',
      kind: 'done',
      title: 'Added to the basket Banks',
      detail: 'BUY 2 INFY CNC MARKET; the basket holds 1 order.',
    });
  });

  it('makes a new basket for the order, its name checked first, and says when a basket is full', async () => {
    const server = mockBasketServer([
      mockBasket({
        items: Array.from({ length: 20 }, () =>
          mockBasketItem({ transaction_type: 'SELL', price: 1520 }),
        ),
      }),
    ]);
    const harness = watchlist(server);
    const { user, dialog } = await openFromInfyRow(harness);
    const basket = await within(dialog).findByRole('combobox', { name: 'Basket' });
    await waitFor(() => expect(basket).toHaveValue('11'));
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(basket).toHaveAccessibleDescription(
      'Hedge holds 20 orders already, the most a basket holds.',
    );

    await user.selectOptions(basket, 'New basket…');
    const name = within(dialog).getByLabelText("New basket's name");
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(name).toHaveAccessibleDescription('Name is required.');
    await user.type(name, 'hedge');
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    expect(name).toHaveAccessibleDescription('You have a basket named Hedge already.');
    expect(
      harness.http.calls.some(
        (call) => call.method !== 'GET' && call.path.startsWith('/api/baskets'),
      ),
    ).toBe(false);

    await user.clear(name);
    await user.type(name, 'Momentum');
    await user.click(within(dialog).getByRole('radio', { name: 'SELL' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add to basket' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Add to basket' })).not.toBeInTheDocument(),
    );
    const posts = harness.http.calls.filter(
      (call) => call.method === 'POST' && call.path.startsWith('/api/baskets'),
    );
    expect(posts.map((call) => call.path)).toEqual(['/api/baskets']);
    expect(posts[0]?.body).toEqual({
      name: 'Momentum',
      items: [
        {
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          transaction_type: 'SELL',
          order_type: 'LIMIT',
          quantity: 1,
          product: 'CNC',
          price: 1510,
          trigger_price: null,
          variety: 'regular',
          validity: 'DAY',
        },
      ],
    });
    expect(server.baskets.map((kept) => kept.name)).toEqual(['Momentum', 'Hedge']);
    expect(harness.store.getState().notices.items).toContainEqual({
      id: 'basket:21:1',
      kind: 'done',
      title: 'Added to the basket Momentum',
      detail: 'SELL 1 INFY CNC LIMIT @ 1,510.00; the basket holds 1 order.',
    });
  });

  it('offers no basket on a watchlist row to a user without the trader role', async () => {
    watchlist(mockBasketServer(), ['quant']);
    const list = await screen.findByLabelText('Watched instruments');
    await within(list).findByRole('row', { name: /^INFY/ });
    expect(within(list).getByRole('button', { name: 'GTT INFY' })).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Basket INFY' })).not.toBeInTheDocument();
  });
});
