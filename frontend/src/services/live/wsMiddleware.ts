import type { Middleware } from '@reduxjs/toolkit';
import { loggedIn, loggedOut, sessionEnded } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';
import { activeList } from '../market/watchlistSlice';
import type { WatchlistState } from '../market/watchlistSlice';
import type { ClientMessage, TickMode } from '../api/types';
import type { StreamState } from './streamSlice';
import { connectionChanged, liveBatch, reconnected } from './liveActions';
import { LiveBatcher, isLiveBatch } from './liveBatcher';
import { WorkerSocket } from './workerSocket';

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
  /** Uniform in [0, 1): the reconnect delay's jitter. */
  random: () => number;
  socketUrl: (token: string) => string;
}

const OPEN = 1;

/** The longest wait between reconnect attempts, so the page is back within seconds of the server. */
export const MAX_RETRY_DELAY_MS = 5_000;

/**
 * The wait before reconnect attempt `attempt` (1, 2, ...): doubling from 500 ms up to
 * MAX_RETRY_DELAY_MS, of which the second half is random so that many pages do not all come back at once.
 */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.min(Math.max(attempt - 1, 0), 4));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export function browserSocketUrl(token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
}

export const browserLiveDeps: LiveDeps = {
  // The socket lives in a worker so the main thread gets one batch a frame instead of a task per message;
  // a plain WebSocket when workers are unavailable.
  createSocket: (url) => {
    if (typeof Worker === 'function' && !WorkerSocket.failed) {
      try {
        return new WorkerSocket(
          url,
          () =>
            new Worker(new URL('./socket.worker.ts', import.meta.url), {
              type: 'module',
              name: 'live-socket',
            }),
        );
      } catch {
        WorkerSocket.failed = true;
      }
    }
    return new WebSocket(url);
  },
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
  random: () => Math.random(),
  socketUrl: browserSocketUrl,
};

/**
 * The mode each instrument of the open list is streamed in: the one its row chose, except the list's selected
 * instrument, which streams in full so that its market depth shows (as Kite's own watchlist does when depth is
 * opened). The other lists stream nothing until opened. The instruments a page wants beyond those (see
 * streamSlice) stream in LTP mode, their last price being all it shows.
 */
export function streamedModes(
  watchlist: WatchlistState,
  stream: StreamState = { wanted: {} },
): Map<number, TickMode> {
  const list = activeList(watchlist);
  const modes = new Map<number, TickMode>(
    list.items.map((item) => [
      item.instrument_token,
      item.instrument_token === list.selected ? 'full' : item.mode,
    ]),
  );
  for (const token of Object.keys(stream.wanted).map(Number)) {
    if (!modes.has(token)) {
      modes.set(token, 'ltp');
    }
  }
  return modes;
}

interface LiveRootState {
  session: SessionState;
  watchlist: WatchlistState;
  stream: StreamState;
}

/**
 * Owns the /ws connection while a session exists. Incoming messages (raw, or already batched by the socket
 * worker) are buffered and dispatched as one `live/batch` action per animation frame, so thousands of ticks
 * a second cost one store update per frame; changes to the open watchlist, or opening another, and to the
 * instruments pages want streamed (see streamSlice) become subscribe / unsubscribe / mode messages. Every open
 * after the first of a session dispatches `live/reconnected` (see resync.ts).
 */
export function createLiveMiddleware(deps: LiveDeps): Middleware {
  return (store) => {
    let socket: LiveSocket | null = null;
    const batcher = new LiveBatcher();
    let retries = 0;
    let generation = 0;
    // Whether a socket of this session has been open before: every later open is a reconnect.
    let openedBefore = false;

    const state = () => store.getState() as LiveRootState;

    const send = (message: ClientMessage) => {
      if (socket && socket.readyState === OPEN) {
        socket.send(JSON.stringify(message));
      }
    };

    const sendModes = (modes: Map<number, TickMode>) => {
      const byMode = new Map<TickMode, number[]>();
      for (const [token, mode] of modes) {
        byMode.set(mode, [...(byMode.get(mode) ?? []), token]);
      }
      for (const [mode, tokens] of byMode) {
        send({ a: 'mode', v: [mode, tokens] });
      }
    };

    const subscribeAll = () => {
      const modes = streamedModes(state().watchlist, state().stream);
      if (modes.size === 0) {
        return;
      }
      send({ a: 'subscribe', v: [...modes.keys()] });
      sendModes(modes);
    };

    /** Brings the socket's subscriptions from what `before` streamed to what the watchlist and pages want now. */
    const follow = (before: LiveRootState) => {
      const was = streamedModes(before.watchlist, before.stream);
      const now = streamedModes(state().watchlist, state().stream);
      const added = [...now.keys()].filter((token) => !was.has(token));
      const removed = [...was.keys()].filter((token) => !now.has(token));
      const changed = new Map(
        [...now].filter(([token, mode]) => !was.has(token) || was.get(token) !== mode),
      );
      if (added.length > 0) {
        send({ a: 'subscribe', v: added });
      }
      sendModes(changed);
      if (removed.length > 0) {
        send({ a: 'unsubscribe', v: removed });
      }
    };

    const flush = () => {
      const ready = batcher.take();
      if (ready) {
        store.dispatch(liveBatch(ready));
      }
    };

    const receive = (raw: unknown) => {
      const started = isLiveBatch(raw)
        ? batcher.merge(raw, deps.nowMs())
        : batcher.add(raw, deps.nowMs());
      if (started) {
        deps.scheduleFrame(flush);
      }
    };

    const disconnect = () => {
      generation += 1;
      openedBefore = false;
      retries = 0;
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
        // What the last socket sent goes first: its gap notices are older than what this one tells.
        flush();
        store.dispatch(connectionChanged('open'));
        subscribeAll();
        if (openedBefore) {
          store.dispatch(reconnected());
        }
        openedBefore = true;
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
        deps.scheduleRetry(
          () => {
            if (mine === generation && state().session.token) {
              connect();
            }
          },
          retryDelayMs(retries, deps.random()),
        );
      };
    };

    if (state().session.token) {
      queueMicrotask(connect);
    }

    return (next) => (action) => {
      const before = state();
      const result = next(action);
      if (loggedIn.match(action)) {
        disconnect();
        connect();
      } else if (loggedOut.match(action) || sessionEnded.match(action)) {
        disconnect();
      } else if (state().watchlist !== before.watchlist || state().stream !== before.stream) {
        follow(before);
      }
      return result;
    };
  };
}
