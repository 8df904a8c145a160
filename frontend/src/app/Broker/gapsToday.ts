import type { GapHistoryEntry } from '../../services/api/types';
import { IST_OFFSET_S } from '../common/format';

const DAY_MS = 86_400_000;

/** The IST day an instant falls on, as a day number. */
function istDay(ms: number): number {
  return Math.floor((ms + IST_OFFSET_S * 1000) / DAY_MS);
}

/** How many feed gaps started on the IST day of `nowMs`, among the gateway's latest notices (an end is no gap). */
export function gapsStartedToday(gaps: GapHistoryEntry[], nowMs: number): number {
  const today = istDay(nowMs);
  return gaps.filter(
    (gap) =>
      gap.state === 'gap_started' &&
      istDay(Date.parse(gap.at.replace(/(\.\d{3})\d+/, '$1'))) === today,
  ).length;
}
