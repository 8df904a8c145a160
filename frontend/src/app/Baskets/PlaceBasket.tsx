import { useState } from 'react';
import { useActiveAccount } from '../../services/accounts/hooks';
import { describeError } from '../../services/api/errors';
import type { Basket, BasketPlacement, PlacedBasketOrder } from '../../services/api/types';
import { usePlaceBasketMutation } from '../../services/baskets/basketsApi';
import { sendingOrder } from '../../services/baskets/validation';
import { orderKey } from '../../services/orders/ordersSlice';
import { useAppSelector } from '../../store/hooks';
import { orderOutcome } from '../common/orderOutcome';
import { Dialog, DialogError, DialogFooter, DialogHeader } from '../common/Dialog';
import { StatusBadge } from '../common/List';
import { rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { tableClass, tableScrollClass, tdClass, thClass } from '../common/States';
import { formatMoney, formatQty } from '../common/format';
import { describeBasketOrder, ordersCount, refusalText, wasPlaced } from './basketText';

/**
 * Asks before placing every order of the basket in the active account, listing them in the order they are sent (buys
 * first), with what they need of the margin when it is known; the gateway's answer goes to `onPlaced`.
 */
export function PlaceBasketDialog({
  basket,
  required,
  available,
  onPlaced,
  onClose,
}: {
  basket: Basket;
  /** The margin the orders need together, when the broker priced them. */
  required: number | undefined;
  /** The margin the account may still use, when known. */
  available: number | undefined;
  onPlaced: (placement: BasketPlacement) => void;
  onClose: () => void;
}) {
  const account = useActiveAccount();
  const [place, placing] = usePlaceBasketMutation();
  const [failure, setFailure] = useState<string | null>(null);
  const count = basket.items.length;

  const confirm = async () => {
    setFailure(null);
    const response = await place({ id: basket.id, account_id: account });
    if ('error' in response) {
      setFailure(`Nothing was placed: ${describeError(response.error)}`);
      return;
    }
    onPlaced(response.data);
    onClose();
  };

  const short = required !== undefined && available !== undefined && required > available;
  const title = `Place ${basket.name}`;
  return (
    <Dialog label={title} onClose={onClose}>
      <DialogHeader title={title}>
        <p className="text-xs text-slate-300">
          {`${ordersCount(count)}, sent one after another in this order: every buy first, so that hedges are in place before the sells need margin.`}
        </p>
      </DialogHeader>
      <ol data-testid="basket-place-list" className="flex flex-col gap-1 p-4 text-sm">
        {sendingOrder(basket.items).map((index, sent) => {
          const item = basket.items[index];
          return (
            item && (
              <li
                key={index}
                className={`num ${item.transaction_type === 'BUY' ? 'text-sky-300' : 'text-orange-300'}`}
              >
                {sent + 1}. {describeBasketOrder(item)}{' '}
                <span className="text-xs text-slate-500">({item.exchange})</span>
              </li>
            )
          );
        })}
      </ol>
      {required !== undefined && (
        <p className={`mx-4 mb-2 text-sm ${short ? 'text-rose-300' : 'text-slate-300'}`}>
          Margin required {formatMoney(required)}
          {available !== undefined && <> of {formatMoney(available)} available</>}
          {short && '; some orders may be refused'}.
        </p>
      )}
      {failure && <DialogError>{failure}</DialogError>}
      <DialogFooter onClose={onClose} closeText="Cancel">
        <button
          type="button"
          data-testid="basket-place-confirm"
          disabled={placing.isLoading}
          onClick={() => void confirm()}
          className="rounded bg-sky-600 px-4 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50"
        >
          {placing.isLoading ? 'Placing…' : `Place ${ordersCount(count)}`}
        </button>
      </DialogFooter>
    </Dialog>
  );
}

/** A placed order's latest status: the acknowledgement, then the live order updates, as the ticket shows them. */
function PlacedOutcome({ order, accountId }: { order: PlacedBasketOrder; accountId: number }) {
  const clientOrderId = order.client_order_id;
  const tracked = useAppSelector((state) =>
    clientOrderId === null
      ? undefined
      : state.orders.byKey[orderKey({ account_id: accountId, client_order_id: clientOrderId })],
  );
  if (clientOrderId === null) {
    return <span data-testid="basket-placed-status">{order.status ?? 'Sent'}</span>;
  }
  const outcome = orderOutcome(
    {
      account_id: accountId,
      client_order_id: clientOrderId,
      order_id: order.order_id,
      status: order.status ?? 'PENDING',
    },
    tracked,
  );
  return (
    <span
      data-testid="basket-placed-status"
      data-order-tone={outcome.tone}
      className={
        outcome.tone === 'failed'
          ? 'text-rose-300'
          : outcome.tone === 'warning'
            ? 'text-amber-300'
            : ''
      }
    >
      {outcome.text}
    </span>
  );
}

/**
 * What became of each order of a placed basket, in the order they were sent: placed, with its status as it
 * changes, or refused, with the gateway's reason. It stays until dismissed.
 */
export function PlacementResult({
  name,
  placement,
  onDismiss,
}: {
  name: string;
  placement: BasketPlacement;
  onDismiss: () => void;
}) {
  return (
    <section
      data-testid="basket-placement"
      aria-label={`${name} placed`}
      className={`flex flex-col gap-2 rounded border p-3 ${placement.refused > 0 ? 'border-rose-800/70' : 'border-emerald-800/70'}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" className="font-medium text-slate-100">
          {name}: <span data-testid="basket-placed-count">{placement.placed} placed</span>,{' '}
          <span data-testid="basket-refused-count">{placement.refused} refused</span>
        </p>
        <button
          type="button"
          className={rowButtonClass}
          aria-label={`Dismiss what became of ${name}`}
          onClick={onDismiss}
        >
          Dismiss
        </button>
      </header>
      <div className={tableScrollClass}>
        <table className={tableClass} aria-label="Orders sent">
          <thead>
            <tr>
              <th className={thClass}>Sent</th>
              <th className={thClass}>Order</th>
              <th className={thClass}>Result</th>
            </tr>
          </thead>
          <tbody>
            {placement.orders.map((order, sent) => {
              const placed = wasPlaced(order);
              return (
                <tr
                  key={order.item}
                  data-testid={`basket-placed-${order.item}`}
                  className="border-b border-slate-800/70 align-top"
                >
                  <td className={`${tdClass} num`}>{sent + 1}</td>
                  <td
                    className={`${tdClass} num whitespace-nowrap ${order.transaction_type === 'BUY' ? 'text-sky-300' : 'text-orange-300'}`}
                  >
                    {order.transaction_type} {formatQty(order.quantity)} {order.tradingsymbol}{' '}
                    <span className="text-xs text-slate-500">
                      {order.exchange} · order {order.item + 1} of the basket
                    </span>
                  </td>
                  <td data-testid="basket-placed-result" className={tdClass}>
                    <StatusBadge
                      className={
                        placed
                          ? 'bg-emerald-900/70 text-emerald-200'
                          : 'bg-rose-900/70 text-rose-200'
                      }
                    >
                      {placed ? 'Placed' : 'Refused'}
                    </StatusBadge>{' '}
                    <span className="text-sm">
                      {placed ? (
                        <PlacedOutcome order={order} accountId={placement.account_id} />
                      ) : (
                        <span className="text-rose-300">{refusalText(order)}</span>
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
