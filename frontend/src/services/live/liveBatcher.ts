import { normalizeAlert, normalizeOrder, normalizeTick } from '../api/normalize';
import type { ServerMessage } from '../api/types';
import type { LiveBatch, TickUpdate } from './liveActions';

// Imports only types from liveActions, so the socket worker's bundle stays free of Redux.

export function emptyBatch(receivedAtMs: number): LiveBatch {
  return {
    ticks: [],
    orders: [],
    positions: [],
    gaps: [],
    brokers: [],
    killSwitches: [],
    alerts: [],
    errors: [],
    malformed: 0,
    received: { messages: 0, ticks: 0, conflated: 0 },
    receivedAtMs,
  };
}

function parse(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') {
    return null;
  }
  try {
    const message = JSON.parse(raw) as Partial<ServerMessage> | null;
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') {
      return null;
    }
    if (message.type === 'tick') {
      const data = message.data as { instrument_token?: unknown; last_price?: unknown } | undefined;
      if (typeof data?.instrument_token !== 'number' || typeof data.last_price !== 'number') {
        return null;
      }
    }
    if (message.type === 'alert') {
      const data = message.data as { id?: unknown } | null | undefined;
      if (typeof data !== 'object' || data === null || typeof data.id !== 'number') {
        return null;
      }
    }
    return message as ServerMessage;
  } catch {
    return null;
  }
}

/** True for a batch built elsewhere (the socket worker) rather than a raw socket message. */
export function isLiveBatch(raw: unknown): raw is LiveBatch {
  return (
    typeof raw === 'object' && raw !== null && Array.isArray((raw as Partial<LiveBatch>).ticks)
  );
}

/**
 * Collects socket messages into one `LiveBatch` until it is taken. Ticks of one instrument are merged, so
 * a batch holds at most one per instrument (the fields of a `full` tick survive a later `ltp` one).
 * Owned by one thread: the main thread, or the socket worker.
 */
export class LiveBatcher {
  private batch: LiveBatch | null = null;
  private readonly slots = new Map<number, number>();

  /** Adds one raw socket message; true when it started a new batch (time to schedule a flush). */
  add(raw: unknown, nowMs: number): boolean {
    const started = this.open(nowMs);
    const message = parse(raw);
    this.current().received.messages += 1;
    if (message) {
      this.addMessage(message);
    } else {
      this.current().malformed += 1;
    }
    return started;
  }

  /** Adds a batch collected elsewhere; true when it started a new batch. */
  merge(other: LiveBatch, nowMs: number): boolean {
    const started = this.open(nowMs);
    const batch = this.current();
    for (const update of other.ticks) {
      this.addTick(update);
    }
    batch.orders.push(...other.orders);
    batch.positions.push(...other.positions);
    batch.gaps.push(...other.gaps);
    batch.brokers.push(...other.brokers);
    batch.killSwitches.push(...other.killSwitches);
    batch.alerts.push(...other.alerts);
    batch.errors.push(...other.errors);
    batch.malformed += other.malformed;
    batch.received.messages += other.received.messages;
    batch.received.ticks += other.received.ticks;
    batch.received.conflated += other.received.conflated;
    return started;
  }

  /** The batch so far (null when nothing arrived since the last take); starts the next one. */
  take(): LiveBatch | null {
    const ready = this.batch;
    this.batch = null;
    this.slots.clear();
    return ready;
  }

  private open(nowMs: number): boolean {
    if (this.batch) {
      return false;
    }
    this.batch = emptyBatch(nowMs);
    return true;
  }

  private current(): LiveBatch {
    this.batch ??= emptyBatch(0);
    return this.batch;
  }

  private addTick(update: TickUpdate): void {
    const batch = this.current();
    const token = update.data.instrument_token;
    const slot = this.slots.get(token);
    const existing = slot === undefined ? undefined : batch.ticks[slot];
    if (slot !== undefined && existing) {
      batch.ticks[slot] = {
        data: { ...existing.data, ...update.data },
        conflated: update.conflated,
      };
    } else {
      this.slots.set(token, batch.ticks.length);
      batch.ticks.push(update);
    }
  }

  private addMessage(message: ServerMessage): void {
    const batch = this.current();
    switch (message.type) {
      case 'tick': {
        const conflated = message.conflated === true;
        batch.received.ticks += 1;
        batch.received.conflated += conflated ? 1 : 0;
        this.addTick({ data: normalizeTick(message.data), conflated });
        break;
      }
      case 'order':
        batch.orders.push(normalizeOrder(message.data));
        break;
      case 'position':
        batch.positions.push(message.data);
        break;
      case 'gap':
        batch.gaps.push(message.data);
        break;
      case 'broker':
        batch.brokers.push(message.data);
        break;
      case 'kill_switch':
        batch.killSwitches.push(message.data);
        break;
      case 'alert':
        batch.alerts.push(normalizeAlert(message.data));
        break;
      case 'error':
        batch.errors.push(String(message.data));
        break;
      default:
        batch.malformed += 1;
    }
  }
}
