import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { ConvertPosition, ConvertedPosition, PositionView } from '../api/types';

export function mockPosition(overrides: Partial<PositionView> = {}): PositionView {
  return {
    account_id: 1,
    exchange: 'NSE',
    tradingsymbol: 'INFY',
    instrument_token: 408065,
    product: 'CNC',
    quantity: 5,
    overnight_quantity: 0,
    multiplier: 1,
    average_price: 1499.5,
    last_price: 1510,
    close_price: 1490,
    value: -7497.5,
    pnl: 52.5,
    m2m: 52.5,
    realised: 0,
    unrealised: 52.5,
    buy_quantity: 5,
    buy_price: 1499.5,
    buy_value: 7497.5,
    sell_quantity: 0,
    sell_price: 0,
    sell_value: 0,
    day_buy_quantity: 5,
    day_buy_price: 1499.5,
    day_buy_value: 7497.5,
    day_sell_quantity: 0,
    day_sell_price: 0,
    day_sell_value: 0,
    ...overrides,
  };
}

/** GET /api/positions answering `positions`: those of the account `?account_id=` names, or all of them. */
export function positionsRoutes(positions: PositionView[] = [mockPosition()]): MockRoute[] {
  return [
    route('GET', /^\/api\/positions$/, (request) => {
      const account = request.query.get('account_id');
      return {
        status: 200,
        body:
          account === null
            ? positions
            : positions.filter((position) => position.account_id === Number(account)),
      };
    }),
  ];
}

/**
 * PUT /api/positions as the gateway answers it: the request echoed with the account and the instrument's token
 * (the positions left empty, as in a 202), or the error given (status and body) when there is one.
 */
export function convertRoute(failure?: {
  status: number;
  error: string;
  message: string;
}): MockRoute {
  return route('PUT', /^\/api\/positions$/, (request) => {
    if (failure) {
      return { status: failure.status, body: { error: failure.error, message: failure.message } };
    }
    const body = request.body as ConvertPosition;
    const answer: ConvertedPosition = {
      ...body,
      account_id: body.account_id ?? 1,
      instrument_token: 408065,
      positions: [],
    };
    return { status: 200, body: answer };
  });
}
