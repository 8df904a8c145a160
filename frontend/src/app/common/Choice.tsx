/** One of a set of buttons only one of which is on. */
export interface ChoiceOption<T extends string> {
  value: T;
  text: string;
  title?: string;
}

interface ChoiceProps<T extends string> {
  /** The group's accessible name. */
  label: string;
  options: ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
}

function RadioButtons<T extends string>({
  label,
  options,
  value,
  onChange,
  buttonClass,
}: ChoiceProps<T> & { buttonClass: (checked: boolean) => string }) {
  return (
    <div className="flex gap-1" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          title={option.title}
          onClick={() => onChange(option.value)}
          className={buttonClass(value === option.value)}
        >
          {option.text}
        </button>
      ))}
    </div>
  );
}

/** A choice on a form's coloured band (a GTT's type and side, an alert's direction). */
export function Choice<T extends string>(props: ChoiceProps<T>) {
  return (
    <RadioButtons
      {...props}
      buttonClass={(checked) =>
        `rounded px-2 py-0.5 text-xs ${checked ? 'bg-white text-slate-900' : 'bg-black/30 text-white'}`
      }
    />
  );
}

/** A page's tabs over its list (which rows it shows, each tab with its count): a choice named "Show". */
export function FilterTabs<T extends string>({
  label = 'Show',
  ...props
}: Omit<ChoiceProps<T>, 'label'> & { label?: string }) {
  return (
    <RadioButtons
      label={label}
      {...props}
      buttonClass={(checked) =>
        `rounded px-2 py-1 text-xs ${checked ? 'bg-slate-600 text-white' : 'text-slate-300 hover:bg-slate-800'}`
      }
    />
  );
}
