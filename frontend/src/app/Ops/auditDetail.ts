/**
 * An audit entry's detail as one line a person reads: `order_id 2512040001 · side BUY · quantity 10`. A nested
 * object is its fields after its name (`changes: price 1500 → 1501, quantity 2 → 5`), a change `{from, to}` reads
 * `from → to`, a list its items. Fields without a value are left out; an empty detail reads '–'.
 */
export function formatAuditDetail(detail: Record<string, unknown>): string {
  const fields = present(detail).map(([name, value]) =>
    isObject(value) && !isChange(value)
      ? `${name}: ${fieldsOf(value)}`
      : `${name} ${valueOf(value)}`,
  );
  return fields.length === 0 ? '–' : fields.join(' · ');
}

/**
 * The fields a reader looks for first, in this order; the rest follow as the server gave them (PostgreSQL keeps a
 * detail's keys by length, not as they were written).
 */
const FIRST = [
  'error',
  'message',
  'http_status',
  'order_id',
  'parent_order_id',
  'exchange',
  'tradingsymbol',
  'instrument_token',
  'transaction_type',
  'order_type',
  'product',
  'variety',
  'quantity',
  'price',
  'trigger_price',
  'status',
  'changes',
];

function rank(name: string): number {
  const at = FIRST.indexOf(name);
  return at < 0 ? FIRST.length : at;
}

function present(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object)
    .filter(([, value]) => value !== null && value !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a modify records of each field it changes: `{"from": old, "to": new}`, nothing else. */
function isChange(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && 'from' in value && 'to' in value;
}

function fieldsOf(object: Record<string, unknown>): string {
  const fields = present(object).map(([name, value]) => `${name} ${valueOf(value)}`);
  return fields.length === 0 ? '–' : fields.join(', ');
}

function valueOf(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '–';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '–' : value.map(valueOf).join(', ');
  }
  if (isObject(value)) {
    return isChange(value)
      ? `${valueOf(value.from)} → ${valueOf(value.to)}`
      : `(${fieldsOf(value)})`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
