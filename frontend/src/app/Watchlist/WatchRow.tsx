import { memo } from 'react';
import type { DragEvent } from 'react';
import type { TickMode } from '../../services/api/types';
import { LIVE_DOWN_REASON, useLiveInstrument } from '../../services/market/hooks';
import type { WatchItem } from '../../services/market/watchlistSlice';
import {
  formatPercent,
  formatPrice,
  formatPriceChange,
  formatQty,
  signClass,
} from '../common/format';
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
  /** Opens the GTT form for the row's instrument; a row without it offers no GTT. */
  onGtt?: (item: WatchItem) => void;
  /** Opens the price alert form for the row's instrument (an index too); a row without it offers no alert. */
  onAlert?: (item: WatchItem) => void;
  /** Opens the form that adds an order for the row's instrument to a basket; a row without it offers none. */
  onBasket?: (item: WatchItem) => void;
  /** What dragging the row's handle does; a row without it has no handle and takes no drop. */
  drag?: RowDrag;
  /** Where a row being dragged over this one would land: the drop indicator. */
  dropSide?: DropSide | null;
}

/** Where a dragged row lands relative to the row it is dropped on. */
export type DropSide = 'before' | 'after';

/** The line (see index.css) that shows where a dragged row lands. */
const DROP_CLASS: Record<DropSide, string> = { before: 'drop-before', after: 'drop-after' };

/** A row moved by drag and drop: each callback gets the token of the row the event is on. */
export interface RowDrag {
  /** The row's handle started a drag. */
  start: (token: number) => void;
  /** A dragged row is over this row. */
  over: (token: number) => void;
  /** A dragged row was dropped on this row. */
  drop: (token: number) => void;
  /** The drag ended, dropped or not. */
  end: () => void;
}

/** The type a dragged row's data has, so that a row takes only rows dropped on it (not text or files). */
export const WATCH_ROW_DRAG_TYPE = 'application/x-qleap-watch-row';

/** Every row has this height, so the watchlist can render only the rows in view. */
export const WATCH_ROW_HEIGHT_PX = 32;

function isRowDrag(event: DragEvent<HTMLElement>): boolean {
  return Array.from(event.dataTransfer.types).includes(WATCH_ROW_DRAG_TYPE);
}

/** Six dots to grab a row by; drawn, so the row's text (and accessible name) stays its instrument's. */
function GripIcon() {
  return (
    <svg viewBox="0 0 6 10" className="h-2.5 w-1.5 fill-current" aria-hidden>
      {[1, 5, 9].map((y) => [1, 5].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1} />))}
    </svg>
  );
}

/** A bell: the row's price alert button; drawn, so the button's accessible name is its label. */
function BellIcon() {
  return (
    <svg viewBox="0 0 16 16" className="inline-block h-3 w-3 fill-current" aria-hidden>
      <path d="M8 1.5a1 1 0 0 1 1 1v.6a4.5 4.5 0 0 1 3.5 4.4v2.8l1.2 1.6a.6.6 0 0 1-.5 1H2.8a.6.6 0 0 1-.5-1l1.2-1.6V7.5A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1Z" />
      <path d="M6.2 13.7h3.6a1.8 1.8 0 0 1-3.6 0Z" />
    </svg>
  );
}

/** A basket: the row's add-to-basket button; drawn, so the button's accessible name is its label. */
function BasketIcon() {
  return (
    <svg viewBox="0 0 16 16" className="inline-block h-3 w-3 fill-current" aria-hidden>
      <path d="M5.6 1.8a.7.7 0 0 1 .6 1L4.4 6h7.2L9.8 2.8a.7.7 0 1 1 1.2-.7L13.2 6h1.3a.7.7 0 0 1 .7.8l-1.3 6.9a1.6 1.6 0 0 1-1.6 1.3H3.7a1.6 1.6 0 0 1-1.6-1.3L.8 6.8a.7.7 0 0 1 .7-.8h1.3L5 2.1a.7.7 0 0 1 .6-.3Zm.4 6.7a.7.7 0 0 0-.7.7v2.6a.7.7 0 1 0 1.4 0V9.2a.7.7 0 0 0-.7-.7Zm4 0a.7.7 0 0 0-.7.7v2.6a.7.7 0 1 0 1.4 0V9.2a.7.7 0 0 0-.7-.7Z" />
    </svg>
  );
}

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
  onGtt,
  onAlert,
  onBasket,
  drag,
  dropSide = null,
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
      className={`cursor-pointer whitespace-nowrap border-b border-slate-800/70 ${isSelected ? 'bg-slate-800' : 'hover:bg-slate-900'} ${liveDown ? 'opacity-50' : ''} ${dropSide ? DROP_CLASS[dropSide] : ''}`}
      style={{ height: WATCH_ROW_HEIGHT_PX }}
      onClick={() => onSelect(item.instrument_token)}
      aria-selected={isSelected}
      data-drop={dropSide ?? undefined}
      onDragOver={
        drag &&
        ((event) => {
          if (isRowDrag(event)) {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            drag.over(item.instrument_token);
          }
        })
      }
      onDrop={
        drag &&
        ((event) => {
          if (isRowDrag(event)) {
            event.preventDefault();
            drag.drop(item.instrument_token);
          }
        })
      }
    >
      <td className="truncate px-2 py-1" title={`${item.tradingsymbol} ${item.exchange}`}>
        {drag && (
          <span
            draggable
            title="Drag to move (or select the row and press Alt+↑ or Alt+↓)"
            aria-hidden
            className="mr-1.5 inline-block cursor-grab px-0.5 text-slate-600 hover:text-slate-300 active:cursor-grabbing"
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData(WATCH_ROW_DRAG_TYPE, String(item.instrument_token));
              const row = event.currentTarget.closest('tr');
              if (row) {
                event.dataTransfer.setDragImage(row, 12, WATCH_ROW_HEIGHT_PX / 2);
              }
              drag.start(item.instrument_token);
            }}
            onDragEnd={drag.end}
          >
            <GripIcon />
          </span>
        )}
        <span className="font-medium">{item.tradingsymbol}</span>{' '}
        <span className="text-xs text-slate-500">{item.exchange}</span>
        <StaleMark conflated={live?.conflated === true} feedGap={feedGap} feedDown={feedDown} />
      </td>
      <td className="num px-2 py-1 text-right">
        <span key={live?.last_price} className={`rounded px-1 ${direction}`}>
          {formatPrice(live?.last_price, item.exchange)}
        </span>
      </td>
      {/* Two lines of 16 px fill the row's 32: the percent, and the rupees below it. */}
      <td className={`num px-2 py-0 text-right leading-4 ${signClass(live?.change)}`}>
        <div>{formatPercent(live?.change)}</div>
        <div className="text-xs" title="Change from the previous close, in rupees">
          {formatPriceChange(live?.last_price, live?.ohlc?.close, item.exchange)}
        </div>
      </td>
      <td className="num hidden px-2 py-1 text-right sm:table-cell">
        {formatQty(item.segment === INDEX_SEGMENT ? undefined : live?.volume_traded)}
      </td>
      <td className="hidden px-2 py-1 sm:table-cell" onClick={(event) => event.stopPropagation()}>
        <select
          aria-label={`Mode for ${item.tradingsymbol}`}
          className="rounded border border-slate-700 bg-slate-900 px-1 text-xs"
          title={
            isSelected
              ? `Streams in full while selected, for its depth; ${item.mode} once another row is`
              : 'What the feed streams for this instrument'
          }
          value={isSelected ? 'full' : item.mode}
          onChange={(event) => onMode(item.instrument_token, event.target.value as TickMode)}
        >
          <option value="ltp">ltp</option>
          <option value="quote">quote</option>
          <option value="full">full</option>
        </select>
      </td>
      <td
        className="whitespace-normal px-2 py-1 text-right leading-6 sm:whitespace-nowrap"
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
            {onGtt && (
              <button
                type="button"
                aria-label={`GTT ${item.tradingsymbol}`}
                className="mr-1 rounded bg-slate-700 px-1.5 text-xs text-white hover:bg-slate-600"
                title="New GTT (good till triggered) order for this instrument"
                onClick={() => onGtt(item)}
              >
                GTT
              </button>
            )}
            {onBasket && (
              <button
                type="button"
                aria-label={`Basket ${item.tradingsymbol}`}
                data-testid="row-basket"
                className="mr-1 rounded bg-slate-700 px-1.5 text-xs text-emerald-200 hover:bg-slate-600"
                title="Add an order for this instrument to a basket"
                onClick={() => onBasket(item)}
              >
                <BasketIcon />
              </button>
            )}
          </>
        )}
        {onAlert && (
          <button
            type="button"
            aria-label={`Alert ${item.tradingsymbol}`}
            data-testid="row-alert"
            className="mr-1 rounded bg-slate-700 px-1.5 text-xs text-amber-200 hover:bg-slate-600"
            title="New price alert for this instrument"
            onClick={() => onAlert(item)}
          >
            <BellIcon />
          </button>
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
