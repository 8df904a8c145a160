/**
 * The gateway leaves out empty strings, empty lists and nulls (Micronaut's default NON_EMPTY inclusion),
 * so a risk view without kill switches arrives as `{}`. These put the documented defaults back before
 * anything reads the data.
 */
import type {
  DepthLevel,
  FillView,
  LoginResponse,
  Me,
  OrderView,
  RiskView,
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
    accountIds: list(raw.accountIds),
  };
}

export function normalizeMe(raw: Partial<Me>): Me {
  return { username: raw.username ?? '', roles: list(raw.roles), accountIds: list(raw.accountIds) };
}

export function normalizeLogin(raw: Partial<LoginResponse>): LoginResponse {
  return { token: raw.token ?? '', expiresAt: raw.expiresAt ?? '', roles: list(raw.roles) };
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
    price: raw.price ?? 0,
    trigger_price: raw.trigger_price ?? 0,
    average_price: raw.average_price ?? 0,
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
