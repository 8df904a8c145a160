import type { MockReply } from '../services/api/mockFetch';

/** A 200 reply of `body` that arrives only once the test calls `release`: the request stays open until then. */
export function heldReply(body: unknown): { reply: MockReply; release: () => void } {
  let release: () => void = () => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      release = () => {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
        controller.close();
      };
    },
  });
  return {
    reply: { status: 200, stream, headers: { 'Content-Type': 'application/json' } },
    release,
  };
}
