import { useState } from 'react';
import { LIVE_DOWN_REASON, useFindInstrument } from '../../services/market/hooks';
import type { TradableInstrument } from '../../services/market/hooks';
import type { Side } from '../../services/orders/validation';
import { useTicket } from './ticketContext';
import type { TicketPreset } from './ticketContext';

/** The small buttons at the end of a table row (Exit, Sell, Convert). */
export const rowButtonClass =
  'rounded bg-slate-700 px-2 text-xs text-white hover:bg-slate-600 disabled:cursor-not-allowed disabled:opacity-40';

/**
 * A row's button that opens the order ticket filled in for it (a position's exit, a holding's sale); the trader
 * checks the ticket and sends it. It looks the instrument up first (its lot and tick size) and says so through
 * `onProblem` when the gateway does not know it.
 */
export function PresetTicketButton({
  instrument,
  action,
  text,
  label,
  ready,
  blocked,
  liveDown,
  onProblem,
  order,
}: {
  instrument: { exchange?: string | null; tradingsymbol: string; instrument_token: number };
  /** The action in words, for the problem message: "exit", "sell". */
  action: string;
  /** The button's text. */
  text: string;
  /** Its accessible name, naming the row. */
  label: string;
  /** Its title while it can be used. */
  ready: string;
  /** Why the row cannot be ordered from (its title then), or null. */
  blocked: string | null;
  /** The page's live connection is down: ordering is paused, as B and S are. */
  liveDown: boolean;
  onProblem: (problem: string | null) => void;
  order: (instrument: TradableInstrument) => { side: Side; preset: TicketPreset };
}) {
  const ticket = useTicket();
  const find = useFindInstrument();
  const [looking, setLooking] = useState(false);

  const open = async () => {
    onProblem(null);
    setLooking(true);
    const found = await find(instrument);
    setLooking(false);
    if (!found) {
      onProblem(
        `Could not ${action} ${instrument.tradingsymbol}: the gateway does not ` +
          'know the instrument (its lot and tick size).',
      );
      return;
    }
    const { side, preset } = order(found);
    ticket.open(side, found, preset);
  };

  return (
    <button
      type="button"
      aria-label={label}
      className={rowButtonClass}
      disabled={liveDown || blocked !== null || looking}
      title={liveDown ? `${LIVE_DOWN_REASON}; ordering is paused` : (blocked ?? ready)}
      onClick={() => void open()}
    >
      {text}
    </button>
  );
}
