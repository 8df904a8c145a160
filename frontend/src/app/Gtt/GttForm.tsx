import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useActiveAccount } from '../../services/accounts/hooks';
import { describeError, errorBody, errorStatus } from '../../services/api/errors';
import type { Gtt } from '../../services/api/types';
import { usePlaceGttMutation, useModifyGttMutation } from '../../services/gtt/gttApi';
import { useGttLastPrice } from '../../services/gtt/hooks';
import {
  defaultGttForm,
  gttFormOf,
  gttLegs,
  gttProducts,
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
import { quantityLabel } from '../../services/orders/validation';
import type { Side } from '../../services/orders/validation';
import { useAppDispatch } from '../../store/hooks';
import { INDEX_SEGMENT } from '../OrderTicket/ticketContext';
import { Choice } from '../common/Choice';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { Field, NumberField } from '../common/Field';
import { InstrumentBand, InstrumentStep, PriceDistance } from '../common/InstrumentForm';
import { inputClass } from '../common/States';
import { formFields } from '../common/fields';
import { formatPrice } from '../common/format';
import { describeGttOrder, gttTypeLabel } from './gttText';

interface Props {
  /** The instrument, when it is known up front (a watchlist row, the trigger to modify); else the form asks. */
  instrument?: TradableInstrument;
  /** The trigger to modify; `instrument` must be its instrument. */
  gtt?: Gtt;
  side?: Side;
  onClose: () => void;
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

/** The warning under a trigger value the broker would refuse, too close to the last price. */
function tooCloseWarning(value: number, lastPrice: number): string | null {
  return tooCloseToLastPrice(value, lastPrice)
    ? 'too close, the broker refuses a value within 0.25% of the last price'
    : null;
}

/** The gateway's own risk checks, which refuse a trigger's order with 422 before the broker sees it. */
const RISK_LIMITS = new Set(['price_band', 'max_order_value', 'max_position']);

/**
 * Why the gateway did not place or change the trigger, in a sentence with its own message, saying where the
 * refusal came from: the kill switch, the trader's risk limits, or the broker (broker_rejected).
 */
function failureText(error: Parameters<typeof describeError>[0]): string {
  const body = errorBody(error);
  if (errorStatus(error) === 422 && body) {
    const message = describeError(error);
    if (body.error.startsWith('kill_switch')) {
      return `Refused by the kill switch: ${message}`;
    }
    if (RISK_LIMITS.has(body.error)) {
      return `Refused by your risk limits: ${message}`;
    }
    if (body.error === 'broker_rejected') {
      return `Rejected by the broker: ${message}`;
    }
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
  const account = useActiveAccount();
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
    // A trigger is changed in its own account; a new one goes to the active account.
    const result = validateGtt(form, instrument, lastPrice, gtt?.account_id ?? account);
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
          `Trigger ${done.trigger_values.map((value) => formatPrice(value, done.exchange)).join(' / ')}; ` +
          `${done.orders.map(describeGttOrder).join(' / ')}.`,
      }),
    );
    onClose();
  };

  const buy = form.side === 'BUY';
  const fields = formFields<GttField>(id, errors);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <InstrumentBand
        instrument={instrument}
        lastPrice={lastPrice}
        live={live}
        ltpTestId="gtt-ltp"
        className={buy ? 'bg-sky-900/70' : 'bg-orange-900/70'}
        details={
          <>
            · tick {instrument.tick_size} · lot {instrument.lot_size}
          </>
        }
        onChangeInstrument={onChangeInstrument}
      >
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
      </InstrumentBand>
      <p className="mx-4 mt-3 text-xs text-slate-400">
        {form.type === 'single'
          ? `When the last price reaches the trigger value, the broker places a LIMIT order to ${form.side.toLowerCase()} at the limit price.`
          : `When the last price falls to the lower value or rises to the upper one, the broker places that leg's LIMIT order to ${form.side.toLowerCase()} and cancels the other.`}
      </p>
      <div className="flex flex-col gap-3 p-4">
        {gttLegs(form.type).map((index) => {
          const leg = form.legs[index];
          const labels = legLabels(form.type, index, instrument.lot_size);
          const hint = `${fields.fieldId(`trigger${index}`)}-distance`;
          return (
            <fieldset key={index} className="grid grid-cols-3 gap-3">
              <NumberField
                fields={fields}
                name={`trigger${index}`}
                label={labels.trigger}
                kind="decimal"
                autoFocus={index === 0}
                value={leg.trigger}
                hintId={hint}
                onChange={(text) => setLeg(index, (current) => withTrigger(current, text))}
              >
                <PriceDistance
                  id={hint}
                  text={leg.trigger}
                  lastPrice={lastPrice}
                  warning={tooCloseWarning}
                />
              </NumberField>
              <NumberField
                fields={fields}
                name={`price${index}`}
                label={labels.price}
                kind="decimal"
                value={leg.price}
                onChange={(text) =>
                  setLeg(index, (current) => ({ ...current, price: text, priceTyped: true }))
                }
              />
              <NumberField
                fields={fields}
                name={`lots${index}`}
                label={labels.lots}
                kind="whole"
                value={leg.lots}
                onChange={(text) => setLeg(index, (current) => ({ ...current, lots: text }))}
              />
            </fieldset>
          );
        })}
        <div className="grid grid-cols-3 gap-3">
          <Field label="Product" {...fields.field('product')}>
            <select
              {...fields.control('product')}
              className={inputClass}
              value={form.product}
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
      {failure && <DialogError>{failure}</DialogError>}
      <DialogFooter onClose={onClose}>
        <button
          type="submit"
          disabled={busy}
          className={`rounded px-4 py-1 text-sm font-medium text-white disabled:opacity-50 ${buy ? 'bg-sky-600 hover:bg-sky-500' : 'bg-orange-600 hover:bg-orange-500'}`}
        >
          {busy ? 'Sending…' : gtt ? 'Save' : 'Place GTT'}
        </button>
      </DialogFooter>
    </form>
  );
}

/**
 * Kite's GTT form: a single trigger or an OCO (two), each placing a LIMIT order when the last price reaches its
 * value. New, it asks for the instrument unless one is given; modifying, the instrument is the trigger's.
 */
export function GttForm({ instrument: given, gtt, side = 'BUY', onClose }: Props) {
  const [instrument, setInstrument] = useState<TradableInstrument | null>(given ?? null);

  const title = gtt ? `Modify GTT ${gtt.id}` : 'New GTT';
  return (
    <Dialog label={title} onClose={onClose}>
      <DialogHeader title={title}>
        <p className="text-xs text-slate-300">
          Good till triggered: the broker keeps it for a year and places the order only when the
          price gets there.
        </p>
      </DialogHeader>
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
      )}
    </Dialog>
  );
}
