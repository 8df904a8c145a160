import { baseApi } from '../api/baseApi';
import { normalizeRisk } from '../api/normalize';
import type { RiskChange, RiskView } from '../api/types';

export const riskApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    risk: build.query<RiskView, void>({
      query: () => '/api/risk',
      transformResponse: normalizeRisk,
      providesTags: ['Risk'],
    }),
    changeRisk: build.mutation<RiskView, RiskChange>({
      query: (body) => ({ url: '/api/risk', method: 'PUT', body }),
      transformResponse: normalizeRisk,
      invalidatesTags: ['Risk'],
    }),
  }),
});

export const { useRiskQuery, useChangeRiskMutation } = riskApi;
