import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit';
import type { ApiExtra } from '../api/baseApi';
import { isUnavailableAnswer } from '../api/errors';
import type { ApiErrorBody } from '../api/types';
import { sessionEnded } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';
import type { ExportRequest } from './quantApi';

export interface ExportProgress {
  bytes: number;
  /** Line breaks seen so far: the rows received, give or take quoted line breaks. */
  lines: number;
}

export type ExportOutcome =
  | {
      ok: true;
      text: string;
      /**
       * The instruments asked for that the gateway left out, unknown to the journal, as sent (see skipUnknown): the
       * first ones alone when they did not all fit in the header.
       */
      leftOut: string[];
      /** How many it left out in all, named in `leftOut` or not: never fewer than `leftOut` holds. */
      leftOutCount: number;
    }
  | {
      ok: false;
      status: number | 'FETCH_ERROR' | 'ABORTED';
      message: string;
      /** The gateway does not offer the export (yet), as {@link isUnavailableAnswer} tells. */
      unavailable: boolean;
    };

export interface ExportOptions {
  /**
   * Leave out the instruments the journal knows nothing of, rather than have the whole export refused for them
   * (`?unknown_instruments=skip`): the gateway names them in X-Unknown-Instruments, read into `leftOut`.
   */
  skipUnknown?: boolean;
}

/**
 * The response header naming the instruments an export with `skipUnknown` left out: the first ones, as many as fit
 * in 8 KiB, which a long watchlist's may not.
 */
export const UNKNOWN_INSTRUMENTS_HEADER = 'X-Unknown-Instruments';

/** The response header counting every instrument an export with `skipUnknown` left out, named or not. */
export const UNKNOWN_INSTRUMENTS_COUNT_HEADER = 'X-Unknown-Instruments-Count';

/** X-Unknown-Instruments read back: comma-separated, each percent-encoded (a symbol may hold a comma). */
export function readLeftOut(header: string | null): string[] {
  if (!header) {
    return [];
  }
  return header
    .split(',')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

/**
 * X-Unknown-Instruments-Count read back: how many were left out in all; those named when the header is missing or not
 * a count (a gateway from before it), and never fewer than those.
 */
export function readLeftOutCount(header: string | null, named: number): number {
  const count = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : named;
  return Math.max(count, named);
}

/**
 * POST /api/replay/export, read as it streams so the page can show progress, and cancellable. Not an RTK
 * Query mutation: those hand over the body only once it is complete.
 */
export function exportJournal(
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
  options: ExportOptions = {},
): ThunkAction<Promise<ExportOutcome>, { session: SessionState }, ApiExtra, UnknownAction> {
  return async (dispatch, getState, extra) => {
    const query = options.skipUnknown ? '?unknown_instruments=skip' : '';
    let response: Response;
    try {
      response = await extra.fetchFn(`${extra.baseUrl}/api/replay/export${query}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${getState().session.token ?? ''}`,
        },
        body: JSON.stringify(request),
        signal,
      });
    } catch {
      return signal.aborted
        ? { ok: false, status: 'ABORTED', message: 'The export was cancelled.', unavailable: false }
        : {
            ok: false,
            status: 'FETCH_ERROR',
            message: 'The gateway cannot be reached.',
            unavailable: false,
          };
    }
    if (!response.ok) {
      if (response.status === 401) {
        dispatch(sessionEnded('Your session has ended. Please sign in again.'));
      }
      const body = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null;
      const message = body?.error
        ? `${body.message ?? ''} (${body.error})`.trim()
        : `Request failed (${response.status}).`;
      return {
        ok: false,
        status: response.status,
        message,
        unavailable: isUnavailableAnswer(response.status, body),
      };
    }
    // Sent before the rows, so it is there however the body then streams.
    const leftOut = readLeftOut(response.headers.get(UNKNOWN_INSTRUMENTS_HEADER));
    const leftOutCount = readLeftOutCount(
      response.headers.get(UNKNOWN_INSTRUMENTS_COUNT_HEADER),
      leftOut.length,
    );
    if (!response.body) {
      const text = await response.text();
      onProgress({ bytes: text.length, lines: text.split('\n').length - 1 });
      return { ok: true, text, leftOut, leftOutCount };
    }
    // The text is a copy's, read whole: Chromium drops a load whose body a stream reader read to its end before the
    // network reported it complete, and logs it as failed (net::ERR_ABORTED) although every byte came. The response
    // itself is read only for the progress.
    const whole = response.clone();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const progress: ExportProgress = { bytes: 0, lines: 0 };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        progress.bytes += value.byteLength;
        progress.lines += decoder.decode(value, { stream: true }).split('\n').length - 1;
        onProgress({ ...progress });
      }
      return { ok: true, text: await whole.text(), leftOut, leftOutCount };
    } catch {
      return signal.aborted
        ? { ok: false, status: 'ABORTED', message: 'The export was cancelled.', unavailable: false }
        : {
            ok: false,
            status: 'FETCH_ERROR',
            message: 'The export broke off; try again.',
            unavailable: false,
          };
    }
  };
}
