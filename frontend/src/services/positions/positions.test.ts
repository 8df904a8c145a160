import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { loggedIn, loggedOut } from '../auth/sessionSlice';
import { emptyBatch, liveBatch } from '../live/liveActions';
import { mockPosition, positionsRoutes } from './mock';
import { positionsApi } from './positionsApi';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};

describe('positions service', () => {
  it('keeps live P&L from position messages on top of the snapshot', async () => {
    const { store } = testStore(positionsRoutes());
    store.dispatch(loggedIn(session));
    await store.dispatch(positionsApi.endpoints.positions.initiate());
    expect(store.getState().positions.byKey['1:408065:CNC']?.pnl).toBe(52.5);
    store.dispatch(
      liveBatch({ ...emptyBatch(1), positions: [mockPosition({ last_price: 1520, pnl: 102.5 })] }),
    );
    expect(store.getState().positions.byKey['1:408065:CNC']?.pnl).toBe(102.5);
  });

  it('forgets positions on logout', async () => {
    const { store } = testStore(positionsRoutes());
    store.dispatch(loggedIn(session));
    await store.dispatch(positionsApi.endpoints.positions.initiate());
    store.dispatch(loggedOut());
    expect(store.getState().positions.byKey).toEqual({});
  });
});
