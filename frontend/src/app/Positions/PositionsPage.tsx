import { LIVE_DOWN_REASON, useLiveDown } from '../../services/market/hooks';
import { useLivePositions } from '../../services/positions/hooks';
import { StaleMark } from '../Watchlist/WatchRow';
import { Page, QueryState, tableClass, tdClass, thClass } from '../common/States';
import { formatPrice, formatQty, signClass } from '../common/format';

export function PositionsPage() {
  const { positions, query } = useLivePositions();
  const liveDown = useLiveDown();
  const dimmed = liveDown ? 'opacity-50' : '';
  const total = positions.reduce((sum, position) => sum + position.pnl, 0);
  return (
    <Page
      title="Positions"
      actions={
        <span className="num text-sm">
          Total P&amp;L{' '}
          <span className={`${signClass(total)} ${dimmed}`}>{formatPrice(total)}</span>
          <StaleMark
            conflated={false}
            feedGap={false}
            feedDown={liveDown ? LIVE_DOWN_REASON : null}
          />
        </span>
      }
    >
      <QueryState what="Positions" isLoading={query.isLoading} error={query.error}>
        {positions.length === 0 ? (
          <p className="text-sm text-slate-400">No positions.</p>
        ) : (
          <div className={`overflow-x-auto ${dimmed}`}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Instrument</th>
                  <th className={thClass}>Product</th>
                  <th className={`${thClass} text-right`}>Qty</th>
                  <th className={`${thClass} text-right`}>Avg</th>
                  <th className={`${thClass} text-right`}>LTP</th>
                  <th className={`${thClass} text-right`}>P&amp;L</th>
                  <th className={`${thClass} text-right`}>Realised</th>
                  <th className={`${thClass} text-right`}>Unrealised</th>
                  <th className={`${thClass} text-right`}>M2M</th>
                </tr>
              </thead>
              <tbody>
                {positions.map((position) => (
                  <tr
                    key={`${position.account_id}:${position.instrument_token}:${position.product}`}
                    className="border-b border-slate-800/70"
                  >
                    <td className={tdClass}>
                      {position.tradingsymbol}{' '}
                      <span className="text-xs text-slate-500">{position.exchange}</span>
                    </td>
                    <td className={tdClass}>{position.product}</td>
                    <td className={`${tdClass} num text-right`}>{formatQty(position.quantity)}</td>
                    <td className={`${tdClass} num text-right`}>
                      {formatPrice(position.average_price)}
                    </td>
                    <td className={`${tdClass} num text-right`}>
                      {formatPrice(position.last_price)}
                    </td>
                    <td className={`${tdClass} num text-right ${signClass(position.pnl)}`}>
                      {formatPrice(position.pnl)}
                    </td>
                    <td className={`${tdClass} num text-right ${signClass(position.realised)}`}>
                      {formatPrice(position.realised)}
                    </td>
                    <td className={`${tdClass} num text-right ${signClass(position.unrealised)}`}>
                      {formatPrice(position.unrealised)}
                    </td>
                    <td className={`${tdClass} num text-right ${signClass(position.m2m)}`}>
                      {formatPrice(position.m2m)}
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
