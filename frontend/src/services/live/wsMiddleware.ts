import type { Middleware } from '@reduxjs/toolkit';
import { loggedIn, loggedOut, sessionEnded } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';
import { watchlistActions } from '../market/watchlistSlice';
import type { WatchlistState } from '../market/watchlistSlice';
import { normalizeOrder, normalizeTick } from '../api/normalize';
import type { ClientMessage, ServerMessage, TickMode } from '../api/types';
import { connectionChanged, emptyBatch, liveBatch } from './liveActions';
import type { LiveBatch } from './liveActions';

/** The part of a WebSocket the middleware uses; tests pass a mock. */
export interface LiveSocket {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface LiveDeps {
  createSocket: (url: string) => LiveSocket;
  /** Runs the flush before the next paint; requestAnimationFrame in the browser. */
  scheduleFrame: (flush: () => void) => void;
  /** Reconnect timer. */
  scheduleRetry: (retry: () => void, delayMs: number) => void;
  nowMs: () => number;
  socketUrl: (token: string) => string;
}

const OPEN = 1;

export function browserSocketUrl(token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
}

export const browserLiveDeps: LiveDeps = {
  createSocket: (url) => new WebSocket(url),
  scheduleFrame: (flush) => {
    if (document.hidden) {
      setTimeout(flush, 250);
    } else {
      requestAnimationFrame(() => flush());
    }
  },
  scheduleRetry: (retry, delayMs) => {
    setTimeout(retry, delayMs);
  },
  nowMs: () => Date.now(),
  socketUrl: browserSocketUrl,
};

interface LiveRootState {
  session: SessionState;
  watchlist: WatchlistState;
}

/** Ticks of one instrument within a frame are merged, so a batch holds at most one per instrument. */
function addMessage(batch: LiveBatch, slots: Map<number, number>, message: ServerMessage): void {
  switch (message.type) {
    case 'tick': {
      const data = normalizeTick(message.data);
      const conflated = message.conflated === true;
      const slot = slots.get(data.instrument_token);
      const existing = slot === undefined ? undefined : batch.ticks[slot];
      if (slot !== undefined && existing) {
        batch.ticks[slot] = { data: { ...existing.data, ...data }, conflated };
      } else {
        slots.set(data.instrument_token, batch.ticks.length);
        batch.ticks.push({ data, conflated });
      }
      break;
    }
    case 'order':
      batch.orders.push(normalizeOrder(message.data));
      break;
    case 'position':
      batch.positions.push(message.data);
      break;
    case 'gap':
      batch.gaps.push(message.data);
      break;
    case 'broker':
      batch.brokers.push(message.data);
      break;
    case 'kill_switch':
      batch.killSwitches.push(message.data);
      break;
    case 'error':
      batch.errors.push(String(message.data));
      break;
    default:
      batch.malformed += 1;
  }
}

function parse(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') {
    return null;
  }
  try {
    const message = JSON.parse(raw) as Partial<ServerMessage> | null;
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') {
      return null;
    }
    if (message.type === 'tick') {
      const data = message.data as { instrument_token?: unknown; last_price?: unknown } | undefined;
      if (typeof data?.instrument_token !== 'number' || typeof data.last_price !== 'number') {
        return null;
      }
    }
    return message as ServerMessage;
  } catch {
    return null;
  }
}

/**
 * Owns the /ws connection while a session exists. Incoming messages are buffered and dispatched as one
 * `live/batch` action per animation frame, so thousands of ticks a second cost one store update per
 * frame; watchlist changes become subscribe / unsubscribe / mode messages.
 */
export function createLiveMiddleware(deps: LiveDeps): Middleware {
  return (store) => {
    let socket: LiveSocket | null = null;
    let batch: LiveBatch | null = null;
    const slots = new Map<number, number>();
    let retries = 0;
    let generation = 0;

    const state = () => store.getState() as LiveRootState;

    const send = (message: ClientMessage) => {
      if (socket && socket.readyState === OPEN) {
        socket.send(JSON.stringify(message));
      }
    };

    const subscribeAll = () => {
      const items = state().watchlist.items;
      if (items.length === 0) {
        return;
      }
      send({ a: 'subscribe', v: items.map((item) => item.instrument_token) });
      const byMode = new Map<TickMode, number[]>();
      for (const item of items) {
        byMode.set(item.mode, [...(byMode.get(item.mode) ?? []), item.instrument_token]);
      }
      for (const [mode, tokens] of byMode) {
        send({ a: 'mode', v: [mode, tokens] });
      }
    };

    const flush = () => {
      const ready = batch;
      batch = null;
      slots.clear();
      if (ready) {
        store.dispatch(liveBatch(ready));
      }
    };

    const receive = (raw: unknown) => {
      if (!batch) {
        batch = emptyBatch(deps.nowMs());
        deps.scheduleFrame(flush);
      }
      const message = parse(raw);
      if (message) {
        addMessage(batch, slots, message);
      } else {
        batch.malformed += 1;
      }
    };

    const disconnect = () => {
      generation += 1;
      if (socket) {
        const closing = socket;
        socket = null;
        closing.onclose = null;
        closing.onmessage = null;
        closing.close();
      }
      store.dispatch(connectionChanged('idle'));
    };

    const connect = () => {
      const token = state().session.token;
      if (!token || socket) {
        return;
      }
      const mine = ++generation;
      store.dispatch(connectionChanged('connecting'));
      const opened = deps.createSocket(deps.socketUrl(token));
      socket = opened;
      opened.onopen = () => {
        retries = 0;
        store.dispatch(connectionChanged('open'));
        subscribeAll();
      };
      opened.onmessage = (event) => receive(event.data);
      opened.onerror = () => undefined;
      opened.onclose = () => {
        if (mine !== generation) {
          return;
        }
        socket = null;
        store.dispatch(connectionChanged('closed'));
        retries += 1;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(retries, 6));
        deps.scheduleRetry(() => {
          if (mine === generation && state().session.token) {
            connect();
          }
        }, delayMs);
      };
    };

    if (state().session.token) {
      queueMicrotask(connect);
    }

    return (next) => (action) => {
      const before = state().watchlist;
      const result = next(action);
      if (loggedIn.match(action)) {
        disconnect();
        connect();
      } else if (loggedOut.match(action) || sessionEnded.match(action)) {
        disconnect();
      } else if (watchlistActions.added.match(action)) {
        const token = action.payload.instrument_token;
        if (!before.items.some((item) => item.instrument_token === token)) {
          send({ a: 'subscribe', v: [token] });
          send({ a: 'mode', v: ['quote', [token]] });
        }
      } else if (watchlistActions.removed.match(action)) {
        send({ a: 'unsubscribe', v: [action.payload] });
      } else if (watchlistActions.modeChanged.match(action)) {
        send({ a: 'mode', v: [action.payload.mode, [action.payload.token]] });
      }
      return result;
    };
  };
}
