import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alertRoutes, mockAlertServer, mockTriggeredAlert } from '../../services/alerts/mock';
import { loggedIn } from '../../services/auth/sessionSlice';
import { renderWithStore } from '../../test/render';
import { Toasts } from '../Notices/Toasts';
import { AlertsPage } from './AlertsPage';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission) {
  const shown: { title: string; options: NotificationOptions | undefined }[] = [];
  const requestPermission = vi.fn(async () => {
    Fake.permission = answer;
    return answer;
  });
  class Fake {
    static permission = permission;
    static requestPermission = requestPermission;
    constructor(
      readonly title: string,
      readonly options?: NotificationOptions,
    ) {
      shown.push({ title, options });
    }
  }
  vi.stubGlobal('Notification', Fake);
  return { shown, requestPermission };
}

function signedIn() {
  const harness = renderWithStore(
    <>
      <AlertsPage />
      <Toasts />
    </>,
    { routes: alertRoutes(mockAlertServer([])) },
  );
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  harness.live.socket.open();
  return harness;
}

function fire({ live }: ReturnType<typeof signedIn>) {
  act(() => {
    live.socket.push({ type: 'alert', data: mockTriggeredAlert({ note: 'support' }) });
    live.runFrame();
  });
}

describe('desktop notifications of fired alerts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows one where the user allowed them', async () => {
    const { shown, requestPermission } = fakeNotifications('granted', 'granted');
    const harness = signedIn();
    expect(await screen.findByText('Desktop notifications on')).toBeInTheDocument();
    fire(harness);
    expect(screen.getByTestId('alert-notice')).toBeInTheDocument();
    expect(shown).toEqual([
      {
        title: 'Alert: NSE:INFY at or below 1,450.00 — last 1,449.95',
        options: {
          body: 'Fired at 11:02:03 IST · support',
          tag: 'alert:6:2026-01-05T05:32:03Z',
        },
      },
    ]);
    expect(requestPermission).not.toHaveBeenCalled();
  });

  it('never asks on its own, and asks once the user clicks to enable them', async () => {
    const { shown, requestPermission } = fakeNotifications('default', 'granted');
    const harness = signedIn();
    const enable = await screen.findByRole('button', { name: 'Enable desktop notifications' });
    fire(harness);
    expect(screen.getByTestId('alert-notice')).toBeInTheDocument();
    expect(shown).toEqual([]);
    expect(requestPermission).not.toHaveBeenCalled();
    await userEvent.setup().click(enable);
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Desktop notifications on')).toBeInTheDocument();
  });

  it('says when the browser blocks them', async () => {
    const { shown } = fakeNotifications('denied', 'denied');
    const harness = signedIn();
    expect(await screen.findByText('Desktop notifications blocked')).toBeInTheDocument();
    fire(harness);
    expect(shown).toEqual([]);
  });

  it('shows only the notice where the browser has no Notification API', async () => {
    vi.stubGlobal('Notification', undefined);
    const harness = signedIn();
    expect(await screen.findByText('No active alerts.')).toBeInTheDocument();
    fire(harness);
    expect(screen.getByTestId('alert-notice')).toHaveTextContent('Fired at 11:02:03 IST · support');
    expect(screen.queryByRole('button', { name: /desktop notifications/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/Desktop notifications/)).not.toBeInTheDocument();
  });
});
