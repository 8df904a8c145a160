import { describe, expect, it } from 'vitest';
import { keepInstruments, parseCsv, toCsv, toJsonLines } from './csv';

const EXPORT = [
  'index,timestampNs,instrumentToken,tag',
  '1,1767585600123456789,408065,plain',
  '2,1767585600223456789,13238786,"with, comma"',
  '3,1767585600323456789,408065,"say ""hi""',
  'and a line"',
  '',
].join('\n');

describe('the journal export in the browser', () => {
  it('reads quoted commas, quotes and line breaks the way the gateway writes them', () => {
    const records = parseCsv(EXPORT);
    expect(records.map((record) => record.fields[3])).toEqual([
      'tag',
      'plain',
      'with, comma',
      'say "hi"\nand a line',
    ]);
  });

  it('reads an export without quotes line by line, the same way', () => {
    expect(parseCsv('index,tag\r\n1,a\n2,\n')).toEqual([
      { fields: ['index', 'tag'], raw: 'index,tag' },
      { fields: ['1', 'a'], raw: '1,a' },
      { fields: ['2', ''], raw: '2,' },
    ]);
  });

  it('keeps the header and the rows of the chosen instruments, byte for byte', () => {
    const kept = toCsv(keepInstruments(parseCsv(EXPORT), new Set([408065])));
    expect(kept).toBe(
      [
        'index,timestampNs,instrumentToken,tag',
        '1,1767585600123456789,408065,plain',
        '3,1767585600323456789,408065,"say ""hi""',
        'and a line"',
        '',
      ].join('\n'),
    );
    expect(toCsv(keepInstruments(parseCsv(EXPORT), null))).toBe(EXPORT);
  });

  it('writes JSON lines with whole numbers as numbers, except those a double cannot hold', () => {
    const lines = toJsonLines(parseCsv(EXPORT)).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      index: 1,
      timestampNs: '1767585600123456789',
      instrumentToken: 408065,
      tag: 'plain',
    });
  });
});
