import { useAppSelector } from '../../store/hooks';
import { useFeedOutage } from '../broker/hooks';
import { LIVE_DOWN_REASON, SHORT_OF_SPACE_REASON, useLiveDown, useShortOfSpace } from './hooks';

/** Why live prices may be old, as the watchlist, its depth and the Positions page mark them. */
export interface PriceStaleness {
  /** A feed gap is open: ticks were missed. */
  feedGap: boolean;
  /**
   * Why no prices arrive at all, or null: the live socket is down, the broker's feed is not connected (a Kite
   * session that ended parks it), or the server leaves market data out while its disk is short of space.
   */
  feedDown: string | null;
}

/** Whether live prices may be stale, and why: one answer for every page that shows them. */
export function usePriceStaleness(): PriceStaleness {
  const feedGap = useAppSelector((state) => Object.keys(state.market.gaps).length > 0);
  const liveDown = useLiveDown();
  const feedOutage = useFeedOutage();
  const shortOfSpace = useShortOfSpace();
  const feedDown = liveDown
    ? LIVE_DOWN_REASON
    : (feedOutage ?? (shortOfSpace ? SHORT_OF_SPACE_REASON : null));
  return { feedGap, feedDown };
}
