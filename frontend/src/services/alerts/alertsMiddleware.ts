import type { Middleware } from '@reduxjs/toolkit';
import { baseApi } from '../api/baseApi';
import { liveBatch } from '../live/liveActions';

/**
 * When the live socket brings alerts that fired, reads the alerts again where a page has them open (and afresh for
 * the next page that asks): the notice itself comes from the notices slice.
 */
export const alertsMiddleware: Middleware = (store) => (next) => (action) => {
  const result = next(action);
  if (liveBatch.match(action) && action.payload.alerts.length > 0) {
    store.dispatch(baseApi.util.invalidateTags(['Alerts']));
  }
  return result;
};
