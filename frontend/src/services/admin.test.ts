import { describe, expect, it } from 'vitest';
import { testStore } from '../test/testStore';
import { describeError, isUnavailable } from './api/errors';
import { loggedIn } from './auth/sessionSlice';
import { authApi } from './auth/authApi';
import { authRoutes, MOCK_PASSWORD } from './auth/mock';
import { brokerApi } from './broker/brokerApi';
import { brokerRoutes } from './broker/mock';
import { opsApi } from './ops/opsApi';
import { opsRoutes } from './ops/mock';
import { quantApi } from './quant/quantApi';
import { quantRoutes } from './quant/mock';
import { riskApi } from './risk/riskApi';
import { riskRoutes } from './risk/mock';
import { usersApi } from './users/usersApi';
import { usersRoutes } from './users/mock';

const admin = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['admin'],
  username: 'root',
};

describe('services against their mocks', () => {
  it('logs in with the camelCase login response', async () => {
    const { store } = testStore(authRoutes());
    const result = await store.dispatch(
      authApi.endpoints.login.initiate({ username: 'asha', password: MOCK_PASSWORD }),
    );
    expect(result.data).toEqual({
      token: 'jwt-asha',
      expires_at: '2099-01-01T00:00:00Z',
      roles: ['trader'],
    });
  });

  it('changes the kill switch and reads it back', async () => {
    const { store } = testStore(riskRoutes());
    store.dispatch(loggedIn(admin));
    const changed = await store.dispatch(
      riskApi.endpoints.changeRisk.initiate({
        kill_switch: { account_id: 0, mode: 'halt', reason: 'drill' },
      }),
    );
    expect(changed.data?.kill_switches).toEqual([{ account_id: 0, mode: 'halt' }]);
  });

  it('creates a user and reports a duplicate username with the gateway message', async () => {
    const { store } = testStore(usersRoutes());
    store.dispatch(loggedIn(admin));
    const user = {
      username: 'ravi',
      password: 'twelve chars!',
      roles: ['trader'],
      account_ids: [2],
    };
    const created = await store.dispatch(usersApi.endpoints.createUser.initiate(user));
    expect(created.data?.username).toBe('ravi');
    const duplicate = await store.dispatch(usersApi.endpoints.createUser.initiate(user));
    expect(describeError(duplicate.error)).toBe('username already exists');
  });

  it("reports the coming endpoints as unavailable on the gateway's route miss (404) and 501", async () => {
    const { store } = testStore([
      ...brokerRoutes(false),
      ...opsRoutes(false),
      ...quantRoutes(false),
    ]);
    store.dispatch(loggedIn(admin));
    const broker = await store.dispatch(brokerApi.endpoints.brokerStatus.initiate());
    const latency = await store.dispatch(opsApi.endpoints.latency.initiate());
    const replay = await store.dispatch(
      quantApi.endpoints.replayState.initiate('2026-01-05T04:00:00Z'),
    );
    expect([broker.error, latency.error, replay.error].map(isUnavailable)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('reads the coming endpoints once the gateway offers them', async () => {
    const { store } = testStore([...brokerRoutes(true), ...opsRoutes(true)]);
    store.dispatch(loggedIn(admin));
    const broker = await store.dispatch(brokerApi.endpoints.brokerStatus.initiate());
    const latency = await store.dispatch(opsApi.endpoints.latency.initiate());
    expect(broker.data?.connected).toBe(true);
    expect(latency.data?.stages[0]?.total.p999_us).toBe(12);
  });
});

describe('responses with empty fields left out', () => {
  it('get their empty lists back', async () => {
    const { store } = testStore([
      { method: 'GET', path: /^\/api\/risk$/, handler: () => ({ status: 200, body: {} }) },
      {
        method: 'GET',
        path: /^\/api\/users$/,
        handler: () => ({ status: 200, body: [{ id: 'u1', username: 'ravi', enabled: true }] }),
      },
    ]);
    store.dispatch(loggedIn(admin));
    const risk = await store.dispatch(riskApi.endpoints.risk.initiate());
    const users = await store.dispatch(usersApi.endpoints.users.initiate());
    expect(risk.data).toEqual({ limits: [], kill_switches: [] });
    expect(users.data?.[0]).toMatchObject({ roles: [], account_ids: [] });
  });
});
