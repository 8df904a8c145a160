import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { CreateUser, UpdateUser, UserView } from '../api/types';

export function usersRoutes(): MockRoute[] {
  const users: UserView[] = [
    {
      id: '00000000-0000-0000-0000-000000000001',
      username: 'admin',
      roles: ['admin'],
      enabled: true,
      account_ids: [],
    },
  ];
  return [
    route('GET', /^\/api\/users$/, () => ({ status: 200, body: users })),
    route('POST', /^\/api\/users$/, (request) => {
      const body = request.body as CreateUser;
      if (users.some((user) => user.username === body.username)) {
        return { status: 409, body: { error: 'conflict', message: 'username already exists' } };
      }
      const user: UserView = {
        id: `00000000-0000-0000-0000-${String(users.length + 1).padStart(12, '0')}`,
        username: body.username,
        roles: body.roles,
        enabled: true,
        account_ids: body.account_ids ?? [],
      };
      users.push(user);
      return { status: 201, body: user };
    }),
    route('PUT', /^\/api\/users\/([^/]+)$/, (request, match) => {
      const user = users.find((candidate) => candidate.id === match[1]);
      if (!user) {
        return { status: 404, body: { error: 'not_found', message: 'no such user' } };
      }
      const change = request.body as UpdateUser;
      const lastAdmin =
        user.roles.includes('admin') &&
        users.filter((other) => other.enabled && other.roles.includes('admin')).length === 1;
      if (
        lastAdmin &&
        (change.enabled === false || (change.roles && !change.roles.includes('admin')))
      ) {
        return {
          status: 409,
          body: {
            error: 'last_admin',
            message: 'the last enabled admin must stay an enabled admin',
          },
        };
      }
      Object.assign(user, {
        ...(change.roles ? { roles: change.roles } : {}),
        ...(change.account_ids ? { account_ids: change.account_ids } : {}),
        ...(change.enabled !== undefined && change.enabled !== null
          ? { enabled: change.enabled }
          : {}),
      });
      return { status: 200, body: user };
    }),
    route('DELETE', /^\/api\/users\/([^/]+)$/, (_request, match) => {
      const index = users.findIndex((candidate) => candidate.id === match[1]);
      if (index < 0) {
        return { status: 404, body: { error: 'not_found', message: 'no such user' } };
      }
      users.splice(index, 1);
      return { status: 204 };
    }),
  ];
}
