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
    return new Response(JSON.stringify({ error: 'not_found', message: 'No such endpoint.' }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetchFn: fetchFn as typeof fetch, calls };
}
