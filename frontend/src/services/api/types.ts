/**
 * The wire types the dashboard uses, in one place.
 *
 * Most come straight from the generated OpenAPI schema, whose property names are the ones on the wire
 * (snake_case for the trading views and the latency report, camelCase for the auth and user views). Types
 * the document does not describe (WebSocket messages) are written here from the documented JSON.
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type InstrumentView = Schemas['InstrumentView'];
export type QuoteView = Schemas['QuoteView'];
/** GET /api/quotes/limits: the day's circuit limits of one instrument, in rupees, as the broker has them. */
export type CircuitLimits = Schemas['CircuitLimitsController.Limits'];
export type DepthLevel = Schemas['QuoteView.Level'];
export type Ohlc = Schemas['QuoteView.Ohlc'];
export type OrderView = Schemas['OrderView'];
export type FillView = Schemas['FillView'];
/** GET /api/replay/state: the orders and positions as the journal had them at a past moment. */
export type ReplayState = Schemas['ReplayController.State'];
export type PositionView = Schemas['PositionView'];
/** PUT /api/positions: converts (part of) an open position to another product, as Kite's "Convert". */
export type ConvertPosition = Schemas['PositionConversionController.Conversion'];
/**
 * Its answer: 200 once the engine moved the quantity (`positions` the two positions as they are then), 202 when
 * the broker converted it and the engine had not yet (`positions` empty; the live feed brings them).
 */
export type ConvertedPosition = Schemas['PositionConversionController.Converted'];
/** GET /api/holdings: delivery stock of the caller's accounts, read from the broker; money in rupees. */
export type Holding = Schemas['HoldingsController.Holding'];
export type RiskView = Schemas['RiskView'];
export type RiskLimits = Schemas['RiskView.Limits'];
export type KillSwitch = Schemas['RiskView.KillSwitch'];
export type RiskChange = Schemas['RiskController.Change'];
export type PlaceOrder = Schemas['OrderRequests.Place'];
export type ModifyOrder = Schemas['OrderRequests.Modify'];
export type AuditEntry = Schemas['AuditController.Entry'];

/** GET /api/latency: latencies in microseconds (doubles), counts whole numbers. */
export type LatencyReport = Schemas['LatencyReport'];
/** One stage; `distribution` (since start) is empty while the stage has no samples. */
export type LatencyStage = Schemas['LatencyReport.Stage'];
/** Percentiles of one stage over the last interval or since start. */
export type LatencySummary = Schemas['LatencyReport.Percentiles'];
/** One point of HdrHistogram's percentile iteration; `percentile` is 0 … 100. */
export type LatencyPoint = Schemas['LatencyReport.Point'];
export type LatencyThroughput = Schemas['LatencyReport.Throughput'];
export type PersisterLag = Schemas['LatencyReport.PersisterLag'];
export type EngineThread = Schemas['LatencyReport.EngineThread'];

/**
 * GET /api/broker/kite/connect's query. The dashboard opens that URL as a page, which cannot carry the
 * Authorization header, so the session token goes in it as `token`.
 */
export type KiteConnectQuery = NonNullable<operations['connect']['parameters']['query']>;

export type LoginRequest = Schemas['AuthController.LoginRequest'];
export type Me = Schemas['AuthController.Me'];
export type UserView = Schemas['UsersController.UserView'];
export type CreateUser = Schemas['UsersController.CreateUser'];
export type UpdateUser = Partial<Schemas['UsersController.UpdateUser']>;

export const ROLES = ['trader', 'quant', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type KillSwitchMode = 'off' | 'halt' | 'reduce_only';

/** POST /api/auth/login (camelCase on the wire). */
export type LoginResponse = Schemas['AuthController.LoginResponse'];

/**
 * Error body of every failed call: a machine code and a sentence for people. `instruments` only in POST
 * /api/replay/export's refusal of instruments the journal knows nothing of: every one, as sent.
 */
export type ApiErrorBody = Schemas['ApiError'];

/** POST /api/orders 201/202, PUT and DELETE /api/orders/{id}. */
export type OrderAck = Schemas['OrderRequests.Accepted'];
/**
 * POST /api/orders with `autoslice: true` (201, when the engine took at least one of the orders): the orders it was
 * placed as, each of at most `max_order_quantity` (the most one order may carry; null when the instrument has no
 * freeze quantity), with what `POST /api/orders` answered for each; `placed` counts those the engine took, `refused`
 * the others.
 */
export type SlicedOrder = Schemas['OrderRequests.Sliced'];
/**
 * One order of a SlicedOrder: taken (`http_status` 201 or 202, with its `client_order_id` and status), or refused
 * (`http_status` 4xx, `client_order_id` null, with the refusal's `error` and `message`).
 */
export type OrderSlice = Schemas['OrderRequests.Slice'];

/** One segment (equity, commodity) of one account's funds, in rupees: GET /api/margins. */
export type SegmentFunds = Schemas['MarginsController.SegmentFunds'];
/** POST /api/margins/orders: what an order would block of its account's margin, and its charges, in rupees. */
export type OrderMargin = Schemas['OrderMarginController.OrderMargin'];

/**
 * GET /api/watchlist, and PUT's answer: the caller's lists in order (1 to 7), `active` the index of the one open.
 * `saved` is false while the user has never saved any and the one list, "Watchlist 1", holds the gateway's defaults
 * (none before the broker's instruments load). `version` is that of the saved lists: 0 while the user has never
 * saved any, one up with every save.
 */
export type Watchlists = Schemas['WatchlistController.Watchlists'] & { version: number };
/** One named list of Watchlists: its instruments in the user's order and the one last `selected` or null. */
export type Watchlist = Schemas['WatchlistController.Watchlist'];
/** One instrument of a watchlist with the tick `mode` it streams in (`ltp`, `quote` or `full`). */
export type WatchlistItem = Schemas['WatchlistController.Item'];
/**
 * PUT /api/watchlist: every list in order, replacing the saved ones, and the `active` one's index. With `version`
 * (the one last read or saved) the gateway saves nothing when the lists have been saved since: it answers 409.
 */
export type WatchlistChange = Schemas['WatchlistController.Change'] & { version?: number | null };
/** One list of a WatchlistChange: a name of 1 to 30 characters, its entries, `selected` one of them or null. */
export type WatchlistListChange = Schemas['WatchlistController.ListChange'];
/** One instrument of a WatchlistListChange; `mode` is `quote` when left out. */
export type WatchlistEntry = Schemas['WatchlistController.Entry'];

/**
 * GET /api/gtt: one GTT (good till triggered) trigger of an account, as the broker has it. `type` is `single` or
 * `two-leg` (OCO); `trigger_values` and `orders` hold one entry for single, and for two-leg the lower value's, then
 * the upper's. `status` is active, triggered, disabled, expired, cancelled, rejected or deleted; times are
 * yyyy-MM-dd HH:mm:ss IST (`expires_at` may be empty right after a write whose read-back failed).
 */
export type Gtt = Schemas['GttController.Gtt'];
/** One LIMIT order of a Gtt, with `result` what it became once the trigger fired (null before). */
export type GttOrder = Schemas['GttController.Order'];
/** What a fired trigger's order became: `success` with the broker's order id, or `failed` with its reason. */
export type GttResult = Schemas['GttController.Result'];
/**
 * POST /api/gtt and PUT /api/gtt/{id}: the type, instrument, trigger value(s) and LIMIT order(s) of a trigger
 * (a PUT cannot change the instrument). `account_id` left out: the caller's first connected account.
 */
export type PlaceGtt = Schemas['GttController.Place'];
/** One LIMIT order of a PlaceGtt. */
export type GttLeg = Schemas['GttController.Leg'];
/** DELETE /api/gtt/{id}: the trigger the broker deleted. */
export type DeletedGtt = Schemas['GttController.Deleted'];

/**
 * GET /api/alerts: one price alert of the signed-in user on an instrument's last price. `direction` is `above`
 * (fires on the first tick at or above `price`) or `below` (at or below it); `status` is `active`, or `triggered`
 * once it fired (it fires once), with `triggered_at` (an ISO-8601 instant) and `triggered_price` the last price
 * that fired it, both null while active. `note` may be empty; `created_at` is an ISO-8601 instant.
 */
export type Alert = Schemas['AlertController.Alert'];
/** Above or below: on which side of its price an alert's last price must be for it to fire. */
export type AlertDirection = 'above' | 'below';
/** POST /api/alerts: the instrument, the direction, the price (above 0, at most 4 decimals) and a note (≤ 200). */
export type CreateAlert = Schemas['AlertController.Create'];
/** PUT /api/alerts/{id}: what the alert becomes; it is active again (re-armed), whatever it was. */
export type ChangeAlert = Schemas['AlertController.Change'];
/** DELETE /api/alerts/{id}: the alert deleted. */
export type DeletedAlert = Schemas['AlertController.Deleted'];

/**
 * One order of a basket as stored (GET /api/baskets): an order as `POST /api/orders` takes it, with the
 * instrument's token. `price` is null for MARKET and SL-M, `trigger_price` null unless SL or SL-M; `variety` is
 * regular or amo, `validity` DAY or IOC; `market_protection` is MARKET's and SL-M's (percent, or -1 for the broker's
 * automatic), null otherwise.
 */
export type BasketItem = Schemas['BasketController.Item'];
/** GET /api/baskets (newest first) and /api/baskets/{id}: a named list of up to 20 orders; times ISO-8601. */
export type Basket = Schemas['BasketController.Basket'];
/**
 * One order of a SaveBasket or a BasketMarginRequest: a BasketItem without the instrument's token; `variety`,
 * `validity` and `market_protection` may be left out (regular, DAY, -1).
 */
export type BasketItemRequest = Schemas['BasketController.ItemRequest'];
/**
 * POST /api/baskets and PUT /api/baskets/{id}: the name (1 to 40 characters, unique per user whatever its case) and
 * every order in order; a PUT replaces them all.
 */
export type SaveBasket = Schemas['BasketController.Save'];
/** DELETE /api/baskets/{id}: the basket deleted. */
export type DeletedBasket = Schemas['BasketController.Deleted'];
/** POST /api/margins/basket: orders priced together; `consider_positions` (true when left out) lets positions hedge. */
export type BasketMarginRequest = Schemas['OrderMarginController.MarginRequest'];
/**
 * Its answer, in rupees: `initial` each order's own margin added up, `final` what they need together once hedged legs
 * (and positions, when considered) are netted, never more than `initial`; `charges` if they all executed whole;
 * `orders` each order's own margin, in the basket's order.
 */
export type BasketMargin = Schemas['OrderMarginController.BasketMargin'];
/** A margin made up as the broker's calculator makes it up; `option_premium` is negative for premium received. */
export type MarginTotal = Schemas['OrderMarginController.MarginTotal'];
/**
 * POST /api/baskets/{id}/orders: every order sent (buys first), each as `POST /api/orders` answered it; `placed`
 * counts those it took (`http_status` below 300), `refused` the others.
 */
export type BasketPlacement = Schemas['BasketController.Placement'];
/** One order of a BasketPlacement: `item` its place in the basket (from 0), its ids and status, or why it was refused. */
export type PlacedBasketOrder = Schemas['BasketController.PlacedOrder'];

/** Where one account stands with the broker, in GET /api/broker/status. */
export type BrokerAccountStatus = Schemas['BrokerRuntime.AccountStatus'];

/** GET /api/broker/status. */
/** A feed gap's start or end (`state` `gap_started` or `gap_ended`), as `/api/broker/status` lists them. */
export type GapHistoryEntry = Schemas['GapView'];

export interface BrokerStatus {
  /** The broker is the in-process Kite simulator: paper trading, no order reaches an exchange. */
  simulated: boolean;
  connected: boolean;
  user_id: string | null;
  token_expiry: string | null;
  feed_connections: { id: string | number; state: string; instruments: number }[];
  /** The gateway's latest feed gap notices (at most 100), oldest first. */
  gaps: GapHistoryEntry[];
  /** The signed-in user's accounts that have a broker session, connected or not. */
  accounts: BrokerAccountStatus[];
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
  | { type: 'alert'; data: Alert }
  | { type: 'error'; data: string };

/** Messages the dashboard sends on /ws (Kite's ticker protocol). */
export type ClientMessage =
  | { a: 'subscribe'; v: number[] }
  | { a: 'unsubscribe'; v: number[] }
  | { a: 'mode'; v: [TickMode, number[]] };
