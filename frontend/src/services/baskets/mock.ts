import { itemWriteRoute, route, writeRoute } from '../api/mockFetch';
import type { MockReply, MockRequest, MockRoute } from '../api/mockFetch';
import type {
  Basket,
  BasketItem,
  BasketItemRequest,
  BasketMargin,
  BasketMarginRequest,
  BasketPlacement,
  InstrumentView,
  PlacedBasketOrder,
  SaveBasket,
} from '../api/types';
import { mockOrderMargin } from '../funds/mock';
import { mockKnownInstruments } from '../market/mock';
import { sendingOrder } from './validation';

/** An order of a basket: buy 1 INFY CNC at a limit of 1,500. */
export function mockBasketItem(overrides: Partial<BasketItem> = {}): BasketItem {
  return {
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    instrument_token: 408065,
    transaction_type: 'BUY',
    order_type: 'LIMIT',
    quantity: 1,
    product: 'CNC',
    price: 1500,
    trigger_price: null,
    variety: 'regular',
    validity: 'DAY',
    market_protection: null,
    ...overrides,
  };
}

/**
 * A basket, "Hedge", made on 5 January 2026 at 09:30 IST and last changed at 10:00: buy 75 NIFTY26JANFUT NRML at
 * market (the broker's automatic market protection), sell 1 INFY CNC at a limit of 1,520.
 */
export function mockBasket(overrides: Partial<Basket> = {}): Basket {
  return {
    id: 11,
    name: 'Hedge',
    created_at: '2026-01-05T04:00:00Z',
    updated_at: '2026-01-05T04:30:00Z',
    items: [
      mockBasketItem({
        exchange: 'NFO',
        tradingsymbol: 'NIFTY26JANFUT',
        instrument_token: 13238786,
        order_type: 'MARKET',
        quantity: 75,
        product: 'NRML',
        price: null,
        market_protection: -1,
      }),
      mockBasketItem({ transaction_type: 'SELL', price: 1520 }),
    ],
    ...overrides,
  };
}

/** What the basket calculator answers for INFY and NIFTY26JANFUT together: 1,20,000 on their own, 90,000 hedged. */
export function mockBasketMargin(overrides: Partial<BasketMargin> = {}): BasketMargin {
  const total = (value: number) => ({
    span: 0,
    exposure: 0,
    option_premium: 0,
    additional: 0,
    var: value,
    total: value,
  });
  return {
    account_id: 1,
    consider_positions: true,
    initial: total(120000),
    final: total(90000),
    charges: 42.5,
    orders: [
      mockOrderMargin({
        exchange: 'NFO',
        tradingsymbol: 'NIFTY26JANFUT',
        segment: 'fo',
        total: 118480,
        var: 0,
        span: 98000,
        exposure: 20480,
      }),
      mockOrderMargin(),
    ],
    ...overrides,
  };
}

/** The mock gateway's baskets of the signed-in user, which a test reads and changes. */
export interface MockBasketServer {
  /** What GET /api/baskets answers, newest first; a POST adds to the front, a PUT replaces, a DELETE removes. */
  baskets: Basket[];
  /** Answers for the next writes (a basket's POST, PUT or DELETE, or placing one), one each, given instead of doing them. */
  failures: MockReply[];
  /** The id the next POST gives. */
  nextId: number;
  /** The instruments an order may name. */
  known: InstrumentView[];
  /** What POST /api/margins/basket answers for the request. */
  margin: (request: BasketMarginRequest) => MockReply;
  /** What POST /api/baskets/{id}/orders answers for each order, in the order it is sent (buys first). */
  placed: (item: BasketItem, index: number) => Partial<PlacedBasketOrder>;
}

export function mockBasketServer(baskets: Basket[] = [mockBasket()]): MockBasketServer {
  return {
    baskets,
    failures: [],
    nextId: 21,
    known: mockKnownInstruments,
    margin: () => ({ status: 200, body: mockBasketMargin() }),
    placed: (_item, index) => ({
      http_status: 201,
      client_order_id: 301 + index,
      order_id: null,
      status: 'PENDING',
    }),
  };
}

function badRequest(message: string): MockReply {
  return { status: 400, body: { error: 'bad_request', message } };
}

function notFound(id: string): MockReply {
  return { status: 404, body: { error: 'not_found', message: `you have no basket ${id}` } };
}

/** An order as the gateway keeps it, or its message for what is wrong with the order at `index`. */
function stored(
  request: BasketItemRequest,
  index: number,
  known: InstrumentView[],
): BasketItem | string {
  const instrument = known.find(
    (candidate) =>
      candidate.exchange === request.exchange && candidate.tradingsymbol === request.tradingsymbol,
  );
  if (!instrument) {
    return `items[${index}].tradingsymbol: no instrument ${request.exchange}:${request.tradingsymbol} is known`;
  }
  const priced = request.order_type === 'LIMIT' || request.order_type === 'SL';
  const triggered = request.order_type === 'SL' || request.order_type === 'SL-M';
  const protectedOrder = request.order_type === 'MARKET' || request.order_type === 'SL-M';
  if (priced && (request.price === null || request.price === undefined)) {
    return `items[${index}].price: needed for a LIMIT or SL order`;
  }
  return {
    exchange: instrument.exchange,
    tradingsymbol: instrument.tradingsymbol,
    instrument_token: instrument.instrument_token,
    transaction_type: request.transaction_type,
    order_type: request.order_type,
    quantity: request.quantity,
    product: request.product,
    price: priced ? (request.price ?? null) : null,
    trigger_price: triggered ? (request.trigger_price ?? null) : null,
    variety: request.variety ?? 'regular',
    validity: request.validity ?? 'DAY',
    market_protection: protectedOrder ? (request.market_protection ?? -1) : null,
  };
}

/** The basket a save makes, or the gateway's refusal of it. */
function saved(
  server: MockBasketServer,
  save: SaveBasket,
  base: Basket,
): { basket: Basket } | { refused: MockReply } {
  const name = save.name.trim();
  if (name.length > 40) {
    return { refused: badRequest(`name: ${name.length} characters; at most 40`) };
  }
  const taken = server.baskets.find(
    (other) => other.id !== base.id && other.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) {
    return {
      refused: {
        status: 409,
        body: { error: 'name_taken', message: `you have a basket named ${taken.name}` },
      },
    };
  }
  const requests = save.items ?? [];
  if (requests.length > 20) {
    return {
      refused: badRequest(`items: ${requests.length} orders; a basket holds at most 20`),
    };
  }
  const items: BasketItem[] = [];
  for (const [index, request] of requests.entries()) {
    const item = stored(request, index, server.known);
    if (typeof item === 'string') {
      return { refused: badRequest(item) };
    }
    items.push(item);
  }
  return { basket: { ...base, name, items } };
}

function placement(server: MockBasketServer, basket: Basket): BasketPlacement {
  const orders = sendingOrder(basket.items).map((index, sent): PlacedBasketOrder => {
    const item = basket.items[index] ?? mockBasketItem();
    return {
      item: index,
      exchange: item.exchange,
      tradingsymbol: item.tradingsymbol,
      transaction_type: item.transaction_type,
      quantity: item.quantity,
      http_status: 201,
      client_order_id: null,
      order_id: null,
      status: null,
      error: null,
      message: null,
      ...server.placed(item, sent),
    };
  });
  const placed = orders.filter((order) => order.http_status < 300).length;
  return {
    basket_id: basket.id,
    account_id: 1,
    placed,
    refused: orders.length - placed,
    orders,
  };
}

/**
 * GET, POST, PUT and DELETE /api/baskets, POST /api/margins/basket and POST /api/baskets/{id}/orders on `server`, as
 * the gateway answers them: a write (placing too) takes the next failure when there is one; otherwise POST answers 201
 * with the new basket, PUT 200 with the changed one (400 naming the field of an order it would not keep, 409 for a
 * name another basket has), DELETE 200 with its id, and placing 200 with each order as `server.placed` has it.
 */
export function basketRoutes(server: MockBasketServer): MockRoute[] {
  const items = {
    find: (id: string) => server.baskets.find((basket) => String(basket.id) === id),
    notFound,
  };
  return [
    route('GET', /^\/api\/baskets$/, () => ({ status: 200, body: server.baskets })),
    route('GET', /^\/api\/baskets\/(\d+)$/, (_request, match) => {
      const basket = items.find(match[1] ?? '');
      return basket ? { status: 200, body: basket } : notFound(match[1] ?? '');
    }),
    writeRoute(server, 'POST', /^\/api\/baskets$/, (request) => {
      const result = saved(
        server,
        request.body as SaveBasket,
        mockBasket({
          id: server.nextId++,
          created_at: '2026-01-05T06:00:00Z',
          updated_at: '2026-01-05T06:00:00Z',
        }),
      );
      if ('refused' in result) {
        return result.refused;
      }
      server.baskets = [result.basket, ...server.baskets];
      return { status: 201, body: result.basket };
    }),
    itemWriteRoute(server, 'PUT', /^\/api\/baskets\/(\d+)$/, items, (request, current) => {
      const result = saved(server, request.body as SaveBasket, {
        ...current,
        updated_at: '2026-01-05T06:30:00Z',
      });
      if ('refused' in result) {
        return result.refused;
      }
      server.baskets = server.baskets.map((other) => (other === current ? result.basket : other));
      return { status: 200, body: result.basket };
    }),
    itemWriteRoute(server, 'DELETE', /^\/api\/baskets\/(\d+)$/, items, (_request, current) => {
      server.baskets = server.baskets.filter((other) => other !== current);
      return { status: 200, body: { id: current.id } };
    }),
    route('POST', /^\/api\/margins\/basket$/, (request: MockRequest) =>
      server.margin(request.body as BasketMarginRequest),
    ),
    itemWriteRoute(server, 'POST', /^\/api\/baskets\/(\d+)\/orders$/, items, (_request, basket) =>
      basket.items.length === 0
        ? badRequest(`basket ${basket.id} has no orders to place`)
        : { status: 200, body: placement(server, basket) },
    ),
  ];
}
