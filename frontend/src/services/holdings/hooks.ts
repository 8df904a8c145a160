import { useMemo } from 'react';
import { shallowEqual } from 'react-redux';
import { useAppSelector } from '../../store/hooks';
import { useAccountArg } from '../accounts/hooks';
import type { Holding } from '../api/types';
import { useStreamedPrices } from '../market/hooks';
import { useHoldingsQuery } from './holdingsApi';

/** A holding valued at its latest price; money in rupees. */
export interface LiveHolding extends Holding {
  /** Shares held: the settled quantity plus those bought the day before (T1), still to be delivered. */
  held: number;
  invested: number;
  current: number;
  /** (LTP − average) × held, so the P&L moves with the live price. */
  pnl: number;
  /** (LTP − previous close) × held; null without a previous close. */
  day_change: number | null;
  /** True when the last price is the market's latest rather than the broker's when holdings were read. */
  live: boolean;
}

export interface HoldingTotals {
  invested: number;
  current: number;
  pnl: number;
  /** The day's change of the holdings that have a previous close; null when none has. */
  dayChange: number | null;
  /** What those holdings were worth at the previous close, the base of the day's change in percent. */
  previousValue: number;
}

/** Values a holding at the market's last price when there is one, else at the broker's. */
export function valueHolding(holding: Holding, marketPrice: number | undefined): LiveHolding {
  const live = marketPrice !== undefined && marketPrice > 0;
  const lastPrice = live ? marketPrice : holding.last_price;
  const held = holding.quantity + holding.t1_quantity;
  const invested = holding.average_price * held;
  const current = lastPrice * held;
  return {
    ...holding,
    last_price: lastPrice,
    held,
    invested,
    current,
    pnl: current - invested,
    day_change: holding.close_price > 0 ? (lastPrice - holding.close_price) * held : null,
    live,
  };
}

export function holdingTotals(holdings: LiveHolding[]): HoldingTotals {
  const totals: HoldingTotals = {
    invested: 0,
    current: 0,
    pnl: 0,
    dayChange: null,
    previousValue: 0,
  };
  for (const holding of holdings) {
    totals.invested += holding.invested;
    totals.current += holding.current;
    totals.pnl += holding.pnl;
    if (holding.day_change !== null) {
      totals.dayChange = (totals.dayChange ?? 0) + holding.day_change;
      totals.previousValue += holding.close_price * holding.held;
    }
  }
  return totals;
}

/**
 * The active account's holdings from the broker, valued at their instruments' live last prices: every holding's
 * instrument streams while the caller is shown (see useStreamedPrices), so none keeps the price the broker had when
 * holdings were read. The caller re-renders only when one of those prices changes.
 */
export function useLiveHoldings(): {
  holdings: LiveHolding[];
  totals: HoldingTotals;
  query: ReturnType<typeof useHoldingsQuery>;
} {
  const query = useHoldingsQuery(useAccountArg());
  const data = query.data;
  useStreamedPrices(useMemo(() => (data ?? []).map((holding) => holding.instrument_token), [data]));
  const prices = useAppSelector(
    (state) =>
      (data ?? []).map((holding) => state.market.byToken[holding.instrument_token]?.last_price),
    shallowEqual,
  );
  const holdings = useMemo(
    () =>
      (data ?? [])
        .map((holding, index) => valueHolding(holding, prices[index]))
        .sort((a, b) => a.tradingsymbol.localeCompare(b.tradingsymbol)),
    [data, prices],
  );
  const totals = useMemo(() => holdingTotals(holdings), [holdings]);
  return { holdings, totals, query };
}
