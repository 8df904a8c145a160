import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import { renderWithStore } from '../../test/render';
import { BrokerPage } from './BrokerPage';
import { gapsStartedToday } from './gapsToday';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function brokerPage(status = mockBrokerStatus, path = '/broker') {
  const harness = renderWithStore(<BrokerPage />, { routes: brokerRoutes(true, status), path });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

describe('the broker page', () => {
  it('says in plain words that the Kite session ended when the live feed reports it', async () => {
    const harness = brokerPage();
    await screen.findByText('Zerodha Kite');
    act(() => {
      harness.store.dispatch(
        liveBatch({
          ...emptyBatch(0),
          brokers: [{ account_id: 1, state: 'token_expired', token_expiry: null }],
        }),
      );
    });
    expect(screen.getByText(/^Account 1:/)).toHaveTextContent(
      'Account 1: your Kite session has ended (Kite ends every session at 06:00 IST). Connect again on this page.',
    );
    expect(screen.queryByText(/token_expired/)).toBeNull();
  });

  it('says why the last Kite login failed when the connect flow comes back with an error', async () => {
    brokerPage(
      mockBrokerStatus,
      '/broker?error=the%20token%20exchange%20failed%3A%20Invalid%20checksum',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Kite connect failed: the token exchange failed: Invalid checksum',
    );
  });

  it('confirms the Kite user a login connected', async () => {
    brokerPage(mockBrokerStatus, '/broker?connected=AB1234');
    expect(await screen.findByText('Connected to Kite as AB1234.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the broker: Zerodha Kite, or the simulator with a warning that it is paper trading', async () => {
    brokerPage();
    expect(await screen.findByText('Zerodha Kite')).toBeInTheDocument();
    expect(screen.queryByText(/paper trading/)).toBeNull();
  });

  it('says that the simulator is paper trading', async () => {
    brokerPage({ ...mockBrokerStatus, simulated: true });
    expect(
      await screen.findByText('(paper trading: no order reaches an exchange)'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Kite simulator/)).toBeInTheDocument();
  });

  it("lists each account's session and offers a login for those that need one", async () => {
    brokerPage({
      ...mockBrokerStatus,
      accounts: [
        ...mockBrokerStatus.accounts,
        {
          account_id: 2,
          state: 'token_expired',
          broker_user_id: 'CD5678',
          token_expiry_epoch_ms: 0,
        },
      ],
    });
    const accounts = await screen.findByRole('table', { name: 'Accounts' });
    const [, first, second] = within(accounts).getAllByRole('row');
    if (!first || !second) throw new Error('two account rows expected');
    expect(within(accounts).getAllByRole('row')).toHaveLength(3);
    expect(first).toHaveTextContent('1connectedAB1234');
    expect(within(first).queryByRole('link')).toBeNull();
    expect(second).toHaveTextContent('2token expired: connect againCD5678–Connect account 2');
    expect(within(second).getByRole('link', { name: 'Connect account 2' })).toHaveAttribute(
      'href',
      '/api/broker/kite/connect?token=jwt&account_id=2',
    );
  });
  it('tells a fresh install that the broker is not connected yet, not to connect again', async () => {
    const harness = brokerPage({
      ...mockBrokerStatus,
      connected: false,
      user_id: null,
      token_expiry: null,
      feed_connections: [],
      accounts: [
        { account_id: 1, state: 'login_required', broker_user_id: null, token_expiry_epoch_ms: 0 },
      ],
    });
    const accounts = await screen.findByRole('table', { name: 'Accounts' });
    const [, first] = within(accounts).getAllByRole('row');
    expect(first).toHaveTextContent('1not connected yet: connect Kite to log in–');
    act(() => {
      harness.store.dispatch(
        liveBatch({
          ...emptyBatch(0),
          brokers: [{ account_id: 1, state: 'login_required', token_expiry: null }],
        }),
      );
    });
    expect(screen.getByText(/^Account 1:/)).toHaveTextContent(
      'Account 1: not connected yet: connect Kite to log in',
    );
    expect(screen.queryByText(/again/)).toBeNull();
  });
});

describe('gaps today', () => {
  it('counts the gaps that started on the IST day, not their ends nor the day before', () => {
    const nowMs = Date.parse('2026-12-05T10:00:00Z');
    const gaps = [
      { connection: 0, state: 'gap_started', at: '2026-12-04T18:29:59.999999999Z' },
      { connection: 0, state: 'gap_ended', at: '2026-12-04T18:30:00.000000001Z' },
      { connection: 0, state: 'gap_started', at: '2026-12-05T05:57:02.567437022Z' },
      { connection: 1, state: 'gap_started', at: '2026-12-05T05:57:02.567437022Z' },
      { connection: 0, state: 'gap_ended', at: '2026-12-05T05:57:31.192269249Z' },
      { connection: 1, state: 'gap_ended', at: '2026-12-05T05:57:31.192504105Z' },
    ];
    expect(gapsStartedToday(gaps, nowMs)).toBe(2);
    expect(gapsStartedToday(gaps, Date.parse('2026-12-04T18:00:00Z'))).toBe(1);
  });

  it('shows that count on the page', async () => {
    const today = new Date().toISOString();
    brokerPage({
      ...mockBrokerStatus,
      gaps: [
        { connection: 2, state: 'gap_started', at: today },
        { connection: 2, state: 'gap_ended', at: today },
      ],
    });
    const label = await screen.findByText('Gaps today');
    expect(label.nextElementSibling).toHaveTextContent(/^1$/);
  });
});

describe('accounts logged in as the same Kite user', () => {
  const account = (account_id: number, broker_user_id: string, state = 'connected') => ({
    account_id,
    state,
    broker_user_id,
    token_expiry_epoch_ms: Date.parse('2026-01-06T00:30:00Z'),
  });

  it('warns that the broker shares their funds, holdings and GTT triggers', async () => {
    brokerPage({
      ...mockBrokerStatus,
      accounts: [account(1, 'QL0001'), account(2, 'QL0001'), account(3, 'QL0003')],
    });
    expect(await screen.findByRole('note', { name: 'Shared Kite user' })).toHaveTextContent(
      "Accounts 1 and 2 are the same Kite user (QL0001): the broker's funds, holdings and GTT " +
        'triggers are shared between them; orders and positions stay per account.',
    );
    expect(screen.queryByText(/paper broker/)).toBeNull();
  });

  it('says nothing of the paper broker, which logs each account in as a user of its own', async () => {
    brokerPage({
      ...mockBrokerStatus,
      simulated: true,
      accounts: [account(1, 'QL0001'), account(2, 'QL0002'), account(3, 'QL0003')],
    });
    await screen.findByRole('table', { name: 'Accounts' });
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText(/paper broker has one user/)).toBeNull();
  });

  it('says nothing while only one of them is connected, or each is another user', async () => {
    const { view } = brokerPage({
      ...mockBrokerStatus,
      accounts: [account(1, 'QL0001'), account(2, 'QL0001', 'token_expired')],
    });
    await screen.findByRole('table', { name: 'Accounts' });
    expect(screen.queryByRole('note')).toBeNull();
    view.unmount();

    brokerPage({
      ...mockBrokerStatus,
      accounts: [account(1, 'QL0001'), account(2, 'QL0002')],
    });
    await screen.findByRole('table', { name: 'Accounts' });
    expect(screen.queryByRole('note')).toBeNull();
  });
});
