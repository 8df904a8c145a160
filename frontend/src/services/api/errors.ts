import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import type { ApiErrorBody } from './types';

type AnyError = FetchBaseQueryError | SerializedError | undefined;

function isFetchError(error: AnyError): error is FetchBaseQueryError {
  return error !== undefined && 'status' in error;
}

export function errorStatus(error: AnyError): number | string | undefined {
  return isFetchError(error) ? error.status : undefined;
}

export function errorBody(error: AnyError): ApiErrorBody | undefined {
  if (!isFetchError(error)) {
    return undefined;
  }
  const data = error.data as Partial<ApiErrorBody> | undefined;
  if (data && typeof data === 'object' && typeof data.error === 'string') {
    return { error: data.error, message: typeof data.message === 'string' ? data.message : '' };
  }
  return undefined;
}

/** True when the gateway does not offer the endpoint (yet): 404 or 501. */
export function isUnavailable(error: AnyError): boolean {
  const status = errorStatus(error);
  return status === 404 || status === 501;
}

/** Why an account's Kite session is gone, in a trader's words: Kite ends every session early each morning. */
export const SESSION_ENDED = 'Your Kite session has ended (Kite ends every session at 06:00 IST).';

/**
 * The gateway's refusal in a trader's words: its message, without the error code (the message says what is wrong),
 * and for an account not connected to the broker, what to do instead of the API's path to connect it.
 */
function traderMessage(body: ApiErrorBody): string {
  if (body.error === 'broker_not_connected') {
    if (body.message.includes('token_expired')) {
      return `${SESSION_ENDED} Connect again on the Broker page.`;
    }
    const account = /\baccount (\d+)/i.exec(body.message)?.[1];
    return `${account ? `Account ${account} is` : 'This account is'} not connected to Kite. Connect it on the Broker page.`;
  }
  return body.message || `Refused: ${body.error.replaceAll('_', ' ')}.`;
}

/** One sentence for the user, preferring the gateway's own message; no error codes. */
export function describeError(error: AnyError): string {
  if (error === undefined) {
    return '';
  }
  const body = errorBody(error);
  if (body) {
    return traderMessage(body);
  }
  if (isFetchError(error)) {
    if (error.status === 'FETCH_ERROR') {
      return 'The gateway cannot be reached.';
    }
    if (error.status === 'PARSING_ERROR') {
      return `Unexpected answer from the gateway (HTTP ${String(error.originalStatus)}).`;
    }
    return `Request failed (${String(error.status)}).`;
  }
  return error.message ?? 'Request failed.';
}
