import { baseApi } from '../api/baseApi';
import { normalizeLogin, normalizeMe } from '../api/normalize';
import type { LoginRequest, LoginResponse, Me } from '../api/types';

export const authApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<LoginResponse, LoginRequest>({
      query: (body) => ({ url: '/api/auth/login', method: 'POST', body }),
      transformResponse: normalizeLogin,
      transformErrorResponse: (error, meta) => {
        const response = (meta as { response?: Response } | undefined)?.response;
        const retryAfter = response?.headers.get('Retry-After');
        return retryAfter && error.data && typeof error.data === 'object'
          ? { ...error, data: { ...error.data, retry_after_s: Number(retryAfter) } }
          : error;
      },
    }),
    logout: build.mutation<null, void>({
      query: () => ({ url: '/api/auth/logout', method: 'POST' }),
    }),
    me: build.query<Me, void>({
      query: () => '/api/me',
      transformResponse: normalizeMe,
      providesTags: ['Me'],
    }),
  }),
});

export const { useLoginMutation, useLogoutMutation, useMeQuery } = authApi;
