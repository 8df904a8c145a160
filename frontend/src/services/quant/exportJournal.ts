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
  | { ok: true; text: string }
  | {
      ok: false;
      status: number | 'FETCH_ERROR' | 'ABORTED';
      message: string;
      /** The gateway does not offer the export (yet), as {@link isUnavailableAnswer} tells. */
      unavailable: boolean;
      /** The instruments asked for that the journal knows nothing of, every one as sent, when they were refused. */
      unknownInstruments?: string[];
    };

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * POST /api/replay/export, read as it streams so the page can show progress, and cancellable. Not an RTK
 * Query mutation: those hand over the body only once it is complete.
 */
export function exportJournal(
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): ThunkAction<Promise<ExportOutcome>, { session: SessionState }, ApiExtra, UnknownAction> {
  return async (dispatch, getState, extra) => {
    let response: Response;
    try {
      response = await extra.fetchFn(`${extra.baseUrl}/api/replay/export`, {
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
      const unknown = body?.instruments;
      return {
        ok: false,
        status: response.status,
        message,
        unavailable: isUnavailableAnswer(response.status, body),
        ...(isTextList(unknown) ? { unknownInstruments: unknown } : {}),
      };
    }
    if (!response.body) {
      const text = await response.text();
      onProgress({ bytes: text.length, lines: text.split('\n').length - 1 });
      return { ok: true, text };
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
      return { ok: true, text: await whole.text() };
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
