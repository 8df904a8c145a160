import { skipToken } from '@reduxjs/toolkit/query';
import { useAccountArg, useActiveAccount } from '../../services/accounts/hooks';
import { withAccount } from '../../services/accounts/request';
import { errorBody, errorStatus } from '../../services/api/errors';
import type { PlaceOrder } from '../../services/api/types';
import { useBasketMarginQuery } from '../../services/baskets/basketsApi';
import {
  FUNDS_POLL_MS,
  MARGIN_SETTLE_MS,
  fundsFor,
  positionsMarginRequest,
  useFundsQuery,
  useOrderMarginQuery,
} from '../../services/funds/fundsApi';
import { useAskAgainWhenBusy, useSettled } from '../../services/funds/hooks';
import { formatMoney } from '../common/format';

/**
 * What the order in the ticket would block of the account's margin and cost in charges, by the broker's margin
 * calculator, and by how much it is short of the margin available. Nothing while the ticket holds no valid order
 * or the broker is not connected; the broker's reason when it refuses the order; asked again when the broker's
 * rate limit had no slot to spare (429). A derivative order is also netted against the positions held (Kite's ticket
 * does so too): where they hedge it, the lower margin it would block then is shown beside its own. An order that names
 * no account is priced in the active account, where it would go.
 */
export function OrderMarginNote({ order: given }: { order: PlaceOrder | null }) {
  const account = useActiveAccount();
  const order = given && withAccount(given, account);
  const { settled, moved } = useSettled(order, MARGIN_SETTLE_MS);
  // The last answer stays up, dimmed, while the next is asked for: the ticket does not jump as it is typed in.
  // An answer over 10 s old is asked again when the ticket opens on the same order: prices have moved since.
  const marginQuery = useOrderMarginQuery(settled ?? skipToken, {
    refetchOnMountOrArgChange: 10,
  });
  const { data: margin, error, isFetching } = marginQuery;
  const withPositions = settled ? positionsMarginRequest(settled) : null;
  const positionsQuery = useBasketMarginQuery(withPositions ?? skipToken, {
    refetchOnMountOrArgChange: 10,
  });
  const { data: funds } = useFundsQuery(useAccountArg(), { pollingInterval: FUNDS_POLL_MS });
  const busy = useAskAgainWhenBusy(marginQuery);
  useAskAgainWhenBusy(positionsQuery);
  if (!order || !settled) {
    return null;
  }
  const dim = moved || isFetching || (withPositions !== null && positionsQuery.isFetching);
  if (busy) {
    return (
      <span data-testid="order-margin" className="text-xs text-slate-400" aria-busy>
        Margin: asking the broker again in a moment (its rate limit is busy)
      </span>
    );
  }
  if (error && !isFetching) {
    // Refused: by the gateway's own checks (400) or by the broker (502 broker_refused), each with its reason.
    const body = errorBody(error);
    const refused =
      errorStatus(error) === 400 || body?.error === 'broker_refused' ? body : undefined;
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
  // `data` keeps the last answer through a question that then failed: that answer is for another order.
  const basket = withPositions && !positionsQuery.error ? positionsQuery.data : undefined;
  // The positions' part is the span they save; `final` also credits a sold option's premium, which is no hedge and
  // which the funds do not count as margin freed before the sale fills.
  const saved = basket ? basket.initial.span - basket.final.span : 0;
  const hedged = saved > 0 ? Math.max(0, margin.total - saved) : undefined;
  // What placing the order actually blocks: with the positions netted where they hedge it.
  const blocked = hedged ?? margin.total;
  const available = fundsFor(funds, order.exchange, account)?.net;
  const short = available === undefined ? 0 : blocked - available;
  return (
    <span
      data-testid="order-margin"
      aria-busy={dim}
      className={`num text-xs ${short > 0 ? 'text-rose-300' : 'text-slate-300'} ${dim ? 'opacity-50' : ''}`}
      title={
        `What placing this order blocks of the ${margin.segment} margin of account ${margin.account_id}` +
        (margin.leverage > 1 ? ` (leverage ${margin.leverage}×)` : '') +
        (hedged === undefined
          ? ''
          : `; the positions held hedge part of it: with them it blocks ${formatMoney(hedged)}`) +
        '; charges as if it executed whole'
      }
    >
      Margin required {formatMoney(margin.total)}
      {hedged !== undefined && (
        <span
          data-testid="order-margin-with-positions"
          className="text-emerald-300"
          title={`The positions account ${margin.account_id} holds hedge part of this order: placed now, it blocks ${formatMoney(hedged)}, not ${formatMoney(margin.total)}`}
        >
          {' '}
          · with your positions {formatMoney(hedged)}
        </span>
      )}
      <span className="text-slate-500"> · charges {formatMoney(margin.charges)}</span>
      {short > 0 && <span> · short by {formatMoney(short)}</span>}
    </span>
  );
}
