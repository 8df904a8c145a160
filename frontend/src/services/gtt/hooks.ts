import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { shallowEqual } from 'react-redux';
import { useAppSelector } from '../../store/hooks';
import { useAccountArg } from '../accounts/hooks';
import type { Gtt, GttResult, OrderView } from '../api/types';
import { useHasRole } from '../auth/hooks';
import { marketApi } from '../market/marketApi';
import { activeList } from '../market/watchlistSlice';
import { GTT_POLL_MS, useGttsQuery } from './gttApi';

/** The status of a trigger the broker still watches; only such a trigger is modified or deleted. */
export const GTT_ACTIVE = 'active';

/** What the GTT page lists: the active triggers, or every one the broker still has. */
export type GttFilter = 'active' | 'all';

/** A trigger with the last price its values are measured against. */
export interface LiveGtt extends Gtt {
  /** The market's latest price when the dashboard has one for the instrument, else the trigger's own. */
  reference_price: number;
  /** True when `reference_price` is the market's rather than the one the trigger was placed against. */
  live: boolean;
}

/** How far `value` is from `lastPrice`, in percent of it (negative below); null without a last price. */
export function gttDistance(value: number, lastPrice: number | null | undefined): number | null {
  return lastPrice === null || lastPrice === undefined || lastPrice <= 0
    ? null
    : (100 * (value - lastPrice)) / lastPrice;
}

/** Measures a trigger against the market's last price when there is one, else against its own. */
export function withLastPrice(gtt: Gtt, marketPrice: number | undefined): LiveGtt {
  const live = marketPrice !== undefined && marketPrice > 0;
  return { ...gtt, reference_price: live ? marketPrice : gtt.last_price, live };
}

export function isActiveGtt(gtt: Gtt): boolean {
  return gtt.status === GTT_ACTIVE;
}

/**
 * The active account's triggers, read again every few seconds while shown, each measured against the last price of
 * its instrument when the dashboard has one (the watchlist's); the caller re-renders only when one of those prices
 * changes.
 */
export function useLiveGtts(): { gtts: LiveGtt[]; query: ReturnType<typeof useGttsQuery> } {
  const query = useGttsQuery(useAccountArg(), { pollingInterval: GTT_POLL_MS });
  const data = query.data;
  const prices = useAppSelector(
    (state) => (data ?? []).map((gtt) => state.market.byToken[gtt.instrument_token]?.last_price),
    shallowEqual,
  );
  const gtts = useMemo(
    () => (data ?? []).map((gtt, index) => withLastPrice(gtt, prices[index])),
    [data, prices],
  );
  return { gtts, query };
}

/**
 * The last price of an instrument the GTT form is filled in for: live while the open watchlist streams it,
 * otherwise from a quote read again every few seconds. Undefined until one is known.
 */
export function useGttLastPrice(instrument: {
  exchange: string;
  tradingsymbol: string;
  instrument_token: number;
}): { lastPrice: number | undefined; live: boolean } {
  const streamed = useAppSelector((state) =>
    activeList(state.watchlist).items.some(
      (item) => item.instrument_token === instrument.instrument_token,
    ),
  );
  const market = useAppSelector(
    (state) => state.market.byToken[instrument.instrument_token]?.last_price,
  );
  const key = `${instrument.exchange}:${instrument.tradingsymbol}`;
  const quote = marketApi.useQuotesQuery([key], {
    skip: streamed && market !== undefined,
    pollingInterval: GTT_POLL_MS,
  });
  if (streamed && market !== undefined && market > 0) {
    return { lastPrice: market, live: true };
  }
  const quoted = quote.data?.[key]?.last_price;
  if (quoted !== undefined && quoted > 0) {
    return { lastPrice: quoted, live: false };
  }
  return { lastPrice: market !== undefined && market > 0 ? market : undefined, live: false };
}

/** The statuses an order ends in: it reaches no other after them. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETE', 'REJECTED', 'CANCELLED']);

/**
 * How long after a read of the GTT list that misses a final order (one a trigger may have placed) each further read
 * waits, one after another; after the last there are none. The broker records a fired trigger's order within
 * seconds, and the first read came as the order arrived or changed status.
 */
export const GTT_CATCH_UP_MS: readonly number[] = [2_000, 5_000, 15_000];

/** A trigger that fired and the order it placed, as its list says. */
export interface GttPlacement {
  gtt: Gtt;
  result: GttResult;
}

function placementKey(accountId: number, orderId: string): string {
  return `${accountId}:${orderId}`;
}

/** The trigger that placed the order, or undefined for one no trigger of the list placed. */
export function placedBy(
  placements: ReadonlyMap<string, GttPlacement>,
  order: OrderView,
): GttPlacement | undefined {
  return order.order_id
    ? placements.get(placementKey(order.account_id, order.order_id))
    : undefined;
}

/**
 * The triggers that placed `orders`, by what the GTT list says each trigger's orders became once it fired. Only an
 * order placed outside QuantumLeap can be a trigger's (the broker places it), so the list is read only while such
 * orders are shown: once, and again only when one arrives, or changes status, that the list does not name (a read
 * already on its way as it arrives, another page's say, counts for none of them). Only the orders shown are
 * remembered, so an order shown again after it was not (its account picked again, say) arrives anew. The broker's list can lag the
 * order its trigger placed, so a read made as the order arrived may not name it yet; the order's next status (its
 * fill, say) reads it again. An order already final (complete, rejected or cancelled) has
 * no next status, so a read that misses it is followed by a few more, `GTT_CATCH_UP_MS` apart, one timer at a time,
 * until the list names it. Nothing polls, as every read takes one of the broker's 10 calls a second: an order no
 * trigger placed costs one read per status it reaches, however many updates it gets in each, and those catch-up
 * reads once final. The GTT API is a trader's: other users read nothing.
 */
export function useGttPlacements(orders: OrderView[]): ReadonlyMap<string, GttPlacement> {
  const trader = useHasRole('trader');
  // Each order placed outside QuantumLeap as "<account>:<order id>\t<status>": a read covers an order in one status.
  const outside = [
    ...new Set(
      orders.flatMap((order) =>
        order.client_order_id < 0 && order.order_id
          ? [`${placementKey(order.account_id, order.order_id)}\t${order.status}`]
          : [],
      ),
    ),
  ].sort();
  const outsideKey = outside.join('\n');
  const skip = !trader || outside.length === 0;
  const query = useGttsQuery(useAccountArg(), { skip });
  const { isFetching, isUninitialized, refetch, requestId } = query;
  // The reads of the list started and the orders first shown, counted in the order this page saw them: the count of
  // the latest read started, and that of each order's first showing. Two of them can come in the same millisecond,
  // a count cannot tie.
  const seen = useRef(0);
  const readStarted = useRef<{ id: string | undefined; at: number }>({ id: undefined, at: 0 });
  // A read is counted as it is first seen on its way, before the orders shown with it (this effect comes first): one
  // seen in the same render as an order, another page's say, may have started before the order arrived.
  useLayoutEffect(() => {
    if (isFetching && requestId !== undefined && requestId !== readStarted.current.id) {
      seen.current += 1;
      readStarted.current = { id: requestId, at: seen.current };
    }
  }, [isFetching, requestId]);
  // The count of each order's first showing, taken before this can start a read (the effect that starts one comes
  // later): a read already on its way then, another page's say, reads none of them, as its list may predate their
  // orders.
  const shownSince = useRef(new Map<string, number>());
  // The orders (in a status) a read of the list has started since they were shown: the list names them if a trigger
  // placed them and the broker had recorded it.
  const read = useRef(new Set<string>());
  // The catch-up reads made for each final order (as "<account>:<order id>\t<status>").
  const caughtUp = useRef(new Map<string, number>());
  useLayoutEffect(() => {
    const shown = new Set(outsideKey === '' ? [] : outsideKey.split('\n'));
    // Only what is shown is remembered: one shown again later (its account picked again, say) is a new showing.
    for (const key of shownSince.current.keys()) {
      if (!shown.has(key)) {
        shownSince.current.delete(key);
        read.current.delete(key);
        caughtUp.current.delete(key);
      }
    }
    for (const key of shown) {
      if (!shownSince.current.has(key)) {
        seen.current += 1;
        shownSince.current.set(key, seen.current);
      }
    }
  }, [outsideKey]);
  const placements = useMemo(() => {
    const byOrder = new Map<string, GttPlacement>();
    for (const gtt of query.data ?? []) {
      for (const order of gtt.orders) {
        if (order.result?.order_id) {
          byOrder.set(placementKey(gtt.account_id, order.result.order_id), {
            gtt,
            result: order.result,
          });
        }
      }
    }
    return byOrder;
  }, [query.data]);
  const shownAtRead = useRef<string[] | null>(null);
  // The catch-up read pending.
  const catchUp = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The reads this started that have ended: one can bring the list it had, its fetching unseen (the store tells of
  // a quick answer's start and end at once), and what follows a miss is decided once it ends.
  const [readsEnded, setReadsEnded] = useState(0);
  useEffect(() => {
    const reread = () => {
      void refetch().then(() => setReadsEnded((ended) => ended + 1));
    };
    const stopCatchUp = () => {
      if (catchUp.current !== null) {
        clearTimeout(catchUp.current);
        catchUp.current = null;
      }
    };
    if (skip || isUninitialized) {
      stopCatchUp();
      return;
    }
    const shown = outsideKey.split('\n');
    if (isFetching) {
      // A read without an id yet is this one's own, about to start after all of them.
      const startedAt = requestId === undefined ? Number.POSITIVE_INFINITY : readStarted.current.at;
      shownAtRead.current ??= shown.filter((key) => (shownSince.current.get(key) ?? 0) < startedAt);
      stopCatchUp();
      return;
    }
    for (const key of shownAtRead.current ?? []) {
      if (shownSince.current.has(key)) {
        read.current.add(key);
      }
    }
    shownAtRead.current = null;
    const unnamed = shown.filter((key) => !placements.has(key.slice(0, key.indexOf('\t'))));
    const unread = unnamed.filter((key) => !read.current.has(key));
    if (unread.length > 0) {
      for (const key of unread) {
        read.current.add(key);
      }
      stopCatchUp();
      reread();
      return;
    }
    const missed = unnamed.filter(
      (key) =>
        FINAL_STATUSES.has(key.slice(key.indexOf('\t') + 1)) &&
        (caughtUp.current.get(key) ?? 0) < GTT_CATCH_UP_MS.length,
    );
    if (missed.length === 0) {
      stopCatchUp();
      return;
    }
    if (catchUp.current === null) {
      const made = Math.min(...missed.map((key) => caughtUp.current.get(key) ?? 0));
      catchUp.current = setTimeout(() => {
        catchUp.current = null;
        for (const key of missed.filter((shown) => shownSince.current.has(shown))) {
          caughtUp.current.set(key, (caughtUp.current.get(key) ?? 0) + 1);
        }
        reread();
      }, GTT_CATCH_UP_MS[made]);
    }
  }, [skip, isUninitialized, isFetching, requestId, outsideKey, placements, refetch, readsEnded]);
  useEffect(
    () => () => {
      if (catchUp.current !== null) {
        clearTimeout(catchUp.current);
        catchUp.current = null;
      }
    },
    [],
  );
  return placements;
}
