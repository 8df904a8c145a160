/**
 * The wire types the dashboard uses, in one place.
 *
 * Most are derived from the generated OpenAPI schema. The gateway serialises its views with snake_case
 * names while the document lists the Java (camelCase) names, so `Wire<T>` renames the keys at the type
 * level. Types the document does not describe yet (`type: object` responses, endpoints still coming,
 * WebSocket messages) are written here from the documented JSON.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Head extends Lowercase<Head>
    ? `${Head}${SnakeCase<Tail>}`
    : `_${Lowercase<Head>}${SnakeCase<Tail>}`
  : S;

/** A generated view with its keys as the gateway writes them on the wire. */
export type Wire<T> =
  T extends Array<infer E>
    ? Wire<E>[]
    : T extends object
      ? { [K in keyof T as K extends string ? SnakeCase<K> : K]: Wire<T[K]> }
      : T;

export type InstrumentView = Wire<Schemas['InstrumentView']>;
export type QuoteView = Wire<Schemas['QuoteView']>;
export type DepthLevel = Wire<Schemas['QuoteView.Level']>;
export type Ohlc = Wire<Schemas['QuoteView.Ohlc']>;
export type OrderView = Wire<Schemas['OrderView']>;
export type FillView = Wire<Schemas['FillView']>;
export type PositionView = Wire<Schemas['PositionView']>;
export type RiskView = Wire<Schemas['RiskView']>;
export type RiskLimits = Wire<Schemas['RiskView.Limits']>;
export type KillSwitch = Wire<Schemas['RiskView.KillSwitch']>;
export type RiskChange = Wire<Schemas['RiskController.Change']>;
export type PlaceOrder = Wire<Schemas['OrderRequests.Place']>;
export type ModifyOrder = Wire<Schemas['OrderRequests.Modify']>;

export type LoginRequest = Schemas['AuthController.LoginRequest'];
export type Me = Schemas['AuthController.Me'];
export type UserView = Schemas['UsersController.UserView'];
export type CreateUser = Schemas['UsersController.CreateUser'];
export type UpdateUser = Partial<Schemas['UsersController.UpdateUser']>;

export const ROLES = ['trader', 'quant', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type KillSwitchMode = 'off' | 'halt' | 'reduce_only';

/** POST /api/auth/login (camelCase on the wire). */
export interface LoginResponse {
  token: string;
  expiresAt: string;
  roles: string[];
}

/** Error body of every failed call. */
export interface ApiErrorBody {
  error: string;
  message: string;
}

/** POST /api/orders 201/202, PUT and DELETE /api/orders/{id}. */
export interface OrderAck {
  account_id: number;
  client_order_id: number;
  order_id: string | null;
  status: string;
}

/** GET /api/broker/status. */
export interface BrokerStatus {
  connected: boolean;
  user_id: string | null;
  token_expiry: string | null;
  feed_connections: { id: string | number; state: string; instruments: number }[];
  gaps: unknown[];
}

/** One stage of GET /api/latency, microseconds. */
export interface LatencyStage {
  name: string;
  count: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  p999_us: number;
  p9999_us: number;
  max_us: number;
}

export interface LatencyReport {
  stages: LatencyStage[];
}

/** One bar of GET /api/ticks. */
export interface Candle {
  time: string | number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type TickMode = 'ltp' | 'quote' | 'full';

/** The `data` of a WebSocket tick; ltp mode carries only the first four fields. */
export interface TickData {
  mode: TickMode;
  tradable: boolean;
  instrument_token: number;
  last_price: number;
  last_traded_quantity?: number;
  average_traded_price?: number;
  volume_traded?: number;
  total_buy_quantity?: number;
  total_sell_quantity?: number;
  ohlc?: Ohlc;
  change?: number;
  last_trade_time?: string | number | null;
  exchange_timestamp?: string | number | null;
  oi?: number;
  oi_day_high?: number;
  oi_day_low?: number;
  depth?: { buy: DepthLevel[]; sell: DepthLevel[] };
}

export interface GapNotice {
  connection: string | number;
  state: 'gap_started' | 'gap_ended';
  last_message_ns: number;
}

export interface BrokerNotice {
  account_id: number;
  state: string;
  token_expiry: string | null;
}

/** Messages the gateway sends on /ws. */
export type ServerMessage =
  | { type: 'tick'; data: TickData; conflated?: boolean }
  | { type: 'order'; data: OrderView }
  | { type: 'position'; data: PositionView }
  | { type: 'gap'; data: GapNotice }
  | { type: 'broker'; data: BrokerNotice }
  | { type: 'kill_switch'; data: KillSwitch }
  | { type: 'error'; data: string };

/** Messages the dashboard sends on /ws (Kite's ticker protocol). */
export type ClientMessage =
  | { a: 'subscribe'; v: number[] }
  | { a: 'unsubscribe'; v: number[] }
  | { a: 'mode'; v: [TickMode, number[]] };
