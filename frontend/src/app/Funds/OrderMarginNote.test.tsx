import { act, screen, waitFor } from '@testing-library/react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { PlaceOrder } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import {
  basketMarginRoutes,
  fundsRoutes,
  mockFunds,
  mockOrderMargin,
  mockPositionsMargin,
  orderMarginRoutes,
} from '../../services/funds/mock';
import type { MockRequest, MockRoute } from '../../services/api/mockFetch';
import { renderWithStore } from '../../test/render';
import { OrderMarginNote } from './OrderMarginNote';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function order(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    transaction_type: 'BUY',
    order_type: 'LIMIT',
    product: 'CNC',
    quantity: 1,
    price: 1498,
    ...overrides,
  } as PlaceOrder;
}

const priced: MockRoute[] = orderMarginRoutes((request) => {
  const sent = request.body as PlaceOrder;
  return {
    status: 200,
    body: mockOrderMargin({ total: (sent.price ?? 0) * sent.quantity }),
  };
});

function note(shown: PlaceOrder | null, routes: MockRoute[]) {
  const harness = renderWithStore(<OrderMarginNote order={shown} />, { routes });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

function marginCalls(calls: MockRequest[]) {
  return calls.filter((call) => call.method === 'POST' && call.path === '/api/margins/orders');
}

function positionsCalls(calls: MockRequest[]) {
  return calls.filter((call) => call.method === 'POST' && call.path === '/api/margins/basket');
}

function optionSell(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return order({
    exchange: 'NFO',
    tradingsymbol: 'NIFTY26JAN24000PE',
    transaction_type: 'SELL',
    product: 'NRML',
    quantity: 75,
    price: 120.5,
    trigger_price: null,
    validity: 'DAY',
    variety: 'regular',
    market_protection: null,
    ...overrides,
  });
}

const optionMargin: MockRoute[] = orderMarginRoutes(() => ({
  status: 200,
  body: mockOrderMargin({
    exchange: 'NFO',
    tradingsymbol: 'NIFTY26JAN24000PE',
    total: 123456,
    charges: 40,
    span: 100000,
    exposure: 23456,
    var: 0,
  }),
}));

function netted(final: number): MockRoute[] {
  return basketMarginRoutes(() => ({ status: 200, body: mockPositionsMargin(123456, final) }));
}

function positionsQuestions(harness: ReturnType<typeof note>) {
  return Object.values(harness.store.getState().api.queries).filter(
    (query) => query?.endpointName === 'basketMargin',
  );
}

describe('the margin an order needs', () => {
  it('asks the broker at once, then again once the changed order stands still', async () => {
    const harness = note(order(), [...priced, ...fundsRoutes([mockFunds()])]);
    const rerender = (shown: PlaceOrder) =>
      harness.view.rerender(
        <Provider store={harness.store}>
          <MemoryRouter>
            <OrderMarginNote order={shown} />
          </MemoryRouter>
        </Provider>,
      );
    rerender(order({ quantity: 2 }));
    rerender(order({ quantity: 3 }));

    await waitFor(() =>
      expect(screen.getByTestId('order-margin')).toHaveTextContent(
        'Margin required 4,494.00 · charges 1.79',
      ),
    );
    const shown = screen.getByTestId('order-margin');
    expect(shown).toHaveAttribute('aria-busy', 'false');
    expect(shown).not.toHaveClass('text-rose-300');
    expect(shown).toHaveAttribute(
      'title',
      'What placing this order blocks of the equity margin of account 1; charges as if it executed whole',
    );
    expect(marginCalls(harness.http.calls).map((call) => call.body)).toEqual([
      order(),
      order({ quantity: 3 }),
    ]);
  });

  it('shows the charges to the paisa', async () => {
    note(
      order(),
      orderMarginRoutes(() => ({
        status: 200,
        body: mockOrderMargin({ total: 1498, charges: 1.79255122 }),
      })),
    );
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,498.00 · charges 1.79',
    );
  });

  it('asks again when the ticket opens on an order whose answer is over 10 s old', async () => {
    const harness = note(order(), priced);
    const show = (shown: boolean) =>
      harness.view.rerender(
        <Provider store={harness.store}>
          <MemoryRouter>{shown ? <OrderMarginNote order={order()} /> : <div />}</MemoryRouter>
        </Provider>,
      );
    await screen.findByTestId('order-margin');
    show(false);
    show(true);
    await screen.findByTestId('order-margin');
    expect(marginCalls(harness.http.calls)).toHaveLength(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 11_000);
      show(false);
      show(true);
      await waitFor(() => expect(marginCalls(harness.http.calls)).toHaveLength(2));
    } finally {
      vi.useRealTimers();
    }
  });

  it('says by how much the order is short of the margin available, in red', async () => {
    note(order({ quantity: 1000 }), [...priced, ...fundsRoutes([mockFunds({ net: 1000000 })])]);
    const shown = await screen.findByText(/short by/);
    expect(shown.parentElement).toHaveTextContent(
      'Margin required 14,98,000.00 · charges 1.79 · short by 4,98,000.00',
    );
    expect(shown.parentElement).toHaveClass('text-rose-300');
  });

  it('gives the broker reason for an order it refuses', async () => {
    const refusal =
      'the broker refused the margin of an order of account 1: Invalid `product` NRML';
    note(
      order({ product: 'NRML' }),
      orderMarginRoutes(() => ({
        status: 502,
        body: { error: 'broker_refused', message: refusal },
      })),
    );
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      `Margin not known: ${refusal}`,
    );
  });

  it('asks again a second after the broker had no slot to spare, and shows the margin then', async () => {
    let asked = 0;
    const harness = note(
      order(),
      orderMarginRoutes(() => {
        asked += 1;
        return asked === 1
          ? {
              status: 429,
              headers: { 'Retry-After': '1' },
              body: { error: 'broker_rate_limited', message: 'funds could not be asked now' },
            }
          : { status: 200, body: mockOrderMargin() };
      }),
    );
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      'Margin: asking the broker again in a moment (its rate limit is busy)',
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('order-margin')).toHaveTextContent(
          'Margin required 1,498.00 · charges 1.79',
        ),
      { timeout: 3000 },
    );
    expect(marginCalls(harness.http.calls)).toHaveLength(2);
  });

  it('shows nothing and asks nothing without a valid order, and nothing when not connected', async () => {
    const none = note(null, priced);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(marginCalls(none.http.calls)).toEqual([]);
    expect(screen.queryByTestId('order-margin')).toBeNull();
    none.view.unmount();

    const disconnected = note(
      order(),
      orderMarginRoutes(() => ({
        status: 409,
        body: { error: 'broker_not_connected', message: 'account 1 is not connected' },
      })),
    );
    await waitFor(() => expect(marginCalls(disconnected.http.calls)).toHaveLength(1));
    await waitFor(() =>
      expect(
        Object.values(disconnected.store.getState().api.queries).some(
          (query) => query?.endpointName === 'orderMargin' && query.status === 'rejected',
        ),
      ).toBe(true),
    );
    expect(screen.queryByTestId('order-margin')).toBeNull();
  });
});

describe('the margin a derivative order needs with the positions held', () => {
  it('asks the basket calculator for the order alone, positions considered, and shows the lower margin', async () => {
    const harness = note(optionSell(), [
      ...optionMargin,
      ...netted(12345),
      ...fundsRoutes([mockFunds()]),
    ]);
    expect(await screen.findByTestId('order-margin-with-positions')).toHaveTextContent(
      '· with your positions 12,345.00',
    );
    const shown = screen.getByTestId('order-margin');
    expect(shown).toHaveTextContent(
      'Margin required 1,23,456.00 · with your positions 12,345.00 · charges 40.00',
    );
    expect(shown).toHaveAttribute('aria-busy', 'false');
    expect(shown).not.toHaveClass('text-rose-300');
    expect(shown).toHaveAttribute(
      'title',
      'What placing this order blocks of the equity margin of account 1; the positions held hedge part of it: with them it blocks 12,345.00; charges as if it executed whole',
    );
    expect(screen.getByTestId('order-margin-with-positions')).toHaveAttribute(
      'title',
      'The positions account 1 holds hedge part of this order: placed now, it blocks 12,345.00, not 1,23,456.00',
    );
    expect(positionsCalls(harness.http.calls).map((call) => call.body)).toEqual([
      {
        consider_positions: true,
        items: [
          {
            exchange: 'NFO',
            tradingsymbol: 'NIFTY26JAN24000PE',
            transaction_type: 'SELL',
            order_type: 'LIMIT',
            quantity: 75,
            product: 'NRML',
            price: 120.5,
            trigger_price: null,
            variety: 'regular',
            validity: 'DAY',
          },
        ],
      },
    ]);
    expect(marginCalls(harness.http.calls).map((call) => call.body)).toEqual([optionSell()]);
  });

  it('sends the account, market protection, variety and validity the order has, and defaults for those it leaves out', async () => {
    const harness = note(
      optionSell({
        account_id: 7,
        order_type: 'MARKET',
        price: null,
        market_protection: 2,
        variety: 'amo',
      }),
      [...optionMargin, ...netted(12345)],
    );
    await screen.findByTestId('order-margin-with-positions');
    const rerender = (shown: PlaceOrder) =>
      harness.view.rerender(
        <Provider store={harness.store}>
          <MemoryRouter>
            <OrderMarginNote order={shown} />
          </MemoryRouter>
        </Provider>,
      );
    const bare = optionSell({ validity: 'IOC' });
    delete bare.variety;
    rerender(bare);
    await waitFor(() => expect(positionsCalls(harness.http.calls)).toHaveLength(2));
    expect(positionsCalls(harness.http.calls).map((call) => call.body)).toEqual([
      {
        account_id: 7,
        consider_positions: true,
        items: [
          {
            exchange: 'NFO',
            tradingsymbol: 'NIFTY26JAN24000PE',
            transaction_type: 'SELL',
            order_type: 'MARKET',
            quantity: 75,
            product: 'NRML',
            price: null,
            trigger_price: null,
            variety: 'amo',
            validity: 'DAY',
            market_protection: 2,
          },
        ],
      },
      {
        consider_positions: true,
        items: [
          {
            exchange: 'NFO',
            tradingsymbol: 'NIFTY26JAN24000PE',
            transaction_type: 'SELL',
            order_type: 'LIMIT',
            quantity: 75,
            product: 'NRML',
            price: 120.5,
            trigger_price: null,
            variety: 'regular',
            validity: 'IOC',
          },
        ],
      },
    ]);
  });

  it('says by how much the order is short of the margin available from what it blocks with the positions', async () => {
    note(optionSell(), [
      ...optionMargin,
      ...netted(12345),
      ...fundsRoutes([mockFunds({ net: 10000 })]),
    ]);
    const shown = await screen.findByText(/short by/);
    expect(shown.parentElement).toHaveTextContent(
      'Margin required 1,23,456.00 · with your positions 12,345.00 · charges 40.00 · short by 2,345.00',
    );
    expect(shown.parentElement).toHaveClass('text-rose-300');
  });

  it('shows no figure with the positions when they do not lower the margin', async () => {
    const harness = note(optionSell(), [
      ...optionMargin,
      ...netted(123456),
      ...fundsRoutes([mockFunds({ net: 100000 })]),
    ]);
    await waitFor(() =>
      expect(positionsQuestions(harness).some((query) => query?.status === 'fulfilled')).toBe(true),
    );
    await waitFor(() =>
      expect(screen.getByTestId('order-margin')).toHaveAttribute('aria-busy', 'false'),
    );
    expect(screen.getByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,23,456.00 · charges 40.00 · short by 23,456.00',
    );
    expect(screen.queryByTestId('order-margin-with-positions')).toBeNull();
    expect(positionsCalls(harness.http.calls)).toHaveLength(1);
  });

  it('shows no figure with the positions when only the premium received lowers the final margin', async () => {
    note(optionSell(), [
      ...optionMargin,
      ...basketMarginRoutes(() => ({
        status: 200,
        body: mockPositionsMargin(123456, 123456, {
          final: {
            span: 123456,
            exposure: 0,
            option_premium: -9000,
            additional: 0,
            var: 0,
            total: 114456,
          },
        }),
      })),
      ...fundsRoutes([mockFunds({ net: 1000000 })]),
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('order-margin')).toHaveAttribute('aria-busy', 'false'),
    );
    expect(screen.getByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,23,456.00 · charges 40.00',
    );
    expect(screen.queryByTestId('order-margin-with-positions')).toBeNull();
  });

  it('does not ask for an equity order, nor for a variety or validity the basket calculator does not take', async () => {
    const harness = note(order(), [...priced, ...optionMargin, ...netted(12345)]);
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,498.00 · charges 1.79',
    );
    const rerender = (shown: PlaceOrder) =>
      harness.view.rerender(
        <Provider store={harness.store}>
          <MemoryRouter>
            <OrderMarginNote order={shown} />
          </MemoryRouter>
        </Provider>,
      );
    rerender(order({ product: 'MIS', variety: 'co', trigger_price: 1490 }));
    await waitFor(() => expect(marginCalls(harness.http.calls)).toHaveLength(2));
    rerender(optionSell({ variety: 'iceberg', iceberg_legs: 3 }));
    await waitFor(() => expect(marginCalls(harness.http.calls)).toHaveLength(3));
    rerender(optionSell({ validity: 'TTL', validity_ttl: 10 }));
    await waitFor(() => expect(marginCalls(harness.http.calls)).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(positionsCalls(harness.http.calls)).toEqual([]);
    expect(positionsQuestions(harness)).toEqual([]);
    expect(screen.queryByTestId('order-margin-with-positions')).toBeNull();
  });

  it('leaves the note as it was when the basket calculator fails', async () => {
    const failures = [
      {
        status: 409,
        body: { error: 'broker_not_connected', message: 'account 1 is not connected' },
      },
      {
        status: 502,
        body: { error: 'broker_refused', message: 'the broker refused the margin of the orders' },
      },
      { status: 502, body: { error: 'broker_unavailable', message: 'the broker did not answer' } },
    ];
    for (const failure of failures) {
      const harness = note(optionSell(), [
        ...optionMargin,
        ...basketMarginRoutes(() => failure),
        ...fundsRoutes([mockFunds({ net: 100000 })]),
      ]);
      await waitFor(() =>
        expect(positionsQuestions(harness).some((query) => query?.status === 'rejected')).toBe(
          true,
        ),
      );
      await waitFor(() =>
        expect(screen.getByTestId('order-margin')).toHaveAttribute('aria-busy', 'false'),
      );
      const shown = screen.getByTestId('order-margin');
      expect(shown).toHaveTextContent(
        'Margin required 1,23,456.00 · charges 40.00 · short by 23,456.00',
      );
      expect(shown).toHaveAttribute(
        'title',
        'What placing this order blocks of the equity margin of account 1; charges as if it executed whole',
      );
      expect(screen.queryByTestId('order-margin-with-positions')).toBeNull();
      expect(positionsCalls(harness.http.calls)).toHaveLength(1);
      harness.view.unmount();
    }
  });

  it('asks the basket calculator again a second after it had no slot to spare', async () => {
    let asked = 0;
    const harness = note(optionSell(), [
      ...optionMargin,
      ...basketMarginRoutes(() => {
        asked += 1;
        return asked === 1
          ? {
              status: 429,
              headers: { 'Retry-After': '1' },
              body: { error: 'broker_rate_limited', message: 'margins could not be asked now' },
            }
          : { status: 200, body: mockPositionsMargin(123456, 12345) };
      }),
    ]);
    await waitFor(() => expect(positionsCalls(harness.http.calls)).toHaveLength(1));
    expect(await screen.findByTestId('order-margin')).toHaveTextContent(
      'Margin required 1,23,456.00 · charges 40.00',
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('order-margin')).toHaveTextContent(
          'Margin required 1,23,456.00 · with your positions 12,345.00 · charges 40.00',
        ),
      { timeout: 3000 },
    );
    expect(positionsCalls(harness.http.calls)).toHaveLength(2);
    expect(marginCalls(harness.http.calls)).toHaveLength(1);
  });
});
