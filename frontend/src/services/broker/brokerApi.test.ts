import { describe, expect, it } from 'vitest';
import { brokerStatusPollMs, feedOutage } from './brokerApi';
import { mockBrokerStatus } from './mock';

function feed(...connections: { state: string; instruments: number }[]) {
  return {
    ...mockBrokerStatus,
    feed_connections: connections.map((connection, id) => ({ id, ...connection })),
  };
}

describe('the market feed', () => {
  it('is up while every connection that carries instruments is connected', () => {
    expect(feedOutage(mockBrokerStatus)).toBeNull();
    expect(
      feedOutage(feed({ state: 'connected', instruments: 3 }, { state: 'idle', instruments: 0 })),
    ).toBeNull();
    expect(feedOutage(feed())).toBeNull();
    expect(feedOutage(undefined)).toBeNull();
  });

  it('says which connections are down and why', () => {
    expect(
      feedOutage(
        feed(
          { state: 'connected', instruments: 3000 },
          { state: 'waiting_retry', instruments: 3000 },
          { state: 'parked', instruments: 12 },
        ),
      ),
    ).toBe(
      'Market feed not connected (connection 1 reconnecting, connection 2 waiting for a new Kite ' +
        'login): prices may be stale',
    );
  });
});

describe('the broker page', () => {
  it('reads the status every 3 s until the broker is connected and its feed streams, then every 15 s', () => {
    expect(brokerStatusPollMs(undefined)).toBe(3_000);
    expect(brokerStatusPollMs({ ...mockBrokerStatus, connected: false })).toBe(3_000);
    expect(brokerStatusPollMs(feed({ state: 'idle', instruments: 0 }))).toBe(3_000);
    expect(brokerStatusPollMs(feed({ state: 'connecting', instruments: 500 }))).toBe(3_000);
    expect(
      brokerStatusPollMs(
        feed({ state: 'connected', instruments: 500 }, { state: 'idle', instruments: 0 }),
      ),
    ).toBe(15_000);
  });
});
