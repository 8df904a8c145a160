import { useId } from 'react';
import { Field } from '../common/Field';
import { inputClass } from '../common/States';

/**
 * The market protection of a MARKET or SL-M order, as the order ticket and the basket's order form take it: -1 for
 * the broker's automatic, or a percentage of the last price beyond which the order is not filled. The input keeps
 * the text as typed; the form's validation says what is wrong with it.
 */
export function MarketProtectionField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <Field label="Market protection %" htmlFor={id} error={error} errorId={errorId}>
      <input
        id={id}
        name="market_protection"
        className={inputClass}
        inputMode="numeric"
        title="-1: the broker's automatic protection; otherwise a percentage from 1 to 100"
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}
