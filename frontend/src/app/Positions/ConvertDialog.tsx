import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { describeError } from '../../services/api/errors';
import type { PositionView } from '../../services/api/types';
import { LIVE_DOWN_REASON, useLiveDown, useLotSize } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import { numberText } from '../../services/orders/validation';
import {
  conversionBlocked,
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
import { buttonClass, inputClass } from '../common/States';
import { formatQty } from '../common/format';

function Row({
  label,
  htmlFor,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor?: string;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1 text-xs text-slate-400">
      {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span>{label}</span>}
      {children}
      {error && (
        <span id={errorId} role="alert" className="text-rose-300">
          {error}
        </span>
      )}
    </div>
  );
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
  const { lotSize } = useLotSize(position);
  const [convert, { isLoading }] = useConvertPositionMutation();
  const [form, setForm] = useState<ConversionForm>(() => {
    const positionType = defaultPositionType(position);
    return {
      positionType,
      newProduct: conversionTargets(position.exchange, position.product)[0] ?? '',
      quantity: String(convertibleQuantity(position, positionType)),
    };
  });
  const [errors, setErrors] = useState<ConversionErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const quantityInput = useRef<HTMLInputElement>(null);

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

  useEffect(() => {
    quantityInput.current?.focus();
    quantityInput.current?.select();
  }, []);

  const targets = conversionTargets(live.exchange, live.product);
  const types = positionTypes(live);
  const blocked = conversionBlocked(live);
  const long = live.quantity > 0;

  const choosePositionType = (positionType: PositionType) =>
    setForm((current) => ({
      ...current,
      positionType,
      quantity: String(convertibleQuantity(live, positionType)),
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (liveDown) {
      return;
    }
    setFailure(null);
    const result = validateConversion(live, form, lotSize);
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

  const describedBy = (name: keyof ConversionErrors, ...more: (string | false)[]) =>
    [errors[name] ? `${id}-${name}-error` : false, ...more].filter(Boolean).join(' ') || undefined;

  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center bg-black/60 p-4 sm:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className="w-full max-w-sm rounded-lg border border-slate-600 bg-slate-900 shadow-xl"
        // The page's own shortcuts (B and S open the order ticket) do not act behind the dialog.
        onKeyDown={(event) => {
          if (event.key !== 'Escape') {
            event.stopPropagation();
          }
        }}
      >
        <form onSubmit={(event) => void submit(event)} noValidate>
          <header className="rounded-t-lg bg-slate-800 px-4 py-2">
            <h2 id={`${id}-title`} className="font-semibold text-white">
              Convert {live.tradingsymbol}
              <span className="ml-2 text-xs text-slate-300">{live.exchange}</span>
            </h2>
            <p className="num text-xs text-slate-300">
              {long ? 'Long' : 'Short'} {formatQty(Math.abs(live.quantity))} {live.product}
              {live.overnight_quantity !== 0 &&
                ` (overnight ${formatQty(Math.abs(live.overnight_quantity))})`}
            </p>
          </header>
          <div className="flex flex-col gap-3 p-4">
            <Row
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
                    aria-describedby={describedBy('newProduct')}
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
            </Row>
            <Row
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
                  aria-describedby={describedBy('positionType')}
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
            </Row>
            <Row
              label="Quantity"
              htmlFor={`${id}-quantity`}
              error={errors.quantity}
              errorId={`${id}-quantity-error`}
            >
              <input
                ref={quantityInput}
                id={`${id}-quantity`}
                name="quantity"
                className={inputClass}
                inputMode="numeric"
                value={form.quantity}
                aria-invalid={Boolean(errors.quantity)}
                aria-describedby={describedBy('quantity', `${id}-quantity-hint`)}
                onChange={(event) =>
                  setForm({ ...form, quantity: numberText(event.target.value, 'whole') })
                }
              />
              <span id={`${id}-quantity-hint`} className="text-slate-500">
                Up to {formatQty(convertibleQuantity(live, form.positionType))}
                {lotSize !== undefined && lotSize > 1 && `, in lots of ${lotSize}`}
              </span>
            </Row>
          </div>
          {(blocked ?? errors.position) && (
            <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
              {blocked ?? errors.position}
            </p>
          )}
          {failure && (
            <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
              {failure}
            </p>
          )}
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
          <footer className="flex justify-end gap-2 border-t border-slate-800 px-4 py-3">
            <button
              type="button"
              onClick={onClose}
              className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800"
            >
              Cancel
            </button>
            <button
              type="submit"
              className={buttonClass}
              disabled={isLoading || liveDown || blocked !== null}
              aria-describedby={liveDown ? `${id}-paused` : undefined}
            >
              {isLoading ? 'Converting…' : 'Convert'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
