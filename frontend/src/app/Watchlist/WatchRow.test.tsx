import { Profiler } from 'react';
import { act } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { InstrumentView } from '../../services/api/types';
import { loggedIn } from '../../services/auth/sessionSlice';
import { tick } from '../../services/live/mock';
import { activeList, watchlistActions } from '../../services/market/watchlistSlice';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { screen } from '@testing-library/react';
import { renderWithStore } from '../../test/render';
import { testStore } from '../../test/testStore';
import { WatchRow } from './WatchRow';

const none = () => undefined;

function instrument(token: number): InstrumentView {
  return {
    instrument_token: token,
    exchange: 'NSE',
    tradingsymbol: `SYM${token}`,
    segment: 'NSE',
    instrument_type: 'EQ',
    tick_size: 0.05,
    lot_size: 1,
    freeze_quantity: 100000,
  };
}

function indexAndEquity(): [WatchItem, WatchItem] {
  const seed = testStore();
  seed.store.dispatch(
    watchlistActions.added({
      ...instrument(256265),
      tradingsymbol: 'NIFTY 50',
      segment: 'INDICES',
      instrument_type: 'INDEX',
      freeze_quantity: 0,
    }),
  );
  seed.store.dispatch(watchlistActions.added(instrument(408065)));
  const [index, equity] = activeList(seed.store.getState().watchlist).items;
  if (!index || !equity) {
    throw new Error('the watchlist lost an instrument');
  }
  return [index, equity];
}

function row(item: WatchItem, props: Partial<ComponentProps<typeof WatchRow>> = {}) {
  return (
    <WatchRow
      key={item.instrument_token}
      item={item}
      isSelected={false}
      feedGap={false}
      onSelect={none}
      onRemove={none}
      onMode={none}
      onTrade={none}
      {...props}
    />
  );
}

function renderRows(rows: ReactNode) {
  return renderWithStore(
    <table>
      <tbody>{rows}</tbody>
    </table>,
  );
}

describe('watchlist rows', () => {
  it('re-render only the instruments that ticked, once per frame', () => {
    const seed = testStore();
    for (let token = 1; token <= 100; token++) {
      seed.store.dispatch(watchlistActions.added(instrument(token)));
    }
    const items = activeList(seed.store.getState().watchlist).items;
    const commits = new Map<string, number>();
    const { store, live } = renderRows(
      items.map((item) => (
        <Profiler
          key={item.instrument_token}
          id={String(item.instrument_token)}
          onRender={(id) => commits.set(id, (commits.get(id) ?? 0) + 1)}
        >
          {row(item)}
        </Profiler>
      )),
    );
    act(() => {
      store.dispatch(
        loggedIn({ token: 't', expires_at: '2099-01-01T00:00:00Z', roles: [], username: 'u' }),
      );
    });
    live.socket.open();
    commits.clear();
    act(() => {
      for (let i = 0; i < 2000; i++) {
        live.socket.push(tick(1 + (i % 5), 100 + i));
      }
      live.runFrame();
    });
    expect([...commits.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    expect([...commits.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('name the instrument in full in the title of its cell, for a column too narrow to show it', () => {
    const [index, equity] = indexAndEquity();
    renderRows([row(index), row(equity)]);
    expect(screen.getByText('NIFTY 50').closest('td')).toHaveAttribute('title', 'NIFTY 50 NSE');
  });

  it('offer no buy or sell on an index', () => {
    const [index, equity] = indexAndEquity();
    renderRows([row(index), row(equity)]);
    expect(screen.getAllByRole('button', { name: 'B' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'S' })).toHaveLength(1);
  });

  it('show the selected row streaming in full whatever its mode, and the others their mode', () => {
    const [, equity] = indexAndEquity();
    const other = { ...equity, instrument_token: 738561, tradingsymbol: 'RELIANCE' };
    renderRows([row(equity, { isSelected: true }), row(other)]);
    expect(equity.mode).toBe('quote');
    const selected = screen.getByRole('combobox', { name: `Mode for ${equity.tradingsymbol}` });
    expect(selected).toHaveValue('full');
    expect(selected).toHaveAttribute(
      'title',
      'Streams in full while selected, for its depth; quote once another row is',
    );
    expect(screen.getByRole('combobox', { name: 'Mode for RELIANCE' })).toHaveValue('quote');
  });

  it('show no volume for an index, which does not trade', () => {
    const [index, equity] = indexAndEquity();
    const { store, live } = renderRows([row(index), row(equity)]);
    act(() => {
      store.dispatch(
        loggedIn({ token: 't', expires_at: '2099-01-01T00:00:00Z', roles: [], username: 'u' }),
      );
    });
    live.socket.open();
    act(() => {
      live.socket.push(tick(256265, 24815.4, { volume_traded: 0 }));
      live.socket.push(tick(408065, 1513.35, { volume_traded: 19600 }));
      live.runFrame();
    });
    const [indexRow, equityRow] = screen.getAllByRole('row');
    expect(indexRow?.querySelectorAll('td')[3]?.textContent).toBe('–');
    expect(indexRow?.querySelectorAll('td')[1]?.textContent).toBe('24,815.40');
    expect(equityRow?.querySelectorAll('td')[3]?.textContent).toBe('19,600');
  });

  it('show a currency derivative to 4 decimals and an equity to 2, whatever decimals the tick has', () => {
    const [, equity] = indexAndEquity();
    const currency = {
      ...equity,
      instrument_token: 1001,
      exchange: 'CDS',
      tradingsymbol: 'USDINR26JANFUT',
      segment: 'CDS-FUT',
      tick_size: 0.0025,
    };
    const { store, live } = renderRows([row(currency), row(equity)]);
    act(() => {
      store.dispatch(
        loggedIn({ token: 't', expires_at: '2099-01-01T00:00:00Z', roles: [], username: 'u' }),
      );
    });
    live.socket.open();
    act(() => {
      live.socket.push(
        tick(1001, 88.68, { ohlc: { open: 88.6, high: 88.7, low: 88.5, close: 88.185 } }),
      );
      live.socket.push(
        tick(408065, 1498.3, { ohlc: { open: 1500, high: 1510, low: 1490, close: 1500 } }),
      );
      live.runFrame();
    });
    const [currencyRow, equityRow] = screen.getAllByRole('row');
    expect(currencyRow?.querySelectorAll('td')[1]?.textContent).toBe('88.6800');
    expect(currencyRow).toHaveTextContent('+0.4950');
    expect(equityRow?.querySelectorAll('td')[1]?.textContent).toBe('1,498.30');
    expect(equityRow).toHaveTextContent('-1.70');
  });

  it('mark the price stale while the broker feed is down, saying why', () => {
    const seed = testStore();
    seed.store.dispatch(watchlistActions.added(instrument(408065)));
    const [item] = activeList(seed.store.getState().watchlist).items;
    if (!item) {
      throw new Error('the watchlist lost an instrument');
    }
    renderRows(
      row(item, {
        feedDown: 'Market feed not connected (connection 0 reconnecting): prices may be stale',
      }),
    );
    expect(screen.getByText('stale')).toHaveAttribute(
      'title',
      'Market feed not connected (connection 0 reconnecting): prices may be stale',
    );
  });

  it('show the change from the previous close in rupees below the percent, signed as the percent is', () => {
    const [index, equity] = indexAndEquity();
    const { store, live } = renderRows([row(index), row(equity)]);
    act(() => {
      store.dispatch(
        loggedIn({ token: 't', expires_at: '2099-01-01T00:00:00Z', roles: [], username: 'u' }),
      );
    });
    live.socket.open();
    act(() => {
      live.socket.push(
        tick(256265, 24100.05, {
          change: -5.247,
          ohlc: { open: 25400, high: 25450, low: 24050, close: 25434.6 },
        }),
      );
      live.socket.push(
        tick(408065, 1513.35, {
          change: 0.8295,
          ohlc: { open: 1501, high: 1515, low: 1499, close: 1500.9 },
        }),
      );
      live.runFrame();
    });
    const [indexRow, equityRow] = screen.getAllByRole('row');
    const change = (row: HTMLElement | undefined) =>
      [...(row?.querySelectorAll('td')[2]?.querySelectorAll('div') ?? [])].map(
        (line) => line.textContent,
      );
    expect(change(equityRow)).toEqual(['+0.83%', '+12.45']);
    expect(change(indexRow)).toEqual(['-5.25%', '-1,334.55']);
    expect(equityRow?.querySelectorAll('td')[2]).toHaveClass('text-emerald-400');
  });

  it('show no change in rupees before the previous close is known', () => {
    const [, equity] = indexAndEquity();
    const { store, live } = renderRows(row(equity));
    act(() => {
      store.dispatch(
        loggedIn({ token: 't', expires_at: '2099-01-01T00:00:00Z', roles: [], username: 'u' }),
      );
    });
    live.socket.open();
    act(() => {
      live.socket.push(tick(408065, 1513.35));
      live.runFrame();
    });
    const lines = screen.getByRole('row').querySelectorAll('td')[2]?.querySelectorAll('div');
    expect(lines?.[1]?.textContent).toBe('–');
  });
});
