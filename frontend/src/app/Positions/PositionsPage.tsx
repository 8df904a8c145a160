import { useCallback, useRef, useState } from 'react';
import { describeError } from '../../services/api/errors';
import type { PositionView } from '../../services/api/types';
import { LIVE_DOWN_REASON, useFindInstrument, useLiveDown } from '../../services/market/hooks';
import type { TradableInstrument } from '../../services/market/hooks';
import { usePriceStaleness } from '../../services/market/staleness';
import {
  usePlaceOrderMutation,
  usePlaceSlicedOrderMutation,
} from '../../services/orders/ordersApi';
import { slicedOutcome } from '../../services/orders/autoslice';
import { conversionBlocked } from '../../services/positions/conversion';
import { useLivePositions } from '../../services/positions/hooks';
import { PresetTicketButton, rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { StaleMark } from '../Watchlist/WatchRow';
import {
  ErrorNote,
  Page,
  QueryState,
  buttonClass,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { formatPrice, formatQty, signClass } from '../common/format';
import { runNotice, sendInTurn } from '../common/inTurn';
import type { RunFailure } from '../common/inTurn';
import { useAppDispatch } from '../../store/hooks';
import { FundsNote } from '../Funds/FundsNote';
import { ConvertDialog } from './ConvertDialog';
import { exitOrder, exitRequest, isTicketProduct } from './exitOrder';

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

/** The position as Exit all's notice names it: "INFY CNC (NSE)". */
function positionNamed(position: PositionView): string {
  return `${position.tradingsymbol} ${position.product} (${position.exchange})`;
}

/**
 * Exit all: one market order closing each position a row's Exit is offered and enabled for (open, of a product the
 * ticket places), the same order that Exit fills the ticket with; one above the most one order may carry (the freeze
 * quantity) goes autosliced, as several orders. After one confirm listing them, as the ticket's note words each, it
 * sends them one after another and says in one notice what was sent and what failed.
 */
function ExitAllButton({ positions, liveDown }: { positions: PositionView[]; liveDown: boolean }) {
  const find = useFindInstrument();
  const [place] = usePlaceOrderMutation();
  const [placeSliced] = usePlaceSlicedOrderMutation();
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const exitable = positions.filter(
    (position) => position.quantity !== 0 && isTicketProduct(position.product),
  );
  const blocked = liveDown
    ? `${LIVE_DOWN_REASON}; ordering is paused`
    : busy
      ? 'Sending the exits'
      : exitable.length === 0
        ? 'No open position here that a market order closes'
        : null;

  const exitAll = async () => {
    setBusy(true);
    try {
      const looked = await Promise.all(
        exitable.map(async (position) => ({
          position,
          instrument: await find(position, { freezeQuantity: true }),
        })),
      );
      const unknown: RunFailure[] = [];
      const exits: { position: PositionView; instrument: TradableInstrument }[] = [];
      for (const { position, instrument } of looked) {
        if (instrument) {
          exits.push({ position, instrument });
        } else {
          unknown.push({
            name: positionNamed(position),
            reason: 'the gateway does not know the instrument (its lot and tick size); not sent',
          });
        }
      }
      const question = [
        `Exit ${exits.length} ${exits.length === 1 ? 'position' : 'positions'} at market?`,
        ...exits.map(({ position, instrument }) => exitOrder(position, instrument).preset.note),
        ...(unknown.length > 0
          ? [`Left out, the gateway does not know them: ${unknown.map((u) => u.name).join(', ')}.`]
          : []),
      ].join('\n');
      if (exits.length === 0) {
        dispatch(runNotice('positions:exit-all', EXIT_ALL, 0, unknown));
        return;
      }
      if (!window.confirm(question)) {
        return;
      }
      const { sent, failures } = await sendInTurn(
        exits,
        ({ position }) => positionNamed(position),
        async ({ position, instrument }) => {
          const exit = exitRequest(position, instrument, true);
          if ('problem' in exit) {
            return exit.problem;
          }
          if (exit.request.autoslice) {
            const sliced = await placeSliced(exit.request);
            if ('error' in sliced) {
              return describeError(sliced.error);
            }
            const outcome = sliced.data ? slicedOutcome(sliced.data.orders) : null;
            return outcome && !outcome.complete ? outcome.text : null;
          }
          const result = await place(exit.request);
          return 'error' in result ? describeError(result.error) : null;
        },
      );
      dispatch(runNotice('positions:exit-all', EXIT_ALL, sent, [...failures, ...unknown]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className={buttonClass}
      disabled={blocked !== null}
      title={
        blocked ??
        `Close the ${exitable.length} open ${exitable.length === 1 ? 'position' : 'positions'} shown at market, one order each`
      }
      onClick={() => void exitAll()}
    >
      Exit all
    </button>
  );
}

const EXIT_ALL = { title: 'Exit all', noun: 'exit order', nouns: 'exit orders' };

export function PositionsPage() {
  const { positions, query } = useLivePositions();
  const liveDown = useLiveDown();
  const dimmed = liveDown ? 'opacity-50' : '';
  const total = positions.reduce((sum, position) => sum + position.pnl, 0);
  // The LTP and P&L follow the same ticks as the watchlist: stale when its prices are.
  const { feedGap, feedDown } = usePriceStaleness();
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
          <StaleMark conflated={false} feedGap={feedGap} feedDown={feedDown} />
        </span>
      }
    >
      {problem && <ErrorNote>{problem}</ErrorNote>}
      <div className="flex flex-wrap gap-x-6">
        <FundsNote exchange="NSE" labelled />
        <FundsNote exchange="MCX" labelled />
      </div>
      <QueryState
        what="Positions"
        isLoading={query.isLoading || query.isUninitialized}
        error={query.error}
      >
        {positions.length === 0 ? (
          <p className="text-sm text-slate-400">No positions.</p>
        ) : (
          <>
            <div className="flex justify-end">
              <ExitAllButton positions={positions} liveDown={liveDown} />
            </div>
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
                      <td className={`${tdClass} num text-right`}>
                        {formatQty(position.quantity)}
                        {position.multiplier > 1 && (
                          <span
                            className="ml-1 text-xs text-slate-500"
                            title={
                              `Each unit of ${position.tradingsymbol} counts ${formatQty(position.multiplier)} times ` +
                              `in its value and P&L: P&L = (LTP - average) × quantity × ${formatQty(position.multiplier)}`
                            }
                          >
                            ×{formatQty(position.multiplier)}
                          </span>
                        )}
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatPrice(position.average_price, position.exchange)}
                      </td>
                      <td className={`${tdClass} num text-right`}>
                        {formatPrice(position.last_price, position.exchange)}
                        <StaleMark conflated={false} feedGap={feedGap} feedDown={feedDown} />
                      </td>
                      <td className={`${tdClass} num text-right ${signClass(position.pnl)}`}>
                        {formatPrice(position.pnl)}
                        <StaleMark conflated={false} feedGap={feedGap} feedDown={feedDown} />
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
          </>
        )}
      </QueryState>
      {converting && <ConvertDialog position={converting} onClose={closeConvert} />}
    </Page>
  );
}
