import { describe, expect, it } from 'vitest';
import { testStore } from '../../test/testStore';
import { loggedIn, loggedOut } from '../auth/sessionSlice';
import { watchlistActions } from '../market/watchlistSlice';
import { emptyBatch } from './liveActions';
import { streamActions } from './streamSlice';
import { tick } from './mock';

const session = {
  token: 'jwt',
  expires_at: '2099-01-01T00:00:00Z',
  roles: ['trader'],
  username: 'asha',
};
const infy = {
  instrument_token: 408065,
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  segment: 'NSE',
  instrument_type: 'EQ',
  tick_size: 0.05,
  lot_size: 1,
  freeze_quantity: 100000,
};

const tcs = { ...infy, instrument_token: 2953217, tradingsymbol: 'TCS' };

const reliance = { ...infy, instrument_token: 738561, tradingsymbol: 'RELIANCE' };

const infyTick = {
  mode: 'quote' as const,
  tradable: true,
  instrument_token: 408065,
  last_price: 1500,
};

function connected() {
  const harness = testStore();
  harness.store.dispatch(loggedIn(session));
  harness.live.socket.open();
  return harness;
}

describe('live middleware', () => {
  it('opens the socket with the session token when the user signs in', () => {
    const { live } = connected();
    expect(live.socket.url).toBe('ws://test/ws?token=jwt');
  });

  it('dispatches one batch per animation frame however many messages arrive', () => {
    const { store, live } = connected();
    let batches = 0;
    const unsubscribe = store.subscribe(() => {
      batches += 1;
    });
    for (let i = 0; i < 500; i++) {
      live.socket.push(tick(1000 + (i % 50), 100 + i));
    }
    expect(live.pendingFrames).toBe(1);
    expect(store.getState().market.byToken[1000]).toBeUndefined();
    live.runFrame();
    unsubscribe();
    expect(batches).toBe(1);
    expect(Object.keys(store.getState().market.byToken)).toHaveLength(50);
    expect(store.getState().market.byToken[1000]?.last_price).toBe(550);
  });

  it('merges batches from the socket worker into the frame batch', () => {
    const { store, live } = connected();
    let batches = 0;
    const unsubscribe = store.subscribe(() => {
      batches += 1;
    });
    const first = emptyBatch(1);
    first.ticks.push({
      data: { ...infyTick, last_price: 1500, volume_traded: 10 },
      conflated: false,
    });
    const second = emptyBatch(2);
    second.ticks.push({ data: { ...infyTick, last_price: 1501 }, conflated: true });
    second.malformed = 1;
    second.received = { messages: 3, ticks: 2, conflated: 1 };
    live.socket.pushBatch(first);
    live.socket.pushBatch(second);
    expect(live.pendingFrames).toBe(1);
    live.runFrame();
    unsubscribe();
    expect(batches).toBe(1);
    expect(store.getState().market.byToken[408065]).toMatchObject({
      last_price: 1501,
      volume_traded: 10,
      conflated: true,
    });
    expect(store.getState().market.malformed).toBe(1);
    expect(store.getState().market.received).toEqual({ messages: 3, ticks: 2, conflated: 1 });
  });

  it('keeps every field of an instrument that ticked twice within one frame', () => {
    const { store, live } = connected();
    live.socket.push(tick(5, 50, { mode: 'full', volume_traded: 900 }));
    live.socket.push({
      type: 'tick',
      data: { mode: 'ltp', tradable: true, instrument_token: 5, last_price: 51 },
    });
    live.runFrame();
    expect(store.getState().market.byToken[5]).toMatchObject({
      last_price: 51,
      volume_traded: 900,
      mode: 'ltp',
    });
  });

  it('schedules a new frame only after the previous batch was flushed', () => {
    const { live } = connected();
    live.socket.push(tick(1, 10));
    live.runFrame();
    expect(live.pendingFrames).toBe(0);
    live.socket.push(tick(1, 11));
    expect(live.pendingFrames).toBe(1);
  });

  it('counts malformed messages and keeps the stream going', () => {
    const { store, live } = connected();
    live.socket.push('not json');
    live.socket.push(JSON.stringify({ type: 'tick', data: { instrument_token: 'x' } }));
    live.socket.push(tick(7, 70));
    live.runFrame();
    expect(store.getState().market.malformed).toBe(2);
    expect(store.getState().market.byToken[7]?.last_price).toBe(70);
  });

  it('subscribes the watchlist on open and follows watchlist changes', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.added(tcs));
    store.dispatch(watchlistActions.modeChanged({ token: 2953217, mode: 'ltp' }));
    store.dispatch(watchlistActions.removed(2953217));
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'subscribe', v: [2953217] },
      { a: 'mode', v: ['quote', [2953217]] },
      { a: 'mode', v: ['ltp', [2953217]] },
      { a: 'unsubscribe', v: [2953217] },
    ]);
  });

  it('streams the selected instrument in full for its depth and gives the others back their own mode', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.added(tcs));
    live.socket.sent.length = 0;
    store.dispatch(watchlistActions.modeChanged({ token: 408065, mode: 'ltp' }));
    expect(live.socket.sent).toEqual([]);
    store.dispatch(watchlistActions.selected(2953217));
    expect(live.socket.sent).toEqual([
      { a: 'mode', v: ['ltp', [408065]] },
      { a: 'mode', v: ['full', [2953217]] },
    ]);
    live.socket.sent.length = 0;
    store.dispatch(watchlistActions.selected(2953217));
    store.dispatch(watchlistActions.removed(2953217));
    expect(live.socket.sent).toEqual([
      { a: 'mode', v: ['full', [408065]] },
      { a: 'unsubscribe', v: [2953217] },
    ]);
  });

  it('resubscribes every watched instrument by mode after a reconnect', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.added(tcs));
    store.dispatch(watchlistActions.modeChanged({ token: 2953217, mode: 'ltp' }));
    live.socket.drop();
    expect(store.getState().market.connection).toBe('closed');
    live.retries[0]?.retry();
    live.socket.open();
    expect(live.sockets).toHaveLength(2);
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065, 2953217] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'mode', v: ['ltp', [2953217]] },
    ]);
  });

  it('forgets a gap that ended while the socket was down and keeps one the new socket tells of', () => {
    const { store, live } = connected();
    live.socket.push({
      type: 'gap',
      data: { connection: 2, state: 'gap_started', last_message_ns: 1 },
    });
    live.socket.push({
      type: 'gap',
      data: { connection: 255, state: 'gap_started', last_message_ns: 2 },
    });
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    live.socket.push({
      type: 'gap',
      data: { connection: 255, state: 'gap_started', last_message_ns: 2 },
    });
    live.runFrame();
    expect(Object.keys(store.getState().market.gaps)).toEqual(['255']);
  });

  it('streams only the open list and follows a switch to another list', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.added(tcs));
    store.dispatch(watchlistActions.modeChanged({ token: 2953217, mode: 'ltp' }));
    live.socket.sent.length = 0;

    store.dispatch(watchlistActions.listAdded());
    expect(live.socket.sent).toEqual([{ a: 'unsubscribe', v: [408065, 2953217] }]);
    live.socket.sent.length = 0;
    store.dispatch(watchlistActions.added(reliance));
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.listRenamed({ index: 1, name: 'Energy' }));
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [738561] },
      { a: 'mode', v: ['full', [738561]] },
      { a: 'subscribe', v: [408065] },
      { a: 'mode', v: ['quote', [408065]] },
    ]);
    live.socket.sent.length = 0;

    store.dispatch(watchlistActions.listOpened(0));
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [2953217] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'mode', v: ['ltp', [2953217]] },
      { a: 'unsubscribe', v: [738561] },
    ]);
    live.socket.sent.length = 0;

    store.dispatch(watchlistActions.listRemoved(1));
    expect(live.socket.sent).toEqual([]);
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(reliance));
    live.socket.sent.length = 0;
    store.dispatch(watchlistActions.listRemoved(1));
    expect(store.getState().watchlist.active).toBe(0);
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065, 2953217] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'mode', v: ['ltp', [2953217]] },
      { a: 'unsubscribe', v: [738561] },
    ]);
  });

  it('resubscribes only the open list after a reconnect', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(watchlistActions.listAdded());
    store.dispatch(watchlistActions.added(tcs));
    store.dispatch(watchlistActions.added(reliance));
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [2953217, 738561] },
      { a: 'mode', v: ['full', [2953217]] },
      { a: 'mode', v: ['quote', [738561]] },
    ]);
  });

  it('streams the instruments pages want beside the watchlist and leaves the watchlist as it is', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    live.socket.sent.length = 0;
    store.dispatch(streamActions.changed({ wanted: [408065, 2953217], released: [] }));
    store.dispatch(streamActions.changed({ wanted: [2953217], released: [] }));
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [2953217] },
      { a: 'mode', v: ['ltp', [2953217]] },
    ]);
    live.socket.sent.length = 0;
    store.dispatch(streamActions.changed({ wanted: [], released: [408065, 2953217] }));
    expect(live.socket.sent).toEqual([]);
    live.socket.drop();
    live.retries[0]?.retry();
    live.socket.open();
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [408065, 2953217] },
      { a: 'mode', v: ['full', [408065]] },
      { a: 'mode', v: ['ltp', [2953217]] },
    ]);
    live.socket.sent.length = 0;
    store.dispatch(streamActions.changed({ wanted: [], released: [2953217] }));
    store.dispatch(watchlistActions.removed(408065));
    expect(live.socket.sent).toEqual([
      { a: 'unsubscribe', v: [2953217] },
      { a: 'unsubscribe', v: [408065] },
    ]);
  });

  it('follows a change of the instruments wanted without letting go of those kept', () => {
    const { store, live } = connected();
    store.dispatch(streamActions.changed({ wanted: [408065, 2953217], released: [] }));
    live.socket.sent.length = 0;
    store.dispatch(
      streamActions.changed({ wanted: [408065, 738561], released: [408065, 2953217] }),
    );
    expect(live.socket.sent).toEqual([
      { a: 'subscribe', v: [738561] },
      { a: 'mode', v: ['ltp', [738561]] },
      { a: 'unsubscribe', v: [2953217] },
    ]);
    expect(store.getState().stream.wanted).toEqual({ 408065: 1, 738561: 1 });
  });

  it('keeps streaming a wanted instrument the watchlist drops, in LTP mode', () => {
    const { store, live } = connected();
    store.dispatch(watchlistActions.added(infy));
    store.dispatch(streamActions.changed({ wanted: [408065], released: [] }));
    live.socket.sent.length = 0;
    store.dispatch(watchlistActions.removed(408065));
    expect(live.socket.sent).toEqual([{ a: 'mode', v: ['ltp', [408065]] }]);
    live.socket.sent.length = 0;
    store.dispatch(streamActions.changed({ wanted: [], released: [408065] }));
    expect(live.socket.sent).toEqual([{ a: 'unsubscribe', v: [408065] }]);
  });

  it('closes the socket and does not reconnect after logout', () => {
    const { store, live } = connected();
    const socket = live.socket;
    store.dispatch(loggedOut());
    expect(socket.closed).toBe(true);
    expect(live.retries).toHaveLength(0);
    expect(store.getState().market.connection).toBe('idle');
  });

  it('routes order, position, gap and kill switch messages into the same batch', () => {
    const { store, live } = connected();
    live.socket.push({
      type: 'gap',
      data: { connection: 'feed-1', state: 'gap_started', last_message_ns: 1 },
    });
    live.socket.push({ type: 'kill_switch', data: { account_id: 0, mode: 'halt' } });
    live.socket.push({ type: 'error', data: 'subscription limit reached' });
    live.runFrame();
    const market = store.getState().market;
    expect(market.gaps['feed-1']?.state).toBe('gap_started');
    expect(market.killSwitches[0]?.mode).toBe('halt');
    expect(market.lastError).toBe('subscription limit reached');
  });
});
