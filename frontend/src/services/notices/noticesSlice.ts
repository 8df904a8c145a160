import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { Alert, OrderAck, OrderView, PlaceOrder } from '../api/types';
import { loggedOut, sessionEnded } from '../auth/sessionSlice';
import { liveBatch } from '../live/liveActions';
import { ordersApi } from '../orders/ordersApi';
import { orderKey } from '../orders/ordersSlice';

/** Notices shown at once; older ones are folded into a count rather than stacked up the screen. */
export const MAX_NOTICES = 4;

/**
 * One announced order event: a broker reject, a fill (partial or complete), or a cancel the trader did not make (the
 * exchange's, the broker's RMS, the kill switch's, an IOC's unfilled rest), which is the order's status message.
 */
export interface OrderNotice {
  /** The order's key (account and client order id): a later event of the same order replaces it. */
  id: string;
  kind: 'rejected' | 'filled' | 'cancelled';
  /** The order's account: a user with several is told which one it is. */
  account: number;
  side: string;
  tradingsymbol: string;
  exchange: string;
  quantity: number;
  filled: number;
  averagePrice: number;
  /** The broker's reason for a reject or a cancel, as sent. */
  reason: string | null;
}

/**
 * An order the ticket sent that the gateway accepted: the ticket closes, and this says so, following the order's live
 * updates until its fill or reject replaces it (the same id).
 */
export interface SentNotice {
  /** The order's key (account and client order id), as its fill's or reject's notice has it. */
  id: string;
  kind: 'sent';
  ack: OrderAck;
  side: string;
  tradingsymbol: string;
  exchange: string;
  quantity: number;
}

/** Something the trader asked for that the gateway did (a position converted), said in a line or two. */
export interface DoneNotice {
  /** A later notice with the same id replaces it. */
  id: string;
  kind: 'done';
  title: string;
  detail: string;
}

/** Something the trader did that the gateway could not keep (a watchlist change it refused): stays until dismissed. */
export interface ProblemNotice {
  /** A later notice with the same id replaces it. */
  id: string;
  kind: 'problem';
  title: string;
  detail: string;
}

/** A price alert of the user's that fired (pushed on the live socket): stays until dismissed. */
export interface AlertNotice {
  /** The alert and when it fired: the same push again replaces it, a re-armed alert that fires again does not. */
  id: string;
  kind: 'alert';
  alert: Alert;
}

export type Notice = OrderNotice | SentNotice | DoneNotice | ProblemNotice | AlertNotice;

/** The id of the notice of a fired alert. */
export function alertNoticeId(alert: Alert): string {
  return `alert:${alert.id}:${alert.triggered_at ?? ''}`;
}

interface Seen {
  status: string;
  filled: number;
  journalIndex: number;
}

export interface NoticesState {
  /** Oldest first, at most MAX_NOTICES. */
  items: Notice[];
  /** Notices dropped to stay within MAX_NOTICES, not yet dismissed. */
  more: number;
  /** What was last seen of each order, so that each reject and each fill is announced once. */
  seen: Record<string, Seen>;
  /**
   * The orders the user cancelled from this dashboard (the gateway took the cancel), by key (see isCancelledHere):
   * a sent order's notice says such an order was cancelled as a confirmation, not as a failure.
   */
  cancelledHere: Record<string, true>;
}

const initialState: NoticesState = { items: [], more: 0, seen: {}, cancelledHere: {} };

/** An order's key in `cancelledHere` by its account and the id its cancel named (the broker's order id). */
function brokerIdKey(accountId: number, orderId: string): string {
  return `${accountId}:id:${orderId}`;
}

/**
 * Whether the user cancelled `order` from this dashboard: known by its key (account and client order id), or by
 * its broker order id.
 */
export function isCancelledHere(
  state: NoticesState,
  order: Pick<OrderView, 'account_id' | 'client_order_id' | 'order_id'>,
): boolean {
  return (
    state.cancelledHere[orderKey(order)] === true ||
    (!!order.order_id &&
      state.cancelledHere[brokerIdKey(order.account_id, order.order_id)] === true)
  );
}

function notice(order: OrderView, kind: OrderNotice['kind']): OrderNotice {
  return {
    id: orderKey(order),
    kind,
    account: order.account_id,
    side: order.transaction_type,
    tradingsymbol: order.tradingsymbol ?? String(order.instrument_token),
    exchange: order.exchange ?? '',
    quantity: order.quantity,
    filled: order.filled_quantity,
    averagePrice: order.average_price,
    reason: order.status_message ?? null,
  };
}

function show(state: NoticesState, next: Notice): void {
  const index = state.items.findIndex((item) => item.id === next.id);
  if (index >= 0) {
    state.items.splice(index, 1);
  }
  state.items.push(next);
  while (state.items.length > MAX_NOTICES) {
    state.items.shift();
    state.more += 1;
  }
}

/**
 * Whether `order` was cancelled by someone other than the trader: Kite gives a cancel the trader made, from any app or
 * tab, no status message, and one the exchange, its RMS or the system made its reason (so do the engine and the
 * gateway for the cancels they make). One cancelled from this dashboard is the trader's whatever it says.
 */
function cancelledForTrader(state: NoticesState, order: OrderView): boolean {
  return order.status === 'CANCELLED' && !!order.status_message && !isCancelledHere(state, order);
}

/**
 * Records an order's latest view and announces what changed since it was last seen: it became REJECTED, it was
 * cancelled by someone other than the trader, or more of it filled. An order first seen in a REST snapshot is
 * history, not news (`announceNew` false); an order first seen live is announced when it arrives so.
 */
function observe(state: NoticesState, order: OrderView, announceNew: boolean): void {
  const key = orderKey(order);
  const before = state.seen[key];
  if (before && before.journalIndex > order.journal_index) {
    return;
  }
  state.seen[key] = {
    status: order.status,
    filled: order.filled_quantity,
    journalIndex: order.journal_index,
  };
  if (!before && !announceNew) {
    return;
  }
  if (order.status === 'REJECTED') {
    if (before?.status !== 'REJECTED') {
      show(state, notice(order, 'rejected'));
    }
  } else if (cancelledForTrader(state, order)) {
    if (before?.status !== 'CANCELLED') {
      show(state, notice(order, 'cancelled'));
    }
  } else if (order.filled_quantity > (before?.filled ?? 0)) {
    show(state, notice(order, 'filled'));
  }
}

const noticesSlice = createSlice({
  name: 'notices',
  initialState,
  reducers: {
    dismissed(state, action: PayloadAction<string>) {
      state.items = state.items.filter((item) => item.id !== action.payload);
    },
    /** The gateway accepted an order the ticket sent; a fill or reject already announced for it stays. */
    sent(state, action: PayloadAction<{ ack: OrderAck; order: PlaceOrder }>) {
      const { ack, order } = action.payload;
      const id = orderKey(ack);
      if (state.items.some((item) => item.id === id)) {
        return;
      }
      show(state, {
        id,
        kind: 'sent',
        ack,
        side: order.transaction_type,
        tradingsymbol: order.tradingsymbol,
        exchange: order.exchange,
        quantity: order.quantity,
      });
    },
    announced(state, action: PayloadAction<Omit<DoneNotice, 'kind'>>) {
      show(state, { ...action.payload, kind: 'done' });
    },
    warned(state, action: PayloadAction<Omit<ProblemNotice, 'kind'>>) {
      show(state, { ...action.payload, kind: 'problem' });
    },
    dismissedAll(state) {
      state.items = [];
      state.more = 0;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(liveBatch, (state, action) => {
        for (const order of action.payload.orders) {
          observe(state, order, true);
        }
        for (const alert of action.payload.alerts) {
          show(state, { id: alertNoticeId(alert), kind: 'alert', alert });
        }
      })
      .addCase(loggedOut, () => initialState)
      .addCase(sessionEnded, () => initialState)
      .addMatcher(ordersApi.endpoints.cancelOrder.matchFulfilled, (state, action) => {
        const asked = action.meta.arg.originalArgs;
        const { id, account_id } = typeof asked === 'string' ? { id: asked } : asked;
        state.cancelledHere[orderKey(action.payload)] = true;
        state.cancelledHere[brokerIdKey(account_id ?? action.payload.account_id, id)] = true;
      })
      .addMatcher(ordersApi.endpoints.orders.matchFulfilled, (state, action) => {
        for (const order of action.payload) {
          observe(state, order, false);
        }
      });
  },
});

export const noticesActions = noticesSlice.actions;
export const noticesReducer = noticesSlice.reducer;
