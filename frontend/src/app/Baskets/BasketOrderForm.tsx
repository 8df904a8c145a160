import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, errorBody } from '../../services/api/errors';
import type { Basket, BasketItemRequest } from '../../services/api/types';
import {
  MAX_BASKET_ORDERS,
  useBasketsQuery,
  useChangeBasketMutation,
  useCreateBasketMutation,
} from '../../services/baskets/basketsApi';
import {
  BASKET_ORDER_TYPES,
  BASKET_VALIDITIES,
  BASKET_VARIETIES,
  basketItemRequest,
  basketNameError,
  basketNameRefusal,
  basketOrderOf,
  basketProducts,
  defaultBasketOrder,
  itemFieldError,
  validateBasketOrder,
} from '../../services/baskets/validation';
import type {
  BasketOrderField,
  BasketOrderForm as BasketOrderFormState,
} from '../../services/baskets/validation';
import { useGttLastPrice } from '../../services/gtt/hooks';
import type { TradableInstrument } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import {
  needsPrice,
  needsProtection,
  needsTrigger,
  offeredChoices,
  orderTypeRefusal,
  priceDecimals,
  quantityLabel,
  validityRefusal,
} from '../../services/orders/validation';
import type { Side } from '../../services/orders/validation';
import { useAppDispatch } from '../../store/hooks';
import { FundsNote } from '../Funds/FundsNote';
import { OrderMarginNote } from '../Funds/OrderMarginNote';
import { MarketProtectionField } from '../OrderTicket/MarketProtectionField';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';
import { Choice } from '../common/Choice';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { Field, NumberField } from '../common/Field';
import { RefusableOption } from '../common/RefusableOption';
import { InstrumentBand, InstrumentStep } from '../common/InstrumentForm';
import { inputClass } from '../common/States';
import { formFields } from '../common/fields';
import type { FormFields } from '../common/fields';
import { describeBasketOrder, ordersCount } from './basketText';

interface Props {
  /** The basket the order goes into; without it the form asks which, or for a new basket's name. */
  basket?: Basket;
  /** The place in `basket` of the order to change; without it the order is added at the end. */
  index?: number;
  /** The instrument, when it is known up front (a watchlist row, the order to change); else the form asks. */
  instrument?: TradableInstrument;
  side?: Side;
  /** Fields a new order opens with instead of the defaults (the order ticket's order). */
  initial?: Partial<BasketOrderFormState>;
  onClose: () => void;
}

type OrderFormField = BasketOrderField | 'basket' | 'name';

/** The basket an order goes into when the form asks: one of the user's, or a new one. */
type Target = number | 'new';

const NEW_BASKET = 'new';

/** Where the order goes, when the form was not opened on a basket: the user's baskets, or a new one named here. */
function TargetFields({
  fields,
  baskets,
  loading,
  target,
  name,
  onTarget,
  onName,
}: {
  fields: FormFields<OrderFormField>;
  baskets: Basket[];
  loading: boolean;
  target: Target;
  name: string;
  onTarget: (target: Target) => void;
  onName: (name: string) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-3 px-4 pt-4">
      <div data-testid="basket-order-basket">
        <Field label="Basket" {...fields.field('basket')}>
          <select
            {...fields.control('basket')}
            name="basket"
            className={inputClass}
            disabled={loading}
            value={String(target)}
            onChange={(event) =>
              onTarget(event.target.value === NEW_BASKET ? NEW_BASKET : Number(event.target.value))
            }
          >
            {baskets.map((basket) => (
              <option key={basket.id} value={basket.id}>
                {basket.name} ({ordersCount(basket.items.length)})
              </option>
            ))}
            <option value={NEW_BASKET}>New basket…</option>
          </select>
        </Field>
      </div>
      {target === NEW_BASKET && !loading && (
        <div data-testid="basket-order-new-name">
          <Field label="New basket's name" {...fields.field('name')}>
            <input
              {...fields.control('name')}
              name="name"
              className={inputClass}
              value={name}
              placeholder="e.g. Nifty hedge"
              onChange={(event) => onName(event.target.value)}
            />
          </Field>
        </div>
      )}
    </div>
  );
}

function OrderFields({
  basket: given,
  index,
  instrument,
  side,
  initial,
  onClose,
  onChangeInstrument,
}: Omit<Props, 'instrument' | 'side'> & {
  instrument: TradableInstrument;
  side: Side;
  onChangeInstrument?: () => void;
}) {
  const id = useId();
  const dispatch = useAppDispatch();
  const { lastPrice, live } = useGttLastPrice(instrument);
  const editing = given !== undefined && index !== undefined ? given.items[index] : undefined;
  const [form, setForm] = useState<BasketOrderFormState>(() =>
    offeredChoices(
      editing
        ? basketOrderOf(editing, instrument.lot_size)
        : { ...defaultBasketOrder(instrument.exchange, side), ...initial },
      instrument,
    ),
  );
  // A new LIMIT order's price starts at the last price once one is known, until the price is typed.
  if (!form.priceTyped && form.price === '' && lastPrice !== undefined) {
    setForm({ ...form, price: lastPrice.toFixed(priceDecimals(instrument.exchange)) });
  }
  const [errors, setErrors] = useState<Partial<Record<OrderFormField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const baskets = useBasketsQuery(undefined, { skip: given !== undefined });
  const [chosen, setChosen] = useState<Target | null>(null);
  const [name, setName] = useState('');
  const [create, creating] = useCreateBasketMutation();
  const [change, changing] = useChangeBasketMutation();
  const busy = creating.isLoading || changing.isLoading;

  const list = baskets.data ?? [];
  const target: Target = given?.id ?? chosen ?? list[0]?.id ?? NEW_BASKET;
  const basket = given ?? list.find((candidate) => candidate.id === target);
  const set = (next: Partial<BasketOrderFormState>) =>
    setForm((current) => ({ ...current, ...next }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validateBasketOrder(form, instrument);
    const found: typeof errors = { ...result.errors };
    if (!basket) {
      const problem = basketNameError(name, list);
      if (problem) {
        found.name = problem;
      }
    } else if (!editing && basket.items.length >= MAX_BASKET_ORDERS) {
      found.basket = `${basket.name} holds ${MAX_BASKET_ORDERS} orders already, the most a basket holds.`;
    }
    setErrors(found);
    if (!result.item || Object.keys(found).length > 0) {
      return;
    }
    const items: BasketItemRequest[] = basket ? basket.items.map(basketItemRequest) : [];
    const at = editing && index !== undefined ? index : items.length;
    items[at] = result.item;
    const response = basket
      ? await change({ id: basket.id, change: { name: basket.name, items } })
      : await create({ name: name.trim(), items });
    if ('error' in response) {
      const body = errorBody(response.error);
      const field = body ? itemFieldError(body.message, at) : null;
      const refusedName = basket ? null : basketNameRefusal(response.error);
      if (field) {
        setErrors({ [field.field]: field.text });
      } else if (refusedName) {
        setErrors({ name: refusedName });
      } else {
        setFailure(describeError(response.error));
      }
      return;
    }
    const saved = response.data;
    if (!given) {
      dispatch(
        noticesActions.announced({
          id: `basket:${saved.id}:${saved.items.length}`,
          title: `Added to the basket ${saved.name}`,
          detail: `${describeBasketOrder(result.item)}; the basket holds ${ordersCount(saved.items.length)}.`,
        }),
      );
    }
    onClose();
  };

  const buy = form.side === 'BUY';
  const fields = formFields<OrderFormField>(id, errors);
  const priced = needsPrice(form.order_type);
  const triggered = needsTrigger(form.order_type);
  const protectedOrder = needsProtection(form.order_type);
  const draft = validateBasketOrder(form, instrument).order;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <InstrumentBand
        instrument={instrument}
        lastPrice={lastPrice}
        live={live}
        ltpTestId="basket-order-ltp"
        className={buy ? 'bg-sky-900/70' : 'bg-orange-900/70'}
        details={
          <>
            · tick {instrument.tick_size} · lot {instrument.lot_size}
          </>
        }
        onChangeInstrument={onChangeInstrument}
      >
        <div data-testid="basket-order-side">
          <Choice<Side>
            label="Side"
            value={form.side}
            options={[
              { value: 'BUY', text: 'BUY' },
              { value: 'SELL', text: 'SELL' },
            ]}
            onChange={(value) => set({ side: value })}
          />
        </div>
      </InstrumentBand>
      {!given && (
        <TargetFields
          fields={fields}
          baskets={list}
          loading={baskets.isLoading}
          target={target}
          name={name}
          onTarget={setChosen}
          onName={setName}
        />
      )}
      <div className="grid grid-cols-3 gap-3 p-4">
        <div data-testid="basket-order-quantity">
          <NumberField
            fields={fields}
            name="lots"
            label={quantityLabel(instrument.lot_size)}
            kind="whole"
            autoFocus
            value={form.lots}
            onChange={(lots) => set({ lots })}
          />
        </div>
        <div data-testid="basket-order-type">
          <Field label="Order type" {...fields.field('order_type')}>
            <select
              {...fields.control('order_type')}
              name="order_type"
              className={inputClass}
              value={form.order_type}
              onChange={(event) =>
                set({ order_type: event.target.value as BasketOrderFormState['order_type'] })
              }
            >
              {BASKET_ORDER_TYPES.map((value) => (
                <RefusableOption
                  key={value}
                  value={value}
                  refusal={orderTypeRefusal(value, instrument)}
                />
              ))}
            </select>
          </Field>
        </div>
        <div data-testid="basket-order-product">
          <Field label="Product" {...fields.field('product')}>
            <select
              {...fields.control('product')}
              name="product"
              className={inputClass}
              value={form.product}
              onChange={(event) => set({ product: event.target.value })}
            >
              {basketProducts(instrument.exchange).map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </Field>
        </div>
        <div data-testid="basket-order-price">
          {priced ? (
            <NumberField
              fields={fields}
              name="price"
              label="Price"
              kind="decimal"
              value={form.price}
              onChange={(price) => set({ price, priceTyped: true })}
            />
          ) : (
            <Field label="Price" errorId={`${fields.fieldId('price')}-error`}>
              <span className="py-1 text-sm text-slate-300">at market</span>
            </Field>
          )}
        </div>
        <div data-testid="basket-order-trigger">
          {triggered ? (
            <NumberField
              fields={fields}
              name="trigger_price"
              label="Trigger price"
              kind="decimal"
              value={form.trigger_price}
              onChange={(trigger_price) => set({ trigger_price })}
            />
          ) : (
            <Field label="Trigger price" errorId={`${fields.fieldId('trigger_price')}-error`}>
              <span className="py-1 text-sm text-slate-500">none</span>
            </Field>
          )}
        </div>
        {protectedOrder && (
          <div data-testid="basket-order-protection">
            <MarketProtectionField
              value={form.market_protection}
              error={errors.market_protection}
              onChange={(market_protection) => set({ market_protection })}
            />
          </div>
        )}
        <div className="grid grid-cols-2 gap-2">
          <Field label="Variety" {...fields.field('variety')}>
            <select
              {...fields.control('variety')}
              name="variety"
              className={inputClass}
              value={form.variety}
              onChange={(event) =>
                set({ variety: event.target.value as BasketOrderFormState['variety'] })
              }
            >
              {BASKET_VARIETIES.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </Field>
          <Field label="Validity" {...fields.field('validity')}>
            <select
              {...fields.control('validity')}
              name="validity"
              className={inputClass}
              value={form.validity}
              onChange={(event) =>
                set({ validity: event.target.value as BasketOrderFormState['validity'] })
              }
            >
              {BASKET_VALIDITIES.map((value) => (
                <RefusableOption
                  key={value}
                  value={value}
                  refusal={validityRefusal(value, instrument)}
                />
              ))}
            </select>
          </Field>
        </div>
      </div>
      <div className="mx-4 mb-2 flex flex-col">
        <OrderMarginNote order={draft} />
        <FundsNote exchange={instrument.exchange} />
      </div>
      {failure && <DialogError>{failure}</DialogError>}
      <DialogFooter onClose={onClose}>
        <button
          type="submit"
          data-testid="basket-order-submit"
          disabled={busy || (!given && baskets.isLoading)}
          className={`rounded px-4 py-1 text-sm font-medium text-white disabled:opacity-50 ${buy ? 'bg-sky-600 hover:bg-sky-500' : 'bg-orange-600 hover:bg-orange-500'}`}
        >
          {busy ? 'Saving…' : editing ? 'Save' : 'Add to basket'}
        </button>
      </DialogFooter>
    </form>
  );
}

/** The title of the order form: adding to a named basket, to one chosen in the form, or changing an order. */
function formTitle(basket: Basket | undefined, index: number | undefined): string {
  if (!basket) {
    return 'Add to basket';
  }
  return index === undefined
    ? `Add order to ${basket.name}`
    : `Edit order ${index + 1} of ${basket.name}`;
}

/**
 * One order of a basket, as the order ticket has its fields (side, quantity in lots, order type, product, price,
 * trigger price, market protection, variety, validity), checked beside each field before it is saved with the basket's
 * other orders.
 * New, it asks for the instrument unless one is given; changing an order, the instrument is the order's.
 */
export function BasketOrderForm({
  basket,
  index,
  instrument: given,
  side = 'BUY',
  initial,
  onClose,
}: Props) {
  const [instrument, setInstrument] = useState<TradableInstrument | null>(given ?? null);
  const title = formTitle(basket, index);
  return (
    <Dialog label={title} onClose={onClose}>
      <DialogHeader title={title}>
        <p className="text-xs text-slate-300">
          Saved with the basket; nothing is sent to the broker until the basket is placed.
        </p>
      </DialogHeader>
      {instrument ? (
        <OrderFields
          key={instrument.instrument_token}
          basket={basket}
          index={index}
          instrument={instrument}
          side={side}
          initial={initial}
          onClose={onClose}
          onChangeInstrument={index === undefined && !given ? () => setInstrument(null) : undefined}
        />
      ) : (
        <div data-testid="basket-order-instrument">
          <InstrumentStep
            placeholder="Search an instrument (e.g. INFY)"
            button={(found) =>
              found.segment === INDEX_SEGMENT
                ? { text: 'Select', disabled: true, title: 'An index has no orders' }
                : { text: 'Select' }
            }
            onPick={setInstrument}
            onClose={onClose}
          />
        </div>
      )}
    </Dialog>
  );
}
