/**
 * The journal export is RFC 4180 CSV with a header line (the gateway quotes text only when it holds a comma,
 * quote or line break). These read it, keep the rows of chosen instruments and turn it into JSON lines, in
 * the browser: the gateway exports every instrument, as CSV only.
 */

export interface CsvRecord {
  fields: string[];
  /** The record as it was written, without its line break. */
  raw: string;
}

export function parseCsv(text: string): CsvRecord[] {
  if (!text.includes('"')) {
    // Nothing quoted (the usual case): a line is a record, a comma a separator; much faster on big exports.
    const lines = text.split('\n');
    if (lines.at(-1) === '') {
      lines.pop();
    }
    return lines.map((line) => {
      const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
      return { fields: raw.split(','), raw };
    });
  }
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  const endRecord = (end: number) => {
    fields.push(field);
    records.push({ fields, raw: text.slice(start, end) });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRecord(i > start && text[i - 1] === '\r' ? i - 1 : i);
      start = i + 1;
    } else {
      field += c;
    }
  }
  if (start < text.length) {
    endRecord(text.length);
  }
  return records;
}

export const INSTRUMENT_COLUMN = 'instrumentToken';

/** The header and the rows whose instrument is one of `tokens` (every row when `tokens` is null). */
export function keepInstruments(
  records: CsvRecord[],
  tokens: ReadonlySet<number> | null,
): CsvRecord[] {
  const [header, ...rows] = records;
  if (!header || tokens === null) {
    return records;
  }
  const column = header.fields.indexOf(INSTRUMENT_COLUMN);
  if (column < 0) {
    return records;
  }
  return [header, ...rows.filter((row) => tokens.has(Number(row.fields[column])))];
}

export function toCsv(records: CsvRecord[]): string {
  return records.map((record) => `${record.raw}\n`).join('');
}

/** One JSON object per row; whole numbers become numbers unless they lose precision (nanosecond times). */
export function toJsonLines(records: CsvRecord[]): string {
  const [header, ...rows] = records;
  if (!header) {
    return '';
  }
  const value = (text: string): string | number => {
    if (/^-?\d+$/.test(text)) {
      const number = Number(text);
      return Number.isSafeInteger(number) ? number : text;
    }
    return text;
  };
  return rows
    .map(
      (row) =>
        `${JSON.stringify(Object.fromEntries(header.fields.map((name, i) => [name, value(row.fields[i] ?? '')])))}\n`,
    )
    .join('');
}
