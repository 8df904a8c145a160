import { accountParams } from '../accounts/request';
import { baseApi } from '../api/baseApi';
import type { Candle, CircuitLimits, InstrumentView, QuoteView } from '../api/types';

export interface InstrumentSearch {
  q: string;
  exchange?: string;
  limit?: number;
}

export interface CircuitLimitsRequest {
  /** The instrument as the broker names it: "NSE:INFY". */
  key: string;
  /** The trading account to read through (the active one); none for the user's only account. */
  account?: number;
}

/** How long circuit limits stay cached once no view shows them: they change once a day, not with each tick. */
export const CIRCUIT_LIMITS_KEEP_S = 60;

export interface TickHistoryRequest {
  token: number;
  from: string;
  to: string;
  interval: string;
}

export interface BrokerCandlesRequest {
  /** The instrument as the broker names it: "NSE:INFY". */
  key: string;
}

/**
 * The gateway reads request lines of up to 4 KB (and up to 500 instruments a call), so a large watchlist's
 * quotes are asked for in several calls whose query strings stay under this many characters.
 */
export const QUOTES_QUERY_BUDGET = 3000;

function quotesQuery(keys: string[]): string {
  return keys.map((key) => `i=${encodeURIComponent(key)}`).join('&');
}

/** Splits instrument keys into calls that each fit the gateway's request line and quote limit. */
export function quoteCalls(keys: string[]): string[] {
  const calls: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const key of keys) {
    const part = quotesQuery([key]).length + 1;
    if (current.length > 0 && (length + part > QUOTES_QUERY_BUDGET || current.length === 500)) {
      calls.push(quotesQuery(current));
      current = [];
      length = 0;
    }
    current.push(key);
    length += part;
  }
  if (current.length > 0) {
    calls.push(quotesQuery(current));
  }
  return calls;
}

export const marketApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    instruments: build.query<InstrumentView[], InstrumentSearch>({
      query: ({ q, exchange, limit = 20 }) => ({
        url: '/api/instruments',
        params: { q, limit, ...(exchange ? { exchange } : {}) },
      }),
    }),
    quotes: build.query<Record<string, QuoteView>, string[]>({
      queryFn: async (keys, _api, _extra, baseQuery) => {
        const results = await Promise.all(
          quoteCalls(keys).map((query) => baseQuery(`/api/quotes?${query}`)),
        );
        const quotes: Record<string, QuoteView> = {};
        for (const result of results) {
          if (result.error) {
            return { error: result.error };
          }
          Object.assign(quotes, result.data as Record<string, QuoteView>);
        }
        return { data: quotes };
      },
    }),
    /**
     * The day's circuit limits of one instrument, read from the broker once (no polling); null where the broker
     * knows none for it (an index).
     */
    circuitLimits: build.query<CircuitLimits | null, CircuitLimitsRequest>({
      query: ({ key, account }) => ({
        url: '/api/quotes/limits',
        params: { i: key, ...accountParams(account).params },
      }),
      transformResponse: (raw: Record<string, CircuitLimits> | null, _meta, { key }) =>
        raw?.[key] ?? null,
      keepUnusedDataFor: CIRCUIT_LIMITS_KEEP_S,
    }),
    tickHistory: build.query<Candle[], TickHistoryRequest>({
      query: ({ token, from, to, interval }) => ({
        url: '/api/ticks',
        params: { i: token, from, to, interval },
      }),
    }),
    /**
     * Today's one-minute candles of one instrument as the broker has them, up to now: the minutes before the
     * gateway's own history starts. Read through the first of the user's accounts connected to the broker; the
     * gateway keeps the answer a while for every dashboard.
     */
    brokerCandles: build.query<Candle[], BrokerCandlesRequest>({
      query: ({ key }) => ({ url: '/api/candles', params: { i: key } }),
    }),
  }),
});

export const {
  useInstrumentsQuery,
  useQuotesQuery,
  useCircuitLimitsQuery,
  useTickHistoryQuery,
  useBrokerCandlesQuery,
} = marketApi;
