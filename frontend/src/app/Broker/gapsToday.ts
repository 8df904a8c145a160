import type { GapHistoryEntry } from '../../services/api/types';
import { todayRangeIst } from '../Watchlist/candles';

/** How many feed gaps started on the IST day of `nowMs`, among the gateway's latest notices (an end is no gap). */
export function gapsStartedToday(gaps: GapHistoryEntry[], nowMs: number): number {
  const today = todayRangeIst(nowMs).from;
  return gaps.filter(
    (gap) =>
      gap.state === 'gap_started' &&
      todayRangeIst(Date.parse(gap.at.replace(/(\.\d{3})\d+/, '$1'))).from === today,
  ).length;
}
