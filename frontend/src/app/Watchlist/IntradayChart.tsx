import { useEffect, useRef, useState } from 'react';
import { CandlestickSeries, ColorType, createChart } from 'lightweight-charts';
import type { IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import { describeError, errorBody, isUnavailable } from '../../services/api/errors';
import { useLiveInstrument } from '../../services/market/hooks';
import { useBrokerCandlesQuery, useTickHistoryQuery } from '../../services/market/marketApi';
import type { WatchItem } from '../../services/market/watchlistSlice';
import {
  RIGHT_OFFSET_BARS,
  chartTime,
  foldTick,
  fromCandle,
  mergeBars,
  openingRange,
  sessionOpenIst,
  tickTimeMs,
  todayRangeIst,
} from './candles';
import type { Bar } from './candles';

function toSeries(bar: Bar) {
  return { ...bar, time: chartTime(bar.time) as UTCTimestamp };
}

/**
 * One-minute candles of the selected instrument: the broker's candles of the minutes before the gateway's own
 * history of today (the session before QuantumLeap started), that history, then live ticks. When the broker's
 * candles cannot be had (no connected account, an account without Kite's historical data) the chart shows the
 * rest, with a quiet note.
 */
export function IntradayChart({ item }: { item: WatchItem }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const bar = useRef<Bar | null>(null);
  const [range] = useState(() => todayRangeIst(Date.now()));
  const [sessionOpen] = useState(() => sessionOpenIst(Date.now()));
  const live = useLiveInstrument(item.instrument_token);
  const history = useTickHistoryQuery({
    token: item.instrument_token,
    from: range.from,
    to: range.to,
    interval: '1m',
  });
  const ownFirst = history.data
    ?.map(fromCandle)
    .reduce((first, bar) => Math.min(first, bar.time), Infinity);
  // The broker is asked once the gateway's own history is in, and only when it starts after the open.
  const broker = useBrokerCandlesQuery(
    { key: `${item.exchange}:${item.tradingsymbol}` },
    { skip: history.isLoading || (ownFirst !== undefined && ownFirst <= sessionOpen) },
  );

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return undefined;
    }
    try {
      const created = createChart(element, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: '#020617' }, textColor: '#94a3b8' },
        grid: { vertLines: { color: '#1e293b' }, horzLines: { color: '#1e293b' } },
        // The left edge is fixed so the first time label is moved inside the chart rather than cut off.
        timeScale: {
          timeVisible: true,
          secondsVisible: false,
          fixLeftEdge: true,
          rightOffset: RIGHT_OFFSET_BARS,
          maxBarSpacing: 16,
        },
      });
      chart.current = created;
      series.current = created.addSeries(CandlestickSeries, {
        upColor: '#10b981',
        downColor: '#f43f5e',
        borderVisible: false,
        wickUpColor: '#10b981',
        wickDownColor: '#f43f5e',
      });
    } catch (error) {
      element.textContent = `Chart unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
    return () => {
      chart.current?.remove();
      chart.current = null;
      series.current = null;
      bar.current = null;
    };
  }, [item.instrument_token]);

  useEffect(() => {
    if (!series.current || (!history.data && !broker.data)) {
      return;
    }
    const bars = mergeBars(
      (history.data ?? []).map(fromCandle),
      (broker.data ?? []).map(fromCandle),
    );
    // A live bar of a minute after them all (ticks that came before these answers) is drawn again as it was, not
    // started over at the next tick.
    const drawn = bar.current;
    const last = bars.at(-1);
    if (drawn && (!last || drawn.time > last.time)) {
      bars.push(drawn);
    }
    series.current.setData(bars.map(toSeries));
    bar.current = bars.at(-1) ?? null;
    const opening = openingRange(bars.length);
    if (opening) {
      chart.current?.timeScale().setVisibleLogicalRange(opening);
    }
  }, [history.data, broker.data]);

  useEffect(() => {
    if (!series.current || !live) {
      return;
    }
    const atMs = tickTimeMs(live.exchange_timestamp ?? live.last_trade_time, live.updated_at_ms);
    if (bar.current && Math.floor(atMs / 60_000) * 60 < bar.current.time) {
      return;
    }
    bar.current = foldTick(bar.current, live.last_price, atMs);
    series.current.update(toSeries(bar.current));
  }, [live]);

  // A refusal (no historical data add-on, say) says what would mend it; a broker that did not answer, nothing.
  const brokerRefusal =
    !history.error && errorBody(broker.error)?.error === 'broker_refused'
      ? describeError(broker.error)
      : undefined;

  return (
    <section aria-label="Intraday chart" className="rounded border border-slate-800 p-2">
      <h2 className="mb-1 flex justify-between text-sm font-medium text-slate-300">
        <span>{item.tradingsymbol} · 1 minute · IST</span>
        {history.error && (
          <span className="text-xs font-normal text-slate-500">
            {isUnavailable(history.error) ? 'history not available yet' : 'no history'}: live ticks
            only
          </span>
        )}
        {!history.error && broker.error && (
          <span className="text-xs font-normal text-slate-500">
            earlier minutes not available from the broker
          </span>
        )}
      </h2>
      {brokerRefusal && <p className="mb-1 text-xs text-slate-500">{brokerRefusal}</p>}
      <div ref={container} className="h-64 w-full text-xs text-rose-300 sm:h-80" />
    </section>
  );
}
