import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { renderWithStore } from '../../test/render';
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

function tick(mode: 'quote' | 'full') {
  return liveBatch({
    ...emptyBatch(5),
    ticks: [
      {
        conflated: false,
        data: {
          mode,
          tradable: true,
          instrument_token: 408065,
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

  it("shows the day's open, high, low, previous close, average price and last quantity of a quote", () => {
    const { store } = renderWithStore(<DepthView item={infy} />);
    expect(screen.queryByLabelText("Day's figures")).toBeNull();

    act(() => {
      store.dispatch(tick('quote'));
    });
    const figures = screen.getByLabelText("Day's figures");
    expect(
      [...figures.querySelectorAll('div')].map((entry) => [
        entry.querySelector('dt')?.textContent,
        entry.querySelector('dd')?.textContent,
      ]),
    ).toEqual([
      ['Open', '1,490.00'],
      ['High', '1,510.50'],
      ['Low', '1,485.05'],
      ['Prev. close', '1,495.00'],
      ['Avg price', '1,501.25'],
      ['Last qty', '15'],
    ]);
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
});
