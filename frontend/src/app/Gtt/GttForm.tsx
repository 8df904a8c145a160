import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { describeError, errorBody, errorStatus } from '../../services/api/errors';
import type { Gtt } from '../../services/api/types';
import { usePlaceGttMutation, useModifyGttMutation } from '../../services/gtt/gttApi';
import { gttDistance, useGttLastPrice } from '../../services/gtt/hooks';
import {
  defaultGttForm,
  gttFormOf,
  gttLegs,
  gttProducts,
  parsePrice,
  tooCloseToLastPrice,
  validateGtt,
  withTrigger,
} from '../../services/gtt/validation';
import type {
  GttErrors,
  GttField,
  GttForm as GttFormState,
  GttLegForm,
  GttLegIndex,
  GttType,
} from '../../services/gtt/validation';
import type { TradableInstrument } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import { numberText, quantityLabel } from '../../services/orders/validation';
import type { Side } from '../../services/orders/validation';
import { useAppDispatch } from '../../store/hooks';
import { InstrumentLookup } from '../Watchlist/InstrumentSearch';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';
import { inputClass } from '../common/States';
import { formatPercent, formatPrice } from '../common/format';
import { describeGttOrder, gttTypeLabel } from './gttText';

interface Props {
  /** The instrument, when it is known up front (a watchlist row, the trigger to modify); else the form asks. */
  instrument?: TradableInstrument;
  /** The trigger to modify; `instrument` must be its instrument. */
  gtt?: Gtt;
  side?: Side;
  onClose: () => void;
}

function Field({
  label,
  htmlFor,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1 text-xs text-slate-400">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error && (
        <span id={errorId} role="alert" className="text-rose-300">
          {error}
        </span>
      )}
    </div>
  );
}

function Choice<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; text: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="flex gap-1" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          onClick={() => onChange(option.value)}
          className={`rounded px-2 py-0.5 text-xs ${value === option.value ? 'bg-white text-slate-900' : 'bg-black/30 text-white'}`}
        >
          {option.text}
        </button>
      ))}
    </div>
  );
}

/** How far the typed trigger value is from the last price, and a warning when the broker would find it too close. */
function Distance({
  id,
  text,
  lastPrice,
}: {
  id: string;
  text: string;
  lastPrice: number | undefined;
}) {
  const value = parsePrice(text);
  if (value === null || value <= 0) {
    return <span id={id} />;
  }
  if (lastPrice === undefined) {
    return (
      <span id={id} className="text-slate-500">
        last price not known yet
      </span>
    );
  }
  const close = tooCloseToLastPrice(value, lastPrice);
  return (
    <span id={id} className={close ? 'text-amber-300' : 'text-slate-500'}>
      <span className="num">{formatPercent(gttDistance(value, lastPrice))}</span> from LTP
      {close && ': too close, the broker refuses a value within 0.25% of the last price'}
    </span>
  );
}

/** The labels of one leg's fields: plain for a single trigger, "Lower …" and "Upper …" for an OCO's two. */
function legLabels(type: GttType, index: GttLegIndex, lotSize: number) {
  const quantity = quantityLabel(lotSize);
  if (type === 'single') {
    return { trigger: 'Trigger value', price: 'Limit price', lots: quantity };
  }
  const which = index === 0 ? 'Lower' : 'Upper';
  return {
    trigger: `${which} trigger value`,
    price: `${which} limit price`,
    lots: `${which} ${quantity.charAt(0).toLowerCase()}${quantity.slice(1)}`,
  };
}

/** Why the gateway did not place or change the trigger, in a sentence with its own message. */
function failureText(error: Parameters<typeof describeError>[0]): string {
  const body = errorBody(error);
  if (errorStatus(error) === 422 && body) {
    return `Rejected by the broker: ${body.message || body.error}`;
  }
  return describeError(error);
}

function GttFields({
  instrument,
  gtt,
  side,
  onClose,
  onChangeInstrument,
}: {
  instrument: TradableInstrument;
  gtt?: Gtt;
  side: Side;
  onClose: () => void;
  onChangeInstrument?: () => void;
}) {
  const id = useId();
  const dispatch = useAppDispatch();
  const { lastPrice, live } = useGttLastPrice(instrument);
  const [form, setForm] = useState<GttFormState>(() =>
    gtt ? gttFormOf(gtt, instrument.lot_size) : defaultGttForm(instrument.exchange, side),
  );
  const [errors, setErrors] = useState<GttErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [place, placing] = usePlaceGttMutation();
  const [modify, modifying] = useModifyGttMutation();
  const busy = placing.isLoading || modifying.isLoading;

  const setLeg = (index: GttLegIndex, change: (leg: GttLegForm) => GttLegForm) =>
    setForm((current) => {
      const legs: [GttLegForm, GttLegForm] = [...current.legs];
      legs[index] = change(legs[index]);
      return { ...current, legs };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validateGtt(form, instrument, lastPrice, gtt?.account_id);
    setErrors(result.errors);
    if (!result.request) {
      return;
    }
    const response = gtt
      ? await modify({ id: gtt.id, change: result.request })
      : await place(result.request);
    if ('error' in response) {
      setFailure(failureText(response.error));
      return;
    }
    const done = response.data;
    dispatch(
      noticesActions.announced({
        id: `gtt:${done.account_id}:${done.id}`,
        title: `GTT ${done.id} ${gtt ? 'modified' : 'placed'}: ${gttTypeLabel(done.type)} ${done.tradingsymbol}`,
        detail:
          `Trigger ${done.trigger_values.map(formatPrice).join(' / ')}; ` +
          `${done.orders.map(describeGttOrder).join(' / ')}.`,
      }),
    );
    onClose();
  };

  const buy = form.side === 'BUY';
  const fieldId = (name: GttField) => `${id}-${name}`;
  const describedBy = (name: GttField, ...more: string[]) =>
    [errors[name] ? `${fieldId(name)}-error` : '', ...more].filter(Boolean).join(' ') || undefined;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div
        className={`flex flex-wrap items-center justify-between gap-2 px-4 py-2 ${buy ? 'bg-sky-900/70' : 'bg-orange-900/70'}`}
      >
        <div>
          <p className="font-semibold text-white">
            {instrument.tradingsymbol}
            <span className="ml-2 text-xs text-slate-200">{instrument.exchange}</span>
            {onChangeInstrument && (
              <button
                type="button"
                onClick={onChangeInstrument}
                className="ml-2 text-xs text-sky-200 underline hover:text-white"
              >
                Change
              </button>
            )}
          </p>
          <p className="num text-xs text-slate-200">
            LTP{' '}
            <span
              data-testid="gtt-ltp"
              title={
                live ? 'Live: the latest market price' : 'From a quote, read every few seconds'
              }
            >
              {formatPrice(lastPrice)}
            </span>{' '}
            · tick {instrument.tick_size} · lot {instrument.lot_size}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <Choice<GttType>
            label="Type"
            value={form.type}
            options={[
              { value: 'single', text: 'Single' },
              { value: 'two-leg', text: 'OCO' },
            ]}
            onChange={(type) => setForm((current) => ({ ...current, type }))}
          />
          <Choice<Side>
            label="Side"
            value={form.side}
            options={[
              { value: 'BUY', text: 'BUY' },
              { value: 'SELL', text: 'SELL' },
            ]}
            onChange={(value) => setForm((current) => ({ ...current, side: value }))}
          />
        </div>
      </div>
      <p className="mx-4 mt-3 text-xs text-slate-400">
        {form.type === 'single'
          ? `When the last price reaches the trigger value, the broker places a LIMIT order to ${form.side.toLowerCase()} at the limit price.`
          : `When the last price falls to the lower value or rises to the upper one, the broker places that leg's LIMIT order to ${form.side.toLowerCase()} and cancels the other.`}
      </p>
      <div className="flex flex-col gap-3 p-4">
        {gttLegs(form.type).map((index) => {
          const leg = form.legs[index];
          const labels = legLabels(form.type, index, instrument.lot_size);
          const hint = `${fieldId(`trigger${index}`)}-distance`;
          return (
            <fieldset key={index} className="grid grid-cols-3 gap-3">
              <Field
                label={labels.trigger}
                htmlFor={fieldId(`trigger${index}`)}
                error={errors[`trigger${index}`]}
                errorId={`${fieldId(`trigger${index}`)}-error`}
              >
                <input
                  id={fieldId(`trigger${index}`)}
                  name={`trigger${index}`}
                  className={inputClass}
                  inputMode="decimal"
                  autoFocus={index === 0}
                  value={leg.trigger}
                  aria-invalid={Boolean(errors[`trigger${index}`])}
                  aria-describedby={describedBy(`trigger${index}`, hint)}
                  onChange={(event) =>
                    setLeg(index, (current) =>
                      withTrigger(current, numberText(event.target.value, 'decimal')),
                    )
                  }
                />
                <Distance id={hint} text={leg.trigger} lastPrice={lastPrice} />
              </Field>
              <Field
                label={labels.price}
                htmlFor={fieldId(`price${index}`)}
                error={errors[`price${index}`]}
                errorId={`${fieldId(`price${index}`)}-error`}
              >
                <input
                  id={fieldId(`price${index}`)}
                  name={`price${index}`}
                  className={inputClass}
                  inputMode="decimal"
                  value={leg.price}
                  aria-invalid={Boolean(errors[`price${index}`])}
                  aria-describedby={describedBy(`price${index}`)}
                  onChange={(event) =>
                    setLeg(index, (current) => ({
                      ...current,
                      price: numberText(event.target.value, 'decimal'),
                      priceTyped: true,
                    }))
                  }
                />
              </Field>
              <Field
                label={labels.lots}
                htmlFor={fieldId(`lots${index}`)}
                error={errors[`lots${index}`]}
                errorId={`${fieldId(`lots${index}`)}-error`}
              >
                <input
                  id={fieldId(`lots${index}`)}
                  name={`lots${index}`}
                  className={inputClass}
                  inputMode="numeric"
                  value={leg.lots}
                  aria-invalid={Boolean(errors[`lots${index}`])}
                  aria-describedby={describedBy(`lots${index}`)}
                  onChange={(event) =>
                    setLeg(index, (current) => ({
                      ...current,
                      lots: numberText(event.target.value, 'whole'),
                    }))
                  }
                />
              </Field>
            </fieldset>
          );
        })}
        <div className="grid grid-cols-3 gap-3">
          <Field
            label="Product"
            htmlFor={fieldId('product')}
            error={errors.product}
            errorId={`${fieldId('product')}-error`}
          >
            <select
              id={fieldId('product')}
              className={inputClass}
              value={form.product}
              aria-invalid={Boolean(errors.product)}
              aria-describedby={describedBy('product')}
              onChange={(event) =>
                setForm((current) => ({ ...current, product: event.target.value }))
              }
            >
              {gttProducts(instrument.exchange).map((product) => (
                <option key={product}>{product}</option>
              ))}
            </select>
          </Field>
        </div>
      </div>
      {failure && (
        <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
          {failure}
        </p>
      )}
      <footer className="flex justify-end gap-2 border-t border-slate-800 px-4 py-3">
        <button
          type="button"
          onClick={onClose}
          className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800"
        >
          Close (Esc)
        </button>
        <button
          type="submit"
          disabled={busy}
          className={`rounded px-4 py-1 text-sm font-medium text-white disabled:opacity-50 ${buy ? 'bg-sky-600 hover:bg-sky-500' : 'bg-orange-600 hover:bg-orange-500'}`}
        >
          {busy ? 'Sending…' : gtt ? 'Save' : 'Place GTT'}
        </button>
      </footer>
    </form>
  );
}

/**
 * Kite's GTT form: a single trigger or an OCO (two), each placing a LIMIT order when the last price reaches its
 * value. New, it asks for the instrument unless one is given; modifying, the instrument is the trigger's.
 */
export function GttForm({ instrument: given, gtt, side = 'BUY', onClose }: Props) {
  const [instrument, setInstrument] = useState<TradableInstrument | null>(given ?? null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const title = gtt ? `Modify GTT ${gtt.id}` : 'New GTT';
  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center bg-black/60 p-4 sm:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="w-full max-w-lg rounded-lg border border-slate-600 bg-slate-900 shadow-xl"
        // The page's own shortcuts (B and S open the order ticket) do not act behind the form.
        onKeyDown={(event) => {
          if (event.key !== 'Escape') {
            event.stopPropagation();
          }
        }}
      >
        <header className="rounded-t-lg bg-slate-800 px-4 py-2">
          <h2 className="font-semibold text-white">{title}</h2>
          <p className="text-xs text-slate-300">
            Good till triggered: the broker keeps it for a year and places the order only when the
            price gets there.
          </p>
        </header>
        {instrument ? (
          <GttFields
            key={instrument.instrument_token}
            instrument={instrument}
            gtt={gtt}
            side={side}
            onClose={onClose}
            onChangeInstrument={gtt ? undefined : () => setInstrument(null)}
          />
        ) : (
          <div className="flex flex-col gap-3 p-4">
            <InstrumentLookup
              label="Instrument"
              placeholder="Search an instrument (e.g. INFY)"
              autoFocus
              button={(found) =>
                found.segment === INDEX_SEGMENT
                  ? { text: 'Select', disabled: true, title: 'An index has no orders' }
                  : { text: 'Select' }
              }
              onPick={setInstrument}
            />
            <footer className="flex justify-end">
              <button
                type="button"
                onClick={onClose}
                className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800"
              >
                Close (Esc)
              </button>
            </footer>
          </div>
        )}
      </div>
    </div>
  );
}
