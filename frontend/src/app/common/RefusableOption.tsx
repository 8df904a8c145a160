/**
 * A choice of a select that the broker may refuse for the instrument: offered greyed out, saying why, when it does
 * (Kite's SL-M for options, IOC on MCX), so that it cannot be picked.
 */
export function RefusableOption({ value, refusal }: { value: string; refusal: string | null }) {
  return (
    <option value={value} disabled={refusal !== null} title={refusal ?? undefined}>
      {value}
    </option>
  );
}
