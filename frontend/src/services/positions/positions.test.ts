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

  it('marks a closed position at the latest price of its instrument, an open one only by its messages', async () => {
    const niftyDec = {
      exchange: 'NFO',
      tradingsymbol: 'NIFTY26DECFUT',
      instrument_token: 13238790,
    };
    const { store } = testStore(
      positionsRoutes([
        mockPosition({ ...niftyDec, product: 'NRML', quantity: 0, last_price: 24702.2 }),
        mockPosition({ ...niftyDec, product: 'MIS', quantity: 75, last_price: 24702.2 }),
      ]),
    );
    store.dispatch(loggedIn(session));
    await store.dispatch(positionsApi.endpoints.positions.initiate());
    store.dispatch(
      liveBatch({
        ...emptyBatch(1),
        positions: [
          mockPosition({ ...niftyDec, product: 'MIS', quantity: 75, last_price: 24697.9 }),
        ],
      }),
    );
    const byKey = () => store.getState().positions.byKey;
    expect(byKey()['1:13238790:NRML']?.last_price).toBe(24697.9);
    store.dispatch(
      liveBatch({
        ...emptyBatch(2),
        ticks: [
          {
            conflated: false,
            data: { mode: 'ltp', tradable: true, instrument_token: 13238790, last_price: 24690 },
          },
        ],
      }),
    );
    expect(byKey()['1:13238790:NRML']).toMatchObject({ last_price: 24690, quantity: 0 });
    expect(byKey()['1:13238790:MIS']?.last_price).toBe(24697.9);
  });

  it('forgets positions on logout', async () => {
    const { store } = testStore(positionsRoutes());
    store.dispatch(loggedIn(session));
    await store.dispatch(positionsApi.endpoints.positions.initiate());
    store.dispatch(loggedOut());
    expect(store.getState().positions.byKey).toEqual({});
  });
});
