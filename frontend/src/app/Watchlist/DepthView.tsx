import { skipToken } from '@reduxjs/toolkit/query';
import { useAccountArg } from '../../services/accounts/hooks';
import { describeError } from '../../services/api/errors';
import type { DepthLevel } from '../../services/api/types';
import { useLiveInstrument } from '../../services/market/hooks';
import { useCircuitLimitsQuery } from '../../services/market/marketApi';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { formatPrice, formatQty } from '../common/format';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';
import { StaleMark } from './WatchRow';

function Side({
  levels,
  side,
  exchange,
}: {
  levels: DepthLevel[];
  side: 'buy' | 'sell';
  exchange: string;
}) {
  const rows = Array.from({ length: 5 }, (_, index) => levels[index]);
  const colour = side === 'buy' ? 'text-sky-300' : 'text-orange-300';
  return (
    <table className="num w-full text-xs">
      <thead>
        <tr className="text-slate-500">
          <th className="text-left font-normal">{side === 'buy' ? 'Bid' : 'Offer'}</th>
          <th className="text-right font-normal">Orders</th>
          <th className="text-right font-normal">Qty</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((level, index) => (
          <tr key={index}>
            <td className={colour}>{level ? formatPrice(level.price, exchange) : '–'}</td>
            <td className="text-right">{level ? formatQty(level.orders) : ''}</td>
            <td className="text-right">{level ? formatQty(level.quantity) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The instrument's circuit limits as the day's figures show them: read from the broker once per instrument (through
 * the account selected), a dash while that read is on its way or failed, the reason in its title.
 */
function useCircuitFigures(item: WatchItem): { lower: string; upper: string; title?: string } {
  const account = useAccountArg();
  const limits = useCircuitLimitsQuery(
    item.segment === INDEX_SEGMENT || account === skipToken
      ? skipToken
      : { key: `${item.exchange}:${item.tradingsymbol}`, account },
  );
  if (limits.error) {
    return { lower: '–', upper: '–', title: describeError(limits.error) };
  }
  if (limits.data === undefined) {
    return { lower: '–', upper: '–', title: 'Reading the circuit limits from the broker' };
  }
  if (limits.data === null) {
    return {
      lower: '–',
      upper: '–',
      title: 'The broker gives no circuit limits for this instrument',
    };
  }
  return {
    lower: formatPrice(limits.data.lower_circuit_limit, item.exchange),
    upper: formatPrice(limits.data.upper_circuit_limit, item.exchange),
  };
}

export function DepthView({
  item,
  feedGap = false,
  feedDown = null,
  liveDown = false,
}: {
  item: WatchItem;
  feedGap?: boolean;
  feedDown?: string | null;
  /** The page's live connection is down: the depth is stale. */
  liveDown?: boolean;
}) {
  const live = useLiveInstrument(item.instrument_token);
  const circuit = useCircuitFigures(item);
  if (item.segment === INDEX_SEGMENT) {
    // An index is a number the exchange computes, not a book: no depth and no bids or offers to total.
    return (
      <section aria-label="Market depth" className="rounded border border-slate-800 p-2">
        <h2 className="mb-1 text-sm font-medium text-slate-300">Depth · {item.tradingsymbol}</h2>
        <p className="text-xs text-slate-500">An index has no market depth.</p>
      </section>
    );
  }
  return (
    <section
      aria-label="Market depth"
      className={`rounded border border-slate-800 p-2 ${liveDown ? 'opacity-50' : ''}`}
    >
      <h2 className="mb-1 text-sm font-medium text-slate-300">
        Depth · {item.tradingsymbol}
        {live?.depth && (
          <StaleMark conflated={live.conflated} feedGap={feedGap} feedDown={feedDown} />
        )}
      </h2>
      {live?.depth ? (
        <div className="grid grid-cols-2 gap-3">
          <Side levels={live.depth.buy} side="buy" exchange={item.exchange} />
          <Side levels={live.depth.sell} side="sell" exchange={item.exchange} />
        </div>
      ) : (
        <p className="text-xs text-slate-500">No depth yet.</p>
      )}
      {live?.total_buy_quantity !== undefined && (
        <p className="num mt-1 flex justify-between text-xs text-slate-400">
          <span>Total bids {formatQty(live.total_buy_quantity)}</span>
          <span>Total offers {formatQty(live.total_sell_quantity)}</span>
        </p>
      )}
      {live?.ohlc && (
        <dl
          aria-label="Day's figures"
          className="num mt-1 grid grid-cols-4 gap-x-2 border-t border-slate-800 pt-1 text-xs text-slate-400"
        >
          {[
            ['Open', formatPrice(live.ohlc.open, item.exchange)],
            ['High', formatPrice(live.ohlc.high, item.exchange)],
            ['Low', formatPrice(live.ohlc.low, item.exchange)],
            ['Prev. close', formatPrice(live.ohlc.close, item.exchange)],
            ['Avg price', formatPrice(live.average_traded_price, item.exchange)],
            ['Last qty', formatQty(live.last_traded_quantity)],
            ['Lower circuit', circuit.lower, circuit.title],
            ['Upper circuit', circuit.upper, circuit.title],
          ].map(([label, value, title]) => (
            <div key={label}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-slate-300" title={title}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
