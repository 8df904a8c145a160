import { describe, expect, it } from 'vitest';
import { tick } from './mock';
import { HAND_OVER_MS, startSocketWorker } from './socketWorker';
import type { FromSocketWorker, SocketWorkerScope, ToSocketWorker } from './socketWorker';

class FakeSocket {
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  readonly sent: string[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(data);
  }

  close() {
    this.closed = true;
  }

  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  push(data: unknown) {
    this.onmessage?.(
      new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }),
    );
  }
}

function worker() {
  const posted: FromSocketWorker[] = [];
  const sockets: FakeSocket[] = [];
  const handOvers: { run: () => void; delayMs: number }[] = [];
  const scope: SocketWorkerScope = {
    onmessage: null,
    postMessage: (message) => posted.push(message),
  };
  startSocketWorker(scope, {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    schedule: (run, delayMs) => handOvers.push({ run, delayMs }),
    nowMs: () => 42,
  });
  const tell = (message: ToSocketWorker) =>
    scope.onmessage?.(new MessageEvent('message', { data: message }));
  tell({ kind: 'connect', url: 'ws://test/ws?token=t' });
  const socket = sockets[0];
  if (!socket) {
    throw new Error('the worker opened no socket');
  }
  return { posted, socket, handOvers, tell };
}

describe('the socket worker', () => {
  it('hands over one merged batch a frame however many messages arrive', () => {
    const { posted, socket, handOvers } = worker();
    socket.open();
    for (let i = 0; i < 2000; i++) {
      socket.push(tick(1 + (i % 10), 100 + i));
    }
    socket.push('not json');
    expect(handOvers).toHaveLength(1);
    expect(handOvers[0]?.delayMs).toBe(HAND_OVER_MS);
    handOvers[0]?.run();
    const batches = posted.filter((message) => message.kind === 'batch');
    expect(batches).toHaveLength(1);
    const batch = batches[0]?.kind === 'batch' ? batches[0].batch : undefined;
    expect(batch?.ticks).toHaveLength(10);
    expect(batch?.ticks.find((update) => update.data.instrument_token === 1)?.data.last_price).toBe(
      2090,
    );
    expect(batch?.malformed).toBe(1);
    expect(batch?.received).toEqual({ messages: 2001, ticks: 2000, conflated: 0 });
    expect(batch?.receivedAtMs).toBe(42);
  });

  it('reports open and close and sends only on an open socket', () => {
    const { posted, socket, tell } = worker();
    tell({ kind: 'send', data: 'early' });
    socket.open();
    tell({ kind: 'send', data: '{"a":"subscribe","v":[1]}' });
    socket.onclose?.();
    expect(socket.sent).toEqual(['{"a":"subscribe","v":[1]}']);
    expect(posted.map((message) => message.kind)).toEqual(['open', 'close']);
  });

  it('closes its socket when told, without reporting a close', () => {
    const { posted, socket, tell } = worker();
    socket.open();
    tell({ kind: 'close' });
    expect(socket.closed).toBe(true);
    expect(posted.map((message) => message.kind)).toEqual(['open']);
  });
});
