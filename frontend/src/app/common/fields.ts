/** The ids of a form's fields, made from the form's own id, and the attributes that tie a control to its error. */
export interface FormFields<F extends string> {
  /** The id of the control for `name`. */
  fieldId: (name: F) => string;
  /** What a `Field` for `name` takes besides its label: the control to label, its error and the error's id. */
  field: (name: F) => { htmlFor: string; error: string | undefined; errorId: string };
  /** The control's aria-describedby: its error when it has one, then `more` (hints under it). */
  describedBy: (name: F, ...more: string[]) => string | undefined;
  /** The control's id, aria-invalid and aria-describedby (as `describedBy` has it). */
  control: (
    name: F,
    ...more: string[]
  ) => { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
}

/** The fields of the form with id `base` (from `useId`), their errors as the form's validation last found them. */
export function formFields<F extends string>(
  base: string,
  errors: Partial<Record<F, string>>,
): FormFields<F> {
  const fieldId = (name: F) => `${base}-${name}`;
  const errorId = (name: F) => `${fieldId(name)}-error`;
  const describedBy = (name: F, ...more: string[]) =>
    [errors[name] ? errorId(name) : '', ...more].filter(Boolean).join(' ') || undefined;
  return {
    fieldId,
    field: (name) => ({ htmlFor: fieldId(name), error: errors[name], errorId: errorId(name) }),
    describedBy,
    control: (name, ...more) => ({
      id: fieldId(name),
      'aria-invalid': Boolean(errors[name]),
      'aria-describedby': describedBy(name, ...more),
    }),
  };
}
