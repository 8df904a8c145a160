import { useCallback, useMemo, useState } from 'react';
import { useAccountArg } from '../../services/accounts/hooks';
import { describeError } from '../../services/api/errors';
import type {
  Basket,
  BasketItem,
  BasketItemRequest,
  BasketPlacement,
  OrderMargin,
} from '../../services/api/types';
import {
  MAX_BASKET_ORDERS,
  useBasketsQuery,
  useChangeBasketMutation,
  useDeleteBasketMutation,
} from '../../services/baskets/basketsApi';
import { basketFunds, useBasketLastPrices, useBasketMargin } from '../../services/baskets/hooks';
import { AUTO_PROTECTION, basketItemRequest, moved } from '../../services/baskets/validation';
import { FUNDS_POLL_MS, useFundsQuery } from '../../services/funds/fundsApi';
import { LIVE_DOWN_REASON, useFindInstrument, useLiveDown } from '../../services/market/hooks';
import type { TradableInstrument } from '../../services/market/hooks';
import { rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { ColumnHeads, DeleteButton, ListState } from '../common/List';
import type { ListColumn } from '../common/List';
import {
  ErrorNote,
  Page,
  buttonClass,
  tableClass,
  tableScrollClass,
  tdClass,
} from '../common/States';
import { formatDateTime, formatMoney, formatPrice, formatQty } from '../common/format';
import { BasketMarginPanel } from './BasketMarginPanel';
import { BasketNameForm } from './BasketNameForm';
import { BasketOrderForm } from './BasketOrderForm';
import { PlaceBasketDialog, PlacementResult } from './PlaceBasket';
import { deleteBasketQuestion, ordersCount, protectionText } from './basketText';

const LIST_COLUMNS: ListColumn[] = [
  { text: 'Name' },
  { text: 'Orders', right: true },
  { text: 'Updated' },
];

const ORDER_COLUMNS = [
  { text: '#', right: true },
  { text: 'Instrument' },
  { text: 'Side' },
  { text: 'Quantity', right: true },
  { text: 'Product' },
  { text: 'Type' },
  { text: 'Price', right: true },
  { text: 'Trigger', right: true },
  { text: 'LTP', right: true },
  { text: 'Margin', right: true },
];

function Empty() {
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-400">
      <p>No baskets.</p>
      <p>
        Make one with <strong className="text-slate-200">New basket</strong> above, or add an
        instrument to one from its watchlist row: a basket holds up to {MAX_BASKET_ORDERS} orders
        that the broker prices together (legs that hedge each other need less margin) and that are
        placed in one go.
      </p>
    </div>
  );
}

function BasketRow({
  basket,
  selected,
  onSelect,
  onDelete,
}: {
  basket: Basket;
  selected: boolean;
  onSelect: (basket: Basket) => void;
  onDelete: (basket: Basket) => void;
}) {
  return (
    <tr
      data-testid={`basket-${basket.id}`}
      className={`border-b border-slate-800/70 ${selected ? 'bg-slate-800' : 'hover:bg-slate-900'}`}
    >
      <td className={tdClass}>
        <button
          type="button"
          aria-current={selected ? 'true' : undefined}
          className="text-left font-medium text-slate-100 hover:text-white"
          onClick={() => onSelect(basket)}
        >
          {basket.name}
        </button>
      </td>
      <td className={`${tdClass} num text-right`}>{basket.items.length}</td>
      <td className={`${tdClass} num text-xs text-slate-400`}>
        {formatDateTime(basket.updated_at)}
      </td>
      <td className={`${tdClass} text-right`}>
        <DeleteButton label={`Delete basket ${basket.name}`} onClick={() => onDelete(basket)} />
      </td>
    </tr>
  );
}

/** One order of the selected basket, with its instrument's last price and its own margin when known. */
function OrderRow({
  item,
  index,
  count,
  lastPrice,
  live,
  margin,
  disabled,
  onMove,
  onEdit,
  onRemove,
}: {
  item: BasketItem;
  index: number;
  count: number;
  lastPrice: number | undefined;
  live: boolean;
  margin: OrderMargin | undefined;
  disabled: boolean;
  onMove: (index: number, by: -1 | 1) => void;
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
}) {
  const n = index + 1;
  const buy = item.transaction_type === 'BUY';
  const protection = protectionText(item.market_protection);
  return (
    <tr data-testid={`basket-item-${index}`} className="border-b border-slate-800/70">
      <td className={`${tdClass} num text-right text-slate-500`}>{n}</td>
      <td className={tdClass}>
        <span className="font-medium">{item.tradingsymbol}</span>{' '}
        <span className="text-xs text-slate-500">{item.exchange}</span>
        {item.variety === 'amo' && (
          <span className="ml-1 rounded bg-slate-700 px-1 text-xs uppercase text-slate-200">
            amo
          </span>
        )}
      </td>
      <td className={`${tdClass} ${buy ? 'text-sky-300' : 'text-orange-300'}`}>
        {item.transaction_type}
      </td>
      <td className={`${tdClass} num text-right`}>{formatQty(item.quantity)}</td>
      <td className={tdClass}>{item.product}</td>
      <td className={tdClass}>
        {item.order_type}
        {item.validity !== 'DAY' && (
          <span className="ml-1 text-xs text-slate-500">{item.validity}</span>
        )}
        {protection && (
          <span
            className="ml-1 text-xs text-slate-500"
            title={
              item.market_protection === AUTO_PROTECTION
                ? "Market protection: the broker's automatic"
                : `Market protection: not filled beyond ${item.market_protection}% of the last price`
            }
          >
            {protection}
          </span>
        )}
      </td>
      <td className={`${tdClass} num text-right`}>
        {item.price === null ? 'market' : formatPrice(item.price, item.exchange)}
      </td>
      <td className={`${tdClass} num text-right`}>
        {item.trigger_price === null ? '' : formatPrice(item.trigger_price, item.exchange)}
      </td>
      <td
        className={`${tdClass} num text-right`}
        title={live ? 'Live: the latest market price' : 'From a quote, read every few seconds'}
      >
        {formatPrice(lastPrice, item.exchange)}
      </td>
      <td
        data-testid="basket-item-margin"
        className={`${tdClass} num text-right`}
        title="This order's own margin; the panel's Required is what they need together"
      >
        {formatMoney(margin?.total)}
      </td>
      <td className={`${tdClass} text-right`}>
        {/* Where the column is narrow, Edit and Remove go below the arrows rather than widening the table. */}
        <div data-testid="basket-item-actions" className="flex flex-wrap justify-end gap-1">
          <button
            type="button"
            aria-label={`Move order ${n} up`}
            className={rowButtonClass}
            disabled={disabled || index === 0}
            onClick={() => onMove(index, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move order ${n} down`}
            className={rowButtonClass}
            disabled={disabled || index === count - 1}
            onClick={() => onMove(index, 1)}
          >
            ↓
          </button>
          <button
            type="button"
            aria-label={`Edit order ${n}`}
            className={rowButtonClass}
            disabled={disabled}
            onClick={() => onEdit(index)}
          >
            Edit
          </button>
          <button
            type="button"
            aria-label={`Remove order ${n}`}
            className="rounded px-2 text-xs text-rose-300 hover:bg-slate-800 hover:text-white disabled:opacity-40"
            disabled={disabled}
            onClick={() => onRemove(index)}
          >
            Remove
          </button>
        </div>
      </td>
    </tr>
  );
}

/**
 * The selected basket: its orders, changed here and saved at once (every change sends the whole list), the margin
 * they need together, and Place all.
 */
function BasketView({
  basket,
  onRename,
  onPlaced,
}: {
  basket: Basket;
  onRename: (basket: Basket) => void;
  onPlaced: (placement: BasketPlacement) => void;
}) {
  const [change, changing] = useChangeBasketMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const [form, setForm] = useState<{
    index?: number;
    instrument?: TradableInstrument;
    key: number;
  } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [considerPositions, setConsiderPositions] = useState(true);
  const find = useFindInstrument();
  const liveDown = useLiveDown();
  const { data: funds } = useFundsQuery(useAccountArg(), { pollingInterval: FUNDS_POLL_MS });
  const requests = useMemo(() => basket.items.map(basketItemRequest), [basket.items]);
  const margin = useBasketMargin(requests, considerPositions);
  const prices = useBasketLastPrices(basket.items);
  const closeForm = useCallback(() => setForm(null), []);
  const closeConfirm = useCallback(() => setConfirming(false), []);

  // Per-order margins line up with the orders only when they answer these very orders.
  const orderMargins =
    margin.currentData && !margin.moved && margin.currentData.orders.length === basket.items.length
      ? margin.currentData.orders
      : [];
  const required = margin.currentData && !margin.moved ? margin.currentData.final.total : undefined;
  const available = margin.currentData
    ? basketFunds(funds, margin.currentData.account_id, basket.items)?.net
    : undefined;

  const save = async (items: BasketItemRequest[]) => {
    setProblem(null);
    const response = await change({ id: basket.id, change: { name: basket.name, items } });
    if ('error' in response) {
      setProblem(`The change was not saved: ${describeError(response.error)}`);
    }
  };

  const edit = async (index: number) => {
    setProblem(null);
    const item = basket.items[index];
    if (!item) {
      return;
    }
    const found = await find(item);
    if (!found) {
      setProblem(
        `Could not edit order ${index + 1}: the gateway does not know ${item.tradingsymbol} ` +
          '(its lot and tick size).',
      );
      return;
    }
    setForm({ index, instrument: found, key: Date.now() });
  };

  const count = basket.items.length;
  const full = count >= MAX_BASKET_ORDERS;
  return (
    <section
      aria-label={`Basket ${basket.name}`}
      data-testid="basket-view"
      className="flex flex-col gap-3"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-100">{basket.name}</h2>
          <p className="text-xs text-slate-400">
            {ordersCount(count)} of at most {MAX_BASKET_ORDERS}
            {changing.isLoading && <span role="status"> · saving…</span>}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <button
            type="button"
            className={buttonClass}
            data-testid="basket-rename"
            onClick={() => onRename(basket)}
          >
            Rename
          </button>
          <button
            type="button"
            className={buttonClass}
            data-testid="basket-add-order"
            disabled={full || changing.isLoading}
            title={full ? `A basket holds at most ${MAX_BASKET_ORDERS} orders` : undefined}
            onClick={() => {
              setProblem(null);
              setForm({ key: Date.now() });
            }}
          >
            Add order
          </button>
          <button
            type="button"
            data-testid="basket-place-all"
            className="rounded bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
            disabled={count === 0 || liveDown || changing.isLoading}
            title={
              liveDown
                ? `${LIVE_DOWN_REASON}; ordering is paused`
                : count === 0
                  ? 'Add orders first'
                  : undefined
            }
            onClick={() => setConfirming(true)}
          >
            Place all
          </button>
        </div>
      </header>
      {problem && <ErrorNote>{problem}</ErrorNote>}
      {count === 0 ? (
        <p className="text-sm text-slate-400">
          No orders yet: <strong className="text-slate-200">Add order</strong> picks an instrument
          and the order&apos;s side, quantity, product, type and price.
        </p>
      ) : (
        <div className={tableScrollClass}>
          <table className={tableClass} aria-label={`Orders of ${basket.name}`}>
            <ColumnHeads columns={ORDER_COLUMNS} />
            <tbody>
              {basket.items.map((item, index) => (
                <OrderRow
                  key={`${index}-${item.instrument_token}`}
                  item={item}
                  index={index}
                  count={count}
                  lastPrice={prices[index]?.lastPrice}
                  live={prices[index]?.live ?? false}
                  margin={orderMargins[index]}
                  disabled={changing.isLoading}
                  onMove={(from, by) => void save(moved(requests, from, from + by))}
                  onEdit={(at) => void edit(at)}
                  onRemove={(at) => void save(requests.filter((_item, other) => other !== at))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BasketMarginPanel
        items={requests}
        margin={margin}
        considerPositions={considerPositions}
        onConsiderPositions={setConsiderPositions}
      />
      {form && (
        <BasketOrderForm
          key={form.key}
          basket={basket}
          index={form.index}
          instrument={form.instrument}
          onClose={closeForm}
        />
      )}
      {confirming && (
        <PlaceBasketDialog
          basket={basket}
          required={required}
          available={available}
          onPlaced={onPlaced}
          onClose={closeConfirm}
        />
      )}
    </section>
  );
}

/**
 * Kite's baskets: named lists of up to 20 orders the user keeps, priced together by the broker's basket calculator
 * (legs that hedge each other need less margin than their sum) and placed in one go, buys first.
 */
export function BasketsPage() {
  const query = useBasketsQuery(undefined, { refetchOnMountOrArgChange: true });
  const baskets = useMemo(() => query.data ?? [], [query.data]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [nameForm, setNameForm] = useState<{ basket?: Basket; key: number } | null>(null);
  const [placed, setPlaced] = useState<{ name: string; placement: BasketPlacement } | null>(null);
  const [remove, removal] = useDeleteBasketMutation();
  const closeNameForm = useCallback(() => setNameForm(null), []);

  const selected = baskets.find((basket) => basket.id === chosen) ?? baskets[0];

  const onDelete = (basket: Basket) => {
    if (window.confirm(deleteBasketQuestion(basket))) {
      void remove(basket.id);
    }
  };

  return (
    <Page
      title="Baskets"
      actions={
        <button
          type="button"
          className={buttonClass}
          data-testid="basket-new"
          onClick={() => setNameForm({ key: Date.now() })}
        >
          New basket
        </button>
      }
    >
      {removal.error && <ErrorNote>{describeError(removal.error)}</ErrorNote>}
      {placed && (
        <PlacementResult
          name={placed.name}
          placement={placed.placement}
          onDismiss={() => setPlaced(null)}
        />
      )}
      <div
        data-testid="baskets-layout"
        className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,3fr)]"
      >
        <div className="flex flex-col gap-2">
          <ListState
            what="Baskets"
            items="baskets"
            isLoading={query.isLoading}
            error={query.error}
            data={query.data}
            columns={LIST_COLUMNS}
            rows={baskets}
            row={(basket) => (
              <BasketRow
                key={basket.id}
                basket={basket}
                selected={basket.id === selected?.id}
                onSelect={(picked) => setChosen(picked.id)}
                onDelete={onDelete}
              />
            )}
            empty={<Empty />}
          />
        </div>
        {selected && (
          <BasketView
            key={selected.id}
            basket={selected}
            onRename={(basket) => setNameForm({ basket, key: Date.now() })}
            onPlaced={(placement) => setPlaced({ name: selected.name, placement })}
          />
        )}
      </div>
      {nameForm && (
        <BasketNameForm
          key={nameForm.key}
          basket={nameForm.basket}
          baskets={baskets}
          onSaved={(basket) => setChosen(basket.id)}
          onClose={closeNameForm}
        />
      )}
    </Page>
  );
}
