import { useEffect, useState } from 'react';
import { skipToken } from '@reduxjs/toolkit/query';
import { errorBody, errorStatus } from '../../services/api/errors';
import type { PlaceOrder } from '../../services/api/types';
import {
  FUNDS_POLL_MS,
  MARGIN_RETRY_MS,
  MARGIN_SETTLE_MS,
  fundsFor,
  useFundsQuery,
  useOrderMarginQuery,
} from '../../services/funds/fundsApi';
import { formatMoney } from '../common/format';

/**
 * The order as it last stood still for `MARGIN_SETTLE_MS` (what is typed is not asked for key by key), null while
 * the ticket held no valid order; `moved` while the order differs from it.
 */
function useSettledOrder(order: PlaceOrder | null): { settled: PlaceOrder | null; moved: boolean } {
  const key = order ? JSON.stringify(order) : '';
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), MARGIN_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return {
    settled: settled === '' ? null : (JSON.parse(settled) as PlaceOrder),
    moved: settled !== key,
  };
}

/**
 * What the order in the ticket would block of the account's margin and cost in charges, by the broker's margin
 * calculator, and by how much it is short of the margin available. Nothing while the ticket holds no valid order
 * or the broker is not connected; the broker's reason when it refuses the order; asked again when the broker's
 * rate limit had no slot to spare (429).
 */
export function OrderMarginNote({ order }: { order: PlaceOrder | null }) {
  const { settled, moved } = useSettledOrder(order);
  // The last answer stays up, dimmed, while the next is asked for: the ticket does not jump as it is typed in.
  // An answer over 10 s old is asked again when the ticket opens on the same order: prices have moved since.
  const {
    data: margin,
    error,
    isFetching,
    refetch,
  } = useOrderMarginQuery(settled ?? skipToken, {
    refetchOnMountOrArgChange: 10,
  });
  const { data: funds } = useFundsQuery(undefined, { pollingInterval: FUNDS_POLL_MS });
  // The broker's rate limit had no slot to spare for the question (order changes come first): ask again.
  const busy = errorStatus(error) === 429 && !isFetching;
  useEffect(() => {
    if (!busy) {
      return undefined;
    }
    const timer = setTimeout(() => void refetch(), MARGIN_RETRY_MS);
    return () => clearTimeout(timer);
  }, [busy, refetch]);
  if (!order || !settled) {
    return null;
  }
  const dim = moved || isFetching;
  if (busy) {
    return (
      <span data-testid="order-margin" className="text-xs text-slate-400" aria-busy>
        Margin: asking the broker again in a moment (its rate limit is busy)
      </span>
    );
  }
  if (error && !isFetching) {
    const refused = errorStatus(error) === 400 ? errorBody(error) : undefined;
    return refused ? (
      <span
        data-testid="order-margin"
        className={`text-xs text-amber-300 ${dim ? 'opacity-50' : ''}`}
        title={refused.message}
      >
        Margin not known: {refused.message}
      </span>
    ) : null;
  }
  if (!margin) {
    return null;
  }
  const available = fundsFor(funds, order.exchange)?.net;
  const short = available === undefined ? 0 : margin.total - available;
  return (
    <span
      data-testid="order-margin"
      aria-busy={dim}
      className={`num text-xs ${short > 0 ? 'text-rose-300' : 'text-slate-300'} ${dim ? 'opacity-50' : ''}`}
      title={
        `What placing this order blocks of the ${margin.segment} margin of account ${margin.account_id}` +
        (margin.leverage > 1 ? ` (leverage ${margin.leverage}×)` : '') +
        '; charges as if it executed whole'
      }
    >
      Margin required {formatMoney(margin.total)}
      <span className="text-slate-500"> · charges {formatMoney(margin.charges)}</span>
      {short > 0 && <span> · short by {formatMoney(short)}</span>}
    </span>
  );
}
