import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockReply } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { renderWithStore } from '../../test/render';
import { IntradayChart } from './IntradayChart';
import { sessionOpenIst } from './candles';

const chart = vi.hoisted(() => ({
  options: [] as unknown[],
  data: [] as { time: number }[][],
  ranges: [] as unknown[],
}));

vi.mock('lightweight-charts', () => ({
  ColorType: { Solid: 'solid' },
  CandlestickSeries: {},
  createChart: (_element: HTMLElement, options: unknown) => {
    chart.options.push(options);
    return {
      addSeries: () => ({
        setData: (data: { time: number }[]) => chart.data.push(data),
        update: () => undefined,
      }),
      timeScale: () => ({ setVisibleLogicalRange: (range: unknown) => chart.ranges.push(range) }),
      remove: () => undefined,
    };
  },
}));

const start = Date.parse('2026-12-02T04:50:00Z');
const candles = Array.from({ length: 30 }, (_, index) => ({
  time: new Date(start + index * 60_000).toISOString(),
  open: 1500,
  high: 1502,
  low: 1499,
  close: 1501,
  volume: 10,
}));

describe('intraday chart', () => {
  it('labels its axis in IST without cutting the first label and opens on the whole half hour', async () => {
    const { store, http } = renderWithStore(
      <IntradayChart
        item={{
          instrument_token: 408065,
          exchange: 'NSE',
          tradingsymbol: 'INFY',
          tick_size: 0.05,
          lot_size: 1,
          mode: 'full',
        }}
      />,
      { routes: [route('GET', /^\/api\/ticks$/, () => ({ status: 200, body: candles }))] },
    );
    act(() => {
      store.dispatch(
        loggedIn({
          token: 'jwt',
          expires_at: '2099-01-01T00:00:00Z',
          roles: ['trader'],
          username: 'asha',
        }),
      );
    });
    expect(screen.getByText('INFY · 1 minute · IST')).toBeInTheDocument();
    expect(chart.options[0]).toMatchObject({
      timeScale: { timeVisible: true, secondsVisible: false, fixLeftEdge: true },
    });
    await waitFor(() => expect(chart.data).toHaveLength(1));
    const first = new Date((chart.data[0]?.[0]?.time ?? 0) * 1000);
    expect([first.getUTCHours(), first.getUTCMinutes()]).toEqual([10, 20]);
    expect(chart.ranges).toEqual([{ from: -0.5, to: 32 }]);
    const from = http.calls.find((call) => call.path === '/api/ticks')?.query.get('from');
    expect(from).toMatch(/T18:30:00\.000Z$/);
  });

  const item = {
    instrument_token: 408065,
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    tick_size: 0.05,
    lot_size: 1,
    mode: 'full' as const,
  };
  const open = sessionOpenIst(Date.now());
  const minutes = (from: number, count: number, price: number) =>
    Array.from({ length: count }, (_, index) => ({
      time: new Date((open + (from + index) * 60) * 1000).toISOString(),
      open: price,
      high: price + 2,
      low: price - 1,
      close: price + 1,
      volume: 10,
    }));

  function renderChart(broker: () => MockReply) {
    const rendered = renderWithStore(<IntradayChart item={item} />, {
      routes: [
        route('GET', /^\/api\/ticks$/, () => ({ status: 200, body: minutes(65, 5, 1500) })),
        route('GET', /^\/api\/candles$/, broker),
      ],
    });
    act(() => {
      rendered.store.dispatch(
        loggedIn({
          token: 'jwt',
          expires_at: '2099-01-01T00:00:00Z',
          roles: ['trader'],
          username: 'asha',
        }),
      );
    });
    return rendered;
  }

  it('draws the broker candles of the minutes before its own history, its own bar winning a shared minute', async () => {
    chart.data.length = 0;
    const { http } = renderChart(() => ({ status: 200, body: minutes(0, 66, 1400) }));

    await waitFor(() => expect(chart.data.at(-1)).toHaveLength(70));
    const drawn = chart.data.at(-1) as unknown as { time: number; close: number }[];
    const shown = new Date((drawn[0]?.time ?? 0) * 1000);
    expect([shown.getUTCHours(), shown.getUTCMinutes()]).toEqual([9, 15]);
    expect(drawn[64]?.close).toBe(1401);
    expect(drawn.slice(65).map((bar) => bar.close)).toEqual([1501, 1501, 1501, 1501, 1501]);
    expect(new Set(drawn.map((bar) => bar.time)).size).toBe(70);
    expect(http.calls.find((call) => call.path === '/api/candles')?.query.get('i')).toBe(
      'NSE:INFY',
    );
    expect(screen.queryByText(/not available from the broker/)).not.toBeInTheDocument();
  });

  it('keeps the live bar of a minute after its history when the broker candles arrive after its ticks', async () => {
    chart.data.length = 0;
    const encoder = new TextEncoder();
    const answer = new TransformStream<Uint8Array, Uint8Array>();
    const { store, http } = renderChart(() => ({
      status: 200,
      stream: answer.readable,
      headers: { 'Content-Type': 'application/json' },
    }));
    await waitFor(() => expect(chart.data.at(-1)).toHaveLength(5));
    await waitFor(() => expect(http.calls.some((call) => call.path === '/api/candles')).toBe(true));
    const tickAt = (open + 75 * 60) * 1000 + 10_000;
    act(() => {
      store.dispatch(
        liveBatch({
          ...emptyBatch(tickAt),
          ticks: [
            {
              conflated: false,
              data: {
                mode: 'full',
                tradable: true,
                instrument_token: 408065,
                last_price: 1512,
                exchange_timestamp: tickAt,
              },
            },
          ],
        }),
      );
    });

    const writer = answer.writable.getWriter();
    await writer.write(encoder.encode(JSON.stringify(minutes(0, 66, 1400))));
    await writer.close();

    await waitFor(() => expect(chart.data.at(-1)).toHaveLength(71));
    const drawn = chart.data.at(-1) as unknown as { time: number; open: number; close: number }[];
    expect(drawn.at(-2)?.close).toBe(1501);
    expect(drawn.at(-1)).toMatchObject({ open: 1512, close: 1512 });
    expect((drawn.at(-1)?.time ?? 0) - (drawn.at(-2)?.time ?? 0)).toBe(6 * 60);
  });

  it("keeps its own history with a quiet note, the broker's reason and what mends it, and no error when the broker refuses its candles", async () => {
    chart.data.length = 0;
    const { store } = renderChart(() => ({
      status: 502,
      body: {
        error: 'broker_refused',
        message:
          'the broker refused the candles of NSE:INFY for account 1: Insufficient permission for that call. ' +
          'Kite gives historical data only to accounts with its historical data add-on: enable it for this ' +
          'account, then ask again.',
      },
    }));

    expect(
      await screen.findByText('earlier minutes not available from the broker'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/historical data add-on: enable it for this account, then ask again\.$/),
    ).toBeInTheDocument();
    expect(chart.data.at(-1)?.map((bar) => bar.time)).toHaveLength(5);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(store.getState().notices.items).toEqual([]);
  });

  it('says nothing more than its quiet note when the broker does not answer for its candles', async () => {
    chart.data.length = 0;
    renderChart(() => ({
      status: 502,
      body: {
        error: 'broker_unavailable',
        message:
          'candles of NSE:INFY for account 1 could not be read from the broker: no answer within 10 s',
      },
    }));

    expect(
      await screen.findByText('earlier minutes not available from the broker'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/could not be read from the broker/)).not.toBeInTheDocument();
  });

  it('does not ask the broker when its own history starts at the open', async () => {
    chart.data.length = 0;
    const rendered = renderWithStore(<IntradayChart item={item} />, {
      routes: [route('GET', /^\/api\/ticks$/, () => ({ status: 200, body: minutes(0, 3, 1500) }))],
    });
    act(() => {
      rendered.store.dispatch(
        loggedIn({
          token: 'jwt',
          expires_at: '2099-01-01T00:00:00Z',
          roles: ['trader'],
          username: 'asha',
        }),
      );
    });

    await waitFor(() => expect(chart.data.at(-1)).toHaveLength(3));
    expect(rendered.http.calls.some((call) => call.path === '/api/candles')).toBe(false);
  });
});
