import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../services/api/errors';
import type { PositionView } from '../../services/api/types';
import { LIVE_DOWN_REASON, useLiveDown, useLotSize } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import { isDerivativeExchange, parseLots, quantityLabel } from '../../services/orders/validation';
import {
  conversionBlocked,
  conversionQuantity,
  conversionTargets,
  convertibleQuantity,
  defaultPositionType,
  positionTypes,
  validateConversion,
} from '../../services/positions/conversion';
import type {
  ConversionErrors,
  ConversionForm,
  PositionType,
} from '../../services/positions/conversion';
import { useConvertPositionMutation } from '../../services/positions/positionsApi';
import { positionKey } from '../../services/positions/positionsSlice';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { Field, NumberField } from '../common/Field';
import { buttonClass, inputClass } from '../common/States';
import { formFields } from '../common/fields';
import { formatQty } from '../common/format';

/**
 * What may be converted, under the quantity: for an instrument traded in lots, the units the lots typed make and
 * the whole lots open ("= 75 units · up to 2 lots (150)"); otherwise the units open.
 */
function quantityHint(most: number, lotSize: number | undefined, typed: string): string {
  if (lotSize === undefined || lotSize <= 1) {
    return `Up to ${formatQty(most)}`;
  }
  const mostLots = Math.floor(most / lotSize);
  const lots = `${formatQty(mostLots)} ${mostLots === 1 ? 'lot' : 'lots'} (${formatQty(mostLots * lotSize)})`;
  const { quantity, error } = parseLots(typed, lotSize);
  return error ? `Up to ${lots}` : `= ${formatQty(quantity)} units · up to ${lots}`;
}

/**
 * Kite's "Convert": moves (part of) an open position to the other product its exchange allows. The dialog
 * follows the live position, so it checks against the quantity open now; the converted positions then arrive
 * on the live feed.
 */
export function ConvertDialog({
  position,
  onClose,
}: {
  position: PositionView;
  onClose: () => void;
}) {
  const id = useId();
  const dispatch = useAppDispatch();
  const live = useAppSelector((state) => state.positions.byKey[positionKey(position)]) ?? position;
  const liveDown = useLiveDown();
  // A derivative's quantity waits for its lot size, as it is typed in lots where the instrument trades in lots;
  // equity trades in units.
  const { lotSize, isLoading: lotLooking } = useLotSize(position);
  const lotLoading = lotLooking && isDerivativeExchange(position.exchange ?? '');
  const [convert, { isLoading }] = useConvertPositionMutation();
  // The quantity is null until typed: all that is open of the position type, in lots or units.
  const [form, setForm] = useState<Omit<ConversionForm, 'quantity'> & { quantity: string | null }>(
    () => ({
      positionType: defaultPositionType(position),
      newProduct: conversionTargets(position.exchange, position.product)[0] ?? '',
      quantity: null,
    }),
  );
  const [errors, setErrors] = useState<ConversionErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const quantityInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!lotLoading) {
      quantityInput.current?.focus();
      quantityInput.current?.select();
    }
  }, [lotLoading]);

  const targets = conversionTargets(live.exchange, live.product);
  const types = positionTypes(live);
  const blocked = conversionBlocked(live);
  const long = live.quantity > 0;
  const shown: ConversionForm = {
    ...form,
    quantity: form.quantity ?? conversionQuantity(live, form.positionType, lotSize),
  };
  const most = convertibleQuantity(live, form.positionType);

  const choosePositionType = (positionType: PositionType) =>
    setForm((current) => ({ ...current, positionType, quantity: null }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (liveDown || lotLoading) {
      return;
    }
    setFailure(null);
    const result = validateConversion(live, shown, lotSize);
    setErrors(result.errors);
    if (!result.request) {
      return;
    }
    const response = await convert(result.request);
    if ('error' in response) {
      setFailure(describeError(response.error));
      return;
    }
    const { quantity, tradingsymbol, old_product, new_product, position_type } = result.request;
    dispatch(
      noticesActions.announced({
        id: `convert:${positionKey(live)}`,
        title: `Converted: ${formatQty(quantity)} ${tradingsymbol} ${old_product} → ${new_product}`,
        detail:
          `${position_type === 'day' ? 'Day' : 'Overnight'} part of the ${long ? 'long' : 'short'} ` +
          'position; the Positions page follows on the live feed.',
      }),
    );
    onClose();
  };

  const fields = formFields(id, errors);

  return (
    <Dialog labelledBy={`${id}-title`} size="sm" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogHeader
          title={
            <>
              Convert {live.tradingsymbol}
              <span className="ml-2 text-xs text-slate-300">{live.exchange}</span>
            </>
          }
          titleId={`${id}-title`}
        >
          <p className="num text-xs text-slate-300">
            {long ? 'Long' : 'Short'} {formatQty(Math.abs(live.quantity))} {live.product}
            {live.overnight_quantity !== 0 &&
              ` (overnight ${formatQty(Math.abs(live.overnight_quantity))})`}
          </p>
        </DialogHeader>
        <div className="flex flex-col gap-3 p-4">
          <Field
            label={targets.length > 1 ? 'Convert to' : 'Product'}
            htmlFor={targets.length > 1 ? `${id}-product` : undefined}
            error={errors.newProduct}
            errorId={`${id}-newProduct-error`}
          >
            {targets.length > 1 ? (
              <div className="flex items-center gap-2 text-sm text-slate-100">
                {live.product} →
                <select
                  id={`${id}-product`}
                  className={inputClass}
                  value={form.newProduct}
                  aria-invalid={Boolean(errors.newProduct)}
                  aria-describedby={fields.describedBy('newProduct')}
                  onChange={(event) => setForm({ ...form, newProduct: event.target.value })}
                >
                  {targets.map((target) => (
                    <option key={target}>{target}</option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="text-sm text-slate-100">
                {live.product} → {form.newProduct || '–'}
              </p>
            )}
          </Field>
          <Field
            label="Position type"
            htmlFor={types.length > 1 ? `${id}-type` : undefined}
            error={errors.positionType}
            errorId={`${id}-positionType-error`}
          >
            {types.length > 1 ? (
              <select
                id={`${id}-type`}
                className={inputClass}
                value={form.positionType}
                aria-invalid={Boolean(errors.positionType)}
                aria-describedby={fields.describedBy('positionType')}
                onChange={(event) => choosePositionType(event.target.value as PositionType)}
              >
                {types.map((type) => {
                  const open = convertibleQuantity(live, type);
                  return (
                    <option key={type} value={type} disabled={open === 0}>
                      {type} ({formatQty(open)} open)
                    </option>
                  );
                })}
              </select>
            ) : (
              <p className="text-sm text-slate-100">{form.positionType}</p>
            )}
          </Field>
          <NumberField
            fields={fields}
            name="quantity"
            label={quantityLabel(lotSize ?? 1)}
            kind="whole"
            inputRef={quantityInput}
            value={lotLoading ? '' : shown.quantity}
            disabled={lotLoading}
            hintId={`${id}-quantity-hint`}
            onChange={(quantity) => setForm({ ...form, quantity })}
          >
            <span id={`${id}-quantity-hint`} className="text-slate-500">
              {lotLoading
                ? "Looking up the instrument's lot size…"
                : quantityHint(most, lotSize, shown.quantity)}
            </span>
          </NumberField>
        </div>
        {(blocked ?? errors.position) && <DialogError>{blocked ?? errors.position}</DialogError>}
        {failure && <DialogError>{failure}</DialogError>}
        {liveDown && (
          <p
            id={`${id}-paused`}
            role="status"
            className="mx-4 mb-2 rounded bg-amber-950 p-2 text-sm text-amber-200"
          >
            Converting is paused: {LIVE_DOWN_REASON.toLowerCase()}. The converted positions would
            not reach this page.
          </p>
        )}
        <DialogFooter onClose={onClose} closeText="Cancel">
          <button
            type="submit"
            className={buttonClass}
            disabled={isLoading || lotLoading || liveDown || blocked !== null}
            aria-describedby={liveDown ? `${id}-paused` : undefined}
          >
            {isLoading ? 'Converting…' : 'Convert'}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
