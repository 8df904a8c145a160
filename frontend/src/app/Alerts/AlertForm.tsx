import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { describeError } from '../../services/api/errors';
import type { Alert, AlertDirection } from '../../services/api/types';
import { useChangeAlertMutation, useCreateAlertMutation } from '../../services/alerts/alertsApi';
import {
  alertDistance,
  alertMet,
  isTriggeredAlert,
  useAlertLastPrice,
} from '../../services/alerts/hooks';
import type { AlertInstrument } from '../../services/alerts/hooks';
import {
  MAX_ALERT_NOTE,
  alertFormOf,
  defaultAlertForm,
  validateAlert,
} from '../../services/alerts/validation';
import type {
  AlertErrors,
  AlertField,
  AlertForm as AlertFormState,
} from '../../services/alerts/validation';
import { noticesActions } from '../../services/notices/noticesSlice';
import { numberText } from '../../services/orders/validation';
import { useAppDispatch } from '../../store/hooks';
import { InstrumentLookup } from '../Watchlist/InstrumentSearch';
import { inputClass } from '../common/States';
import { formatPercent, formatPrice } from '../common/format';
import {
  alertConditionText,
  alertDirectionText,
  alertFormTitle,
  alertInstrumentKey,
} from './alertText';

interface Props {
  /** The instrument, when it is known up front (a watchlist row); else the form asks. */
  instrument?: AlertInstrument;
  /** The alert to change (or re-arm, when it fired); its instrument stays. */
  alert?: Alert;
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

function Direction({
  value,
  onChange,
}: {
  value: AlertDirection;
  onChange: (value: AlertDirection) => void;
}) {
  const options: { value: AlertDirection; text: string; title: string }[] = [
    { value: 'above', text: 'Above', title: 'Fires on the first tick at or above the price' },
    { value: 'below', text: 'Below', title: 'Fires on the first tick at or below the price' },
  ];
  return (
    <div className="flex gap-1" role="radiogroup" aria-label="Direction">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          title={option.title}
          onClick={() => onChange(option.value)}
          className={`rounded px-2 py-0.5 text-xs ${value === option.value ? 'bg-white text-slate-900' : 'bg-black/30 text-white'}`}
        >
          {option.text}
        </button>
      ))}
    </div>
  );
}

/** How far the typed price is from the last price, and whether the last price meets the condition already. */
function Distance({
  id,
  form,
  lastPrice,
}: {
  id: string;
  form: AlertFormState;
  lastPrice: number | undefined;
}) {
  const price = /^\s*\d+(\.\d+)?\s*$/.test(form.price) ? Number(form.price) : null;
  if (price === null || price <= 0) {
    return <span id={id} />;
  }
  if (lastPrice === undefined) {
    return (
      <span id={id} className="text-slate-500">
        last price not known yet
      </span>
    );
  }
  const met = alertMet(form.direction, price, lastPrice);
  return (
    <span id={id} className={met ? 'text-amber-300' : 'text-slate-500'}>
      <span className="num">{formatPercent(alertDistance(price, lastPrice))}</span> from LTP
      {met &&
        `: the last price is ${alertDirectionText(form.direction)} it already, so the alert fires on the next tick`}
    </span>
  );
}

function AlertFields({
  instrument,
  alert,
  onClose,
  onChangeInstrument,
}: {
  instrument: AlertInstrument;
  alert?: Alert;
  onClose: () => void;
  onChangeInstrument?: () => void;
}) {
  const id = useId();
  const dispatch = useAppDispatch();
  const { lastPrice, live } = useAlertLastPrice(instrument);
  // A new alert's price starts at the last price once one is known, and stays there until typed.
  const [form, setForm] = useState<AlertFormState | null>(() =>
    alert
      ? alertFormOf(alert)
      : lastPrice !== undefined
        ? defaultAlertForm(String(lastPrice))
        : null,
  );
  if (form === null && lastPrice !== undefined) {
    setForm(defaultAlertForm(String(lastPrice)));
  }
  const shown = form ?? defaultAlertForm();
  const [errors, setErrors] = useState<AlertErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, creating] = useCreateAlertMutation();
  const [change, changing] = useChangeAlertMutation();
  const busy = creating.isLoading || changing.isLoading;
  const rearm = alert !== undefined && isTriggeredAlert(alert);

  const update = (next: Partial<AlertFormState>) =>
    setForm((current) => ({ ...(current ?? defaultAlertForm()), ...next }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validateAlert(shown);
    setErrors(result.errors);
    if (!result.change) {
      return;
    }
    const response = alert
      ? await change({ id: alert.id, change: result.change })
      : await create({
          exchange: instrument.exchange,
          tradingsymbol: instrument.tradingsymbol,
          ...result.change,
        });
    if ('error' in response) {
      setFailure(describeError(response.error));
      return;
    }
    const done = response.data;
    const met = alertMet(shown.direction, result.change.price, lastPrice);
    dispatch(
      noticesActions.announced({
        id: `alert-saved:${done.id}`,
        title: `Alert ${alert ? (rearm ? 're-armed' : 'changed') : 'set'}: ${alertInstrumentKey(done)} ${alertConditionText(done)}`,
        detail: met
          ? 'The last price meets it already: it fires on the next tick.'
          : 'It fires once, on the first tick that meets it.',
      }),
    );
    onClose();
  };

  const fieldId = (name: AlertField) => `${id}-${name}`;
  const describedBy = (name: AlertField, ...more: string[]) =>
    [errors[name] ? `${fieldId(name)}-error` : '', ...more].filter(Boolean).join(' ') || undefined;
  const distanceId = `${fieldId('price')}-distance`;
  const countId = `${fieldId('note')}-count`;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="flex flex-wrap items-center justify-between gap-2 bg-amber-900/50 px-4 py-2">
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
              data-testid="alert-ltp"
              title={
                live ? 'Live: the latest market price' : 'From a quote, read every few seconds'
              }
            >
              {formatPrice(lastPrice)}
            </span>
          </p>
        </div>
        <Direction value={shown.direction} onChange={(direction) => update({ direction })} />
      </div>
      <p className="mx-4 mt-3 text-xs text-slate-400">
        Fires once, on the first tick with the last price {alertDirectionText(shown.direction)} the
        price; the gateway watches it even with no dashboard open.
      </p>
      <div className="grid grid-cols-2 gap-3 p-4">
        <Field
          label="Price"
          htmlFor={fieldId('price')}
          error={errors.price}
          errorId={`${fieldId('price')}-error`}
        >
          <input
            id={fieldId('price')}
            name="price"
            className={inputClass}
            inputMode="decimal"
            autoFocus
            value={shown.price}
            aria-invalid={Boolean(errors.price)}
            aria-describedby={describedBy('price', distanceId)}
            onChange={(event) => update({ price: numberText(event.target.value, 'decimal') })}
          />
          <Distance id={distanceId} form={shown} lastPrice={lastPrice} />
        </Field>
        <div>
          <Field
            label="Note"
            htmlFor={fieldId('note')}
            error={errors.note}
            errorId={`${fieldId('note')}-error`}
          >
            <input
              id={fieldId('note')}
              name="note"
              className={inputClass}
              value={shown.note}
              placeholder="Optional, e.g. breakout"
              aria-invalid={Boolean(errors.note)}
              aria-describedby={describedBy('note', countId)}
              onChange={(event) => update({ note: event.target.value })}
            />
            <span
              id={countId}
              className={
                shown.note.trim().length > MAX_ALERT_NOTE ? 'text-rose-300' : 'text-slate-500'
              }
            >
              {shown.note.trim().length}/{MAX_ALERT_NOTE} characters
            </span>
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
          className="rounded bg-amber-600 px-4 py-1 text-sm font-medium text-white hover:bg-amber-500 disabled:opacity-50"
        >
          {busy ? 'Sending…' : alert ? (rearm ? 'Re-arm' : 'Save') : 'Create alert'}
        </button>
      </footer>
    </form>
  );
}

/**
 * A price alert: the instrument, above or below, the price and a note. New, it asks for the instrument unless one is
 * given (indices too); changing one, the instrument is the alert's, and saving makes it active again.
 */
export function AlertForm({ instrument: given, alert, onClose }: Props) {
  const [instrument, setInstrument] = useState<AlertInstrument | null>(alert ?? given ?? null);

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

  const title = alertFormTitle(alert);
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
            {alert && isTriggeredAlert(alert)
              ? 'It fired: saving arms it again, to fire once more.'
              : 'A notice (and a desktop notification, where allowed) when the last price gets there.'}
          </p>
        </header>
        {instrument ? (
          <AlertFields
            key={instrument.instrument_token}
            instrument={instrument}
            alert={alert}
            onClose={onClose}
            onChangeInstrument={alert ? undefined : () => setInstrument(null)}
          />
        ) : (
          <div className="flex flex-col gap-3 p-4">
            <InstrumentLookup
              label="Instrument"
              placeholder="Search an instrument (e.g. INFY, NIFTY 50)"
              autoFocus
              button={() => ({ text: 'Select' })}
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
