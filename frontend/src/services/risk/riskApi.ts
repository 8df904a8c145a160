import { baseApi } from '../api/baseApi';
import type { RiskChange, RiskView } from '../api/types';

export const riskApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    risk: build.query<RiskView, void>({
      query: () => '/api/risk',
      providesTags: ['Risk'],
    }),
    changeRisk: build.mutation<RiskView, RiskChange>({
      query: (body) => ({ url: '/api/risk', method: 'PUT', body }),
      invalidatesTags: ['Risk'],
    }),
  }),
});

export const { useRiskQuery, useChangeRiskMutation } = riskApi;
