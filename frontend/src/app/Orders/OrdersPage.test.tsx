import { screen } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockOrder, ordersRoutes } from '../../services/orders/mock';
import { renderWithStore } from '../../test/render';
import { OrdersPage } from './OrdersPage';

const REASON =
  'After market orders (AMO) are not accepted now; the AMO window for equity is 16:00 to 08:58 IST; place a regular order during market hours.';

describe('orders page', () => {
  it('shows a reject reason in full, wrapping rather than cut off', async () => {
    const harness = renderWithStore(<OrdersPage />, {
      routes: ordersRoutes([mockOrder({ status: 'REJECTED', status_message: REASON })]),
    });
    act(() => {
      harness.store.dispatch(
        loggedIn({
          token: 'jwt',
          expires_at: '2099-01-01T00:00:00Z',
          roles: ['trader'],
          username: 'asha',
        }),
      );
    });
    const reason = await screen.findByText(REASON);
    expect(reason).not.toHaveClass('truncate');
    expect(reason).toHaveClass('whitespace-normal', 'break-words');
  });
});
