import { LiveBatcher } from './liveBatcher';
import type { LiveBatch } from './liveActions';

/** Main thread → socket worker. */
export type ToSocketWorker =
  { kind: 'connect'; url: string } | { kind: 'send'; data: string } | { kind: 'close' };

/** Socket worker → main thread. */
export type FromSocketWorker =
  { kind: 'open' } | { kind: 'close' } | { kind: 'batch'; batch: LiveBatch };

/** The part of a dedicated worker's global scope the socket worker uses; tests pass a fake. */
export interface SocketWorkerScope {
  onmessage: ((event: MessageEvent<ToSocketWorker>) => void) | null;
  postMessage(message: FromSocketWorker): void;
}

const OPEN = 1;

/** How long the worker collects messages before handing them over: about one frame. */
export const HAND_OVER_MS = 16;

export interface SocketWorkerDeps {
  createSocket: (url: string) => WebSocket;
  schedule: (handOver: () => void, delayMs: number) => void;
  nowMs: () => number;
}

const workerDeps: SocketWorkerDeps = {
  createSocket: (url) => new WebSocket(url),
  schedule: (handOver, delayMs) => {
    setTimeout(handOver, delayMs);
  },
  nowMs: () => Date.now(),
};

/**
 * Runs in a dedicated worker and owns the WebSocket: every message is parsed and merged there, and the main
 * thread gets one `batch` about once a frame instead of a task per message (at 2,000 ticks/s the per-message
 * tasks alone kept the main thread busy). Single-threaded: everything here runs on the worker's thread.
 */
export function startSocketWorker(scope: SocketWorkerScope, deps: SocketWorkerDeps = workerDeps) {
  const batcher = new LiveBatcher();
  let socket: WebSocket | null = null;

  const handOver = () => {
    const batch = batcher.take();
    if (batch) {
      scope.postMessage({ kind: 'batch', batch });
    }
  };

  scope.onmessage = (event) => {
    const message = event.data;
    switch (message.kind) {
      case 'connect': {
        const opened = deps.createSocket(message.url);
        socket = opened;
        opened.onopen = () => scope.postMessage({ kind: 'open' });
        opened.onclose = () => {
          handOver();
          scope.postMessage({ kind: 'close' });
        };
        opened.onmessage = (incoming: MessageEvent) => {
          if (batcher.add(incoming.data, deps.nowMs())) {
            deps.schedule(handOver, HAND_OVER_MS);
          }
        };
        break;
      }
      case 'send':
        if (socket?.readyState === OPEN) {
          socket.send(message.data);
        }
        break;
      case 'close':
        if (socket) {
          socket.onclose = null;
          socket.onmessage = null;
          socket.close();
          socket = null;
        }
        break;
    }
  };
}
