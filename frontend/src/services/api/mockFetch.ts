/** A tiny in-memory gateway for tests: routes `fetch` calls to handlers. */
export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface MockReply {
  status: number;
  body?: unknown;
  /** A body sent as it is (CSV, say) instead of as JSON. */
  text?: string;
  /** A body that arrives as the test writes it; aborting the request breaks it off. */
  stream?: ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

export type MockHandler = (request: MockRequest, match: RegExpMatchArray) => MockReply;

export interface MockRoute {
  method: string;
  path: RegExp;
  handler: MockHandler;
}

export interface MockFetch {
  fetchFn: typeof fetch;
  calls: MockRequest[];
}

export function route(method: string, path: RegExp, handler: MockHandler): MockRoute {
  return { method, path, handler };
}

/** A mock gateway that a test can make refuse its next writes. */
export interface MockFailures {
  /** Answers for the next writes, one each, given instead of doing them (a 422, say). */
  failures: MockReply[];
}

/** A write to `server`: it answers the next of the server's failures when there is one, else as `handler` does. */
export function writeRoute(
  server: MockFailures,
  method: string,
  path: RegExp,
  handler: MockHandler,
): MockRoute {
  return route(
    method,
    path,
    (request, match) => server.failures.shift() ?? handler(request, match),
  );
}

/**
 * A write to one item of `server`, the one whose id the path's first group matches: the next failure when there is
 * one, else `items.notFound` when `items.find` has no such item, else what `handler` answers for it.
 */
export function itemWriteRoute<T>(
  server: MockFailures,
  method: string,
  path: RegExp,
  items: { find: (id: string) => T | undefined; notFound: (id: string) => MockReply },
  handler: (request: MockRequest, item: T) => MockReply,
): MockRoute {
  return writeRoute(server, method, path, (request, match) => {
    const id = match[1] ?? '';
    const item = items.find(id);
    return item === undefined ? items.notFound(id) : handler(request, item);
  });
}

export function mockFetch(routes: MockRoute[]): MockFetch {
  const calls: MockRequest[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request
        ? input
        : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url, 'http://localhost');
    const text = await request.text();
    const mockRequest: MockRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    calls.push(mockRequest);
    for (const candidate of routes) {
      const match = url.pathname.match(candidate.path);
      if (candidate.method === request.method && match) {
        const reply = candidate.handler(mockRequest, match);
        if (reply.stream) {
          const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
          // The caller's own signal: the copy a Request keeps may be dropped before the abort arrives.
          const signal = input instanceof Request ? input.signal : (init?.signal ?? undefined);
          void reply.stream.pipeTo(writable, { signal }).catch(() => undefined);
          return new Response(readable, {
            status: reply.status,
            headers: { 'Content-Type': 'text/csv', ...reply.headers },
          });
        }
        if (reply.text !== undefined) {
          return new Response(reply.text, {
            status: reply.status,
            headers: { 'Content-Type': 'text/csv', ...reply.headers },
          });
        }
        const hasBody = reply.body !== undefined && reply.status !== 204;
        return new Response(hasBody ? JSON.stringify(reply.body) : null, {
          status: reply.status,
          headers: { 'Content-Type': 'application/json', ...reply.headers },
        });
      }
    }
    // As the gateway answers a path it has no route for: a route miss, which the dashboard reads as not offered.
    return new Response(
      JSON.stringify({ error: 'not_found', message: `no such path: ${url.pathname}` }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
  };
  return { fetchFn: fetchFn as typeof fetch, calls };
}
