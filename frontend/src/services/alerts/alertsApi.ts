import { baseApi } from '../api/baseApi';
import { normalizeAlert } from '../api/normalize';
import type { Alert, ChangeAlert, CreateAlert, DeletedAlert } from '../api/types';

/**
 * How often the Alerts page reads the alerts again while it is open: an alert that fired while the live socket was
 * away (its push lost) still shows within this long.
 */
export const ALERTS_POLL_MS = 10_000;

export const alertsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The signed-in user's price alerts, newest first, active and triggered. */
    alerts: build.query<Alert[], void>({
      query: () => '/api/alerts',
      transformResponse: (raw: Alert[] | null) => (raw ?? []).map(normalizeAlert),
      providesTags: ['Alerts'],
    }),
    createAlert: build.mutation<Alert, CreateAlert>({
      query: (body) => ({ url: '/api/alerts', method: 'POST', body }),
      transformResponse: (raw: Alert) => normalizeAlert(raw),
      invalidatesTags: ['Alerts'],
    }),
    /** Changes an alert's direction, price and note; it is active again (a triggered one is re-armed). */
    changeAlert: build.mutation<Alert, { id: number; change: ChangeAlert }>({
      query: ({ id, change }) => ({ url: `/api/alerts/${id}`, method: 'PUT', body: change }),
      transformResponse: (raw: Alert) => normalizeAlert(raw),
      invalidatesTags: ['Alerts'],
    }),
    deleteAlert: build.mutation<DeletedAlert, number>({
      query: (id) => ({ url: `/api/alerts/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Alerts'],
    }),
  }),
});

export const {
  useAlertsQuery,
  useCreateAlertMutation,
  useChangeAlertMutation,
  useDeleteAlertMutation,
} = alertsApi;
