import { describe, expect, it } from 'vitest';
import { mockPosition } from '../../services/positions/mock';
import { NO_MARKET_EXIT, exitOrder, exitRequest } from './exitOrder';

const stockOption = {
  instrument_token: 33501954,
  exchange: 'NFO',
  tradingsymbol: 'INFY26DEC1500CE',
  segment: 'NFO-OPT',
  tick_size: 0.05,
  lot_size: 400,
};

const indexOption = {
  instrument_token: 33502210,
  exchange: 'NFO',
  tradingsymbol: 'NIFTY26DEC24000CE',
  segment: 'NFO-OPT',
  tick_size: 0.05,
  lot_size: 65,
};

function position(instrument: typeof stockOption, quantity: number) {
  return mockPosition({
    exchange: instrument.exchange,
    tradingsymbol: instrument.tradingsymbol,
    instrument_token: instrument.instrument_token,
    product: 'NRML',
    quantity,
  });
}

describe('exit order', () => {
  it('exits a stock option with a LIMIT order, as Kite takes no MARKET order on one, and says so', () => {
    const { side, preset } = exitOrder(position(stockOption, 800), stockOption);

    expect(side).toBe('SELL');
    expect(preset.fields).toEqual({ order_type: 'LIMIT', product: 'NRML', lots: '2' });
    expect(preset.note).toBe(
      'Exit: closes the long NRML position of 800 INFY26DEC1500CE (2 lots of 400) with a LIMIT order ' +
        '(Kite takes no MARKET orders on this option): check its price.',
    );
    expect(exitRequest(position(stockOption, 800), stockOption)).toEqual({
      problem: NO_MARKET_EXIT,
    });
  });

  it('exits an index option at market', () => {
    const { side, preset } = exitOrder(position(indexOption, -130), indexOption);

    expect(side).toBe('BUY');
    expect(preset.fields.order_type).toBe('MARKET');
    expect(preset.note).toBe(
      'Exit: closes the short NRML position of 130 NIFTY26DEC24000CE (2 lots of 65) at market.',
    );
    const exit = exitRequest(position(indexOption, -130), indexOption);
    expect(exit).toMatchObject({
      request: {
        order_type: 'MARKET',
        transaction_type: 'BUY',
        quantity: 130,
        tradingsymbol: 'NIFTY26DEC24000CE',
      },
    });
  });
});
