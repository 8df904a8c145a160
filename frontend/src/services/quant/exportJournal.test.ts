import { describe, expect, it } from 'vitest';
import { readLeftOut, readLeftOutCount } from './exportJournal';

describe('the instruments an export left out', () => {
  it('are none without the header, or with it empty', () => {
    expect(readLeftOut(null)).toEqual([]);
    expect(readLeftOut('')).toEqual([]);
  });

  it('are read back as the gateway names them: comma-separated, each percent-encoded', () => {
    expect(
      readLeftOut('12345,NSE:NO%20PE%2CX,NSE:%E0%A4%9F%E0%A4%BE%E0%A4%9F%E0%A4%BE,NSE:M%26M'),
    ).toEqual(['12345', 'NSE:NO PE,X', 'NSE:टाटा', 'NSE:M&M']);
  });

  it('keep a part that is not percent-encoding as it came', () => {
    expect(readLeftOut('NSE:100%,12345')).toEqual(['NSE:100%', '12345']);
  });
});

describe('how many instruments an export left out', () => {
  it('is the count the gateway sent, which may pass those it named', () => {
    expect(readLeftOutCount('412', 3)).toBe(412);
    expect(readLeftOutCount('0', 0)).toBe(0);
  });

  it('is those named without a count, or with one that is not a count or is fewer', () => {
    expect(readLeftOutCount(null, 2)).toBe(2);
    expect(readLeftOutCount('many', 2)).toBe(2);
    expect(readLeftOutCount('1', 2)).toBe(2);
  });
});
