import { createAction } from '@reduxjs/toolkit';
import type {
  BrokerNotice,
  GapNotice,
  KillSwitch,
  OrderView,
  PositionView,
  TickData,
} from '../api/types';

export interface TickUpdate {
  data: TickData;
  conflated: boolean;
}

/** Everything that arrived on the socket during one animation frame. */
export interface LiveBatch {
  ticks: TickUpdate[];
  orders: OrderView[];
  positions: PositionView[];
  gaps: GapNotice[];
  brokers: BrokerNotice[];
  killSwitches: KillSwitch[];
  errors: string[];
  /** Messages that could not be read; counted, the stream goes on. */
  malformed: number;
  receivedAtMs: number;
}

export const liveBatch = createAction<LiveBatch>('live/batch');

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

export const connectionChanged = createAction<ConnectionState>('live/connectionChanged');

export function emptyBatch(receivedAtMs: number): LiveBatch {
  return {
    ticks: [],
    orders: [],
    positions: [],
    gaps: [],
    brokers: [],
    killSwitches: [],
    errors: [],
    malformed: 0,
    receivedAtMs,
  };
}
