import type { FromSocketWorker, ToSocketWorker } from './socketWorker';
import type { LiveSocket } from './wsMiddleware';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * A `LiveSocket` whose WebSocket lives in a dedicated worker: `onmessage` delivers whole batches (objects)
 * rather than raw messages, about one per frame. Falls back to nothing by itself: when the worker cannot
 * start, `failed` is set and the socket reports a close, so the caller can use a plain WebSocket next time.
 */
export class WorkerSocket implements LiveSocket {
  static failed = false;

  readyState = CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly worker: Worker;

  constructor(url: string, createWorker: () => Worker) {
    this.worker = createWorker();
    this.worker.onmessage = (event: MessageEvent<FromSocketWorker>) => {
      const message = event.data;
      switch (message.kind) {
        case 'open':
          this.readyState = OPEN;
          this.onopen?.(new Event('open'));
          break;
        case 'close':
          this.closed();
          break;
        case 'batch':
          this.onmessage?.(new MessageEvent('message', { data: message.batch }));
          break;
      }
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      if (this.readyState === CONNECTING) {
        WorkerSocket.failed = true;
      }
      this.onerror?.(new Event('error'));
      this.closed();
    };
    this.post({ kind: 'connect', url });
  }

  send(data: string): void {
    this.post({ kind: 'send', data });
  }

  close(): void {
    if (this.readyState !== CLOSED) {
      this.readyState = CLOSED;
      this.post({ kind: 'close' });
      this.worker.terminate();
    }
  }

  private closed(): void {
    if (this.readyState === CLOSED) {
      return;
    }
    this.readyState = CLOSED;
    this.worker.terminate();
    this.onclose?.(new CloseEvent('close'));
  }

  private post(message: ToSocketWorker): void {
    this.worker.postMessage(message);
  }
}
