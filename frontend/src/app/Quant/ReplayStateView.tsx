import type { ReplayState } from '../../services/api/types';
import { tableClass, tableScrollClass, tdClass, thClass } from '../common/States';
import {
  formatDateTime,
  formatOrderPrice,
  formatPrice,
  formatQty,
  formatTime,
  signClass,
} from '../common/format';

const numClass = `${tdClass} num text-right`;
const numHeadClass = `${thClass} text-right`;

/**
 * The state of a past moment as tables, with the columns `qleap replay --state-at` prints: positions with
 * their P&L (and its total per account), then the orders, newest first as on the Orders page.
 */
export function ReplayStateView({ state, at }: { state: ReplayState; at: string }) {
  const accounts = new Set([
    ...state.positions.map((position) => position.account_id),
    ...state.orders.map((order) => order.account_id),
  ]);
  const perAccount = accounts.size > 1;
  const pnlByAccount = new Map<number, number>();
  for (const position of state.positions) {
    pnlByAccount.set(
      position.account_id,
      (pnlByAccount.get(position.account_id) ?? 0) + position.pnl,
    );
  }
  const total = [...pnlByAccount.values()].reduce((sum, pnl) => sum + pnl, 0);
  const orders = [...state.orders].sort(
    (a, b) =>
      b.placed_at.localeCompare(a.placed_at) ||
      b.client_order_id - a.client_order_id ||
      b.journal_index - a.journal_index,
  );

  return (
    <div className="flex flex-col gap-3" aria-label="Rebuilt state">
      <p className="text-sm text-slate-300">
        State at {formatDateTime(at)}: journal index {state.last_index}, {formatQty(state.commands)}{' '}
        commands replayed.
      </p>
      <h3 className="text-sm font-medium text-slate-300">Positions ({state.positions.length})</h3>
      {state.positions.length === 0 ? (
        <p className="text-sm text-slate-400">No positions at that moment.</p>
      ) : (
        <div className={tableScrollClass}>
          <table className={tableClass} aria-label="Positions at that moment">
            <thead>
              <tr>
                {perAccount && <th className={thClass}>Account</th>}
                <th className={thClass}>Instrument</th>
                <th className={thClass}>Product</th>
                <th className={numHeadClass}>Qty</th>
                <th className={numHeadClass}>Avg</th>
                <th className={numHeadClass}>Last</th>
                <th className={numHeadClass}>Realised</th>
                <th className={numHeadClass}>Unrealised</th>
                <th className={numHeadClass}>P&amp;L</th>
              </tr>
            </thead>
            <tbody>
              {state.positions.map((position) => (
                <tr
                  key={`${position.account_id}:${position.instrument_token}:${position.product}`}
                  className="border-b border-slate-800/70"
                >
                  {perAccount && <td className={tdClass}>{position.account_id}</td>}
                  <td className={tdClass}>
                    {position.tradingsymbol}{' '}
                    <span className="text-xs text-slate-500">{position.exchange}</span>
                  </td>
                  <td className={tdClass}>{position.product}</td>
                  <td className={numClass}>{formatQty(position.quantity)}</td>
                  <td className={numClass}>{formatPrice(position.average_price)}</td>
                  <td className={numClass}>{formatPrice(position.last_price)}</td>
                  <td className={`${numClass} ${signClass(position.realised)}`}>
                    {formatPrice(position.realised)}
                  </td>
                  <td className={`${numClass} ${signClass(position.unrealised)}`}>
                    {formatPrice(position.unrealised)}
                  </td>
                  <td className={`${numClass} ${signClass(position.pnl)}`}>
                    {formatPrice(position.pnl)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {perAccount &&
                [...pnlByAccount.entries()]
                  .sort(([a], [b]) => a - b)
                  .map(([account, pnl]) => (
                    <tr key={account}>
                      <td className={tdClass} colSpan={8}>
                        P&amp;L of account {account}
                      </td>
                      <td className={`${numClass} ${signClass(pnl)}`}>{formatPrice(pnl)}</td>
                    </tr>
                  ))}
              <tr className="font-medium">
                <td className={tdClass} colSpan={perAccount ? 8 : 7}>
                  Total P&amp;L
                </td>
                <td className={`${numClass} ${signClass(total)}`}>{formatPrice(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <h3 className="text-sm font-medium text-slate-300">Orders ({state.orders.length})</h3>
      {orders.length === 0 ? (
        <p className="text-sm text-slate-400">No orders at that moment.</p>
      ) : (
        <div className={tableScrollClass}>
          <table className={tableClass} aria-label="Orders at that moment">
            <thead>
              <tr>
                {perAccount && <th className={thClass}>Account</th>}
                <th className={thClass}>Time</th>
                <th className={thClass}>Instrument</th>
                <th className={thClass}>Side</th>
                <th className={thClass}>Type</th>
                <th className={thClass}>Variety</th>
                <th className={numHeadClass}>Qty</th>
                <th className={numHeadClass}>Filled</th>
                <th className={numHeadClass}>Price</th>
                <th className={numHeadClass}>Avg</th>
                <th className={thClass}>Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr
                  key={`${order.account_id}:${order.client_order_id}:${order.order_id}`}
                  className="border-b border-slate-800/70"
                >
                  {perAccount && <td className={tdClass}>{order.account_id}</td>}
                  <td className={tdClass}>{formatTime(order.placed_at)}</td>
                  <td className={tdClass}>
                    {order.tradingsymbol}{' '}
                    <span className="text-xs text-slate-500">{order.exchange}</span>
                  </td>
                  <td className={tdClass}>{order.transaction_type}</td>
                  <td className={tdClass}>
                    {order.order_type} {order.product}
                  </td>
                  <td className={tdClass}>{order.variety}</td>
                  <td className={numClass}>{formatQty(order.quantity)}</td>
                  <td className={numClass}>{formatQty(order.filled_quantity)}</td>
                  <td className={numClass}>
                    {formatOrderPrice(order.price)}
                    {order.trigger_price > 0 && (
                      <div className="text-xs text-slate-500">
                        trigger {formatPrice(order.trigger_price)}
                      </div>
                    )}
                  </td>
                  <td className={numClass}>{formatOrderPrice(order.average_price)}</td>
                  <td className={tdClass} title={order.status_message ?? undefined}>
                    {order.status}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-400">Raw JSON</summary>
        <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-2">
          {JSON.stringify(state, null, 2)}
        </pre>
      </details>
    </div>
  );
}
