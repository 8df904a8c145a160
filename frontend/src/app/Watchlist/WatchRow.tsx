import { memo } from 'react';
import type { TickMode } from '../../services/api/types';
import { LIVE_DOWN_REASON, useLiveInstrument } from '../../services/market/hooks';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { formatPercent, formatPrice, formatQty, signClass } from '../common/format';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';

interface Props {
  item: WatchItem;
  isSelected: boolean;
  feedGap: boolean;
  /** Why the broker's market feed (or this page's live connection) is down, or null while it is connected. */
  feedDown?: string | null;
  /** The page's live connection is down: the row's numbers are stale and ordering is paused. */
  liveDown?: boolean;
  onSelect: (token: number) => void;
  onRemove: (token: number) => void;
  onMode: (token: number, mode: TickMode) => void;
  onTrade: (side: 'BUY' | 'SELL', item: WatchItem) => void;
}

/** Every row has this height, so the watchlist can render only the rows in view. */
export const WATCH_ROW_HEIGHT_PX = 32;

/** Marks prices that may be old, saying why in its tooltip; nothing while they are current. */
export function StaleMark({
  conflated,
  feedGap,
  feedDown,
}: {
  conflated: boolean;
  feedGap: boolean;
  feedDown?: string | null;
}) {
  const reason =
    feedDown ??
    (conflated
      ? 'Conflated: the feed is skipping updates'
      : feedGap
        ? 'Feed gap: prices may be stale'
        : null);
  if (!reason) {
    return null;
  }
  return (
    <span
      className="ml-2 rounded bg-amber-900/70 px-1 text-[10px] uppercase text-amber-200"
      title={reason}
    >
      stale
    </span>
  );
}

/** One watched instrument; re-renders only when its own tick or props change. */
export const WatchRow = memo(function WatchRow({
  item,
  isSelected,
  feedGap,
  feedDown = null,
  liveDown = false,
  onSelect,
  onRemove,
  onMode,
  onTrade,
}: Props) {
  const live = useLiveInstrument(item.instrument_token);
  const direction =
    live && live.previous_price !== null
      ? live.last_price > live.previous_price
        ? 'flash-up'
        : live.last_price < live.previous_price
          ? 'flash-down'
          : ''
      : '';
  return (
    <tr
      className={`cursor-pointer whitespace-nowrap border-b border-slate-800/70 ${isSelected ? 'bg-slate-800' : 'hover:bg-slate-900'} ${liveDown ? 'opacity-50' : ''}`}
      style={{ height: WATCH_ROW_HEIGHT_PX }}
      onClick={() => onSelect(item.instrument_token)}
      aria-selected={isSelected}
    >
      <td className="truncate px-2 py-1">
        <span className="font-medium">{item.tradingsymbol}</span>{' '}
        <span className="text-xs text-slate-500">{item.exchange}</span>
        <StaleMark conflated={live?.conflated === true} feedGap={feedGap} feedDown={feedDown} />
      </td>
      <td className="num px-2 py-1 text-right">
        <span key={live?.last_price} className={`rounded px-1 ${direction}`}>
          {formatPrice(live?.last_price)}
        </span>
      </td>
      <td className={`num px-2 py-1 text-right ${signClass(live?.change)}`}>
        {formatPercent(live?.change)}
      </td>
      <td className="num hidden px-2 py-1 text-right sm:table-cell">
        {formatQty(item.segment === INDEX_SEGMENT ? undefined : live?.volume_traded)}
      </td>
      <td className="px-2 py-1" onClick={(event) => event.stopPropagation()}>
        <select
          aria-label={`Mode for ${item.tradingsymbol}`}
          className="rounded border border-slate-700 bg-slate-900 px-1 text-xs"
          title={
            isSelected
              ? 'Streams in full while selected, for its depth; this mode once another row is'
              : 'What the feed streams for this instrument'
          }
          value={item.mode}
          onChange={(event) => onMode(item.instrument_token, event.target.value as TickMode)}
        >
          <option value="ltp">ltp</option>
          <option value="quote">quote</option>
          <option value="full">full</option>
        </select>
      </td>
      <td
        className="whitespace-nowrap px-2 py-1 text-right"
        onClick={(event) => event.stopPropagation()}
      >
        {item.segment !== INDEX_SEGMENT && (
          <>
            <button
              type="button"
              className="mr-1 rounded bg-sky-700 px-2 text-xs text-white hover:bg-sky-600 disabled:cursor-not-allowed disabled:opacity-40"
              disabled={liveDown}
              title={liveDown ? `${LIVE_DOWN_REASON}; ordering is paused` : undefined}
              onClick={() => onTrade('BUY', item)}
            >
              B
            </button>
            <button
              type="button"
              className="mr-1 rounded bg-orange-700 px-2 text-xs text-white hover:bg-orange-600 disabled:cursor-not-allowed disabled:opacity-40"
              disabled={liveDown}
              title={liveDown ? `${LIVE_DOWN_REASON}; ordering is paused` : undefined}
              onClick={() => onTrade('SELL', item)}
            >
              S
            </button>
          </>
        )}
        <button
          type="button"
          aria-label={`Remove ${item.tradingsymbol}`}
          className="rounded px-1 text-xs text-slate-400 hover:text-rose-300"
          onClick={() => onRemove(item.instrument_token)}
        >
          ✕
        </button>
      </td>
    </tr>
  );
});
