import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { accountsActions } from '../../services/accounts/accountsSlice';
import { meRoutes, mockAccountsMe } from '../../services/accounts/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { circuitLimitsRoute } from '../../services/market/mock';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { DepthView } from './DepthView';

const infy: WatchItem = {
  instrument_token: 408065,
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  segment: 'NSE',
  tick_size: 0.05,
  lot_size: 1,
  mode: 'quote',
};

const reliance: WatchItem = {
  ...infy,
  instrument_token: 738561,
  tradingsymbol: 'RELIANCE',
};

function tick(mode: 'quote' | 'full', token = 408065) {
  return liveBatch({
    ...emptyBatch(5),
    ticks: [
      {
        conflated: false,
        data: {
          mode,
          tradable: true,
          instrument_token: token,
          last_price: 1500,
          total_buy_quantity: 900,
          total_sell_quantity: 700,
          ohlc: { open: 1490, high: 1510.5, low: 1485.05, close: 1495 },
          average_traded_price: 1501.25,
          last_traded_quantity: 15,
          ...(mode === 'full'
            ? { depth: { buy: [{ price: 1499.95, quantity: 10, orders: 2 }], sell: [] } }
            : {}),
        },
      },
    ],
  });
}

function figures(): [string | null | undefined, string | null | undefined][] {
  return [...screen.getByLabelText("Day's figures").querySelectorAll('div')].map((entry) => [
    entry.querySelector('dt')?.textContent,
    entry.querySelector('dd')?.textContent,
  ]);
}

function circuit(label: string): HTMLElement {
  const term = within(screen.getByLabelText("Day's figures")).getByText(label);
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement)) {
    throw new Error(`no value for ${label}`);
  }
  return value;
}

function limitReads(harness: TestStore): URLSearchParams[] {
  return harness.http.calls
    .filter((call) => call.path === '/api/quotes/limits')
    .map((call) => call.query);
}

function Selected({ items }: { items: WatchItem[] }) {
  const [index, setIndex] = useState(0);
  const item = items[index] ?? infy;
  return (
    <>
      <button type="button" onClick={() => setIndex((index + 1) % items.length)}>
        Next
      </button>
      <DepthView item={item} />
    </>
  );
}

describe('the depth panel', () => {
  it('shows the levels of a full tick and drops them when the instrument streams in another mode', () => {
    const { store } = renderWithStore(<DepthView item={infy} />);
    expect(screen.getByText('No depth yet.')).toBeInTheDocument();

    act(() => {
      store.dispatch(tick('full'));
    });
    const depth = screen.getByLabelText('Market depth');
    expect(within(depth).getByText('1,499.95')).toBeInTheDocument();

    act(() => {
      store.dispatch(tick('quote'));
    });
    expect(within(depth).queryByText('1,499.95')).toBeNull();
    expect(within(depth).getByText('No depth yet.')).toBeInTheDocument();
    expect(within(depth).getByText('Total bids 900')).toBeInTheDocument();
  });

  it("shows the day's open, high, low, previous close, average price, last quantity and circuit limits", async () => {
    const { store } = renderWithStore(<DepthView item={infy} />, {
      routes: [circuitLimitsRoute()],
    });
    expect(screen.queryByLabelText("Day's figures")).toBeNull();

    act(() => {
      store.dispatch(tick('quote'));
    });
    await waitFor(() =>
      expect(figures()).toEqual([
        ['Open', '1,490.00'],
        ['High', '1,510.50'],
        ['Low', '1,485.05'],
        ['Prev. close', '1,495.00'],
        ['Avg price', '1,501.25'],
        ['Last qty', '15'],
        ['Lower circuit', '1,300.50'],
        ['Upper circuit', '1,589.45'],
      ]),
    );
    expect(circuit('Lower circuit')).not.toHaveAttribute('title');
  });

  it('reads the circuit limits once per instrument selected, through the account selected', async () => {
    const harness = renderWithStore(<Selected items={[infy, reliance]} />, {
      routes: [circuitLimitsRoute(), ...meRoutes(mockAccountsMe([1, 2]))],
    });
    act(() => {
      harness.store.dispatch(accountsActions.listed([1, 2]));
      harness.store.dispatch(accountsActions.chosen(2));
      harness.store.dispatch(tick('full'));
      harness.store.dispatch(tick('full', reliance.instrument_token));
    });
    expect(circuit('Upper circuit')).toHaveTextContent(/^–$/);
    expect(circuit('Upper circuit')).toHaveAttribute(
      'title',
      'Reading the circuit limits from the broker',
    );
    await waitFor(() => expect(circuit('Upper circuit')).toHaveTextContent('1,589.45'));
    act(() => {
      harness.store.dispatch(tick('full'));
      harness.store.dispatch(tick('quote'));
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(circuit('Lower circuit')).toHaveAttribute(
        'title',
        'The broker gives no circuit limits for this instrument',
      ),
    );
    expect(circuit('Lower circuit')).toHaveTextContent(/^–$/);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(circuit('Lower circuit')).toHaveTextContent('1,300.50');
    expect(
      limitReads(harness).map((query) => [query.getAll('i'), query.get('account_id')]),
    ).toEqual([
      [['NSE:INFY'], '2'],
      [['NSE:RELIANCE'], '2'],
    ]);
  });

  it("shows a dash with the broker's refusal as its title, and no error banner", async () => {
    const { store } = renderWithStore(<DepthView item={infy} />, {
      routes: [
        circuitLimitsRoute(undefined, {
          status: 409,
          body: {
            error: 'broker_not_connected',
            message: 'Account 1 is not connected to the broker.',
          },
        }),
      ],
    });
    act(() => {
      store.dispatch(tick('full'));
    });
    await waitFor(() =>
      expect(circuit('Lower circuit')).toHaveAttribute(
        'title',
        'Account 1 is not connected to Kite. Connect it on the Broker page.',
      ),
    );
    expect(circuit('Lower circuit')).toHaveTextContent(/^–$/);
    expect(circuit('Upper circuit')).toHaveTextContent(/^–$/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says that an index has no depth, even where its quote came with an empty book', () => {
    const { store } = renderWithStore(
      <DepthView item={{ ...infy, segment: 'INDICES', tradingsymbol: 'NIFTY 50' }} />,
    );
    act(() => {
      store.dispatch(tick('full'));
    });
    const depth = screen.getByLabelText('Market depth');
    expect(within(depth).getByText('An index has no market depth.')).toBeInTheDocument();
    expect(within(depth).queryByRole('table')).toBeNull();
    expect(within(depth).queryByText(/Total bids/)).toBeNull();
  });

  it('reads no circuit limits for an index', () => {
    const harness = renderWithStore(
      <DepthView item={{ ...infy, segment: 'INDICES', tradingsymbol: 'NIFTY 50' }} />,
      { routes: [circuitLimitsRoute()] },
    );
    expect(limitReads(harness)).toEqual([]);
  });
});
