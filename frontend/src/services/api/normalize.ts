/**
 * The gateway leaves out empty strings, empty lists and nulls (Micronaut's default NON_EMPTY inclusion),
 * so a risk view without kill switches arrives as `{}`. These put the documented defaults back before
 * anything reads the data.
 */
import type {
  Alert,
  Basket,
  BasketItem,
  BasketMargin,
  BasketPlacement,
  DepthLevel,
  FillView,
  Gtt,
  GttOrder,
  Holding,
  LatencyReport,
  LatencyStage,
  LatencySummary,
  LatencyThroughput,
  LoginResponse,
  MarginTotal,
  Me,
  OrderMargin,
  OrderSlice,
  OrderView,
  PlacedBasketOrder,
  ReplayState,
  RiskView,
  SlicedOrder,
  TickData,
  UserView,
} from './types';

function list<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}

export function normalizeRisk(raw: Partial<RiskView> | null | undefined): RiskView {
  return { limits: list(raw?.limits), kill_switches: list(raw?.kill_switches) };
}

export function normalizeUser(raw: Partial<UserView>): UserView {
  return {
    id: raw.id ?? '',
    username: raw.username ?? '',
    roles: list(raw.roles),
    enabled: raw.enabled ?? false,
    account_ids: list(raw.account_ids),
  };
}

export function normalizeMe(raw: Partial<Me>): Me {
  return {
    username: raw.username ?? '',
    roles: list(raw.roles),
    account_ids: list(raw.account_ids),
  };
}

export function normalizeLogin(raw: Partial<LoginResponse>): LoginResponse {
  return { token: raw.token ?? '', expires_at: raw.expires_at ?? '', roles: list(raw.roles) };
}

export function normalizeOrder(raw: OrderView): OrderView {
  return {
    ...raw,
    order_id: raw.order_id ?? '',
    tag: raw.tag ?? '',
    status: raw.status ?? 'UNKNOWN',
    variety: raw.variety ?? 'regular',
    validity: raw.validity ?? 'DAY',
    updated_at: raw.updated_at ?? '',
    placed_at: raw.placed_at ?? raw.updated_at ?? '',
    price: raw.price ?? 0,
    trigger_price: raw.trigger_price ?? 0,
    average_price: raw.average_price ?? 0,
  };
}

export function normalizeReplayState(raw: Partial<ReplayState> | null | undefined): ReplayState {
  return {
    last_index: raw?.last_index ?? -1,
    commands: raw?.commands ?? 0,
    orders: list(raw?.orders).map(normalizeOrder),
    positions: list(raw?.positions),
  };
}

export function normalizeHolding(raw: Loose<Holding>): Holding {
  return {
    account_id: num(raw.account_id),
    tradingsymbol: raw.tradingsymbol ?? '',
    exchange: raw.exchange ?? '',
    instrument_token: num(raw.instrument_token),
    isin: raw.isin ?? '',
    product: raw.product ?? 'CNC',
    quantity: num(raw.quantity),
    t1_quantity: num(raw.t1_quantity),
    used_quantity: num(raw.used_quantity),
    average_price: num(raw.average_price),
    last_price: num(raw.last_price),
    close_price: num(raw.close_price),
    pnl: num(raw.pnl),
    auction_number: raw.auction_number ?? null,
  };
}

function normalizeGttOrder(raw: Loose<GttOrder>): GttOrder {
  const result = raw.result;
  return {
    transaction_type: raw.transaction_type ?? '',
    quantity: num(raw.quantity),
    product: raw.product ?? '',
    order_type: raw.order_type ?? 'LIMIT',
    price: num(raw.price),
    result:
      result === null || result === undefined
        ? null
        : {
            status: result.status ?? '',
            order_id: result.order_id ?? null,
            rejection_reason: result.rejection_reason ?? null,
            triggered_at: num(result.triggered_at),
            timestamp: result.timestamp ?? '',
          },
  };
}

export function normalizeGtt(raw: Loose<Gtt>): Gtt {
  const triggerValues = list(raw.trigger_values).map(num);
  return {
    account_id: num(raw.account_id),
    id: num(raw.id),
    type: raw.type ?? (triggerValues.length > 1 ? 'two-leg' : 'single'),
    status: raw.status ?? '',
    exchange: raw.exchange ?? '',
    tradingsymbol: raw.tradingsymbol ?? '',
    instrument_token: num(raw.instrument_token),
    last_price: num(raw.last_price),
    trigger_values: triggerValues,
    orders: list(raw.orders).map(normalizeGttOrder),
    created_at: raw.created_at ?? '',
    updated_at: raw.updated_at ?? '',
    expires_at: raw.expires_at ?? '',
    rejection_reason: raw.rejection_reason ?? null,
  };
}

export function normalizeAlert(raw: Loose<Alert>): Alert {
  return {
    id: num(raw.id),
    exchange: raw.exchange ?? '',
    tradingsymbol: raw.tradingsymbol ?? '',
    instrument_token: num(raw.instrument_token),
    direction: raw.direction ?? '',
    price: num(raw.price),
    note: raw.note ?? '',
    status: raw.status ?? '',
    created_at: raw.created_at ?? '',
    triggered_at: raw.triggered_at ?? null,
    triggered_price:
      typeof raw.triggered_price === 'number' && Number.isFinite(raw.triggered_price)
        ? raw.triggered_price
        : null,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function normalizeBasketItem(raw: Loose<BasketItem>): BasketItem {
  return {
    exchange: raw.exchange ?? '',
    tradingsymbol: raw.tradingsymbol ?? '',
    instrument_token: num(raw.instrument_token),
    transaction_type: raw.transaction_type ?? '',
    order_type: raw.order_type ?? '',
    quantity: num(raw.quantity),
    product: raw.product ?? '',
    price: numberOrNull(raw.price),
    trigger_price: numberOrNull(raw.trigger_price),
    variety: raw.variety ?? 'regular',
    validity: raw.validity ?? 'DAY',
    market_protection: numberOrNull(raw.market_protection),
  };
}

export function normalizeBasket(raw: Loose<Basket>): Basket {
  return {
    id: num(raw.id),
    name: raw.name ?? '',
    created_at: raw.created_at ?? '',
    updated_at: raw.updated_at ?? '',
    items: list(raw.items).map(normalizeBasketItem),
  };
}

const MARGIN_TOTAL_KEYS: (keyof MarginTotal & string)[] = [
  'span',
  'exposure',
  'option_premium',
  'additional',
  'var',
  'total',
];

const ORDER_MARGIN_NUMBERS: (keyof OrderMargin & string)[] = [
  'account_id',
  'total',
  'charges',
  'span',
  'exposure',
  'option_premium',
  'additional',
  'var',
  'leverage',
];

export function normalizeBasketMargin(raw: Loose<BasketMargin>): BasketMargin {
  return {
    account_id: num(raw.account_id),
    consider_positions: raw.consider_positions ?? true,
    initial: numbers<MarginTotal>(MARGIN_TOTAL_KEYS, raw.initial),
    final: numbers<MarginTotal>(MARGIN_TOTAL_KEYS, raw.final),
    charges: num(raw.charges),
    orders: list(raw.orders).map((order) => ({
      ...numbers<OrderMargin>(ORDER_MARGIN_NUMBERS, order),
      exchange: order.exchange ?? '',
      tradingsymbol: order.tradingsymbol ?? '',
      segment: order.segment ?? '',
    })),
  };
}

/** The gateway's answer to one order of a batch (a basket's, an autoslice's): its status and the order it made. */
type OrderAnswer = Pick<
  OrderSlice,
  'http_status' | 'client_order_id' | 'order_id' | 'status' | 'error' | 'message'
>;

function normalizeAnswer(raw: Loose<OrderAnswer>): Required<OrderAnswer> {
  return {
    http_status: num(raw.http_status),
    client_order_id: numberOrNull(raw.client_order_id),
    order_id: raw.order_id ?? null,
    status: raw.status ?? null,
    error: raw.error ?? null,
    message: raw.message ?? null,
  };
}

function normalizePlacedOrder(raw: Loose<PlacedBasketOrder>): PlacedBasketOrder {
  return {
    item: num(raw.item),
    exchange: raw.exchange ?? '',
    tradingsymbol: raw.tradingsymbol ?? '',
    transaction_type: raw.transaction_type ?? '',
    quantity: num(raw.quantity),
    ...normalizeAnswer(raw),
  };
}

export function normalizePlacement(raw: Loose<BasketPlacement>): BasketPlacement {
  return {
    basket_id: num(raw.basket_id),
    account_id: num(raw.account_id),
    placed: num(raw.placed),
    refused: num(raw.refused),
    orders: list(raw.orders).map(normalizePlacedOrder),
  };
}

function normalizeSlice(raw: Loose<OrderSlice>): OrderSlice {
  return { quantity: num(raw.quantity), ...normalizeAnswer(raw) };
}

/** An autoslice's answer; `max_order_quantity` null where the instrument has no freeze quantity. */
export function normalizeSliced(raw: Loose<SlicedOrder>): SlicedOrder {
  return {
    account_id: num(raw.account_id),
    quantity: num(raw.quantity),
    max_order_quantity: numberOrNull(raw.max_order_quantity),
    placed: num(raw.placed),
    refused: num(raw.refused),
    orders: list(raw.orders).map(normalizeSlice),
  };
}

export function normalizeFill(raw: FillView): FillView {
  return { ...raw, order_id: raw.order_id ?? '', trade_id: raw.trade_id ?? '' };
}

export function normalizeDepth(
  depth: { buy?: DepthLevel[]; sell?: DepthLevel[] } | undefined,
): { buy: DepthLevel[]; sell: DepthLevel[] } | undefined {
  return depth === undefined ? undefined : { buy: list(depth.buy), sell: list(depth.sell) };
}

export function normalizeTick(raw: TickData): TickData {
  return raw.depth === undefined ? raw : { ...raw, depth: normalizeDepth(raw.depth) };
}

/** What may arrive: any field left out or null, at any depth. */
type Loose<T> = T extends (infer E)[]
  ? Loose<E>[]
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> | null }
    : T;

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function numbers<T>(keys: readonly (keyof T & string)[], raw: object | null | undefined): T {
  const source = (raw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, num(source[key])])) as T;
}

/** A window without a sample has no percentiles: null, shown as a dash, never a 0 that reads as fast. */
function summary(raw: object | null | undefined): LatencySummary {
  const source = (raw ?? {}) as Record<string, unknown>;
  const percentiles = SUMMARY_KEYS.map((key) => {
    const value = source[key];
    return [key, typeof value === 'number' && Number.isFinite(value) ? value : null];
  });
  return { count: num(source.count), ...Object.fromEntries(percentiles) } as LatencySummary;
}

const SUMMARY_KEYS: Exclude<keyof LatencySummary & string, 'count'>[] = [
  'mean_us',
  'p50_us',
  'p90_us',
  'p99_us',
  'p999_us',
  'p9999_us',
  'max_us',
];

const THROUGHPUT_KEYS: (keyof LatencyThroughput & string)[] = [
  'commands_in_per_s',
  'events_out_per_s',
  'ticks_per_s',
  'ws_messages_per_s',
  'ws_conflated_per_s',
  'commands_in_total',
  'events_out_total',
  'ws_messages_total',
  'ws_conflated_total',
  'ring_full_total',
  'decode_errors_total',
  'rejects_total',
];

function normalizeStage(raw: Loose<LatencyStage>): LatencyStage {
  return {
    name: raw.name ?? '',
    path: raw.path ?? '',
    description: raw.description ?? '',
    interval: summary(raw.interval),
    recent: summary(raw.recent),
    total: summary(raw.total),
    distribution: list(raw.distribution).map((point) => ({
      percentile: num(point.percentile),
      value_us: num(point.value_us),
    })),
  };
}

export function normalizeLatency(raw: Loose<LatencyReport> | null | undefined): LatencyReport {
  return {
    started_at: raw?.started_at ?? '',
    interval_start: raw?.interval_start ?? '',
    interval_end: raw?.interval_end ?? '',
    stages: list(raw?.stages).map(normalizeStage),
    throughput: numbers<LatencyThroughput>(THROUGHPUT_KEYS, raw?.throughput),
    persister: { lag_events: num(raw?.persister?.lag_events), lag_ms: num(raw?.persister?.lag_ms) },
    threads: list(raw?.threads).map((thread) => ({
      name: thread.name ?? '',
      scheduling_class: thread.scheduling_class ?? '',
      cpu_share: num(thread.cpu_share),
      wait_share: num(thread.wait_share),
      cpu_seconds_total: num(thread.cpu_seconds_total),
      wait_seconds_total: num(thread.wait_seconds_total),
    })),
  };
}
