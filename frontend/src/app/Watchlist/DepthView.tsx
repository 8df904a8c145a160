import type { DepthLevel } from '../../services/api/types';
import { useLiveInstrument } from '../../services/market/hooks';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { formatPrice, formatQty } from '../common/format';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';
import { StaleMark } from './WatchRow';

function Side({ levels, side }: { levels: DepthLevel[]; side: 'buy' | 'sell' }) {
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
            <td className={colour}>{level ? formatPrice(level.price) : '–'}</td>
            <td className="text-right">{level ? formatQty(level.orders) : ''}</td>
            <td className="text-right">{level ? formatQty(level.quantity) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
          <Side levels={live.depth.buy} side="buy" />
          <Side levels={live.depth.sell} side="sell" />
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
            ['Open', formatPrice(live.ohlc.open)],
            ['High', formatPrice(live.ohlc.high)],
            ['Low', formatPrice(live.ohlc.low)],
            ['Prev. close', formatPrice(live.ohlc.close)],
            ['Avg price', formatPrice(live.average_traded_price)],
            ['Last qty', formatQty(live.last_traded_quantity)],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-slate-300">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
