import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { brokerRoutes } from '../../services/broker/mock';
import { opsRoutes } from '../../services/ops/mock';
import { loggedIn } from '../../services/auth/sessionSlice';
import { renderWithStore } from '../../test/render';
import { BrokerPage } from '../Broker/BrokerPage';
import { OpsPage } from '../Ops/OpsPage';
import { act } from 'react';
import { render } from '@testing-library/react';
import { QueryState } from './States';

const ops = { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles: ['ops'], username: 'olga' };

describe('pages built against coming endpoints', () => {
  it("shows the broker page as not available yet on the gateway's route miss (404)", async () => {
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

  it("shows a 404 that answers the question as the gateway's refusal, not as not available", () => {
    render(
      <QueryState
        what="The audit trail"
        isLoading={false}
        error={{
          status: 404,
          data: { error: 'not_found', message: "user: no user named 'nobody'" },
        }}
      >
        <p>trail</p>
      </QueryState>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent("user: no user named 'nobody'");
    expect(screen.queryByText('The audit trail is not available yet.')).toBeNull();
    expect(screen.queryByText('trail')).toBeNull();
  });

  it("shows the gateway's route miss and a proxy's bare 404 as not available", () => {
    const { rerender } = render(
      <QueryState
        what="The audit trail"
        isLoading={false}
        error={{ status: 404, data: { error: 'not_found', message: 'no such path: /api/audit' } }}
      >
        <p>trail</p>
      </QueryState>,
    );
    expect(screen.getByText('The audit trail is not available yet.')).toBeInTheDocument();
    rerender(
      <QueryState what="The audit trail" isLoading={false} error={{ status: 404, data: null }}>
        <p>trail</p>
      </QueryState>,
    );
    expect(screen.getByText('The audit trail is not available yet.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
