import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { brokerRoutes } from '../../services/broker/mock';
import { opsRoutes } from '../../services/ops/mock';
import { loggedIn } from '../../services/auth/sessionSlice';
import { renderWithStore } from '../../test/render';
import { BrokerPage } from '../Broker/BrokerPage';
import { OpsPage } from '../Ops/OpsPage';
import { act } from 'react';

const ops = { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles: ['ops'], username: 'olga' };

describe('pages built against coming endpoints', () => {
  it('shows the broker page as not available yet on 404', async () => {
    const { store } = renderWithStore(<BrokerPage />, { routes: brokerRoutes(false) });
    act(() => {
      store.dispatch(loggedIn(ops));
    });
    expect(await screen.findByText('Broker status is not available yet.')).toBeInTheDocument();
  });

  it('shows the latency histograms as not available yet on 501', async () => {
    const { store } = renderWithStore(<OpsPage />, { routes: opsRoutes(false) });
    act(() => {
      store.dispatch(loggedIn(ops));
    });
    expect(await screen.findByText('Latency histograms is not available yet.')).toBeInTheDocument();
    expect(await screen.findByText('The audit trail is not available yet.')).toBeInTheDocument();
  });
});
