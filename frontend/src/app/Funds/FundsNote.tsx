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
 * segment).
 */
export function FundsNote({ exchange, className = '' }: { exchange: string; className?: string }) {
  const account = useActiveAccount();
  const { data } = useFundsQuery(useAccountArg(), { pollingInterval: FUNDS_POLL_MS });
  const funds = fundsFor(data, exchange, account);
  if (!funds) {
    return null;
  }
  const segment = fundsSegment(exchange);
  return (
    <span
      data-testid="funds-note"
      className={`num text-xs ${funds.net < 0 ? 'text-rose-300' : 'text-slate-400'} ${className}`}
      title={
        `${segment === 'equity' ? 'Equity' : 'Commodity'} margin of account ${funds.account_id}: ` +
        `opening balance ${formatMoney(funds.opening_balance)}, used ${formatMoney(funds.debits)}`
      }
    >
      Available margin {formatMoney(funds.net)}
      <span className="text-slate-500"> · used {formatMoney(funds.debits)}</span>
    </span>
  );
}
