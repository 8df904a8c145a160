import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { CreateUser, UserView } from '../api/types';

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
  ];
}
