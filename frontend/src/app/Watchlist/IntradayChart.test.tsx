import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { renderWithStore } from '../../test/render';
import { IntradayChart } from './IntradayChart';

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
});
