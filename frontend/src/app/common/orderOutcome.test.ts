import { describe, expect, it } from 'vitest';
import { mockOrder } from '../../services/orders/mock';
import { orderOutcome } from './orderOutcome';

const ack = { account_id: 1, client_order_id: 101, order_id: null, status: 'PENDING' };

describe("what is said of a sent order's cancel", () => {
  it('confirms a cancel without a reason, made anywhere, as the cancel the user asked for', () => {
    expect(orderOutcome(ack, mockOrder({ status: 'CANCELLED' }))).toEqual({
      tone: 'cancelled',
      text: 'Order 250105000000101 cancelled.',
    });
  });

  it('warns of a cancel the exchange or the system made, with its reason and what filled', () => {
    expect(
      orderOutcome(
        ack,
        mockOrder({
          status: 'CANCELLED',
          filled_quantity: 3,
          average_price: 1500,
          status_message: 'IOC order cancelled: no more quantity available at the price.',
        }),
      ),
    ).toEqual({
      tone: 'warning',
      text:
        'Order 250105000000101 cancelled: 3 of 10 filled at 1,500.00. ' +
        'IOC order cancelled: no more quantity available at the price.',
    });
  });

  it('confirms a cancel the user made here whatever it says', () => {
    expect(
      orderOutcome(
        ack,
        mockOrder({ status: 'CANCELLED', status_message: 'Cancelled by the user.' }),
        true,
      ).tone,
    ).toBe('cancelled');
  });

  it('still calls a reject a failure, with its reason', () => {
    expect(
      orderOutcome(ack, mockOrder({ status: 'REJECTED', status_message: 'Insufficient funds.' })),
    ).toEqual({ tone: 'failed', text: 'Order 250105000000101 REJECTED: Insufficient funds.' });
  });
});
