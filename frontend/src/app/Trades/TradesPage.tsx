import { useAccountArg } from '../../services/accounts/hooks';
import { useTradesQuery } from '../../services/orders/ordersApi';
import { Page, QueryState, tableClass, tableScrollClass, tdClass, thClass } from '../common/States';
import { formatPrice, formatQty, formatTime } from '../common/format';

export function TradesPage() {
  const trades = useTradesQuery(useAccountArg(), { pollingInterval: 10_000 });
  return (
    <Page title="Trades">
      <QueryState
        what="Trades"
        isLoading={trades.isLoading || trades.isUninitialized}
        error={trades.error}
      >
        {trades.data?.length === 0 ? (
          <p className="text-sm text-slate-400">No trades today.</p>
        ) : (
          <div className={tableScrollClass}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Time</th>
                  <th className={thClass}>Trade</th>
                  <th className={thClass}>Order</th>
                  <th className={thClass}>Instrument</th>
                  <th className={thClass}>Side</th>
                  <th className={thClass}>Product</th>
                  <th className={`${thClass} text-right`}>Qty</th>
                  <th className={`${thClass} text-right`}>Price</th>
                </tr>
              </thead>
              <tbody>
                {trades.data?.map((trade) => (
                  <tr
                    key={`${trade.account_id}:${trade.trade_id}`}
                    className="border-b border-slate-800/70"
                  >
                    <td className={tdClass}>{formatTime(trade.fill_timestamp)}</td>
                    <td className={tdClass}>{trade.trade_id}</td>
                    <td className={tdClass}>{trade.order_id}</td>
                    <td className={tdClass}>
                      {trade.tradingsymbol}{' '}
                      <span className="text-xs text-slate-500">{trade.exchange}</span>
                    </td>
                    <td className={tdClass}>{trade.transaction_type}</td>
                    <td className={tdClass}>{trade.product}</td>
                    <td className={`${tdClass} num text-right`}>{formatQty(trade.quantity)}</td>
                    <td className={`${tdClass} num text-right`}>
                      {formatPrice(trade.average_price, trade.exchange)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
