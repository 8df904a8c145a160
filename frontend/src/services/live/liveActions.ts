import { createAction } from '@reduxjs/toolkit';
import type {
  Alert,
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
  /** The user's price alerts that fired, as the gateway pushed them (each once, triggered). */
  alerts: Alert[];
  errors: string[];
  /** Messages that could not be read; counted, the stream goes on. */
  malformed: number;
  /** What arrived before merging: socket messages, ticks among them, and ticks the gateway conflated. */
  received: { messages: number; ticks: number; conflated: number };
  receivedAtMs: number;
}

export const liveBatch = createAction<LiveBatch>('live/batch');

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

export const connectionChanged = createAction<ConnectionState>('live/connectionChanged');

/**
 * The socket opened again after a close within the same session. Whatever happened while it was down
 * (orders placed elsewhere, fills, cancels) never reached the page, so REST state must be read again.
 */
export const reconnected = createAction('live/reconnected');

export { emptyBatch } from './liveBatcher';
