import { route } from '../api/mockFetch';
import type { MockRequest, MockRoute } from '../api/mockFetch';
import type { FillView, OrderSlice, OrderView, PlaceOrder, SlicedOrder } from '../api/types';
import { mockKnownInstruments } from '../market/mock';
import { MAX_AUTOSLICE_ORDERS, maxOrderQuantity, sliceQuantities } from './autoslice';

export function mockOrder(overrides: Partial<OrderView> = {}): OrderView {
  return {
    account_id: 1,
    client_order_id: 101,
    order_id: '250105000000101',
    status: 'OPEN',
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    instrument_token: 408065,
    transaction_type: 'BUY',
    order_type: 'LIMIT',
    product: 'CNC',
    validity: 'DAY',
    variety: 'regular',
    quantity: 10,
    filled_quantity: 0,
    pending_quantity: 10,
    cancelled_quantity: 0,
    price: 1500,
    trigger_price: 0,
    average_price: 0,
    modify_count: 0,
    tag: '',
    placed_at: '2026-01-05T04:00:00Z',
    updated_at: '2026-01-05T04:00:00Z',
    journal_index: 1,
    ...overrides,
  };
}

export const mockFill: FillView = {
  account_id: 1,
  client_order_id: 100,
  order_id: '250105000000100',
  trade_id: '9001',
  exchange: 'NSE',
  tradingsymbol: 'INFY',
  instrument_token: 408065,
  transaction_type: 'BUY',
  product: 'CNC',
  quantity: 5,
  average_price: 1499.5,
  fill_timestamp: '2026-01-05T03:50:00Z',
  journal_index: 7,
};

/** The rows of the account a request names in `?account_id=`, or every row when it names none. */
function ofRequested<T extends { account_id: number }>(request: MockRequest, rows: T[]): T[] {
  const account = request.query.get('account_id');
  return account === null ? rows : rows.filter((row) => row.account_id === Number(account));
}

/**
 * The answer to an order placed with autoslice, as the gateway gives it: its orders of at most `most` (null: the
 * instrument has no freeze quantity), each accepted with the next client order id, but for those `refuse` refuses (by
 * their place, from 0), which it answers 422 with its refusal.
 */
export function mockSliced(
  body: PlaceOrder,
  most: number | null,
  nextId: () => number,
  refuse: (index: number) => { error: string; message: string } | null = () => null,
): SlicedOrder {
  const orders = sliceQuantities(body.quantity, most ?? body.quantity).map(
    (quantity, index): OrderSlice => {
      const refusal = refuse(index);
      return refusal
        ? {
            quantity,
            http_status: 422,
            client_order_id: null,
            order_id: null,
            status: null,
            ...refusal,
          }
        : {
            quantity,
            http_status: 201,
            client_order_id: nextId(),
            order_id: null,
            status: 'PENDING',
            error: null,
            message: null,
          };
    },
  );
  const placed = orders.filter((order) => order.http_status < 300).length;
  return {
    account_id: body.account_id ?? 1,
    quantity: body.quantity,
    max_order_quantity: most,
    placed,
    refused: orders.length - placed,
    orders,
  };
}

/**
 * Orders the way the gateway answers them: price 1234.56 is off tick (422 price_off_tick), symbol "SLOW"
 * gets a 202, anything else is accepted with 201, in the account the order names (1 when it names none). An order
 * with autoslice is answered as mockSliced answers it, or 400 when it would take more than 10 orders or names a client
 * order id. The orders and trades listed are those of the account `?account_id=` names, or all of them.
 */
export function ordersRoutes(orders: OrderView[] = [mockOrder()]): MockRoute[] {
  let next = 200;
  return [
    route('GET', /^\/api\/orders$/, (request) => ({
      status: 200,
      body: ofRequested(request, orders),
    })),
    route('GET', /^\/api\/orders\/([^/]+)$/, (_request, match) => ({
      status: 200,
      body: orders.filter(
        (order) => String(order.client_order_id) === match[1] || order.order_id === match[1],
      ),
    })),
    route('GET', /^\/api\/trades$/, (request) => ({
      status: 200,
      body: ofRequested(request, [mockFill]),
    })),
    route('POST', /^\/api\/orders$/, (request) => {
      const body = request.body as PlaceOrder;
      if (body.price === 1234.56) {
        return {
          status: 422,
          body: {
            error: 'price_off_tick',
            message: 'Price 1234.56 is not a multiple of the tick size 0.05.',
          },
        };
      }
      if (body.autoslice) {
        if (body.client_order_id !== undefined && body.client_order_id !== null) {
          return {
            status: 400,
            body: {
              error: 'bad_request',
              message: 'client_order_id: names one order, and autoslice may place several',
            },
          };
        }
        // As the gateway slices it: by the freeze quantity of the instrument the engine knows.
        const instrument = mockKnownInstruments.find(
          (known) => known.exchange === body.exchange && known.tradingsymbol === body.tradingsymbol,
        );
        const most = maxOrderQuantity(instrument?.freeze_quantity, instrument?.lot_size ?? 1);
        const sliced = mockSliced(body, most, () => next++);
        if (sliced.orders.length > MAX_AUTOSLICE_ORDERS) {
          return {
            status: 400,
            body: {
              error: 'bad_request',
              message: `quantity: ${body.quantity} would take ${sliced.orders.length} orders`,
            },
          };
        }
        return { status: 201, body: sliced };
      }
      const ack = {
        account_id: body.account_id ?? 1,
        client_order_id: next++,
        order_id: null,
        status: 'PENDING',
      };
      return { status: body.tradingsymbol === 'SLOW' ? 202 : 201, body: ack };
    }),
    route('PUT', /^\/api\/orders\/([^/]+)$/, () => ({
      status: 200,
      body: {
        account_id: 1,
        client_order_id: 101,
        order_id: '250105000000101',
        status: 'MODIFY PENDING',
      },
    })),
    route('DELETE', /^\/api\/orders\/([^/]+)$/, () => ({
      status: 200,
      body: {
        account_id: 1,
        client_order_id: 101,
        order_id: '250105000000101',
        status: 'CANCEL PENDING',
      },
    })),
  ];
}
