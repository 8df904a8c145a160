import { useCallback, useRef, useState } from 'react';
import type { PositionView } from '../../services/api/types';
import { LIVE_DOWN_REASON, useLiveDown } from '../../services/market/hooks';
import { conversionBlocked } from '../../services/positions/conversion';
import { useLivePositions } from '../../services/positions/hooks';
import { PresetTicketButton, rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { StaleMark } from '../Watchlist/WatchRow';
import {
  ErrorNote,
  Page,
  QueryState,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { formatPrice, formatQty, signClass } from '../common/format';
import { FundsNote } from '../Funds/FundsNote';
import { ConvertDialog } from './ConvertDialog';
import { exitOrder, isTicketProduct } from './exitOrder';

/** Opens the order ticket filled in to close the position; the trader checks it and sends it. */
function ExitButton({
  position,
  liveDown,
  onProblem,
}: {
  position: PositionView;
  liveDown: boolean;
  onProblem: (problem: string | null) => void;
}) {
  const product = isTicketProduct(position.product);
  return (
    <PresetTicketButton
      instrument={position}
      action="exit"
      text="Exit"
      label={`Exit ${position.tradingsymbol} ${position.product}`}
      ready="Open a ticket to close this position at market"
      blocked={
        product
          ? null
          : `A ${position.product} position is closed through its orders (the Orders page), not a new order`
      }
      liveDown={liveDown}
      onProblem={onProblem}
      order={(instrument) => exitOrder(position, instrument)}
    />
  );
}

/** Opens the dialog that converts the position to another product (Kite's "Convert"). */
function ConvertButton({
  position,
  liveDown,
  onOpen,
}: {
  position: PositionView;
  liveDown: boolean;
  onOpen: (opener: HTMLButtonElement) => void;
}) {
  const blocked = conversionBlocked(position);
  return (
    <button
      type="button"
      aria-label={`Convert ${position.tradingsymbol} ${position.product}`}
      className={rowButtonClass}
      disabled={liveDown || blocked !== null}
      title={
        liveDown
          ? `${LIVE_DOWN_REASON}; converting is paused`
          : (blocked ?? 'Convert this position to another product')
      }
      onClick={(event) => onOpen(event.currentTarget)}
    >
      Convert
    </button>
  );
}

export function PositionsPage() {
  const { positions, query } = useLivePositions();
  const liveDown = useLiveDown();
  const dimmed = liveDown ? 'opacity-50' : '';
  const total = positions.reduce((sum, position) => sum + position.pnl, 0);
  const [problem, setProblem] = useState<string | null>(null);
  const [converting, setConverting] = useState<PositionView | null>(null);
  // Focus goes back to the row's Convert button when the dialog closes.
  const convertOpener = useRef<HTMLButtonElement | null>(null);
  const closeConvert = useCallback(() => {
    convertOpener.current?.focus();
    setConverting(null);
  }, [setConverting]);
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
      {problem && <ErrorNote>{problem}</ErrorNote>}
      <FundsNote exchange="NSE" />
      <QueryState
        what="Positions"
        isLoading={query.isLoading || query.isUninitialized}
        error={query.error}
      >
        {positions.length === 0 ? (
          <p className="text-sm text-slate-400">No positions.</p>
        ) : (
          <div className={`${tableScrollClass} ${dimmed}`}>
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
                  <th className={thClass} />
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
                    <td className={`${tdClass} text-right`}>
                      {position.quantity !== 0 && (
                        <span className="inline-flex gap-1">
                          <ConvertButton
                            position={position}
                            liveDown={liveDown}
                            onOpen={(opener) => {
                              convertOpener.current = opener;
                              setConverting(position);
                            }}
                          />
                          <ExitButton
                            position={position}
                            liveDown={liveDown}
                            onProblem={setProblem}
                          />
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {converting && <ConvertDialog position={converting} onClose={closeConvert} />}
    </Page>
  );
}
