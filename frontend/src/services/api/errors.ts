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

function apiErrorBody(data: unknown): ApiErrorBody | undefined {
  const body = data as Partial<ApiErrorBody> | null | undefined;
  if (body && typeof body === 'object' && typeof body.error === 'string') {
    return { error: body.error, message: typeof body.message === 'string' ? body.message : '' };
  }
  return undefined;
}

export function errorBody(error: AnyError): ApiErrorBody | undefined {
  return isFetchError(error) ? apiErrorBody(error.data) : undefined;
}

/** How the gateway's message starts when it has no route for the path (RouteMissFilter, DashboardController). */
const ROUTE_MISS = 'no such path:';

/**
 * True when an answer says the gateway does not offer the endpoint (yet): 501; a 404 that is the gateway's own route
 * miss; or a 404 without an API error body, as a proxy in front of the gateway gives. Any other 404 is the gateway's
 * answer (no such user, order or basket): a refusal like another, whose message is for the user.
 */
export function isUnavailableAnswer(status: number, data: unknown): boolean {
  if (status === 501) {
    return true;
  }
  if (status !== 404) {
    return false;
  }
  const body = apiErrorBody(data);
  return body === undefined || body.message.startsWith(ROUTE_MISS);
}

/** True when the gateway does not offer the endpoint (yet); see {@link isUnavailableAnswer}. */
export function isUnavailable(error: AnyError): boolean {
  if (!isFetchError(error)) {
    return false;
  }
  if (error.status === 'PARSING_ERROR') {
    return isUnavailableAnswer(error.originalStatus, undefined);
  }
  return typeof error.status === 'number' && isUnavailableAnswer(error.status, error.data);
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
