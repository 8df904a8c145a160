import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import { useAccountArg, useActiveAccount } from '../../services/accounts/hooks';
import { withAccount } from '../../services/accounts/request';
import { describeError, errorBody, errorStatus } from '../../services/api/errors';
import { useHasRole } from '../../services/auth/hooks';
import { BASKET_VALIDITIES, BASKET_VARIETIES } from '../../services/baskets/validation';
import type { BasketOrderForm as BasketOrderFormState } from '../../services/baskets/validation';
import { useHoldingsAuctionsQuery } from '../../services/holdings/holdingsApi';
import {
  LIVE_DOWN_REASON,
  useFreezeQuantity,
  useLiveDown,
  useLiveInstrument,
} from '../../services/market/hooks';
import type { PlaceOrder, SlicedOrder } from '../../services/api/types';
import {
  aboveMostText,
  autosliceRefusal,
  belowLotText,
  describeSlices,
  slicedOutcome,
  takesAutoslice,
} from '../../services/orders/autoslice';
import {
  usePlaceOrderMutation,
  usePlaceSlicedOrderMutation,
} from '../../services/orders/ordersApi';
import { noticesActions } from '../../services/notices/noticesSlice';
import { useAppDispatch } from '../../store/hooks';
import {
  ORDER_TYPES,
  PRODUCTS,
  VALIDITIES,
  VARIETIES,
  defaultTicket,
  isDerivativeExchange,
  needsPrice,
  needsProtection,
  needsTrigger,
  offeredChoices,
  orderTypeRefusal,
  quantityInLots,
  quantityLabel,
  serverFieldError,
  ticketFreezeExcess,
  validateTicket,
  validityRefusal,
  varietyRefusal,
} from '../../services/orders/validation';
import type {
  Side,
  TicketErrors,
  TicketForm,
  TicketInstrument,
} from '../../services/orders/validation';
import { BasketOrderForm } from '../Baskets/BasketOrderForm';
import { FundsNote } from '../Funds/FundsNote';
import { OrderMarginNote } from '../Funds/OrderMarginNote';
import { MarketProtectionField } from './MarketProtectionField';
import { RefusableOption } from '../common/RefusableOption';
import { formatPrice, formatQty } from '../common/format';
import { inputClass } from '../common/States';
import { trapTab } from '../common/modalFocus';
import { takesLetters } from './ticketContext';
import type { TicketPreset, TicketTarget } from './ticketContext';

/** Kite's variety names, with what the short ones stand for. */
const VARIETY_LABELS: Partial<Record<string, string>> = {
  amo: 'amo (after market)',
  co: 'co (cover)',
};

type NumberField =
  | 'lots'
  | 'price'
  | 'trigger_price'
  | 'validity_ttl'
  | 'disclosed_lots'
  | 'iceberg_legs'
  | 'auction_number';

interface Props {
  side: Side;
  target: TicketTarget;
  /** Fields to open with instead of the defaults, and a note saying why. */
  preset?: TicketPreset;
  onClose: () => void;
}

function Field({
  label,
  error,
  name,
  children,
}: {
  label: string;
  error?: string;
  name: string;
  children: ReactNode;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-400">
      {label}
      {children}
      {error && (
        <span id={`${name}-error`} className="text-rose-300" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/**
 * The numbers of the auctions open now that may buy the instrument from the active account's holdings; empty
 * until the gateway answers, and when it lists none or cannot list them (then the number is typed).
 */
function useAuctionNumbers(
  instrumentToken: number,
  wanted: boolean,
): { numbers: string[]; isFetching: boolean; problem: string | null } {
  const query = useHoldingsAuctionsQuery(useAccountArg(), {
    skip: !wanted,
    refetchOnMountOrArgChange: true,
  });
  const numbers = [
    ...new Set(
      (query.data ?? [])
        .filter((holding) => holding.instrument_token === instrumentToken)
        .map((holding) => holding.auction_number ?? '')
        .filter((number) => number !== ''),
    ),
  ];
  return {
    numbers,
    isFetching: query.isFetching,
    problem: query.error ? describeError(query.error) : null,
  };
}

/**
 * The ticket's order as the basket form opens with it, or why a basket cannot hold it: baskets hold regular
 * and amo orders valid for the day or IOC.
 */
function basketOrder(shown: TicketForm): Partial<BasketOrderFormState> | string {
  const variety = BASKET_VARIETIES.find((value) => value === shown.variety);
  const validity = BASKET_VALIDITIES.find((value) => value === shown.validity);
  if (!variety) {
    return `A basket holds ${BASKET_VARIETIES.join(' and ')} orders, not ${shown.variety}.`;
  }
  if (!validity) {
    return `A basket holds orders valid ${BASKET_VALIDITIES.join(' or ')}, not ${shown.validity}.`;
  }
  return {
    side: shown.transaction_type,
    order_type: shown.order_type,
    product: shown.product,
    lots: shown.lots,
    price: shown.price,
    trigger_price: shown.trigger_price,
    variety,
    validity,
    market_protection: shown.market_protection,
    priceTyped: shown.price !== '',
  };
}

/**
 * Kite's order fields, checked before sending; refusals show in the ticket (risk rejects with the gateway's reason).
 * Once the gateway accepts the order the ticket closes, so that one more click cannot send it again; a notice says it
 * was sent and follows it through the live order updates.
 */
export function OrderTicket({ side, target, preset, onClose }: Props) {
  const live = useLiveInstrument(target.instrument_token);
  const [form, setForm] = useState<TicketForm>(() =>
    offeredChoices(
      {
        ...defaultTicket(target.exchange, target.tradingsymbol, side, live?.last_price),
        ...preset?.fields,
      },
      target,
    ),
  );
  const [errors, setErrors] = useState<TicketErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const liveDown = useLiveDown();
  const account = useActiveAccount();
  const [placeWhole, { isLoading: placingWhole }] = usePlaceOrderMutation();
  const [placeSliced, { isLoading: placingSliced }] = usePlaceSlicedOrderMutation();
  const isLoading = placingWhole || placingSliced;
  // The watchlists keep no freeze quantity: the ticket looks it up where its opener did not give it.
  const freezeQuantity = useFreezeQuantity(target);
  const instrument: TicketInstrument = { ...target, freeze_quantity: freezeQuantity };
  const dispatch = useAppDispatch();
  const dialog = useRef<HTMLDivElement>(null);
  const trader = useHasRole('trader');
  // The basket form takes the ticket's place; it closes the ticket once it is saved or closed itself.
  const [basketing, setBasketing] = useState<Partial<BasketOrderFormState> | null>(null);

  useEffect(() => {
    // The basket form has the keys while it is open, Escape included.
    if (basketing) {
      return;
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
        return;
      }
      // The ticket opens with the quantity focused: B and S still switch the side there, as no number holds
      // them; only the free-text tag keeps them.
      if (takesLetters(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      const key = event.key.toLowerCase();
      if (key === 'b' || key === 's') {
        event.preventDefault();
        setForm((current) => ({ ...current, transaction_type: key === 'b' ? 'BUY' : 'SELL' }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, basketing]);

  useEffect(() => {
    // Selected, so the quantity typed replaces the default of one lot.
    const lots = dialog.current?.querySelector<HTMLInputElement>('input[name="lots"]');
    lots?.focus();
    lots?.select();
  }, []);

  // A field changed is checked again on the next submit: its old message goes as it is edited.
  const set = <K extends keyof TicketForm>(key: K, value: TicketForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) =>
      current[key] === undefined ? current : { ...current, [key]: undefined },
    );
  };
  // A cover order is MIS: choosing it switches the product, and leaving it gives back the product chosen before
  // (unless one was chosen meanwhile).
  const [productBeforeCover, setProductBeforeCover] = useState<TicketForm['product'] | null>(null);
  const setVariety = (variety: TicketForm['variety']) => {
    if (variety === form.variety) {
      return;
    }
    if (variety === 'co') {
      setProductBeforeCover(form.product);
      setForm((current) => ({ ...current, variety, product: 'MIS' }));
      return;
    }
    setProductBeforeCover(null);
    setForm((current) => ({
      ...current,
      variety,
      product:
        current.variety === 'co' && productBeforeCover ? productBeforeCover : current.product,
    }));
  };
  const setProduct = (product: TicketForm['product']) => {
    setProductBeforeCover(null);
    set('product', product);
  };
  // A number field keeps the text as typed: validation says what is wrong, and nothing is sent while it is.
  const setNumber = (key: NumberField, text: string) => set(key, text);

  const priced = needsPrice(form.order_type);
  const triggered = needsTrigger(form.order_type, form.variety);
  const auction = form.variety === 'auction';
  const auctions = useAuctionNumbers(target.instrument_token, auction);
  // The select shows the first auction until one is picked, so that is the number sent.
  const auctionNumber =
    auctions.numbers.length > 0 && !auctions.numbers.includes(form.auction_number)
      ? (auctions.numbers[0] ?? '')
      : form.auction_number;

  // Fields the chosen order type does not use are shown empty, so they are sent empty too.
  const shown: TicketForm = {
    ...form,
    price: priced ? form.price : '',
    trigger_price: triggered ? form.trigger_price : '',
    auction_number: auction ? auctionNumber : '',
  };
  const draft = validateTicket(shown, instrument).request;
  // Above the most one order may carry (the exchange's freeze quantity): a regular or amo order may go autosliced.
  const excess = ticketFreezeExcess(shown, instrument);
  const sliceable = excess !== null && excess.most > 0 && takesAutoslice(form.variety);

  // Refused whole: a risk reject with the engine's reason, a field the gateway names, or what went wrong.
  const refused = (error: FetchBaseQueryError | SerializedError | undefined) => {
    const status = errorStatus(error);
    const body = errorBody(error);
    const fieldError = status === 400 && body ? serverFieldError(body.message) : null;
    if (status === 422 && body) {
      setFailure(`Not placed: ${body.message.replace(/^rejected by the engine:\s*/i, '')}`);
    } else if (fieldError) {
      setErrors({ [fieldError.field]: fieldError.text });
    } else {
      setFailure(describeError(error));
    }
  };

  // The engine took at least one of the orders an autoslice placed. All of them: the ticket closes, and a notice
  // says so. Some refused: the ticket stays, says why, and keeps only the quantity refused, so that sending it again
  // places no order twice.
  const placedSliced = (sliced: SlicedOrder, order: PlaceOrder) => {
    const [only] = sliced.orders;
    if (sliced.orders.length === 1 && only?.client_order_id) {
      const ack = {
        account_id: sliced.account_id,
        client_order_id: only.client_order_id,
        order_id: only.order_id,
        status: only.status ?? 'PENDING',
      };
      dispatch(noticesActions.sent({ ack, order }));
      onClose();
      return;
    }
    const outcome = slicedOutcome(sliced.orders);
    if (outcome.complete) {
      const first = sliced.orders[0]?.client_order_id ?? 0;
      dispatch(
        noticesActions.announced({
          id: `autoslice:${sliced.account_id}:${first}`,
          title: `${outcome.text}: ${order.transaction_type} ${formatQty(order.quantity)} ${order.tradingsymbol}`,
          detail: describeSlices(sliced.orders.map((slice) => slice.quantity)),
        }),
      );
      onClose();
      return;
    }
    set('lots', quantityInLots(outcome.refusedQuantity, target.lot_size));
    setFailure(
      `${outcome.text}. The quantity is now the ${formatQty(outcome.refusedQuantity)} not placed.`,
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (liveDown) {
      return;
    }
    setFailure(null);
    const result = validateTicket(shown, instrument);
    setErrors(result.errors);
    if (!result.request) {
      return;
    }
    const order = withAccount(result.request, account);
    if (order.autoslice) {
      const response = await placeSliced(order);
      if ('data' in response && response.data) {
        placedSliced(response.data, result.request);
      } else {
        refused(response.error);
      }
      return;
    }
    const response = await placeWhole(order);
    if ('data' in response && response.data) {
      dispatch(noticesActions.sent({ ack: response.data, order: result.request }));
      onClose();
      return;
    }
    refused(response.error);
  };

  const buy = form.transaction_type === 'BUY';
  const derivative = isDerivativeExchange(target.exchange);
  const describedBy = (name: keyof TicketForm) => (errors[name] ? `${name}-error` : undefined);
  const forBasket = basketOrder(shown);

  if (basketing) {
    return <BasketOrderForm instrument={target} initial={basketing} onClose={onClose} />;
  }

  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center bg-black/60 p-4 sm:items-center">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-label={`${form.transaction_type} ${target.tradingsymbol}`}
        onKeyDown={trapTab}
        className={`w-full max-w-lg rounded-lg border bg-slate-900 shadow-xl ${buy ? 'border-sky-600' : 'border-orange-600'}`}
      >
        <form onSubmit={(event) => void submit(event)} noValidate>
          <header
            className={`flex items-center justify-between rounded-t-lg px-4 py-2 ${buy ? 'bg-sky-800' : 'bg-orange-800'}`}
          >
            <div>
              <h2 className="font-semibold text-white">
                {form.transaction_type} {target.tradingsymbol}
                <span className="ml-2 text-xs text-slate-200">{target.exchange}</span>
              </h2>
              <p className="num text-xs text-slate-200">
                LTP {live ? formatPrice(live.last_price, target.exchange) : '–'} · tick{' '}
                {target.tick_size} · lot {target.lot_size}
              </p>
            </div>
            <div className="flex gap-1" role="radiogroup" aria-label="Side">
              {(['BUY', 'SELL'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  role="radio"
                  aria-checked={form.transaction_type === value}
                  onClick={() => set('transaction_type', value)}
                  className={`rounded px-2 py-0.5 text-xs ${form.transaction_type === value ? 'bg-white text-slate-900' : 'bg-black/30 text-white'}`}
                >
                  {value}
                </button>
              ))}
            </div>
          </header>
          {preset?.note && (
            <p className="mx-4 mt-3 rounded bg-slate-800 p-2 text-sm text-slate-200">
              {preset.note}
            </p>
          )}
          <div className="grid grid-cols-2 gap-3 p-4 sm:grid-cols-3">
            <Field label="Variety" name="variety" error={errors.variety}>
              <select
                className={inputClass}
                value={form.variety}
                onChange={(event) => setVariety(event.target.value as TicketForm['variety'])}
              >
                {VARIETIES.map((value) => (
                  <RefusableOption
                    key={value}
                    value={value}
                    label={VARIETY_LABELS[value] ?? value}
                    refusal={varietyRefusal(value, target)}
                  />
                ))}
              </select>
            </Field>
            <Field label="Order type" name="order_type" error={errors.order_type}>
              <select
                className={inputClass}
                value={form.order_type}
                onChange={(event) =>
                  set('order_type', event.target.value as TicketForm['order_type'])
                }
              >
                {ORDER_TYPES.map((value) => (
                  <RefusableOption
                    key={value}
                    value={value}
                    refusal={orderTypeRefusal(value, target)}
                  />
                ))}
              </select>
            </Field>
            <Field label="Product" name="product" error={errors.product}>
              <select
                className={inputClass}
                value={form.product}
                aria-invalid={Boolean(errors.product)}
                onChange={(event) => setProduct(event.target.value as TicketForm['product'])}
              >
                {PRODUCTS.map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
            </Field>
            <Field label={quantityLabel(target.lot_size)} name="lots" error={errors.lots}>
              <input
                name="lots"
                className={inputClass}
                inputMode="numeric"
                value={form.lots}
                aria-invalid={Boolean(errors.lots)}
                aria-describedby={describedBy('lots')}
                onChange={(event) => setNumber('lots', event.target.value)}
              />
            </Field>
            <Field label="Price" name="price" error={errors.price}>
              <input
                name="price"
                className={inputClass}
                inputMode="decimal"
                value={priced ? form.price : ''}
                disabled={!priced}
                aria-invalid={Boolean(errors.price)}
                aria-describedby={describedBy('price')}
                onChange={(event) => setNumber('price', event.target.value)}
              />
            </Field>
            <Field label="Trigger price" name="trigger_price" error={errors.trigger_price}>
              <input
                name="trigger_price"
                className={inputClass}
                inputMode="decimal"
                value={triggered ? form.trigger_price : ''}
                disabled={!triggered}
                aria-invalid={Boolean(errors.trigger_price)}
                aria-describedby={describedBy('trigger_price')}
                onChange={(event) => setNumber('trigger_price', event.target.value)}
              />
            </Field>
            <Field label="Validity" name="validity" error={errors.validity}>
              <select
                className={inputClass}
                value={form.validity}
                onChange={(event) => set('validity', event.target.value as TicketForm['validity'])}
              >
                {VALIDITIES.map((value) => (
                  <RefusableOption
                    key={value}
                    value={value}
                    refusal={validityRefusal(value, target)}
                  />
                ))}
              </select>
            </Field>
            {form.validity === 'TTL' && (
              <Field label="TTL (minutes)" name="validity_ttl" error={errors.validity_ttl}>
                <input
                  name="validity_ttl"
                  className={inputClass}
                  inputMode="numeric"
                  value={form.validity_ttl}
                  onChange={(event) => setNumber('validity_ttl', event.target.value)}
                />
              </Field>
            )}
            {!derivative && (
              <Field label="Disclosed qty" name="disclosed_lots" error={errors.disclosed_lots}>
                <input
                  name="disclosed_lots"
                  className={inputClass}
                  inputMode="numeric"
                  value={form.disclosed_lots}
                  onChange={(event) => setNumber('disclosed_lots', event.target.value)}
                />
              </Field>
            )}
            {needsProtection(form.order_type) && (
              <MarketProtectionField
                value={form.market_protection}
                error={errors.market_protection}
                onChange={(text) => set('market_protection', text)}
              />
            )}
            {form.variety === 'iceberg' && (
              <Field label="Iceberg legs" name="iceberg_legs" error={errors.iceberg_legs}>
                <input
                  name="iceberg_legs"
                  className={inputClass}
                  inputMode="numeric"
                  value={form.iceberg_legs}
                  onChange={(event) => setNumber('iceberg_legs', event.target.value)}
                />
              </Field>
            )}
            {auction && (
              <Field label="Auction number" name="auction_number" error={errors.auction_number}>
                {auctions.numbers.length > 0 ? (
                  <select
                    name="auction_number"
                    className={inputClass}
                    value={auctionNumber}
                    aria-invalid={Boolean(errors.auction_number)}
                    aria-describedby={describedBy('auction_number')}
                    onChange={(event) => set('auction_number', event.target.value)}
                  >
                    {auctions.numbers.map((number) => (
                      <option key={number}>{number}</option>
                    ))}
                  </select>
                ) : (
                  <input
                    name="auction_number"
                    className={inputClass}
                    inputMode="numeric"
                    maxLength={8}
                    placeholder={auctions.isFetching ? 'looking up auctions…' : '1 to 8 digits'}
                    value={form.auction_number}
                    aria-invalid={Boolean(errors.auction_number)}
                    aria-describedby={describedBy('auction_number')}
                    onChange={(event) => setNumber('auction_number', event.target.value)}
                  />
                )}
                {auctions.problem && (
                  <span className="text-amber-300">
                    The auctions open now could not be listed ({auctions.problem}); type the number.
                  </span>
                )}
              </Field>
            )}
            <Field label="Tag" name="tag" error={errors.tag}>
              <input
                name="tag"
                className={inputClass}
                value={form.tag}
                onChange={(event) => set('tag', event.target.value)}
              />
            </Field>
          </div>
          {excess && (
            <div
              data-testid="ticket-freeze"
              className="mx-4 mb-2 flex flex-col gap-1 rounded bg-amber-950 p-2 text-sm text-amber-200"
            >
              <p>
                {excess.most > 0 ? aboveMostText(excess) : belowLotText(excess.freeze, excess.lot)}
              </p>
              {sliceable && (
                <label className="flex items-center gap-2 text-slate-100">
                  <input
                    type="checkbox"
                    name="autoslice"
                    checked={form.autoslice}
                    onChange={(event) => {
                      set('autoslice', event.target.checked);
                      // The quantity's message asked for it: it goes as the box is ticked.
                      setErrors((current) => ({ ...current, lots: undefined }));
                    }}
                  />
                  Autoslice
                </label>
              )}
              {sliceable && form.autoslice && (
                <p data-testid="ticket-slices">
                  {autosliceRefusal(excess) ?? describeSlices(excess.slices)}
                </p>
              )}
            </div>
          )}
          {errors.tradingsymbol && (
            <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
              Instrument: {errors.tradingsymbol}
            </p>
          )}
          {failure && (
            <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
              {failure}
            </p>
          )}
          {liveDown && (
            <p
              id="ticket-paused"
              className="mx-4 mb-2 rounded bg-amber-950 p-2 text-sm text-amber-200"
              role="status"
            >
              Ordering is paused: {LIVE_DOWN_REASON.toLowerCase()}. Its updates would not reach this
              page.
            </p>
          )}
          <footer className="flex items-center justify-end gap-2 border-t border-slate-800 px-4 py-3">
            <div className="mr-auto flex flex-col">
              <OrderMarginNote order={draft} />
              <FundsNote exchange={target.exchange} />
            </div>
            {trader && (
              <button
                type="button"
                data-testid="ticket-add-to-basket"
                disabled={typeof forBasket === 'string'}
                title={typeof forBasket === 'string' ? forBasket : undefined}
                onClick={() => typeof forBasket !== 'string' && setBasketing(forBasket)}
                className="rounded border border-slate-600 px-3 py-1 text-sm text-slate-200 hover:bg-slate-800 disabled:opacity-50"
              >
                Add to basket
              </button>
            )}
            <button
              type="button"
              onClick={onClose}
              className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800"
            >
              Close (Esc)
            </button>
            <button
              type="submit"
              disabled={isLoading || liveDown}
              aria-describedby={liveDown ? 'ticket-paused' : undefined}
              className={`rounded px-4 py-1 text-sm font-medium text-white disabled:opacity-50 ${buy ? 'bg-sky-600 hover:bg-sky-500' : 'bg-orange-600 hover:bg-orange-500'}`}
            >
              {isLoading ? 'Sending…' : form.transaction_type === 'BUY' ? 'Buy' : 'Sell'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
