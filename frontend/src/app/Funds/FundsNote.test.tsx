import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { fundsRoutes, mockFunds } from '../../services/funds/mock';
import { renderWithStore } from '../../test/render';
import { FundsNote } from './FundsNote';

const trader = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

function note(exchange: string, routes = fundsRoutes([mockFunds()]), labelled = false) {
  const harness = renderWithStore(<FundsNote exchange={exchange} labelled={labelled} />, {
    routes,
  });
  act(() => {
    harness.store.dispatch(loggedIn(trader));
  });
  return harness;
}

describe('the funds note', () => {
  it('says what margin an order may still use and what is used, with the balance in its title', async () => {
    note('NSE');
    const shown = await screen.findByTestId('funds-note');
    expect(shown).toHaveTextContent('Available margin 9,92,750.25 · used 7,249.75');
    expect(shown).toHaveAttribute(
      'title',
      'Equity margin of account 1: opening balance 10,00,000.00, used 7,249.75',
    );
    expect(shown).not.toHaveClass('text-rose-300');
  });

  it('names its segment where a page shows the funds of more than one', async () => {
    const commodity = mockFunds({ segment: 'commodity', net: 441490, debits: 58510 });
    note('MCX', fundsRoutes([mockFunds(), commodity]), true);
    expect(await screen.findByTestId('funds-note')).toHaveTextContent(
      /^Commodity · Available margin 4,41,490\.00 · used 58,510\.00$/,
    );
  });

  it('shows a margin gone below zero in red', async () => {
    note('NSE', fundsRoutes([mockFunds({ net: -1250.5 })]));
    expect(await screen.findByTestId('funds-note')).toHaveClass('text-rose-300');
  });

  it('shows nothing where the broker has no funds of the segment or cannot be read', async () => {
    const { store } = note('MCX');
    await waitFor(() =>
      expect(store.getState().api.queries['funds(undefined)']?.status).toBe('fulfilled'),
    );
    expect(screen.queryByTestId('funds-note')).toBeNull();

    const broken = note('NSE', []);
    await waitFor(() =>
      expect(broken.store.getState().api.queries['funds(undefined)']?.status).toBe('rejected'),
    );
    expect(screen.queryByTestId('funds-note')).toBeNull();
  });
});
