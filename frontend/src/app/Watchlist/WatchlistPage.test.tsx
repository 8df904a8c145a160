import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { InstrumentView } from '../../services/api/types';
import { brokerApi } from '../../services/broker/brokerApi';
import { brokerRoutes, mockBrokerStatus } from '../../services/broker/mock';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { WATCHLIST_KEY } from '../../services/market/watchlistSlice';
import { marketRoutes } from '../../services/market/mock';
import { renderWithStore } from '../../test/render';
import { WATCH_ROW_HEIGHT_PX } from './WatchRow';
import { WatchlistPage } from './WatchlistPage';
import { rowWindow } from './rowWindow';

vi.mock('./IntradayChart', () => ({ IntradayChart: () => null }));

function instrument(token: number): InstrumentView {
  return {
    instrument_token: token,
    exchange: 'NSE',
    tradingsymbol: `SYM${String(token).padStart(3, '0')}`,
    segment: 'NSE',
    instrument_type: 'EQ',
    tick_size: 0.05,
    lot_size: 1,
  };
}

function watch(count: number) {
  const items = Array.from({ length: count }, (_, index) => ({
    ...instrument(index + 1),
    mode: 'quote',
  }));
  localStorage.setItem(WATCHLIST_KEY, JSON.stringify({ items, selected: 1 }));
}

describe('the row window', () => {
  it('covers the rows in view plus the overscan and pads for the rest', () => {
    expect(rowWindow(0, 320, 500, 32, 5)).toEqual({
      start: 0,
      end: 15,
      padTop: 0,
      padBottom: 485 * 32,
    });
    expect(rowWindow(3200, 320, 500, 32, 5)).toEqual({
      start: 95,
      end: 115,
      padTop: 95 * 32,
      padBottom: 385 * 32,
    });
    expect(rowWindow(15_680, 320, 500, 32, 5)).toMatchObject({
      start: 485,
      end: 500,
      padBottom: 0,
    });
    expect(rowWindow(0, 320, 3, 32, 5)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe('a watchlist of 500 instruments', () => {
  it('renders only the rows in view and follows the scroll', () => {
    watch(500);
    renderWithStore(<WatchlistPage />, { routes: marketRoutes() });
    const list = screen.getByLabelText('Watched instruments');
    const named = () =>
      within(list)
        .getAllByRole('row')
        .map((row) => row.textContent ?? '')
        .filter((text) => text.startsWith('SYM'));
    expect(named().length).toBeLessThan(50);
    expect(named()[0]).toMatch(/^SYM001/);

    Object.defineProperty(list, 'scrollTop', {
      configurable: true,
      value: 300 * WATCH_ROW_HEIGHT_PX,
    });
    act(() => {
      fireEvent.scroll(list);
    });
    expect(named().length).toBeLessThan(50);
    expect(named().some((text) => text.startsWith('SYM301'))).toBe(true);
    expect(named().some((text) => text.startsWith('SYM001'))).toBe(false);
  });
});

describe('a watchlist while the broker feed reconnects', () => {
  it('marks the prices and the depth stale and says why', async () => {
    watch(3);
    const reason = 'Market feed not connected (connection 0 reconnecting): prices may be stale';
    const { store } = renderWithStore(<WatchlistPage />, {
      routes: [
        ...marketRoutes(),
        ...brokerRoutes(true, {
          ...mockBrokerStatus,
          feed_connections: [{ id: 0, state: 'waiting_retry', instruments: 3 }],
        }),
      ],
    });
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(1),
          ticks: [
            {
              conflated: false,
              data: {
                mode: 'full',
                tradable: true,
                instrument_token: 1,
                last_price: 100,
                depth: { buy: [{ price: 99.95, quantity: 10, orders: 1 }], sell: [] },
              },
            },
          ],
        }),
      );
    });
    const list = screen.getByLabelText('Watched instruments');
    await waitFor(() => expect(within(list).getAllByText('stale')).toHaveLength(3));
    for (const mark of within(list).getAllByText('stale')) {
      expect(mark).toHaveAttribute('title', reason);
    }
    expect(within(screen.getByLabelText('Market depth')).getByText('stale')).toHaveAttribute(
      'title',
      reason,
    );
  });

  it('marks nothing while the feed is connected', async () => {
    watch(3);
    const { store } = renderWithStore(<WatchlistPage />, {
      routes: [...marketRoutes(), ...brokerRoutes(true)],
    });
    await waitFor(() =>
      expect(brokerApi.endpoints.brokerStatus.select()(store.getState()).data).toBeDefined(),
    );
    expect(screen.queryByText('stale')).not.toBeInTheDocument();
  });
});
