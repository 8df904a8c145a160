import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRoute } from '../../services/api/mockFetch';
import { baseApi } from '../../services/api/baseApi';
import { loggedIn } from '../../services/auth/sessionSlice';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import {
  gttRoutes,
  mockGtt,
  mockGttOrder,
  mockGttServer,
  mockOcoGtt,
} from '../../services/gtt/mock';
import type { MockGttServer } from '../../services/gtt/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes } from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { Toasts } from '../Notices/Toasts';
import { GttPage } from './GttPage';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function quotes(lastPrice: number): MockRoute {
  return route('GET', /^\/api\/quotes$/, (request) => ({
    status: 200,
    body: Object.fromEntries(
      request.query
        .getAll('i')
        .map((key) => [
          key,
          { instrument_token: key === 'NSE:INFY' ? 408065 : 0, last_price: lastPrice },
        ]),
    ),
  }));
}

function signedIn(server: MockGttServer, routes: MockRoute[] = []) {
  const harness = renderWithStore(<GttPage />, {
    routes: [...routes, ...gttRoutes(server), quotes(1510), ...marketRoutes()],
  });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

async function row(id: number): Promise<HTMLElement> {
  return screen.findByTestId(`gtt-1-${id}`);
}

async function openNewGtt() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'New GTT' }));
  const dialog = screen.getByRole('dialog', { name: 'New GTT' });
  await user.type(within(dialog).getByLabelText('Instrument'), 'INF');
  const match = (await within(dialog).findAllByRole('listitem')).find((item) =>
    within(item).queryByText('INFY'),
  );
  if (!match) {
    throw new Error('INFY is not among the matches');
  }
  await user.click(within(match).getByRole('button', { name: 'Select' }));
  await waitFor(() => expect(within(dialog).getByTestId('gtt-ltp')).toHaveTextContent('1,510.00'));
  return { user, dialog };
}

describe('GTT page', () => {
  it('lists single and OCO triggers with their distance from the last price, live once it ticks', async () => {
    const { store } = signedIn(mockGttServer([mockGtt(), mockOcoGtt()]));
    expect(screen.getByText('Loading GTT triggers…')).toBeInTheDocument();
    const single = await row(1001);
    expect(within(single).getByText('5/1/2026, 09:30:00 IST')).toBeInTheDocument();
    expect(within(single).getByText('expires 5/1/2027')).toBeInTheDocument();
    expect(within(single).getByText('INFY')).toBeInTheDocument();
    expect(within(single).getByText('NSE')).toBeInTheDocument();
    expect(within(single).getByText('Single')).toBeInTheDocument();
    expect(within(single).getByText('1,450.00')).toBeInTheDocument();
    expect(within(single).getByText('-3.97%')).toBeInTheDocument();
    expect(within(single).getByText('SELL 10 CNC @ 1,450.00')).toBeInTheDocument();
    expect(within(single).getByText('Active')).toBeInTheDocument();
    const oco = await row(1002);
    expect(within(oco).getByText('OCO')).toBeInTheDocument();
    expect(within(oco).getByText('1,400.00')).toBeInTheDocument();
    expect(within(oco).getByText('-7.28%')).toBeInTheDocument();
    expect(within(oco).getByText('1,600.00')).toBeInTheDocument();
    expect(within(oco).getByText('+5.96%')).toBeInTheDocument();
    expect(within(oco).getByText('SELL 10 CNC @ 1,400.00')).toBeInTheDocument();
    expect(within(oco).getByText('SELL 10 CNC @ 1,600.00')).toBeInTheDocument();

    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          ticks: [
            {
              conflated: false,
              data: { mode: 'ltp', tradable: true, instrument_token: 408065, last_price: 1500 },
            },
          ],
        }),
      );
    });
    expect(within(single).getByText('-3.33%')).toBeInTheDocument();
    expect(within(oco).getByText('-6.67%')).toBeInTheDocument();
    expect(within(oco).getByText('+6.67%')).toBeInTheDocument();
  });

  it('shows fired, rejected and expired triggers under All with what their orders became', async () => {
    signedIn(
      mockGttServer([
        mockGtt(),
        mockGtt({
          id: 1003,
          status: 'triggered',
          orders: [
            mockGttOrder({
              result: {
                status: 'success',
                order_id: '250105000000777',
                rejection_reason: null,
                triggered_at: 1449.5,
                timestamp: '2026-01-05T05:32:03Z',
              },
            }),
          ],
        }),
        mockOcoGtt({
          id: 1004,
          status: 'triggered',
          orders: [
            mockGttOrder({
              price: 1400,
              result: {
                status: 'failed',
                order_id: null,
                rejection_reason: 'Insufficient holdings.',
                triggered_at: 1399.95,
                timestamp: '2026-01-05T06:30:00Z',
              },
            }),
            mockGttOrder({ price: 1600 }),
          ],
        }),
        mockGtt({ id: 1005, status: 'rejected', rejection_reason: 'Instrument suspended.' }),
      ]),
    );
    await row(1001);
    expect(screen.queryByTestId('gtt-1-1003')).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Active (1)' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await userEvent.setup().click(screen.getByRole('radio', { name: 'All (4)' }));

    const fired = await row(1003);
    expect(within(fired).getByText('Triggered')).toBeInTheDocument();
    expect(
      within(fired).getByText('Fired at 1,449.50: order 250105000000777 placed'),
    ).toBeInTheDocument();
    expect(within(fired).queryByRole('button')).not.toBeInTheDocument();
    const failed = await row(1004);
    expect(
      within(failed).getByText('Fired at 1,399.95: order failed: Insufficient holdings.'),
    ).toBeInTheDocument();
    const rejected = await row(1005);
    expect(within(rejected).getByText('Rejected')).toBeInTheDocument();
    expect(within(rejected).getByText('Instrument suspended.')).toBeInTheDocument();
    expect(within(await row(1001)).getByRole('button', { name: 'Modify GTT 1001' })).toBeEnabled();
  });

  it('says where the other trigger is when the active filter hides the only one', async () => {
    signedIn(mockGttServer([mockGtt({ status: 'triggered' })]));
    expect(
      await screen.findByText('No active GTT triggers; All shows the other one.'),
    ).toBeInTheDocument();
  });

  it('says how to create a trigger when there is none', async () => {
    signedIn(mockGttServer([]));
    expect(await screen.findByText('No GTT triggers.')).toBeInTheDocument();
    expect(screen.getByText(/on a watchlist row: the broker watches the last price/)).toBeVisible();
  });

  it('says when the list is empty because the broker is not connected', async () => {
    signedIn(mockGttServer([]), brokerRoutes(true, { ...mockBrokerStatus, connected: false }));
    expect(
      await screen.findByText(/The broker is not connected, so its triggers cannot be listed/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'connect it on the Broker page' })).toHaveAttribute(
      'href',
      '/broker',
    );
  });

  it('keeps the triggers listed when a later read fails, saying why', async () => {
    let reads = 0;
    const { store } = signedIn(mockGttServer([]), [
      route('GET', /^\/api\/gtt$/, () =>
        reads++ === 0
          ? { status: 200, body: [mockGtt()] }
          : {
              status: 429,
              body: {
                error: 'broker_rate_limited',
                message: 'GTT triggers could not be read now: the rate limit is in use.',
              },
            },
      ),
    ]);
    await row(1001);
    act(() => {
      store.dispatch(baseApi.util.invalidateTags(['Gtt']));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The triggers could not be read again: GTT triggers could not be read now: the rate limit ' +
        'is in use.',
    );
    expect(screen.getByTestId('gtt-1-1001')).toBeInTheDocument();
  });

  it('points to the Broker page when the broker is not connected', async () => {
    signedIn(mockGttServer([]), [
      route('GET', /^\/api\/gtt$/, () => ({
        status: 409,
        body: { error: 'broker_not_connected', message: 'No account is connected to Kite.' },
      })),
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent('No account is connected to Kite.');
    expect(screen.getByRole('link', { name: 'Connect it on the Broker page' })).toHaveAttribute(
      'href',
      '/broker',
    );
  });

  it('deletes an active trigger once the trader confirms, and sends nothing otherwise', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    const server = mockGttServer([mockGtt(), mockOcoGtt()]);
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(within(await row(1002)).getByRole('button', { name: 'Delete GTT 1002' }));
    expect(confirm).toHaveBeenLastCalledWith(
      'Delete GTT 1002: OCO INFY (NSE), trigger 1,400.00 / 1,600.00, SELL 10 CNC @ 1,400.00 / ' +
        'SELL 10 CNC @ 1,600.00?',
    );
    expect(http.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.click(within(await row(1002)).getByRole('button', { name: 'Delete GTT 1002' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByTestId('gtt-1-1002')).not.toBeInTheDocument());
    const deletes = http.calls.filter((call) => call.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.path).toBe('/api/gtt/1002');
    expect(deletes[0]?.query.get('account_id')).toBe('1');
    expect(screen.getByTestId('gtt-1-1001')).toBeInTheDocument();
  });

  it('says a trigger was deleted in place of the notice that it was modified', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const harness = renderWithStore(
      <>
        <GttPage />
        <Toasts />
      </>,
      { routes: [...gttRoutes(mockGttServer()), quotes(1510), ...marketRoutes()] },
    );
    act(() => {
      harness.store.dispatch(loggedIn(trader));
    });
    const user = userEvent.setup();
    await user.click(within(await row(1001)).getByRole('button', { name: 'Modify GTT 1001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modify GTT 1001' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('GTT 1001 modified: Single INFY');

    await user.click(within(await row(1001)).getByRole('button', { name: 'Delete GTT 1001' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('GTT 1001 deleted: Single INFY'),
    );
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.queryByText(/GTT 1001 modified/)).not.toBeInTheDocument();
  });

  it("shows the broker's reason when a delete fails", async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const server = mockGttServer();
    server.failures.push({
      status: 422,
      body: { error: 'broker_rejected', message: 'GTT 1001 was deleted already.' },
    });
    signedIn(server);
    await userEvent
      .setup()
      .click(within(await row(1001)).getByRole('button', { name: 'Delete GTT 1001' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('GTT 1001 was deleted already.');
  });

  it('modifies a trigger: the form opens filled in and PUT sends the changed values', async () => {
    const server = mockGttServer([mockGtt(), mockOcoGtt()]);
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(within(await row(1001)).getByRole('button', { name: 'Modify GTT 1001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modify GTT 1001' });
    const trigger = within(dialog).getByLabelText('Trigger value');
    expect(trigger).toHaveValue('1450');
    expect(within(dialog).getByLabelText('Limit price')).toHaveValue('1450');
    expect(within(dialog).getByLabelText('Quantity')).toHaveValue('10');
    expect(within(dialog).getByLabelText('Product')).toHaveValue('CNC');
    expect(within(dialog).getByRole('radio', { name: 'SELL' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await user.clear(trigger);
    await user.type(trigger, '1420');
    expect(within(dialog).getByLabelText('Limit price')).toHaveValue('1420');
    await user.clear(within(dialog).getByLabelText('Quantity'));
    await user.type(within(dialog).getByLabelText('Quantity'), '4');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Modify GTT 1001' })).not.toBeInTheDocument(),
    );
    const puts = http.calls.filter((call) => call.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe('/api/gtt/1001');
    expect(puts[0]?.body).toEqual({
      account_id: 1,
      type: 'single',
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      trigger_values: [1420],
      orders: [{ transaction_type: 'SELL', quantity: 4, product: 'CNC', price: 1420 }],
    });
    const changed = await row(1001);
    expect(await within(changed).findByText('SELL 4 CNC @ 1,420.00')).toBeInTheDocument();
    expect(within(changed).getByText('1,420.00')).toBeInTheDocument();
  });

  it('places a new single GTT from the instrument search, showing the distance while typing', async () => {
    const server = mockGttServer([]);
    const { http } = signedIn(server);
    const { user, dialog } = await openNewGtt();
    await user.click(within(dialog).getByRole('radio', { name: 'SELL' }));
    const trigger = within(dialog).getByLabelText('Trigger value');
    await user.type(trigger, '1434.5');
    expect(trigger).toHaveAccessibleDescription('-5.00% from LTP');
    expect(within(dialog).getByLabelText('Limit price')).toHaveValue('1434.5');
    await user.clear(within(dialog).getByLabelText('Limit price'));
    await user.type(within(dialog).getByLabelText('Limit price'), '1430');
    await user.clear(trigger);
    await user.type(trigger, '1435');
    expect(within(dialog).getByLabelText('Limit price')).toHaveValue('1430');
    expect(within(dialog).getByLabelText('Quantity')).toHaveValue('1');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'New GTT' })).not.toBeInTheDocument(),
    );
    expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual({
      type: 'single',
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      trigger_values: [1435],
      orders: [{ transaction_type: 'SELL', quantity: 1, product: 'CNC', price: 1430 }],
    });
    const placed = await row(2001);
    expect(within(placed).getByText('SELL 1 CNC @ 1,430.00')).toBeInTheDocument();
    expect(within(placed).getByText('Active')).toBeInTheDocument();
  });

  it('places an OCO with the lower value and its order first', async () => {
    const server = mockGttServer([]);
    const { http } = signedIn(server);
    const { user, dialog } = await openNewGtt();
    await user.click(within(dialog).getByRole('radio', { name: 'OCO' }));
    await user.click(within(dialog).getByRole('radio', { name: 'SELL' }));
    await user.type(within(dialog).getByLabelText('Lower trigger value'), '1400');
    await user.type(within(dialog).getByLabelText('Upper trigger value'), '1600');
    expect(within(dialog).getByLabelText('Upper trigger value')).toHaveAccessibleDescription(
      '+5.96% from LTP',
    );
    await user.clear(within(dialog).getByLabelText('Upper quantity'));
    await user.type(within(dialog).getByLabelText('Upper quantity'), '3');
    await user.selectOptions(within(dialog).getByLabelText('Product'), 'MIS');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    await waitFor(() =>
      expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual({
        type: 'two-leg',
        exchange: 'NSE',
        tradingsymbol: 'INFY',
        trigger_values: [1400, 1600],
        orders: [
          { transaction_type: 'SELL', quantity: 1, product: 'MIS', price: 1400 },
          { transaction_type: 'SELL', quantity: 3, product: 'MIS', price: 1600 },
        ],
      }),
    );
    expect(within(await row(2001)).getByText('OCO')).toBeInTheDocument();
  });

  it('says next to each field what is wrong and sends nothing', async () => {
    const { http } = signedIn(mockGttServer([]));
    const { user, dialog } = await openNewGtt();
    await user.type(within(dialog).getByLabelText('Trigger value'), '1450.03');
    await user.clear(within(dialog).getByLabelText('Quantity'));
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    expect(within(dialog).getByLabelText('Trigger value')).toHaveAccessibleDescription(
      /^Trigger value must be a multiple of the tick size 0.05./,
    );
    expect(within(dialog).getByLabelText('Limit price')).toHaveAccessibleDescription(
      'Limit price must be a multiple of the tick size 0.05.',
    );
    expect(within(dialog).getByLabelText('Quantity')).toHaveAccessibleDescription(
      'Quantity must be a whole number of shares, at least 1.',
    );

    await user.click(within(dialog).getByRole('radio', { name: 'OCO' }));
    await user.clear(within(dialog).getByLabelText('Lower trigger value'));
    await user.type(within(dialog).getByLabelText('Lower trigger value'), '1520');
    await user.type(within(dialog).getByLabelText('Lower quantity'), '1');
    await user.type(within(dialog).getByLabelText('Upper trigger value'), '1500');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    expect(
      within(dialog).getByText('The lower trigger value must be below the last price 1510.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('The upper trigger value must be above the last price 1510.'),
    ).toBeInTheDocument();
    expect(http.calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('warns while a value is too close to the last price for the broker', async () => {
    signedIn(mockGttServer([]));
    const { user, dialog } = await openNewGtt();
    await user.type(within(dialog).getByLabelText('Trigger value'), '1507');
    expect(within(dialog).getByLabelText('Trigger value')).toHaveAccessibleDescription(
      '-0.20% from LTP: too close, the broker refuses a value within 0.25% of the last price',
    );
  });

  it("says a refusal came from the trader's own risk checks, not from the broker", async () => {
    const server = mockGttServer([]);
    server.failures.push(
      {
        status: 422,
        body: {
          error: 'max_order_value',
          message:
            "orders[0]: the order's value 1400000 is above the limit 1000000 (risk limit max_order_value)",
        },
      },
      {
        status: 422,
        body: {
          error: 'kill_switch_halt',
          message: 'the kill switch halts trading: no trigger is placed or changed until it is off',
        },
      },
    );
    signedIn(server);
    const { user, dialog } = await openNewGtt();
    await user.type(within(dialog).getByLabelText('Trigger value'), '1400');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      "Refused by your risk limits: orders[0]: the order's value 1400000 is above the limit 1000000",
    );
    expect(alert).not.toHaveTextContent('broker');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Refused by the kill switch: the kill switch halts trading',
      ),
    );
    expect(server.gtts).toEqual([]);
  });

  it("shows the broker's message when it refuses the trigger, and keeps the form open", async () => {
    const server = mockGttServer([]);
    server.failures.push({
      status: 422,
      body: {
        error: 'broker_rejected',
        message: 'Trigger price was too close to the last price.',
      },
    });
    signedIn(server);
    const { user, dialog } = await openNewGtt();
    await user.type(within(dialog).getByLabelText('Trigger value'), '1400');
    await user.click(within(dialog).getByRole('button', { name: 'Place GTT' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Rejected by the broker: Trigger price was too close to the last price.',
    );
    expect(screen.getByRole('dialog', { name: 'New GTT' })).toBeInTheDocument();
    expect(server.gtts).toEqual([]);
  });
});
