import { afterEach, describe, expect, it } from 'vitest';
import { emptyBatch } from './liveBatcher';
import type { FromSocketWorker, ToSocketWorker } from './socketWorker';
import { WorkerSocket } from './workerSocket';

class FakeWorker {
  onmessage: ((event: MessageEvent<FromSocketWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: ToSocketWorker[] = [];
  terminated = false;

  postMessage(message: ToSocketWorker) {
    this.posted.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  say(message: FromSocketWorker) {
    this.onmessage?.(new MessageEvent('message', { data: message }));
  }
}

function socket() {
  const fake = new FakeWorker();
  const live = new WorkerSocket('ws://test/ws?token=t', () => fake as unknown as Worker);
  const seen: unknown[] = [];
  live.onmessage = (event) => seen.push(event.data);
  return { fake, live, seen };
}

afterEach(() => {
  WorkerSocket.failed = false;
});

describe('a socket in a worker', () => {
  it('connects through the worker and delivers its batches as messages', () => {
    const { fake, live, seen } = socket();
    let opened = false;
    live.onopen = () => {
      opened = true;
    };
    fake.say({ kind: 'open' });
    live.send('{"a":"subscribe","v":[1]}');
    const batch = emptyBatch(7);
    fake.say({ kind: 'batch', batch });
    expect(opened).toBe(true);
    expect(live.readyState).toBe(1);
    expect(fake.posted).toEqual([
      { kind: 'connect', url: 'ws://test/ws?token=t' },
      { kind: 'send', data: '{"a":"subscribe","v":[1]}' },
    ]);
    expect(seen).toEqual([batch]);
  });

  it('reports a close once and stops the worker', () => {
    const { fake, live } = socket();
    let closes = 0;
    live.onclose = () => {
      closes += 1;
    };
    fake.say({ kind: 'open' });
    fake.say({ kind: 'close' });
    fake.say({ kind: 'close' });
    expect(closes).toBe(1);
    expect(fake.terminated).toBe(true);
  });

  it('marks workers as unusable when one fails before its socket opened', () => {
    const { fake, live } = socket();
    let closed = false;
    live.onclose = () => {
      closed = true;
    };
    fake.onerror?.(new ErrorEvent('error'));
    expect(WorkerSocket.failed).toBe(true);
    expect(closed).toBe(true);
  });
});
