/**
 * A choice of a select that the broker may refuse for the instrument: offered greyed out, saying why, when it does
 * (Kite's SL-M for options, IOC on MCX), so that it cannot be picked. `label` is what it shows, the value itself by
 * default.
 */
export function RefusableOption({
  value,
  refusal,
  label = value,
}: {
  value: string;
  refusal: string | null;
  label?: string;
}) {
  return (
    <option value={value} disabled={refusal !== null} title={refusal ?? undefined}>
      {label}
    </option>
  );
}
