import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Holding, OrderView } from '../../services/api/types';
import { useLiveHoldings } from '../../services/holdings/hooks';
import type { HoldingTotals } from '../../services/holdings/hooks';
import { useLiveDown } from '../../services/market/hooks';
import { useLiveOrders } from '../../services/orders/hooks';
import { PresetTicketButton } from '../OrderTicket/PresetTicketButton';
import {
  ErrorNote,
  Page,
  QueryState,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { formatPercent, formatPrice, formatQty, signClass } from '../common/format';
import { inSellOrders, nothingToSell, sellHoldingOrder, sellableQuantity } from './sellHolding';

function percentOf(part: number | null, whole: number): number | null {
  return part === null || whole === 0 ? null : (100 * part) / whole;
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col rounded border border-slate-800 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className="num text-base">{children}</dd>
    </div>
  );
}

function Totals({ totals }: { totals: HoldingTotals }) {
  return (
    <dl aria-label="Holdings totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Figure label="Investment">{formatPrice(totals.invested)}</Figure>
      <Figure label="Current value">{formatPrice(totals.current)}</Figure>
      <Figure label="P&L">
        <span className={signClass(totals.pnl)}>
          {formatPrice(totals.pnl)}{' '}
          <span className="text-xs">{formatPercent(percentOf(totals.pnl, totals.invested))}</span>
        </span>
      </Figure>
      <Figure label="Day's change">
        <span className={signClass(totals.dayChange)}>
          {formatPrice(totals.dayChange)}{' '}
          <span className="text-xs">
            {formatPercent(percentOf(totals.dayChange, totals.previousValue))}
          </span>
        </span>
      </Figure>
    </dl>
  );
}

/** Opens the order ticket filled in to sell the holding; the trader checks it and sends it. */
function SellButton({
  holding,
  orders,
  liveDown,
  onProblem,
}: {
  holding: Holding;
  /** The account's orders, to tell shares in open sell orders from those sold; null while they are not known. */
  orders: OrderView[] | null;
  liveDown: boolean;
  onProblem: (problem: string | null) => void;
}) {
  const sellable = sellableQuantity(holding);
  const pending = orders === null ? null : inSellOrders(holding, orders);
  return (
    <PresetTicketButton
      instrument={holding}
      action="sell"
      text="Sell"
      label={`Sell ${holding.tradingsymbol} ${holding.exchange}`}
      ready="Open a ticket to sell this holding at market"
      blocked={sellable === 0 ? nothingToSell(holding, pending) : null}
      liveDown={liveDown}
      onProblem={onProblem}
      order={(instrument) => ({
        side: 'SELL',
        preset: sellHoldingOrder(holding, instrument, pending),
      })}
    />
  );
}

export function HoldingsPage() {
  const { holdings, totals, query } = useLiveHoldings();
  const { orders, query: ordersQuery } = useLiveOrders();
  const knownOrders = ordersQuery.isSuccess ? orders : null;
  const liveDown = useLiveDown();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Page title="Holdings">
      {problem && <ErrorNote>{problem}</ErrorNote>}
      <QueryState
        what="Holdings"
        isLoading={query.isLoading || query.isUninitialized}
        error={query.error}
      >
        {holdings.length === 0 ? (
          <p className="text-sm text-slate-400">No holdings.</p>
        ) : (
          <>
            <Totals totals={totals} />
            <div className={tableScrollClass}>
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={thClass}>Instrument</th>
                    <th className={`${thClass} text-right`}>Qty</th>
                    <th className={`${thClass} text-right`}>Avg</th>
                    <th className={`${thClass} text-right`}>LTP</th>
                    <th className={`${thClass} text-right`}>Invested</th>
                    <th className={`${thClass} text-right`}>Cur. value</th>
                    <th className={`${thClass} text-right`}>P&amp;L</th>
                    <th className={`${thClass} text-right`}>Net chg</th>
                    <th className={`${thClass} text-right`}>Day chg</th>
                    <th className={thClass}>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {holdings.map((holding) => (
                    <tr
                      key={`${holding.account_id}:${holding.instrument_token}:${holding.product}`}
                      className="border-b border-slate-800/70"
                    >
                      <td className={tdClass}>
                        {holding.tradingsymbol}{' '}
                        <span className="text-xs text-slate-500">{holding.exchange}</span>
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatQty(holding.held)}
                        {holding.t1_quantity > 0 && (
                          <div className="text-xs text-slate-500">
                            T1 {formatQty(holding.t1_quantity)}
                          </div>
                        )}
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatPrice(holding.average_price, holding.exchange)}
                      </td>
                      <td
                        className={`${tdClass} num text-right`}
                        title={
                          holding.live
                            ? 'Live: the latest market price'
                            : 'As the broker reported it; watch the instrument for live prices'
                        }
                      >
                        {formatPrice(holding.last_price, holding.exchange)}
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatPrice(holding.invested)}
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatPrice(holding.current)}
                      </td>
                      <td className={`${tdClass} num text-right ${signClass(holding.pnl)}`}>
                        {formatPrice(holding.pnl)}
                      </td>
                      <td className={`${tdClass} num text-right ${signClass(holding.pnl)}`}>
                        {formatPercent(percentOf(holding.pnl, holding.invested))}
                      </td>
                      <td className={`${tdClass} num text-right ${signClass(holding.day_change)}`}>
                        {formatPercent(
                          percentOf(holding.day_change, holding.close_price * holding.held),
                        )}
                      </td>
                      <td className={`${tdClass} text-right`}>
                        <SellButton
                          holding={holding}
                          orders={knownOrders}
                          liveDown={liveDown}
                          onProblem={setProblem}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </Page>
  );
}
