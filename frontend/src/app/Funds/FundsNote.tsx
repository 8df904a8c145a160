import { useAccountArg, useActiveAccount } from '../../services/accounts/hooks';
import {
  FUNDS_POLL_MS,
  fundsFor,
  fundsSegment,
  useFundsQuery,
} from '../../services/funds/fundsApi';
import { formatMoney } from '../common/format';

/**
 * The margin an order on `exchange` may still use, from the broker's funds of its segment in the active account, read
 * again every few seconds while shown; nothing where the broker's funds cannot be read (not connected, or no such
 * segment). `labelled` names the segment (Equity, Commodity), for a page that shows the funds of more than one.
 */
export function FundsNote({
  exchange,
  className = '',
  labelled = false,
}: {
  exchange: string;
  className?: string;
  labelled?: boolean;
}) {
  const account = useActiveAccount();
  const { data } = useFundsQuery(useAccountArg(), { pollingInterval: FUNDS_POLL_MS });
  const funds = fundsFor(data, exchange, account);
  if (!funds) {
    return null;
  }
  const segment = fundsSegment(exchange);
  const name = segment === 'equity' ? 'Equity' : 'Commodity';
  return (
    <span
      data-testid="funds-note"
      className={`num text-xs ${funds.net < 0 ? 'text-rose-300' : 'text-slate-400'} ${className}`}
      title={
        `${name} margin of account ${funds.account_id}: ` +
        `opening balance ${formatMoney(funds.opening_balance)}, used ${formatMoney(funds.debits)}`
      }
    >
      {labelled && <span className="text-slate-300">{name} · </span>}
      Available margin {formatMoney(funds.net)}
      <span className="text-slate-500"> · used {formatMoney(funds.debits)}</span>
    </span>
  );
}
