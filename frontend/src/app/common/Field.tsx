import type { ReactNode, Ref } from 'react';
import type { FormFields } from './fields';
import { inputClass } from './States';

/**
 * A form's field: its label, the control (and any hint after it), and its error under them. Without `htmlFor` the
 * label is plain text, for a value the field shows rather than edits.
 */
export function Field({
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
 * A field for a number typed in (a price, or a whole quantity): the input keeps the text as typed, and
 * `kind` picks the keyboard a phone shows; the form's validation says what is wrong with it. `children`
 * follow the input, a hint with id `hintId` among them, which describes the input after its error.
 */
export function NumberField<F extends string>({
  fields,
  name,
  label,
  kind,
  value,
  onChange,
  autoFocus,
  disabled,
  hintId,
  inputRef,
  children,
}: {
  fields: FormFields<F>;
  name: F;
  label: string;
  kind: 'decimal' | 'whole';
  value: string;
  onChange: (text: string) => void;
  autoFocus?: boolean;
  disabled?: boolean;
  hintId?: string;
  inputRef?: Ref<HTMLInputElement>;
  children?: ReactNode;
}) {
  return (
    <Field label={label} {...fields.field(name)}>
      <input
        ref={inputRef}
        {...fields.control(name, ...(hintId ? [hintId] : []))}
        name={name}
        className={inputClass}
        inputMode={kind === 'whole' ? 'numeric' : 'decimal'}
        autoFocus={autoFocus}
        disabled={disabled}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {children}
    </Field>
  );
}
