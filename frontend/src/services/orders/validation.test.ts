import { describe, expect, it } from 'vitest';
import {
  defaultTicket,
  offeredChoices,
  orderTypeRefusal,
  parseLots,
  quantityInLots,
  serverFieldError,
  validateTicket,
  varietyRefusal,
} from './validation';
import type { TicketForm } from './validation';

const equity = { tick_size: 0.05, lot_size: 1 };
const future = { tick_size: 0.1, lot_size: 75 };

function ticket(
  overrides: Partial<TicketForm> = {},
  exchange = 'NSE',
  symbol = 'INFY',
): TicketForm {
  return { ...defaultTicket(exchange, symbol, 'BUY', 1500), ...overrides };
}

describe('order ticket validation', () => {
  it('builds the request of a valid limit order', () => {
    const { errors, request } = validateTicket(ticket({ lots: '10', price: '1500.05' }), equity);
    expect(errors).toEqual({});
    expect(request).toMatchObject({
      exchange: 'NSE',
      tradingsymbol: 'INFY',
      transaction_type: 'BUY',
      order_type: 'LIMIT',
      product: 'CNC',
      quantity: 10,
      price: 1500.05,
      validity: 'DAY',
      variety: 'regular',
      market_protection: null,
    });
  });

  it('converts lots to units where the lot size is above one', () => {
    const { request } = validateTicket(
      ticket({ lots: '2', price: '24000.1', product: 'NRML' }, 'NFO', 'NIFTY26JANFUT'),
      future,
    );
    expect(request?.quantity).toBe(150);
  });

  it('rejects a price off the tick size', () => {
    const { errors, request } = validateTicket(ticket({ price: '1500.03' }), equity);
    expect(request).toBeNull();
    expect(errors.price).toBe('Price must be a multiple of the tick size 0.05.');
  });

  it('requires a trigger price for stop-loss orders on the right side of the price', () => {
    expect(validateTicket(ticket({ order_type: 'SL' }), equity).errors.trigger_price).toContain(
      'required',
    );
    expect(
      validateTicket(ticket({ order_type: 'SL', trigger_price: '1501' }), equity).errors
        .trigger_price,
    ).toContain('not be above');
    expect(
      validateTicket(
        ticket({ order_type: 'SL', transaction_type: 'SELL', trigger_price: '1499' }),
        equity,
      ).errors.trigger_price,
    ).toContain('not be below');
  });

  it('sends market protection with market orders and no price', () => {
    const { request } = validateTicket(ticket({ order_type: 'MARKET', price: '' }), equity);
    expect(request?.price).toBeNull();
    expect(request?.market_protection).toBe(-1);
    expect(
      validateTicket(ticket({ order_type: 'MARKET', price: '', market_protection: '101' }), equity)
        .errors.market_protection,
    ).toBeDefined();
    expect(
      validateTicket(ticket({ order_type: 'MARKET', price: '1500' }), equity).errors.price,
    ).toBe('A MARKET order takes no price.');
  });

  it("refuses a market protection of 0 with the gateway's rule, before sending", () => {
    const market = (market_protection: string) =>
      validateTicket(ticket({ order_type: 'MARKET', price: '', market_protection }), equity);
    for (const refused of ['0', '-2', '101', '']) {
      expect(market(refused)).toEqual({
        errors: {
          market_protection:
            "Market protection: -1 for the broker's automatic, or 1 to 100 percent.",
        },
        request: null,
      });
    }
    for (const taken of [-1, 1, 100]) {
      expect(market(String(taken)).request?.market_protection).toBe(taken);
    }
    expect(
      validateTicket(
        ticket({ order_type: 'SL-M', trigger_price: '1490', market_protection: '0' }),
        equity,
      ).errors.market_protection,
    ).toBe("Market protection: -1 for the broker's automatic, or 1 to 100 percent.");
  });

  it('refuses the choices Kite refuses for the instrument and falls back to ones it takes', () => {
    const option = { ...future, segment: 'NFO-OPT' };
    const niftyCall = (overrides: Partial<TicketForm>) =>
      ticket({ product: 'NRML', ...overrides }, 'NFO', 'NIFTY26DEC24000CE');
    expect(
      validateTicket(niftyCall({ order_type: 'SL-M', price: '', trigger_price: '120' }), option)
        .errors,
    ).toEqual({ order_type: 'Kite takes no SL-M orders for options: use SL.' });
    expect(
      validateTicket(niftyCall({ order_type: 'SL-M', price: '', trigger_price: '120' }), future)
        .errors,
    ).toEqual({ order_type: 'Kite takes no SL-M orders for options: use SL.' });
    expect(
      validateTicket(
        niftyCall({ variety: 'co', product: 'MIS', price: '120', trigger_price: '110' }),
        option,
      ).errors,
    ).toEqual({});
    expect(
      validateTicket(
        ticket(
          { product: 'MIS', variety: 'co', price: '120', trigger_price: '110' },
          'NFO',
          'BANKNIFTY26DEC54000CE',
        ),
        option,
      ).errors,
    ).toEqual({
      variety:
        'Kite takes no cover orders for BANKNIFTY options, stock options or currency options.',
    });
    expect(
      validateTicket(
        ticket(
          { product: 'MIS', variety: 'co', price: '120', trigger_price: '110' },
          'NFO',
          'INFY26DEC1500CE',
        ),
        option,
      ).errors.variety,
    ).toBe('Kite takes no cover orders for BANKNIFTY options, stock options or currency options.');
    expect(
      validateTicket(
        ticket({ order_type: 'SL-M', price: '', trigger_price: '1490' }, 'BSE'),
        equity,
      ).errors,
    ).toEqual({ order_type: 'Kite takes no SL-M orders on BSE: use SL.' });
    expect(
      validateTicket(
        ticket({ validity: 'IOC', product: 'NRML', price: '72000' }, 'MCX', 'GOLD26FEBFUT'),
        { tick_size: 1, lot_size: 1, segment: 'MCX-FUT' },
      ).errors,
    ).toEqual({
      validity:
        "Kite takes no IOC orders on MCX through its API (SEBI's rule for algo orders): use DAY.",
    });
    expect(
      validateTicket(
        ticket(
          {
            order_type: 'SL-M',
            price: '',
            trigger_price: '24000',
            validity: 'IOC',
            product: 'NRML',
          },
          'NFO',
          'NIFTY26JANFUT',
        ),
        { ...future, segment: 'NFO-FUT' },
      ).errors,
    ).toEqual({});
    expect(
      offeredChoices(
        { order_type: 'SL-M', validity: 'IOC', variety: 'co', lots: '2' },
        { exchange: 'MCX', tradingsymbol: 'CRUDEOIL26JAN6000CE', segment: 'MCX-OPT' },
      ),
    ).toEqual({ order_type: 'SL', validity: 'DAY', variety: 'regular', lots: '2' });
    const stockOption = { exchange: 'NFO', tradingsymbol: 'INFY26DEC1500CE', segment: 'NFO-OPT' };
    expect(orderTypeRefusal('MARKET', stockOption)).toBe(
      'Kite takes no MARKET orders for stock options: use LIMIT.',
    );
    expect(
      orderTypeRefusal('MARKET', {
        exchange: 'MCX',
        tradingsymbol: 'CRUDEOIL26JAN6000CE',
        segment: 'MCX-OPT',
      }),
    ).toBe('Kite takes no MARKET orders for commodity options: use LIMIT.');
    for (const symbol of ['NIFTY26DEC24000CE', 'BANKNIFTY26DEC52000PE']) {
      expect(
        orderTypeRefusal('MARKET', { exchange: 'NFO', tradingsymbol: symbol, segment: 'NFO-OPT' }),
      ).toBeNull();
    }
    expect(
      orderTypeRefusal('MARKET', {
        exchange: 'NFO',
        tradingsymbol: 'INFY26DECFUT',
        segment: 'NFO-FUT',
      }),
    ).toBeNull();
    expect(
      offeredChoices({ order_type: 'MARKET', validity: 'DAY', variety: 'regular' }, stockOption),
    ).toEqual({ order_type: 'LIMIT', validity: 'DAY', variety: 'regular' });
    const nse = { order_type: 'SL-M', validity: 'IOC', variety: 'co' };
    expect(offeredChoices(nse, { exchange: 'NSE', tradingsymbol: 'INFY', segment: 'NSE' })).toEqual(
      nse,
    );
  });

  it('rejects a product that does not fit the exchange', () => {
    expect(validateTicket(ticket({ product: 'NRML' }), equity).errors.product).toContain(
      'derivatives',
    );
    expect(
      validateTicket(ticket({ product: 'CNC', price: '100' }, 'NFO', 'NIFTY26JANFUT'), future)
        .errors.product,
    ).toContain('NRML or MIS');
  });

  it('checks quantity, disclosed quantity, TTL and tag', () => {
    const { errors } = validateTicket(
      ticket({
        lots: '0',
        disclosed_lots: 'x',
        validity: 'TTL',
        validity_ttl: '2000',
        tag: 'not a tag!',
      }),
      equity,
    );
    expect(Object.keys(errors).sort()).toEqual(['disclosed_lots', 'lots', 'tag', 'validity_ttl']);
    expect(
      validateTicket(ticket({ lots: '100', disclosed_lots: '5' }), equity).errors.disclosed_lots,
    ).toContain('10%');
  });

  it('sends no disclosed quantity for a derivative, where Kite takes none', () => {
    const { errors, request } = validateTicket(
      ticket(
        { lots: '2', price: '24000.1', product: 'NRML', disclosed_lots: '1' },
        'NFO',
        'NIFTY26JANFUT',
      ),
      future,
    );
    expect(errors).toEqual({});
    expect(request?.disclosed_quantity).toBeNull();
  });

  it('needs two to ten legs for an iceberg order', () => {
    expect(
      validateTicket(ticket({ variety: 'iceberg', lots: '10' }), equity).errors.iceberg_legs,
    ).toBeDefined();
    const { request } = validateTicket(
      ticket({ variety: 'iceberg', lots: '10', iceberg_legs: '4' }),
      equity,
    );
    expect(request).toMatchObject({ iceberg_legs: 4, iceberg_quantity: 3 });
  });
});

describe('iceberg orders', () => {
  it('are refused up front where Kite takes none: MCX, BFO and BCD', () => {
    const gold = { exchange: 'MCX', tradingsymbol: 'GOLD26FEBFUT', segment: 'MCX-FUT' };
    expect(varietyRefusal('iceberg', gold)).toBe(
      'Iceberg orders are not available on MCX; they work for NSE and BSE equity, NFO and CDS.',
    );
    expect(varietyRefusal('iceberg', { exchange: 'BFO', tradingsymbol: 'SENSEX26JANFUT' })).toBe(
      'Iceberg orders are not available on BFO; they work for NSE and BSE equity, NFO and CDS.',
    );
    expect(varietyRefusal('iceberg', { exchange: 'BCD', tradingsymbol: 'USDINR26JANFUT' })).toBe(
      'Iceberg orders are not available on BCD; they work for NSE and BSE equity, NFO and CDS.',
    );
    for (const exchange of ['NSE', 'BSE', 'NFO', 'CDS']) {
      expect(varietyRefusal('iceberg', { exchange, tradingsymbol: 'X' })).toBeNull();
    }
    expect(
      validateTicket(
        ticket(
          { variety: 'iceberg', iceberg_legs: '2', lots: '4', product: 'NRML', price: '72000' },
          'MCX',
          'GOLD26FEBFUT',
        ),
        { tick_size: 1, lot_size: 1, segment: 'MCX-FUT' },
      ).errors,
    ).toEqual({
      variety:
        'Iceberg orders are not available on MCX; they work for NSE and BSE equity, NFO and CDS.',
    });
  });
});

describe('auction orders', () => {
  const auction = (overrides: Partial<TicketForm> = {}) =>
    ticket({
      variety: 'auction',
      transaction_type: 'SELL',
      auction_number: '20512',
      ...overrides,
    });

  it('send the auction number with a CNC LIMIT sell', () => {
    const { errors, request } = validateTicket(auction(), equity);
    expect(errors).toEqual({});
    expect(request).toMatchObject({ variety: 'auction', auction_number: '20512' });
  });

  it('need a number of 1 to 8 digits', () => {
    for (const number of ['', '123456789', '12a', ' ']) {
      expect(validateTicket(auction({ auction_number: number }), equity).errors).toEqual({
        auction_number: "An auction order needs the auction's number: 1 to 8 digits.",
      });
    }
    expect(validateTicket(auction({ auction_number: '1' }), equity).request?.auction_number).toBe(
      '1',
    );
  });

  it('sell holdings at a limit, as CNC', () => {
    expect(
      validateTicket(
        auction({ transaction_type: 'BUY', order_type: 'MARKET', price: '', product: 'MIS' }),
        equity,
      ).errors,
    ).toEqual({
      variety: 'An auction order sells holdings into the auction: switch to SELL.',
      order_type: 'An auction order is a LIMIT order.',
      product: 'An auction order sells delivery holdings: CNC.',
    });
  });

  it('are the only orders that carry a number', () => {
    expect(
      validateTicket(ticket({ auction_number: '20512' }), equity).request?.auction_number,
    ).toBeNull();
  });
});

describe('gateway field errors', () => {
  it('map to the ticket field they name', () => {
    expect(serverFieldError('request.quantity: must be greater than 0')).toEqual({
      field: 'lots',
      text: 'must be greater than 0',
    });
    expect(serverFieldError('triggerPrice: must not be negative')?.field).toBe('trigger_price');
    expect(serverFieldError('tradingsymbol: no instrument NSE:INFY is known')?.field).toBe(
      'tradingsymbol',
    );
    expect(
      serverFieldError('auction_number: only an auction order (variety auction) has one')?.field,
    ).toBe('auction_number');
    expect(serverFieldError('something went wrong')).toBeNull();
  });
});

describe('quantities and number fields', () => {
  it('convert lots to units and back by the lot size', () => {
    expect(parseLots('3', 75)).toEqual({ lots: 3, quantity: 225 });
    expect(parseLots('3', 1)).toEqual({ lots: 3, quantity: 3 });
    expect(parseLots('0', 75).error).toBe('Quantity must be a whole number of lots, at least 1.');
    expect(parseLots('', 1).error).toBe('Quantity must be a whole number of shares, at least 1.');
    expect(parseLots('-2', 1).error).toBe('Quantity must be a whole number of shares, at least 1.');
    expect(parseLots('x', 1).error).toBe('Quantity: x is not a whole number of shares.');
    expect(parseLots('1.5', 75).error).toBe('Quantity: 1.5 is not a whole number of lots.');
    expect(parseLots('99999999999999999999', 1).error).toBe(
      'Quantity: 99999999999999999999 shares is more than can be sent.',
    );
    expect(quantityInLots(150, 75)).toBe('2');
    expect(quantityInLots(10, 1)).toBe('10');
  });
});

describe('the ticket filled in from the last price', () => {
  it('writes the price to the decimals of its segment: 4 for currency derivatives, else 2', () => {
    expect(defaultTicket('NSE', 'INFY', 'BUY', 1498.3).price).toBe('1498.30');
    expect(defaultTicket('NFO', 'NIFTY26JANFUT', 'SELL', 24100).price).toBe('24100.00');
    expect(defaultTicket('CDS', 'USDINR26JANFUT', 'BUY', 88.185).price).toBe('88.1850');
    expect(defaultTicket('BCD', 'USDINR26JANFUT', 'BUY', 88.68).price).toBe('88.6800');
    expect(defaultTicket('NSE', 'INFY', 'BUY').price).toBe('');
  });
});

describe('the freeze quantity', () => {
  // NIFTY: a lot of 65, a freeze quantity of 1800, so one order carries at most 27 lots (1,755).
  const nifty = { tick_size: 0.1, lot_size: 65, freeze_quantity: 1800, segment: 'NFO-FUT' };
  const order = (overrides: Partial<TicketForm> = {}) =>
    ticket({ product: 'NRML', price: '24000', ...overrides }, 'NFO', 'NIFTY26JANFUT');

  it('lets an order within the most one order may carry go whole, never autosliced', () => {
    for (const autoslice of [false, true]) {
      const { errors, request } = validateTicket(order({ lots: '27', autoslice }), nifty);
      expect(errors).toEqual({});
      expect(request?.quantity).toBe(1755);
      expect(request).not.toHaveProperty('autoslice');
    }
  });

  it('names the fix of an order above it without autoslice, and sends nothing', () => {
    expect(validateTicket(order({ lots: '30' }), nifty)).toEqual({
      errors: {
        lots:
          'Above the most one order may carry (1,755; freeze quantity 1,800): tick Autoslice to place it as 2 ' +
          'orders, or lower the quantity.',
      },
      request: null,
    });
  });

  it('sends an order above it with autoslice, and no client order id', () => {
    const { errors, request } = validateTicket(order({ lots: '60', autoslice: true }), nifty);
    expect(errors).toEqual({});
    expect(request).toMatchObject({ quantity: 3900, autoslice: true });
    expect(request?.client_order_id).toBeUndefined();
  });

  it('says autoslice places at most 10 orders at once', () => {
    expect(validateTicket(order({ lots: '270', autoslice: true }), nifty).errors).toEqual({});
    const refusal =
      'Autoslice places at most 10 orders at once: at most 17,550 (10 × 1,755); 17,615 would take 11.';
    expect(validateTicket(order({ lots: '271', autoslice: true }), nifty).errors).toEqual({
      lots: refusal,
    });
    expect(validateTicket(order({ lots: '271' }), nifty).errors.lots).toBe(
      `Above the most one order may carry (1,755; freeze quantity 1,800). ${refusal}`,
    );
  });

  it('autoslices regular and amo orders only', () => {
    expect(
      validateTicket(order({ lots: '30', autoslice: true, variety: 'amo' }), nifty).request,
    ).toMatchObject({ autoslice: true });
    expect(
      validateTicket(
        order({
          lots: '30',
          autoslice: true,
          variety: 'co',
          product: 'MIS',
          order_type: 'MARKET',
          price: '',
          trigger_price: '23900',
        }),
        nifty,
      ).errors.lots,
    ).toBe(
      'Above the most one order may carry (1,755; freeze quantity 1,800): a cover order is not autosliced; ' +
        'place it as several orders.',
    );
  });

  it("holds an iceberg order's legs to it, not the whole", () => {
    const iceberg = (legs: string) =>
      validateTicket(order({ lots: '60', variety: 'iceberg', iceberg_legs: legs }), nifty);
    expect(iceberg('2').errors).toEqual({
      iceberg_legs:
        'Each leg (1,950) is above the most one order may carry (1,755; freeze quantity 1,800): use at least 3 legs.',
    });
    expect(iceberg('3').request).toMatchObject({ quantity: 3900, iceberg_quantity: 1300 });
    expect(iceberg('3').request).not.toHaveProperty('autoslice');
  });

  it('checks nothing where the instrument has no freeze quantity known', () => {
    expect(
      validateTicket(order({ lots: '1000' }), { ...nifty, freeze_quantity: 0 }).errors,
    ).toEqual({});
    expect(validateTicket(order({ lots: '1000' }), future).errors).toEqual({});
  });
});
