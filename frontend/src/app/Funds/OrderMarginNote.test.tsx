import { act, screen, waitFor } from '@testing-library/react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { PlaceOrder } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import {
  fundsRoutes,
  mockFunds,
  mockOrderMargin,
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
        status: 400,
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
