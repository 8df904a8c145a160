import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './format';

describe('times', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('shows a time in IST whatever the browser zone is', () => {
    expect(formatTime('2026-12-02T04:52:15Z')).toBe('10:22:15');
    expect(formatTime(Date.parse('2026-12-02T18:45:00Z'))).toBe('00:15:00');
  });

  it('shows a date and time in IST and says so', () => {
    expect(formatDateTime('2026-12-02T00:30:00Z')).toBe('2/12/2026, 06:00:00 IST');
    expect(formatDateTime(null)).toBe('–');
  });
});
