import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../services/api/errors';
import type { Alert, AlertDirection } from '../../services/api/types';
import { useChangeAlertMutation, useCreateAlertMutation } from '../../services/alerts/alertsApi';
import { alertMet, isTriggeredAlert, useAlertLastPrice } from '../../services/alerts/hooks';
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
import { useAppDispatch } from '../../store/hooks';
import { priceDecimals } from '../../services/orders/validation';
import { Choice } from '../common/Choice';
import type { ChoiceOption } from '../common/Choice';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { Field, NumberField } from '../common/Field';
import { InstrumentBand, InstrumentStep, PriceDistance } from '../common/InstrumentForm';
import { inputClass } from '../common/States';
import { formFields } from '../common/fields';
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

const DIRECTIONS: ChoiceOption<AlertDirection>[] = [
  { value: 'above', text: 'Above', title: 'Fires on the first tick at or above the price' },
  { value: 'below', text: 'Below', title: 'Fires on the first tick at or below the price' },
];

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
        ? defaultAlertForm(lastPrice.toFixed(priceDecimals(instrument.exchange)))
        : null,
  );
  if (form === null && lastPrice !== undefined) {
    setForm(defaultAlertForm(lastPrice.toFixed(priceDecimals(instrument.exchange))));
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

  const fields = formFields<AlertField>(id, errors);
  const distanceId = `${fields.fieldId('price')}-distance`;
  const countId = `${fields.fieldId('note')}-count`;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <InstrumentBand
        instrument={instrument}
        lastPrice={lastPrice}
        live={live}
        ltpTestId="alert-ltp"
        className="bg-amber-900/50"
        onChangeInstrument={onChangeInstrument}
      >
        <Choice
          label="Direction"
          options={DIRECTIONS}
          value={shown.direction}
          onChange={(direction) => update({ direction })}
        />
      </InstrumentBand>
      <p className="mx-4 mt-3 text-xs text-slate-400">
        Fires once, on the first tick with the last price {alertDirectionText(shown.direction)} the
        price; the gateway watches it even with no dashboard open.
      </p>
      <div className="grid grid-cols-2 gap-3 p-4">
        <NumberField
          fields={fields}
          name="price"
          label="Price"
          kind="decimal"
          autoFocus
          value={shown.price}
          hintId={distanceId}
          onChange={(price) => update({ price })}
        >
          <PriceDistance
            id={distanceId}
            text={shown.price}
            lastPrice={lastPrice}
            warning={(price, last) =>
              alertMet(shown.direction, price, last)
                ? `the last price is ${alertDirectionText(shown.direction)} it already, so the alert fires on the next tick`
                : null
            }
          />
        </NumberField>
        <div>
          <Field label="Note" {...fields.field('note')}>
            <input
              {...fields.control('note', countId)}
              name="note"
              className={inputClass}
              value={shown.note}
              placeholder="Optional, e.g. breakout"
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
      {failure && <DialogError>{failure}</DialogError>}
      <DialogFooter onClose={onClose}>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-amber-600 px-4 py-1 text-sm font-medium text-white hover:bg-amber-500 disabled:opacity-50"
        >
          {busy ? 'Sending…' : alert ? (rearm ? 'Re-arm' : 'Save') : 'Create alert'}
        </button>
      </DialogFooter>
    </form>
  );
}

/**
 * A price alert: the instrument, above or below, the price and a note. New, it asks for the instrument unless one is
 * given (indices too); changing one, the instrument is the alert's, and saving makes it active again.
 */
export function AlertForm({ instrument: given, alert, onClose }: Props) {
  const [instrument, setInstrument] = useState<AlertInstrument | null>(alert ?? given ?? null);

  const title = alertFormTitle(alert);
  return (
    <Dialog label={title} onClose={onClose}>
      <DialogHeader title={title}>
        <p className="text-xs text-slate-300">
          {alert && isTriggeredAlert(alert)
            ? 'It fired: saving arms it again, to fire once more.'
            : 'A notice (and a desktop notification, where allowed) when the last price gets there.'}
        </p>
      </DialogHeader>
      {instrument ? (
        <AlertFields
          key={instrument.instrument_token}
          instrument={instrument}
          alert={alert}
          onClose={onClose}
          onChangeInstrument={alert ? undefined : () => setInstrument(null)}
        />
      ) : (
        <InstrumentStep
          placeholder="Search an instrument (e.g. INFY, NIFTY 50)"
          onPick={setInstrument}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}
