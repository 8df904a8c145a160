import { createContext, useContext } from 'react';
import type { Side, TicketForm } from '../../services/orders/validation';

/** The segment of indices: they have prices but no orders. */
export const INDEX_SEGMENT = 'INDICES';

export interface TicketTarget {
  exchange: string;
  tradingsymbol: string;
  segment?: string;
  tick_size: number;
  lot_size: number;
  instrument_token: number;
  /**
   * The exchange's freeze quantity in units (0: none known) where the opener has it; the ticket looks it up otherwise.
   */
  freeze_quantity?: number;
}

/** What a ticket opens with instead of its defaults (an exit: order type, product, quantity), and why. */
export interface TicketPreset {
  fields: Partial<Omit<TicketForm, 'exchange' | 'tradingsymbol' | 'transaction_type'>>;
  /** Shown at the top of the ticket, e.g. which position it exits. */
  note?: string;
}

export interface TicketControls {
  open: (side: Side, target?: TicketTarget, preset?: TicketPreset) => void;
  close: () => void;
}

export const TicketContext = createContext<TicketControls>({
  open: () => undefined,
  close: () => undefined,
});

export function useTicket(): TicketControls {
  return useContext(TicketContext);
}

/** True when a key press belongs to a text field rather than to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * True when a letter typed there is text rather than a shortcut: free-text fields. Number fields
 * (inputmode numeric or decimal) take no letters, so a letter there is a shortcut.
 */
export function takesLetters(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) {
    const mode = target.getAttribute('inputmode');
    return mode !== 'numeric' && mode !== 'decimal';
  }
  return (
    target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}
