import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../services/api/errors';
import type { ModifyOrder, OrderView } from '../../services/api/types';
import { placedBy, useGttPlacements } from '../../services/gtt/hooks';
import type { GttPlacement } from '../../services/gtt/hooks';
import { LIVE_DOWN_REASON, useLiveDown, useLotSize } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import { useLiveOrders } from '../../services/orders/hooks';
import {
  useCancelOrderMutation,
  useModifyOrderMutation,
  useOrderHistoryQuery,
} from '../../services/orders/ordersApi';
import { isOpenOrder, orderKey } from '../../services/orders/ordersSlice';
import {
  ORDER_TYPES,
  TTL_LIMIT_ONLY,
  modifyOrderTypeRefusal,
  modifyQuantityRefusal,
  modifyPriceError,
  modifyValidities,
  modifyValidityRefusal,
  needsPrice,
  needsTrigger,
  parseLots,
  quantityInLots,
  quantityLabel,
} from '../../services/orders/validation';
import { useAppDispatch } from '../../store/hooks';
import {
  ErrorNote,
  Page,
  QueryState,
  buttonClass,
  inputClass,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { FilterTabs } from '../common/Choice';
import { RefusableOption } from '../common/RefusableOption';
import { runNotice, sendInTurn } from '../common/inTurn';
import { formatOrderPrice, formatPrice, formatQty, formatTime } from '../common/format';

function orderId(order: OrderView): string {
  return order.order_id || String(order.client_order_id);
}

/**
 * How long the order lives, as its terms name it: IOC, or TTL with its minutes (bare TTL when the order was recorded
 * before the engine's events carried them), or null for DAY, which nearly every order is: the row names what sets an
 * order apart, so a DAY order reads as a plain one.
 */
function validityTerm(order: OrderView): string | null {
  if (order.validity === 'TTL') {
    return order.validity_ttl ? `TTL ${order.validity_ttl} min` : 'TTL';
  }
  return order.validity && order.validity !== 'DAY' ? order.validity : null;
}

/**
 * The terms an order was placed with beyond price and quantity, as short phrases: those it has (none for a plain
 * order, and none for one recorded before the engine's events carried them).
 */
function orderTerms(order: OrderView): string[] {
  const terms: string[] = [];
  if (order.disclosed_quantity) {
    terms.push(`disclosed ${formatQty(order.disclosed_quantity)}`);
  }
  const validity = validityTerm(order);
  if (validity) {
    terms.push(validity);
  }
  if (order.market_protection === -1) {
    terms.push('protection auto');
  } else if (order.market_protection) {
    terms.push(`protection ${order.market_protection}%`);
  }
  const legs = icebergLegs(order);
  if (legs) {
    terms.push(legs);
  }
  if (order.auction_number) {
    terms.push(`auction ${order.auction_number}`);
  }
  return terms;
}

/**
 * How an iceberg order splits its quantity: "3 legs of up to 4" (10 in 3 legs is 4, 4 and 2), or null for another
 * order. Each leg is an order of its own, so a row's quantity is its leg's; the total is not in the order.
 */
function icebergLegs(order: OrderView): string | null {
  return order.iceberg_legs && order.iceberg_quantity
    ? `${order.iceberg_legs} legs of up to ${formatQty(order.iceberg_quantity)}`
    : null;
}

/**
 * A cover order's stop-loss leg: the broker exits the cover order when it is cancelled, selling (or buying) the leg's
 * quantity at market.
 */
function isCoverLeg(order: OrderView): boolean {
  return order.variety === 'co' && Boolean(order.parent_order_id);
}

/** What is left of an order to work: what cancelling it takes away, or exiting a cover order's leg trades. */
function unfilled(order: OrderView): number {
  return Math.max(order.quantity - order.filled_quantity, 0);
}

/** What the GTT tag of an order a trigger placed says: the trigger, and the last price that fired it. */
function gttPlacedTitle({ gtt, result }: GttPlacement, order: OrderView): string {
  const at =
    result.triggered_at > 0
      ? ` when it fired at ${formatPrice(result.triggered_at, order.exchange)}`
      : '';
  return `Placed by GTT ${gtt.id}${at}`;
}

/** The question asked before exiting a cover order by its stop-loss leg, saying that it trades at market. */
function exitQuestion(order: OrderView): string {
  return `Exit cover order: ${order.transaction_type} ${formatQty(unfilled(order))} ${order.tradingsymbol} at market?`;
}

/** The question asked before cancelling an order, naming it as the table shows it. */
function cancelQuestion(order: OrderView): string {
  const price =
    order.order_type === 'MARKET' || order.order_type === 'SL-M'
      ? 'at market'
      : `at ${formatPrice(order.price, order.exchange)}`;
  const trigger =
    order.trigger_price > 0 ? `, trigger ${formatPrice(order.trigger_price, order.exchange)}` : '';
  const pending =
    order.filled_quantity > 0 ? ` (${formatQty(order.filled_quantity)} already filled)` : '';
  return (
    `Cancel order ${orderId(order)}: ${order.transaction_type} ${formatQty(order.quantity)} ` +
    `${order.tradingsymbol} (${order.exchange}) ${order.order_type} ${order.product} ` +
    `${price}${trigger}${pending}?`
  );
}

/** The order as a notice names it: "Order 2501…: BUY 10 INFY (NSE)". */
function orderNamed(order: OrderView, quantity = order.quantity): string {
  return (
    `Order ${orderId(order)}: ${order.transaction_type} ${formatQty(quantity)} ` +
    `${order.tradingsymbol} (${order.exchange})`
  );
}

/** The id of the notice of a modify, cancel or exit sent for an order: the next one for the same order replaces it. */
function actionNoticeId(order: OrderView): string {
  return `order-action:${orderKey(order)}`;
}

/** The question asked before cancelling `orders` at once, saying that cover-order legs among those shown are left. */
function cancelAllQuestion(orders: OrderView[], coverLegs: number): string {
  const what = orders.length === 1 ? '1 open order' : `${orders.length} open orders`;
  const legs = coverLegs > 0 ? ' Cover-order stop-loss legs are left; exit them one by one.' : '';
  return `Cancel ${what}?${legs}`;
}

/**
 * The order's states, following the live view: each update of the order reads them again, and the live state shows
 * at the end until the states read hold it (the persister may write it a little later).
 */
function History({ order }: { order: OrderView }) {
  const history = useOrderHistoryQuery({ id: orderId(order), version: order.journal_index });
  const fetched = history.data ?? [];
  const entries =
    history.data && fetched.every((entry) => entry.journal_index < order.journal_index)
      ? [...fetched, order]
      : fetched;
  return (
    <QueryState what="Order history" isLoading={history.isLoading} error={history.error}>
      <table className={`${tableClass} text-xs`}>
        <thead>
          <tr>
            <th className={thClass}>Time</th>
            <th className={thClass}>Status</th>
            <th className={`${thClass} text-right`}>Qty</th>
            <th className={`${thClass} text-right`}>Filled</th>
            <th className={`${thClass} text-right`}>Price</th>
            <th className={`${thClass} text-right`}>Avg</th>
            <th className={thClass}>Message</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.journal_index}>
              <td className={tdClass}>{formatTime(entry.updated_at)}</td>
              <td className={tdClass}>{entry.status}</td>
              <td className={`${tdClass} num text-right`}>{formatQty(entry.quantity)}</td>
              <td className={`${tdClass} num text-right`}>{formatQty(entry.filled_quantity)}</td>
              <td className={`${tdClass} num text-right`}>
                {formatOrderPrice(entry.price, entry.exchange)}
              </td>
              <td className={`${tdClass} num text-right`}>
                {formatOrderPrice(entry.average_price, entry.exchange)}
              </td>
              <td className={tdClass}>{entry.status_message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </QueryState>
  );
}

/** Counts quantity as the order ticket does: in lots where the instrument trades in lots. */
function Modify({ order, onDone }: { order: OrderView; onDone: () => void }) {
  const { lotSize, isLoading } = useLotSize(order);
  if (isLoading) {
    return <p className="text-xs text-slate-400">Loading the instrument's lot size…</p>;
  }
  // An instrument the gateway cannot name is modified in units, which is what the broker takes.
  return <ModifyForm order={order} lotSize={lotSize ?? 1} onDone={onDone} />;
}

/** Nothing in the form differs from the order: a modify names at least one change. */
const NOTHING_CHANGED = 'Nothing to send: change the quantity, type, price, trigger or validity.';

/**
 * Kite's modify: the quantity, the order type (with the price and trigger it takes, as the ticket shows them) and
 * the validity. Only what differs from the order is sent; the broker keeps the rest.
 */
function ModifyForm({
  order,
  lotSize,
  onDone,
}: {
  order: OrderView;
  lotSize: number;
  onDone: () => void;
}) {
  const [lots, setLots] = useState(() => quantityInLots(order.quantity, lotSize));
  const [orderType, setOrderType] = useState(order.order_type);
  const [price, setPrice] = useState(order.price > 0 ? String(order.price) : '');
  const [trigger, setTrigger] = useState(
    order.trigger_price > 0 ? String(order.trigger_price) : '',
  );
  const [validity, setValidity] = useState(order.validity);
  const [modify, { isLoading, error }] = useModifyOrderMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const dispatch = useAppDispatch();
  const priced = needsPrice(orderType);
  const triggered = needsTrigger(orderType, order.variety);
  const quantityRefusal = modifyQuantityRefusal(order);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { quantity, error: lotsError } = parseLots(lots, lotSize);
    const invalid =
      lotsError ??
      (priced ? modifyPriceError(price, 'Price') : undefined) ??
      (triggered ? modifyPriceError(trigger, 'Trigger price') : undefined) ??
      modifyOrderTypeRefusal(orderType, order) ??
      modifyValidityRefusal(validity, order) ??
      (validity === 'TTL' && orderType !== 'LIMIT' ? TTL_LIMIT_ONLY : undefined);
    if (invalid) {
      setProblem(invalid);
      return;
    }
    const change: ModifyOrder = {
      ...(orderType !== order.order_type ? { order_type: orderType } : {}),
      ...(quantity !== order.quantity ? { quantity } : {}),
      ...(priced && Number(price) !== order.price ? { price: Number(price) } : {}),
      ...(triggered && Number(trigger) !== order.trigger_price
        ? { trigger_price: Number(trigger) }
        : {}),
      ...(validity !== order.validity ? { validity } : {}),
    };
    if (Object.keys(change).length === 0) {
      setProblem(NOTHING_CHANGED);
      return;
    }
    setProblem(null);
    const result = await modify({ id: orderId(order), account_id: order.account_id, change });
    if ('data' in result) {
      const terms = [
        change.order_type ? `as ${change.order_type}` : '',
        typeof change.price === 'number' ? `at ${formatPrice(change.price, order.exchange)}` : '',
        typeof change.trigger_price === 'number'
          ? `trigger ${formatPrice(change.trigger_price, order.exchange)}`
          : '',
        change.validity ? `valid ${change.validity}` : '',
      ].filter((term) => term !== '');
      dispatch(
        noticesActions.announced({
          id: actionNoticeId(order),
          title: 'Modify sent',
          detail: `${orderNamed(order, quantity)}${terms.length > 0 ? ` ${terms.join(', ')}` : ''}.`,
        }),
      );
      onDone();
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
      className="flex flex-wrap items-end gap-2 text-xs"
    >
      <label className="flex flex-col">
        Order type
        <select
          className={inputClass}
          value={orderType}
          onChange={(event) => setOrderType(event.target.value)}
        >
          {ORDER_TYPES.map((value) => (
            <RefusableOption
              key={value}
              value={value}
              refusal={modifyOrderTypeRefusal(value, order)}
            />
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {quantityLabel(lotSize)}
        <input
          className={inputClass}
          inputMode="numeric"
          value={lots}
          disabled={quantityRefusal !== null}
          title={quantityRefusal ?? undefined}
          onChange={(event) => setLots(event.target.value)}
        />
      </label>
      {priced && (
        <label className="flex flex-col">
          Price
          <input
            className={inputClass}
            inputMode="decimal"
            value={price}
            onChange={(event) => setPrice(event.target.value)}
          />
        </label>
      )}
      {triggered && (
        <label className="flex flex-col">
          Trigger
          <input
            className={inputClass}
            inputMode="decimal"
            value={trigger}
            onChange={(event) => setTrigger(event.target.value)}
          />
        </label>
      )}
      <label className="flex flex-col">
        Validity
        <select
          className={inputClass}
          value={validity}
          onChange={(event) => setValidity(event.target.value)}
        >
          {modifyValidities(order).map((value) => (
            <RefusableOption
              key={value}
              value={value}
              refusal={modifyValidityRefusal(value, order)}
            />
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass} disabled={isLoading}>
        Save
      </button>
      <button type="button" className={buttonClass} onClick={onDone}>
        Cancel edit
      </button>
      {(problem ?? error) && <ErrorNote>{problem ?? describeError(error)}</ErrorNote>}
    </form>
  );
}

export function OrdersPage() {
  const { orders, query } = useLiveOrders();
  const placements = useGttPlacements(orders);
  const [expanded, setExpanded] = useState<{ id: string; what: 'history' | 'modify' } | null>(null);
  const [filter, setFilter] = useState<'all' | 'open' | 'executed'>('all');
  const openOrders = orders.filter((order) => isOpenOrder(order));
  const shown =
    filter === 'all'
      ? orders
      : filter === 'open'
        ? openOrders
        : orders.filter((order) => !isOpenOrder(order));
  const [cancel, cancelState] = useCancelOrderMutation();
  // Cancel all's own: its failures go to its notice, not to the page's error line.
  const [cancelInTurn] = useCancelOrderMutation();
  const [cancellingAll, setCancellingAll] = useState(false);
  const liveDown = useLiveDown();
  const dispatch = useAppDispatch();
  const openShown = shown.filter((order) => isOpenOrder(order));
  const cancellable = openShown.filter((order) => !isCoverLeg(order));
  const coverLegs = openShown.length - cancellable.length;

  const cancelAll = async () => {
    const orders = cancellable;
    if (!window.confirm(cancelAllQuestion(orders, coverLegs))) {
      return;
    }
    setCancellingAll(true);
    const { sent, failures } = await sendInTurn(
      orders,
      (order) => orderNamed(order),
      async (order) => {
        const result = await cancelInTurn({ id: orderId(order), account_id: order.account_id });
        return 'error' in result ? describeError(result.error) : null;
      },
    );
    setCancellingAll(false);
    dispatch(
      runNotice(
        'orders:cancel-all',
        { title: 'Cancel all', noun: 'cancel', nouns: 'cancels' },
        sent,
        failures,
      ),
    );
  };
  const cancelAllBlocked = liveDown
    ? `${LIVE_DOWN_REASON}; cancelling is paused`
    : cancellingAll
      ? 'Sending the cancels'
      : cancellable.length === 0
        ? coverLegs > 0
          ? 'Only cover-order stop-loss legs are open here; exit them one by one'
          : 'No open orders here to cancel'
        : null;

  const cancelOrder = async (order: OrderView) => {
    const exit = isCoverLeg(order);
    if (!window.confirm(exit ? exitQuestion(order) : cancelQuestion(order))) {
      return;
    }
    const result = await cancel({ id: orderId(order), account_id: order.account_id });
    if ('data' in result) {
      dispatch(
        noticesActions.announced({
          id: actionNoticeId(order),
          title: exit ? 'Exit sent' : 'Cancel sent',
          detail: exit
            ? `${orderNamed(order, unfilled(order))} at market, to exit the cover order.`
            : `${orderNamed(order)}.`,
        }),
      );
    }
  };

  return (
    <Page title="Orders">
      {cancelState.error && <ErrorNote>{describeError(cancelState.error)}</ErrorNote>}
      <QueryState
        what="Orders"
        isLoading={query.isLoading || query.isUninitialized}
        error={query.error}
      >
        {orders.length === 0 ? (
          <p className="text-sm text-slate-400">No orders today.</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <FilterTabs
                value={filter}
                options={[
                  { value: 'open', text: `Open (${openOrders.length})` },
                  { value: 'executed', text: `Executed (${orders.length - openOrders.length})` },
                  { value: 'all', text: `All (${orders.length})` },
                ]}
                onChange={setFilter}
              />
              <button
                type="button"
                className={buttonClass}
                disabled={cancelAllBlocked !== null}
                title={
                  cancelAllBlocked ??
                  `Cancel the ${cancellable.length} open ${cancellable.length === 1 ? 'order' : 'orders'} shown, one after another`
                }
                onClick={() => void cancelAll()}
              >
                Cancel all
              </button>
            </div>
            <div className={tableScrollClass}>
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={thClass}>Time</th>
                    <th className={thClass}>Instrument</th>
                    <th className={thClass}>Side</th>
                    <th className={thClass}>Type</th>
                    <th className={`${thClass} text-right`}>Qty</th>
                    <th className={`${thClass} text-right`}>Price</th>
                    <th className={`${thClass} text-right`}>Avg</th>
                    <th className={thClass}>Status</th>
                    <th className={thClass} />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((order) => {
                    const id = orderId(order);
                    const open = isOpenOrder(order);
                    return (
                      <OrderRows
                        key={`${order.account_id}:${order.client_order_id}`}
                        order={order}
                        gtt={placedBy(placements, order)}
                        expanded={expanded?.id === id ? expanded.what : null}
                        open={open}
                        onHistory={() =>
                          setExpanded(
                            expanded?.id === id && expanded.what === 'history'
                              ? null
                              : { id, what: 'history' },
                          )
                        }
                        onModify={() => setExpanded({ id, what: 'modify' })}
                        onCancel={() => void cancelOrder(order)}
                        onClose={() => setExpanded(null)}
                      />
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </Page>
  );
}

interface RowsProps {
  order: OrderView;
  /** The trigger that placed the order, when a GTT did. */
  gtt: GttPlacement | undefined;
  expanded: 'history' | 'modify' | null;
  open: boolean;
  onHistory: () => void;
  onModify: () => void;
  onCancel: () => void;
  onClose: () => void;
}

function OrderRows({
  order,
  gtt,
  expanded,
  open,
  onHistory,
  onModify,
  onCancel,
  onClose,
}: RowsProps) {
  const modifyButton = useRef<HTMLButtonElement>(null);
  const modifyDone = () => {
    onClose();
    modifyButton.current?.focus();
  };
  const statusColour =
    order.status === 'COMPLETE'
      ? 'text-emerald-400'
      : order.status === 'REJECTED' || order.status === 'CANCELLED'
        ? 'text-rose-300'
        : 'text-amber-300';
  const terms = orderTerms(order);
  const legs = icebergLegs(order);
  // Kite names a cover order's product CO, as its variety: it shows once.
  const varietyShown =
    order.variety !== 'regular' && order.variety.toUpperCase() !== order.product.toUpperCase();
  return (
    <>
      <tr className="border-b border-slate-800/70">
        <td className={tdClass}>
          {formatTime(order.placed_at)}
          {order.order_id && (
            <div className="num text-xs text-slate-500" title="the broker's order id">
              {order.order_id}
            </div>
          )}
        </td>
        <td className={tdClass}>
          {order.tradingsymbol} <span className="text-xs text-slate-500">{order.exchange}</span>
        </td>
        <td
          className={`${tdClass} ${order.transaction_type === 'BUY' ? 'text-sky-300' : 'text-orange-300'}`}
        >
          {order.transaction_type}
        </td>
        <td className={tdClass}>
          {order.order_type} {order.product}
          {varietyShown && (
            <span className="ml-1 rounded bg-slate-700 px-1 text-xs uppercase text-slate-200">
              {order.variety}
            </span>
          )}
          {gtt && (
            <Link
              to="/gtt"
              className="ml-1 rounded bg-slate-700 px-1 text-xs text-slate-200 hover:bg-slate-600 hover:text-white"
              title={gttPlacedTitle(gtt, order)}
            >
              GTT
            </Link>
          )}
          {terms.length > 0 && <div className="text-xs text-slate-500">{terms.join(' · ')}</div>}
          {order.parent_order_id && (
            <div
              className="text-xs text-slate-500"
              title={
                legs
                  ? 'the first leg of this iceberg order'
                  : 'the order this stop-loss leg belongs to'
              }
            >
              leg of {order.parent_order_id}
            </div>
          )}
        </td>
        <td className={`${tdClass} num text-right`}>
          {formatQty(order.filled_quantity)}/{formatQty(order.quantity)}
          {legs && (
            <div
              className="text-xs text-slate-500"
              title={`An iceberg order works its quantity in ${legs}, one after another; this row is one leg.`}
            >
              this leg
            </div>
          )}
        </td>
        <td className={`${tdClass} num text-right`}>
          {formatOrderPrice(order.price, order.exchange)}
          {order.trigger_price > 0 && (
            <div className="text-xs text-slate-500">
              trigger {formatPrice(order.trigger_price, order.exchange)}
            </div>
          )}
        </td>
        <td className={`${tdClass} num text-right`}>
          {formatOrderPrice(order.average_price, order.exchange)}
        </td>
        <td className={`${tdClass} ${statusColour}`}>
          {order.status}
          {order.status_message && (
            <div className="min-w-48 max-w-md whitespace-normal break-words text-xs text-slate-400">
              {order.status_message}
            </div>
          )}
        </td>
        <td className={`${tdClass} whitespace-nowrap text-right`}>
          <button
            type="button"
            className="mr-1 text-xs text-slate-300 hover:text-white"
            onClick={onHistory}
          >
            History
          </button>
          {open && (
            <>
              <button
                ref={modifyButton}
                type="button"
                className="mr-1 text-xs text-sky-300 hover:text-white"
                onClick={onModify}
              >
                Modify
              </button>
              <button
                type="button"
                className="text-xs text-rose-300 hover:text-white"
                title={
                  isCoverLeg(order)
                    ? `Exits the cover order: ${order.transaction_type} at market`
                    : undefined
                }
                onClick={onCancel}
              >
                {isCoverLeg(order) ? 'Exit' : 'Cancel'}
              </button>
            </>
          )}
        </td>
      </tr>
      {expanded && (
        <tr>
          <td colSpan={9} className="bg-slate-900 px-4 py-2">
            {expanded === 'history' ? (
              <History order={order} />
            ) : (
              <Modify order={order} onDone={modifyDone} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
