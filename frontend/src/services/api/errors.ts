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

/** One sentence for the user, preferring the gateway's own message. */
export function describeError(error: AnyError): string {
  if (error === undefined) {
    return '';
  }
  const body = errorBody(error);
  if (body) {
    return body.message ? `${body.message} (${body.error})` : body.error;
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
