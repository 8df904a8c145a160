import { baseApi } from '../api/baseApi';
import type { Candle, InstrumentView, QuoteView } from '../api/types';

export interface InstrumentSearch {
  q: string;
  exchange?: string;
  limit?: number;
}

export interface TickHistoryRequest {
  token: number;
  from: string;
  to: string;
  interval: string;
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
      query: (keys) => `/api/quotes?${keys.map((key) => `i=${encodeURIComponent(key)}`).join('&')}`,
    }),
    tickHistory: build.query<Candle[], TickHistoryRequest>({
      query: ({ token, from, to, interval }) => ({
        url: '/api/ticks',
        params: { i: token, from, to, interval },
      }),
    }),
  }),
});

export const { useInstrumentsQuery, useQuotesQuery, useTickHistoryQuery } = marketApi;
