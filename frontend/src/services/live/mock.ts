import type { LiveDeps, LiveSocket } from './wsMiddleware';
import type { ClientMessage, ServerMessage, TickData } from '../api/types';
import type { LiveBatch } from './liveActions';

/** An in-memory socket: tests open it, push server messages and read what the client sent. */
export class MockSocket implements LiveSocket {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: ClientMessage[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(): void {
    this.closed = true;
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  push(message: ServerMessage | string): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  /** What the socket worker hands over: a batch object instead of a raw message. */
  pushBatch(batch: LiveBatch): void {
    this.onmessage?.(new MessageEvent('message', { data: batch }));
  }

  drop(): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close'));
  }
}

/** Live dependencies driven by hand: frames and retries run only when the test says so. */
export class MockLive {
  readonly sockets: MockSocket[] = [];
  private frames: (() => void)[] = [];
  readonly retries: { retry: () => void; delayMs: number }[] = [];
  nowMs = 1_000;
  /** The jitter draw: 0 gives the shortest reconnect delay. */
  random = 0;

  readonly deps: LiveDeps = {
    createSocket: (url) => {
      const socket = new MockSocket(url);
      this.sockets.push(socket);
      return socket;
    },
    scheduleFrame: (flush) => {
      this.frames.push(flush);
    },
    scheduleRetry: (retry, delayMs) => {
      this.retries.push({ retry, delayMs });
    },
    nowMs: () => this.nowMs,
    random: () => this.random,
    socketUrl: (token) => `ws://test/ws?token=${token}`,
  };

  get socket(): MockSocket {
    const socket = this.sockets.at(-1);
    if (!socket) {
      throw new Error('no socket was opened');
    }
    return socket;
  }

  get pendingFrames(): number {
    return this.frames.length;
  }

  runFrame(): void {
    const frames = this.frames;
    this.frames = [];
    for (const frame of frames) {
      frame();
    }
  }
}

export function tick(
  token: number,
  lastPrice: number,
  extra: Partial<TickData> = {},
): ServerMessage {
  return {
    type: 'tick',
    data: {
      mode: 'quote',
      tradable: true,
      instrument_token: token,
      last_price: lastPrice,
      ...extra,
    },
  };
}
