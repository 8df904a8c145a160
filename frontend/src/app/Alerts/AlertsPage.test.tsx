import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRoute } from '../../services/api/mockFetch';
import {
  alertRoutes,
  mockAlert,
  mockAlertServer,
  mockTriggeredAlert,
} from '../../services/alerts/mock';
import type { MockAlertServer } from '../../services/alerts/mock';
import { ALERTS_POLL_MS } from '../../services/alerts/alertsApi';
import { loggedIn } from '../../services/auth/sessionSlice';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { marketRoutes } from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { Toasts } from '../Notices/Toasts';
import { AlertsPage } from './AlertsPage';

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

function signedIn(server: MockAlertServer) {
  const harness = renderWithStore(
    <>
      <AlertsPage />
      <Toasts />
    </>,
    { routes: [...alertRoutes(server), quotes(1510), ...marketRoutes()] },
  );
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

function infyTick(lastPrice: number) {
  return liveBatch({
    ...emptyBatch(1),
    ticks: [
      {
        conflated: false,
        data: { mode: 'ltp', tradable: true, instrument_token: 408065, last_price: lastPrice },
      },
    ],
  });
}

async function openNewAlert() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'New alert' }));
  const dialog = screen.getByRole('dialog', { name: 'New alert' });
  await user.type(within(dialog).getByLabelText('Instrument'), 'INF');
  const match = (await within(dialog).findAllByRole('listitem')).find((item) =>
    within(item).queryByText('INFY'),
  );
  if (!match) {
    throw new Error('INFY is not among the matches');
  }
  await user.click(within(match).getByRole('button', { name: 'Select' }));
  await waitFor(() =>
    expect(within(dialog).getByTestId('alert-ltp')).toHaveTextContent('1,510.00'),
  );
  return { user, dialog };
}

describe('Alerts page', () => {
  it('lists the active alerts first, with their distance from a quote until the instrument ticks, then from its ticks', async () => {
    const { store } = signedIn(mockAlertServer([mockAlert(), mockTriggeredAlert()]));
    const active = await screen.findByTestId('alert-7');
    expect(within(active).getByText('INFY')).toBeInTheDocument();
    expect(within(active).getByText('NSE')).toBeInTheDocument();
    expect(within(active).getByText('LTP ≥ 1,600.00')).toBeInTheDocument();
    expect(within(active).getByText('breakout')).toBeInTheDocument();
    expect(within(active).getByText('Active')).toBeInTheDocument();
    expect(within(active).getByText('5/1/2026, 09:30:00 IST')).toBeInTheDocument();
    expect(await within(active).findByText('+5.96%')).toBeInTheDocument();
    expect(within(active).getByRole('button', { name: 'Edit alert 7' })).toHaveTextContent('Edit');
    expect(screen.queryByTestId('alert-6')).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Active (1)' })).toHaveAttribute(
      'aria-checked',
      'true',
    );

    act(() => {
      store.dispatch(infyTick(1520));
    });
    expect(within(active).getByText('+5.26%')).toBeInTheDocument();
    act(() => {
      store.dispatch(infyTick(1500));
    });
    expect(within(active).getByText('+6.67%')).toBeInTheDocument();
  });

  it('shows triggered alerts with when and at what price they fired, and all of them under All', async () => {
    signedIn(mockAlertServer([mockAlert(), mockTriggeredAlert()]));
    await screen.findByTestId('alert-7');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Triggered (1)' }));
    const fired = await screen.findByTestId('alert-6');
    expect(screen.queryByTestId('alert-7')).not.toBeInTheDocument();
    expect(within(fired).getByText('LTP ≤ 1,450.00')).toBeInTheDocument();
    expect(within(fired).getByText('Triggered')).toBeInTheDocument();
    expect(within(fired).getByText('5/1/2026, 09:15:00 IST')).toBeInTheDocument();
    expect(within(fired).getByText('5/1/2026, 11:02:03 IST')).toBeInTheDocument();
    expect(within(fired).getByTestId('triggered-price')).toHaveTextContent('1,449.95');
    expect(within(fired).getByRole('button', { name: 'Re-arm alert 6' })).toHaveTextContent(
      'Re-arm',
    );

    await user.click(screen.getByRole('radio', { name: 'All (2)' }));
    expect(await screen.findByTestId('alert-7')).toBeInTheDocument();
    expect(screen.getByTestId('alert-6')).toBeInTheDocument();
  });

  it('reads the alerts again every 10 s, so one that fired while the socket was away shows', async () => {
    expect(ALERTS_POLL_MS).toBe(10_000);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const server = mockAlertServer([mockAlert()]);
      const { http } = signedIn(server);
      await screen.findByTestId('alert-7');
      const reads = () =>
        http.calls.filter((call) => call.method === 'GET' && call.path === '/api/alerts').length;
      expect(reads()).toBe(1);
      server.alerts = [
        mockAlert({
          status: 'triggered',
          triggered_at: '2026-01-05T05:32:03Z',
          triggered_price: 1600.05,
        }),
      ];
      await act(() => vi.advanceTimersByTimeAsync(ALERTS_POLL_MS - 1_000));
      expect(reads()).toBe(1);
      await act(() => vi.advanceTimersByTimeAsync(1_000));
      expect(await screen.findByRole('radio', { name: 'Triggered (1)' })).toBeInTheDocument();
      expect(reads()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains what alerts do when there is none', async () => {
    signedIn(mockAlertServer([]));
    expect(await screen.findByText('No active alerts.')).toBeInTheDocument();
    expect(
      screen.getByText(
        /tells you once, on the first tick at or above \(or at or below\) your price/,
      ),
    ).toBeVisible();
  });

  it('says where the others are when the filter hides them all', async () => {
    signedIn(mockAlertServer([mockTriggeredAlert()]));
    expect(
      await screen.findByText('No active alerts; All shows the other one.'),
    ).toBeInTheDocument();
  });

  it('counts the others in the plural when the filter hides several', async () => {
    signedIn(
      mockAlertServer([
        mockTriggeredAlert(),
        mockTriggeredAlert({ id: 8 }),
        mockTriggeredAlert({ id: 9 }),
      ]),
    );
    expect(
      await screen.findByText('No active alerts; All shows the 3 others.'),
    ).toBeInTheDocument();
  });

  it('deletes an alert once the user confirms, and sends nothing otherwise', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    const server = mockAlertServer([mockAlert(), mockAlert({ id: 8, price: 1700, note: '' })]);
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByTestId('alert-7')).getByRole('button', {
        name: 'Delete alert 7',
      }),
    );
    expect(confirm).toHaveBeenLastCalledWith('Delete alert 7: NSE:INFY LTP ≥ 1,600.00 (breakout)?');
    expect(http.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Delete alert 7' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByTestId('alert-7')).not.toBeInTheDocument());
    const deletes = http.calls.filter((call) => call.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.path).toBe('/api/alerts/7');
    expect(screen.getByTestId('alert-8')).toBeInTheDocument();
  });

  it("shows the gateway's message when a delete fails", async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const server = mockAlertServer();
    server.failures.push({
      status: 404,
      body: { error: 'not_found', message: 'you have no alert 7' },
    });
    signedIn(server);
    await userEvent.setup().click(
      within(await screen.findByTestId('alert-7')).getByRole('button', {
        name: 'Delete alert 7',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('you have no alert 7');
  });

  it('edits an active alert: the form opens filled in and PUT sends the change', async () => {
    const server = mockAlertServer([mockAlert()]);
    const { http, store } = signedIn(server);
    const user = userEvent.setup();
    await user.click(
      within(await screen.findByTestId('alert-7')).getByRole('button', { name: 'Edit alert 7' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit alert 7' });
    expect(within(dialog).getByRole('radio', { name: 'Above' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    const price = within(dialog).getByLabelText('Price');
    expect(price).toHaveValue('1600');
    expect(within(dialog).getByLabelText('Note')).toHaveValue('breakout');
    expect(within(dialog).queryByLabelText('Instrument')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Below' }));
    await user.clear(price);
    await user.type(price, '1420.5');
    await user.clear(within(dialog).getByLabelText('Note'));
    await user.type(within(dialog).getByLabelText('Note'), 'support');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Edit alert 7' })).not.toBeInTheDocument(),
    );
    const puts = http.calls.filter((call) => call.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe('/api/alerts/7');
    expect(puts[0]?.body).toEqual({ direction: 'below', price: 1420.5, note: 'support' });
    const row = screen.getByTestId('alert-7');
    expect(await within(row).findByText('LTP ≤ 1,420.50')).toBeInTheDocument();
    expect(within(row).getByText('support')).toBeInTheDocument();
    expect(store.getState().notices.items).toContainEqual(
      expect.objectContaining({ kind: 'done', title: 'Alert changed: NSE:INFY LTP ≤ 1,420.50' }),
    );
  });

  it('re-arms a triggered alert with PUT, and it is active again', async () => {
    const server = mockAlertServer([mockTriggeredAlert()]);
    const { http } = signedIn(server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Triggered (1)' }));
    await user.click(
      within(await screen.findByTestId('alert-6')).getByRole('button', {
        name: 'Re-arm alert 6',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Re-arm alert 6' });
    expect(within(dialog).getByRole('radio', { name: 'Below' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(within(dialog).getByLabelText('Price')).toHaveValue('1450');
    await user.click(within(dialog).getByRole('button', { name: 'Re-arm' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Re-arm alert 6' })).not.toBeInTheDocument(),
    );
    const puts = http.calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual(['/api/alerts/6']);
    expect(puts[0]?.body).toEqual({ direction: 'below', price: 1450, note: '' });
    expect(await screen.findByRole('radio', { name: 'Triggered (0)' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Active (1)' }));
    expect(within(await screen.findByTestId('alert-6')).getByText('Active')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Alert re-armed: NSE:INFY LTP ≤ 1,450.00');
  });

  it('creates an alert from the instrument search, the price starting at the last price', async () => {
    const server = mockAlertServer([]);
    const { http } = signedIn(server);
    const { user, dialog } = await openNewAlert();
    const price = within(dialog).getByLabelText('Price');
    expect(price).toHaveValue('1510.00');
    expect(price).toHaveAccessibleDescription(
      '0.00% from LTP: the last price is at or above it already, so the alert fires on the next tick',
    );
    await user.clear(price);
    await user.type(price, '1600');
    expect(price).toHaveAccessibleDescription('+5.96% from LTP');
    await user.click(within(dialog).getByRole('radio', { name: 'Below' }));
    expect(price).toHaveAccessibleDescription(
      '+5.96% from LTP: the last price is at or below it already, so the alert fires on the next tick',
    );
    await user.click(within(dialog).getByRole('radio', { name: 'Above' }));
    await user.type(within(dialog).getByLabelText('Note'), ' breakout ');
    await user.click(within(dialog).getByRole('button', { name: 'Create alert' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'New alert' })).not.toBeInTheDocument(),
    );
    const posts = http.calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/alerts']);
    expect(posts[0]?.body).toEqual({
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      direction: 'above',
      price: 1600,
      note: 'breakout',
    });
    const created = await screen.findByTestId('alert-101');
    expect(within(created).getByText('LTP ≥ 1,600.00')).toBeInTheDocument();
    const toast = screen.getByRole('status');
    expect(within(toast).getByText('Alert set: NSE:INFY LTP ≥ 1,600.00')).toBeInTheDocument();
    expect(
      within(toast).getByText('It fires once, on the first tick that meets it.'),
    ).toBeInTheDocument();
  });

  it('says next to each field what is wrong and sends nothing', async () => {
    const { http } = signedIn(mockAlertServer([]));
    const { user, dialog } = await openNewAlert();
    const price = within(dialog).getByLabelText('Price');
    const note = within(dialog).getByLabelText('Note');
    const create = within(dialog).getByRole('button', { name: 'Create alert' });
    await user.clear(price);
    await user.click(create);
    expect(price).toHaveAccessibleDescription(/^Price is required\.\s*$/);
    expect(price).toBeInvalid();

    await user.type(price, '0');
    await user.click(create);
    expect(price).toHaveAccessibleDescription(/^Price must be a number above 0\./);

    await user.clear(price);
    await user.type(price, '1600.12345');
    await user.click(note);
    await user.paste('x'.repeat(201));
    await user.click(create);
    expect(price).toHaveAccessibleDescription(/^Price may have at most 4 decimals\./);
    expect(note).toHaveAccessibleDescription(
      'Note may have at most 200 characters; it has 201. 201/200 characters',
    );
    expect(http.calls.some((call) => call.method === 'POST')).toBe(false);
    expect(screen.getByRole('dialog', { name: 'New alert' })).toBeInTheDocument();
  });

  it("shows the gateway's message when it refuses the alert, and keeps the form open", async () => {
    const server = mockAlertServer([]);
    server.failures.push(
      {
        status: 400,
        body: { error: 'bad_request', message: 'price: 0.00001 has more than 4 decimals' },
      },
      {
        status: 409,
        body: {
          error: 'too_many_alerts',
          message:
            'you have 100 active alerts, the most there may be; delete one or wait for one to fire',
        },
      },
    );
    signedIn(server);
    const { user, dialog } = await openNewAlert();
    await user.click(within(dialog).getByRole('button', { name: 'Create alert' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'price: 0.00001 has more than 4 decimals',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create alert' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'you have 100 active alerts, the most there may be; delete one or wait for one to fire',
      ),
    );
    expect(screen.getByRole('dialog', { name: 'New alert' })).toBeInTheDocument();
    expect(server.alerts).toEqual([]);
  });

  it('shows a fired alert pushed on the socket until dismissed, and lists it as triggered', async () => {
    const server = mockAlertServer([mockAlert()]);
    const { live } = signedIn(server);
    await screen.findByTestId('alert-7');
    live.socket.open();
    const fired = mockAlert({
      status: 'triggered',
      triggered_at: '2026-01-05T05:32:03Z',
      triggered_price: 1600.05,
    });
    server.alerts = [fired];
    act(() => {
      live.socket.push({ type: 'alert', data: fired });
      live.runFrame();
    });
    const notice = screen.getByTestId('alert-notice');
    expect(notice).toHaveRole('alert');
    expect(
      within(notice).getByText('Alert: NSE:INFY at or above 1,600.00 — last 1,600.05'),
    ).toBeInTheDocument();
    expect(within(notice).getByText('Fired at 11:02:03 IST · breakout')).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: 'Triggered (1)' })).toBeInTheDocument();
    expect(screen.queryByTestId('alert-7')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Triggered (1)' }));
    expect(within(await screen.findByTestId('alert-7')).getByText('Triggered')).toBeInTheDocument();
    expect(screen.getByTestId('alert-notice')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', {
        name: 'Dismiss: Alert: NSE:INFY at or above 1,600.00 — last 1,600.05',
      }),
    );
    expect(screen.queryByTestId('alert-notice')).not.toBeInTheDocument();
  });
});
