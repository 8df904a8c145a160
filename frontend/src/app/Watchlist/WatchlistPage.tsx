import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuotesQuery } from '../../services/market/marketApi';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { useLiveDown, useMoveWatched, useWatchlist } from '../../services/market/hooks';
import { usePriceStaleness } from '../../services/market/staleness';
import { watchlistActions } from '../../services/market/watchlistSlice';
import type {
  UnsavedChange,
  WatchItem,
  WatchlistStatus,
} from '../../services/market/watchlistSlice';
import { useHasRole } from '../../services/auth/hooks';
import { AlertForm } from '../Alerts/AlertForm';
import { BasketOrderForm } from '../Baskets/BasketOrderForm';
import { GttForm } from '../Gtt/GttForm';
import { isTyping, useTicket } from '../OrderTicket/ticketContext';
import { ErrorNote, Page, buttonClass, thClass } from '../common/States';
import { DepthView } from './DepthView';
import { InstrumentSearch } from './InstrumentSearch';
import { IntradayChart } from './IntradayChart';
import { WATCH_ROW_HEIGHT_PX, WatchRow } from './WatchRow';
import type { RowDrag } from './WatchRow';
import { WatchlistTabs } from './WatchlistTabs';
import { useRowWindow } from './rowWindow';

const headClass = `${thClass} sticky top-0 z-[1] bg-slate-950`;

/** The place Alt+ArrowUp (-1) or Alt+ArrowDown (+1) moves the selected row by; null for any other key. */
function moveShortcut(event: KeyboardEvent): -1 | 1 | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
    return null;
  }
  return event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : null;
}

/** Says that the latest change is not saved on the gateway, and whether it is being tried again. */
function UnsavedNote({ unsaved }: { unsaved: UnsavedChange }) {
  return (
    <p role="status" className="text-xs text-amber-300">
      {unsaved.retrying
        ? `Not saved yet (${unsaved.reason}); trying again…`
        : `Not saved: ${unsaved.reason}. The next change saves all your lists again.`}
    </p>
  );
}

/**
 * Where the list would be while it is not shown: being read, unreadable, or empty. `defaultsOnly` while the one
 * list is the gateway's defaults, which are empty until the broker's instruments are loaded.
 */
function ListState({
  status,
  error,
  defaultsOnly,
}: {
  status: WatchlistStatus;
  error: string | null;
  defaultsOnly: boolean;
}) {
  const dispatch = useAppDispatch();
  if (status === 'loading') {
    return <p className="text-sm text-slate-400">Loading your watchlist…</p>;
  }
  if (status === 'failed') {
    return (
      <div className="flex flex-col items-start gap-2">
        <ErrorNote>Your watchlist could not be read: {error}</ErrorNote>
        <button
          type="button"
          className={buttonClass}
          onClick={() => dispatch(watchlistActions.reloadRequested())}
        >
          Retry
        </button>
      </div>
    );
  }
  if (defaultsOnly) {
    return (
      <p className="text-sm text-slate-400">
        Instruments appear here once the broker is connected:{' '}
        <Link to="/broker" className="text-sky-400 underline">
          connect it on the Broker page
        </Link>
        .
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-400">Search for an instrument and add it to watch it live.</p>
  );
}

export function WatchlistPage() {
  const { items, selected, select, remove, setMode } = useWatchlist();
  const move = useMoveWatched();
  const status = useAppSelector((state) => state.watchlist.status);
  const error = useAppSelector((state) => state.watchlist.error);
  const defaultsOnly = useAppSelector(
    (state) => !state.watchlist.saved && state.watchlist.lists.length === 1,
  );
  const active = useAppSelector((state) => state.watchlist.active);
  const unsaved = useAppSelector((state) => state.watchlist.unsaved);
  // The row highlight paints at once; depth and chart (a new chart per instrument) follow without holding
  // up the click.
  const shown = useDeferredValue(selected);
  const liveDown = useLiveDown();
  const { feedGap, feedDown } = usePriceStaleness();
  const ticket = useTicket();
  const keys = useMemo(
    () => items.map((item) => `${item.exchange}:${item.tradingsymbol}`).join(','),
    [items],
  );
  useQuotesQuery(keys ? keys.split(',') : [], { skip: keys === '' });
  const { setContainer, onScroll, reveal, start, end, padTop, padBottom } = useRowWindow(
    items.length,
    WATCH_ROW_HEIGHT_PX,
  );
  const head = useRef<HTMLTableSectionElement>(null);
  // The row being dragged by its handle, and the row it is over.
  const [dragged, setDragged] = useState<number | null>(null);
  const [dropOn, setDropOn] = useState<number | null>(null);
  const draggedIndex =
    dragged === null ? -1 : items.findIndex((item) => item.instrument_token === dragged);
  const onTrade = useCallback(
    (side: 'BUY' | 'SELL', item: WatchItem) => {
      select(item.instrument_token);
      ticket.open(side, item);
    },
    [select, ticket],
  );
  // The instrument whose GTT form is open, from its row's GTT button.
  const [gttFor, setGttFor] = useState<WatchItem | null>(null);
  const onGtt = useCallback(
    (item: WatchItem) => {
      select(item.instrument_token);
      setGttFor(item);
    },
    [select],
  );
  const closeGtt = useCallback(() => setGttFor(null), []);
  // The instrument whose price alert form is open, from its row's bell.
  const [alertFor, setAlertFor] = useState<WatchItem | null>(null);
  const onAlert = useCallback(
    (item: WatchItem) => {
      select(item.instrument_token);
      setAlertFor(item);
    },
    [select],
  );
  const closeAlert = useCallback(() => setAlertFor(null), []);
  // The instrument whose add-to-basket form is open, from its row's basket button (baskets are a trader's).
  const trader = useHasRole('trader');
  const [basketFor, setBasketFor] = useState<WatchItem | null>(null);
  const onBasket = useCallback(
    (item: WatchItem) => {
      select(item.instrument_token);
      setBasketFor(item);
    },
    [select],
  );
  const closeBasket = useCallback(() => setBasketFor(null), []);
  const drag = useMemo<RowDrag>(() => {
    const end = () => {
      setDragged(null);
      setDropOn(null);
    };
    return {
      start: (token) => {
        setDragged(token);
        setDropOn(null);
      },
      over: setDropOn,
      drop: (token) => {
        if (dragged !== null) {
          move(dragged, { onto: token });
        }
        end();
      },
      end,
    };
  }, [dragged, move]);

  // Alt+ArrowUp and Alt+ArrowDown move the selected row one place, keeping it in view.
  const selectedToken = status === 'ready' ? (selected?.instrument_token ?? null) : null;
  useEffect(() => {
    if (selectedToken === null) {
      return undefined;
    }
    const onKey = (event: KeyboardEvent) => {
      const by = moveShortcut(event);
      if (by === null || isTyping(event.target)) {
        return;
      }
      event.preventDefault();
      const to = move(selectedToken, { by });
      if (to !== null) {
        reveal(to, head.current?.offsetHeight ?? 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedToken, move, reveal]);

  return (
    <Page title="Watchlist">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-2">
          {status === 'ready' ? (
            <WatchlistTabs>
              <InstrumentSearch />
              {unsaved && <UnsavedNote unsaved={unsaved} />}
              {items.length === 0 ? (
                <ListState status={status} error={error} defaultsOnly={defaultsOnly} />
              ) : (
                <div
                  key={active}
                  ref={setContainer}
                  onScroll={onScroll}
                  onDragLeave={(event) => {
                    if (
                      !(event.relatedTarget instanceof Node) ||
                      !event.currentTarget.contains(event.relatedTarget)
                    ) {
                      setDropOn(null);
                    }
                  }}
                  className="max-h-[calc(100vh-12rem)] min-h-48 overflow-auto"
                  aria-label="Watched instruments"
                >
                  <table className="w-full table-fixed text-sm sm:min-w-[38rem]">
                    {/* The numbers' columns fit a price of 1,23,456.00, a change of -100.00% over -15,000.00 and
                        a volume of 1,52,34,567; the buttons' column fits B, S, GTT, basket, alert and remove; the
                        instrument column takes the rest, for symbols such as NIFTY BANK with their exchange. */}
                    <colgroup>
                      <col />
                      <col className="w-20 sm:w-24" />
                      <col className="w-20 sm:w-24" />
                      <col className="hidden w-24 sm:table-column" />
                      <col className="hidden w-20 sm:table-column" />
                      <col className="w-24 sm:w-48" />
                    </colgroup>
                    <thead ref={head}>
                      <tr>
                        <th className={headClass}>Instrument</th>
                        <th className={`${headClass} text-right`}>LTP</th>
                        <th className={`${headClass} text-right`}>Change</th>
                        <th className={`${headClass} hidden text-right sm:table-cell`}>Volume</th>
                        <th className={`${headClass} hidden sm:table-cell`}>Mode</th>
                        <th className={headClass} />
                      </tr>
                    </thead>
                    <tbody>
                      {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
                      {items.slice(start, end).map((item, offset) => (
                        <WatchRow
                          key={item.instrument_token}
                          item={item}
                          isSelected={item.instrument_token === selected?.instrument_token}
                          feedGap={feedGap}
                          feedDown={feedDown}
                          liveDown={liveDown}
                          onSelect={select}
                          onRemove={remove}
                          onMode={setMode}
                          onTrade={onTrade}
                          onGtt={onGtt}
                          onAlert={onAlert}
                          onBasket={trader ? onBasket : undefined}
                          drag={drag}
                          dropSide={
                            draggedIndex >= 0 &&
                            item.instrument_token === dropOn &&
                            item.instrument_token !== dragged
                              ? draggedIndex < start + offset
                                ? 'after'
                                : 'before'
                              : null
                          }
                        />
                      ))}
                      {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
                    </tbody>
                  </table>
                </div>
              )}
            </WatchlistTabs>
          ) : (
            <ListState status={status} error={error} defaultsOnly={defaultsOnly} />
          )}
        </div>
        {status === 'ready' && shown && (
          <div className="flex min-w-0 flex-col gap-4">
            <DepthView item={shown} feedGap={feedGap} feedDown={feedDown} liveDown={liveDown} />
            <IntradayChart key={shown.instrument_token} item={shown} />
          </div>
        )}
      </div>
      {gttFor && <GttForm key={gttFor.instrument_token} instrument={gttFor} onClose={closeGtt} />}
      {alertFor && (
        <AlertForm key={alertFor.instrument_token} instrument={alertFor} onClose={closeAlert} />
      )}
      {basketFor && (
        <BasketOrderForm
          key={basketFor.instrument_token}
          instrument={basketFor}
          onClose={closeBasket}
        />
      )}
    </Page>
  );
}
