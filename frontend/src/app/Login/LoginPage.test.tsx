import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { authRoutes, MOCK_PASSWORD } from '../../services/auth/mock';
import { SESSION_KEY, loggedOut, sessionEnded } from '../../services/auth/sessionSlice';
import {
  marketRoutes,
  mockReliance,
  mockWatchlist,
  mockWatchlistItem,
  mockWatchlistServer,
  mockWatchlists,
  watchlistRoutes,
} from '../../services/market/mock';
import { ordersRoutes } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import { act } from 'react';

vi.mock('../Watchlist/IntradayChart', () => ({ IntradayChart: () => null }));

async function signIn(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login flow', () => {
  it('sends an unauthenticated visitor to the login page', () => {
    renderWithStore(<App />, { path: '/orders' });
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('signs in, stores the session and opens the dashboard with a live socket', async () => {
    const { store, live, http } = renderWithStore(<App />, {
      routes: [...authRoutes(), ...watchlistRoutes(mockWatchlistServer()), ...marketRoutes()],
      path: '/login',
    });
    await signIn('asha', MOCK_PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Watchlist' })).toBeInTheDocument();
    expect(store.getState().session.token).toBe('jwt-asha');
    expect(localStorage.getItem(SESSION_KEY)).toContain('jwt-asha');
    expect(live.socket.url).toBe('ws://test/ws?token=jwt-asha');
    const watched = await screen.findByLabelText('Watched instruments');
    expect(within(watched).getByRole('row', { name: /^NIFTY 50 NSE/ })).toBeInTheDocument();
    expect(within(watched).getByRole('row', { name: /^INFY NSE/ })).toBeInTheDocument();
    expect(
      http.calls.find((call) => call.path === '/api/watchlist')?.headers.get('Authorization'),
    ).toBe('Bearer jwt-asha');
  });

  it("reads the watchlist afresh at every sign-in and never shows the last session's", async () => {
    const server = mockWatchlistServer(
      mockWatchlists({
        lists: [mockWatchlist({ items: [mockWatchlistItem(mockReliance)], selected: null })],
        saved: true,
      }),
    );
    const { store } = renderWithStore(<App />, {
      routes: [...authRoutes(), ...watchlistRoutes(server), ...marketRoutes()],
      path: '/login',
    });
    await signIn('asha', MOCK_PASSWORD);
    await screen.findByRole('row', { name: /^RELIANCE NSE/ });
    act(() => {
      store.dispatch(loggedOut());
    });
    await screen.findByRole('form', { name: 'Sign in' });
    server.watchlists = mockWatchlists();
    await signIn('asha', MOCK_PASSWORD);
    expect(screen.queryByRole('row', { name: /^RELIANCE NSE/ })).not.toBeInTheDocument();
    await screen.findByRole('row', { name: /^INFY NSE/ });
    expect(screen.queryByRole('row', { name: /^RELIANCE NSE/ })).not.toBeInTheDocument();
  });

  it('says so when the credentials are wrong', async () => {
    renderWithStore(<App />, { routes: authRoutes(), path: '/login' });
    await signIn('asha', 'wrong password!');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('explains a lockout after too many attempts', async () => {
    renderWithStore(<App />, { routes: authRoutes(), path: '/login' });
    await signIn('locked', 'whatever password');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed attempts: this account is locked. Try again in 1 min.',
    );
  });

  it('asks for both fields before calling the gateway', async () => {
    const { http } = renderWithStore(<App />, { routes: authRoutes(), path: '/login' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your username and password.');
    expect(http.calls).toHaveLength(0);
  });

  it('clears the token and returns to login with a message when any call answers 401', async () => {
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({
        token: 'revoked',
        expiresAt: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    const { store } = renderWithStore(<App />, {
      routes: [
        ...ordersRoutes().filter((route) => route.method !== 'GET'),
        {
          method: 'GET',
          path: /^\/api\/orders$/,
          handler: () => ({
            status: 401,
            body: { error: 'unauthorized', message: 'Token revoked.' },
          }),
        },
      ],
      path: '/orders',
    });
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
    expect(store.getState().session.token).toBeNull();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('does not restore an expired session', () => {
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({
        token: 'old',
        expiresAt: '2020-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    renderWithStore(<App />, { path: '/' });
    expect(screen.getByRole('status')).toHaveTextContent('Your session expired');
  });

  it('returns to login when the session ends while the dashboard is open', async () => {
    const { store } = renderWithStore(<App />, {
      routes: [...authRoutes(), ...marketRoutes()],
      path: '/login',
    });
    await signIn('asha', MOCK_PASSWORD);
    await screen.findByRole('heading', { name: 'Watchlist' });
    act(() => {
      store.dispatch(sessionEnded('Your session expired. Please sign in again.'));
    });
    await waitFor(() => expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('Your session expired');
  });
});
