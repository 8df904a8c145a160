import { baseApi } from '../api/baseApi';
import { normalizeUser } from '../api/normalize';
import type { CreateUser, UpdateUser, UserView } from '../api/types';

export const usersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    users: build.query<UserView[], void>({
      query: () => '/api/users',
      transformResponse: (raw: UserView[] | null) => (raw ?? []).map(normalizeUser),
      providesTags: ['Users'],
    }),
    createUser: build.mutation<UserView, CreateUser>({
      query: (body) => ({ url: '/api/users', method: 'POST', body }),
      transformResponse: normalizeUser,
      invalidatesTags: ['Users'],
    }),
    // The signed-in user may be the one changed (their accounts, say): their own view is read again too.
    updateUser: build.mutation<UserView, { id: string; change: UpdateUser }>({
      query: ({ id, change }) => ({ url: `/api/users/${id}`, method: 'PUT', body: change }),
      transformResponse: normalizeUser,
      invalidatesTags: ['Users', 'Me'],
    }),
    deleteUser: build.mutation<null, string>({
      query: (id) => ({ url: `/api/users/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Users'],
    }),
  }),
});

export const {
  useUsersQuery,
  useCreateUserMutation,
  useUpdateUserMutation,
  useDeleteUserMutation,
} = usersApi;
