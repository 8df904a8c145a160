import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useWatchlist } from '../../services/market/hooks';
import type { Side } from '../../services/orders/validation';
import { OrderTicket } from './OrderTicket';
import { INDEX_SEGMENT, TicketContext, isTyping } from './ticketContext';
import type { TicketControls, TicketPreset, TicketTarget } from './ticketContext';

/**
 * Holds the one order ticket and its shortcuts: B buys and S sells the selected instrument. Pages open it
 * through `useTicket`, with a preset where they know more (the Positions page's Exit). When it closes (sent,
 * cancelled or Escape), the focus goes back to what had it when it opened, so a keyboard user carries on from there.
 */
export function TicketProvider({ children }: { children: ReactNode }) {
  const { selected } = useWatchlist();
  const [ticket, setTicket] = useState<{
    side: Side;
    target: TicketTarget;
    preset?: TicketPreset;
    key: number;
  } | null>(null);

  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback(
    (side: Side, target?: TicketTarget, preset?: TicketPreset) => {
      const chosen = target ?? selected;
      if (chosen && chosen.segment !== INDEX_SEGMENT) {
        opener.current =
          document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setTicket({ side, target: chosen, preset, key: Date.now() });
      }
    },
    [selected],
  );
  const close = useCallback(() => {
    setTicket(null);
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) {
      back.focus();
    }
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || ticket) {
        return;
      }
      const key = event.key.toLowerCase();
      if (key === 'b' || key === 's') {
        event.preventDefault();
        open(key === 'b' ? 'BUY' : 'SELL');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, ticket]);

  const controls = useMemo<TicketControls>(() => ({ open, close }), [open, close]);
  return (
    <TicketContext.Provider value={controls}>
      {children}
      {ticket && (
        <OrderTicket
          key={ticket.key}
          side={ticket.side}
          target={ticket.target}
          preset={ticket.preset}
          onClose={close}
        />
      )}
    </TicketContext.Provider>
  );
}
