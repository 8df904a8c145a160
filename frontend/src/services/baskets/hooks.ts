import { useMemo } from 'react';
import { skipToken } from '@reduxjs/toolkit/query';
import { shallowEqual } from 'react-redux';
import { useAppSelector } from '../../store/hooks';
import { useActiveAccount } from '../accounts/hooks';
import type { BasketItemRequest, BasketMarginRequest, SegmentFunds } from '../api/types';
import { MARGIN_SETTLE_MS, fundsSegment } from '../funds/fundsApi';
import { useAskAgainWhenBusy, useSettled } from '../funds/hooks';
import { GTT_POLL_MS } from '../gtt/gttApi';
import { useQuotesQuery } from '../market/marketApi';
import { activeList } from '../market/watchlistSlice';
import { useBasketMarginQuery } from './basketsApi';

/**
 * What the basket's orders need of the active account's margin, by the broker's basket calculator: asked once the
 * orders (and whether positions count) have stood still for a moment, again when they change, when shown after 10 s,
 * and a moment after the broker's rate limit had no slot to spare (429). Nothing is asked for an empty basket.
 */
export function useBasketMargin(items: BasketItemRequest[], considerPositions: boolean) {
  const account = useActiveAccount();
  const request: BasketMarginRequest | null =
    items.length === 0
      ? null
      : {
          ...(account === undefined ? {} : { account_id: account }),
          consider_positions: considerPositions,
          items,
        };
  const { settled, moved } = useSettled(request, MARGIN_SETTLE_MS);
  const query = useBasketMarginQuery(settled ?? skipToken, { refetchOnMountOrArgChange: 10 });
  const rateLimited = useAskAgainWhenBusy(query);
  return { ...query, asked: settled !== null, moved, rateLimited };
}

/**
 * The margin the basket may still use: the `net` of the account's segment the orders draw on (commodity when every
 * order is on MCX, equity otherwise); undefined before the funds are read or where the broker has none.
 */
export function basketFunds(
  funds: SegmentFunds[] | undefined,
  accountId: number,
  items: readonly { exchange: string }[],
): SegmentFunds | undefined {
  const segment =
    items.length > 0 && items.every((item) => fundsSegment(item.exchange) === 'commodity')
      ? 'commodity'
      : 'equity';
  return funds?.find((entry) => entry.account_id === accountId && entry.segment === segment);
}

/** An order's instrument, to find its last price. */
interface PricedInstrument {
  exchange: string;
  tradingsymbol: string;
  instrument_token: number;
}

/**
 * The last price of each order's instrument, in the basket's order: live while the open watchlist streams it,
 * otherwise from one quote call for all of them, read again every few seconds. Undefined until one is known.
 */
export function useBasketLastPrices(
  items: readonly PricedInstrument[],
): { lastPrice: number | undefined; live: boolean }[] {
  const streamed = useAppSelector(
    (state) =>
      items.map((item) => {
        const watched = activeList(state.watchlist).items.some(
          (entry) => entry.instrument_token === item.instrument_token,
        );
        const price = state.market.byToken[item.instrument_token]?.last_price;
        return watched && price !== undefined && price > 0 ? price : undefined;
      }),
    shallowEqual,
  );
  const keys = useMemo(
    () => [
      ...new Set(
        items
          .filter((_item, index) => streamed[index] === undefined)
          .map((item) => `${item.exchange}:${item.tradingsymbol}`),
      ),
    ],
    [items, streamed],
  );
  const quotes = useQuotesQuery(keys, { skip: keys.length === 0, pollingInterval: GTT_POLL_MS });
  return items.map((item, index) => {
    const live = streamed[index];
    if (live !== undefined) {
      return { lastPrice: live, live: true };
    }
    const quoted = quotes.data?.[`${item.exchange}:${item.tradingsymbol}`]?.last_price;
    return { lastPrice: quoted !== undefined && quoted > 0 ? quoted : undefined, live: false };
  });
}
