import { Link } from 'react-router-dom';
import { useAccountArg } from '../../services/accounts/hooks';
import { describeError, errorBody } from '../../services/api/errors';
import type { BasketItemRequest } from '../../services/api/types';
import { basketFunds } from '../../services/baskets/hooks';
import type { useBasketMargin } from '../../services/baskets/hooks';
import { FUNDS_POLL_MS, useFundsQuery } from '../../services/funds/fundsApi';
import { rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { formatMoney } from '../common/format';

/** One figure of the panel: its name, and its amount with test id `testId`. */
function Figure({
  name,
  testId,
  value,
  className = 'text-slate-100',
  title,
}: {
  name: string;
  testId: string;
  value: number | undefined;
  className?: string;
  title?: string;
}) {
  return (
    <div className="flex items-baseline justify-between gap-3" title={title}>
      <dt className="text-slate-400">{name}</dt>
      <dd data-testid={testId} className={`num ${className}`}>
        {formatMoney(value)}
      </dd>
    </div>
  );
}

/** Why the margin is not known, in a sentence; the Broker page's link when the broker is not connected. */
function MarginProblem({ error }: { error: Parameters<typeof describeError>[0] }) {
  const body = errorBody(error);
  if (body?.error === 'broker_not_connected') {
    return (
      <p role="alert" data-testid="basket-margin-problem" className="text-sm text-amber-300">
        The broker is not connected, so it cannot price the basket: {body.message}{' '}
        <Link to="/broker" className="underline">
          Connect it on the Broker page
        </Link>
        .
      </p>
    );
  }
  return (
    <p role="alert" data-testid="basket-margin-problem" className="text-sm text-amber-300">
      Margin not known: {describeError(error)}
    </p>
  );
}

/**
 * What the basket's orders need of the margin if placed together now, by the broker's basket calculator: Required
 * (after hedged legs, and positions when considered, are netted), Initial (each order's own margin added up), the
 * hedge's benefit between them, the charges, and the margin available, with a warning when it falls short.
 */
export function BasketMarginPanel({
  items,
  margin,
  considerPositions,
  onConsiderPositions,
}: {
  items: BasketItemRequest[];
  margin: ReturnType<typeof useBasketMargin>;
  considerPositions: boolean;
  onConsiderPositions: (consider: boolean) => void;
}) {
  const { data: funds } = useFundsQuery(useAccountArg(), { pollingInterval: FUNDS_POLL_MS });
  const { data, error, isFetching, moved, rateLimited, refetch, asked } = margin;
  const dim = moved || isFetching;

  let body;
  if (items.length === 0) {
    body = <p className="text-sm text-slate-400">Add orders to see the margin they need.</p>;
  } else if (rateLimited) {
    body = (
      <p className="text-sm text-slate-400" aria-busy>
        Asking the broker again in a moment (its rate limit is busy).
      </p>
    );
  } else if (error && !isFetching && !moved) {
    body = <MarginProblem error={error} />;
  } else if (!data) {
    body = (
      <p className="text-sm text-slate-400" aria-busy>
        Asking the broker for the margin…
      </p>
    );
  } else {
    const required = data.final.total;
    const benefit = data.initial.total - required;
    const available = basketFunds(funds, data.account_id, items)?.net;
    const short = available === undefined ? 0 : required - available;
    body = (
      <>
        <dl
          data-testid="basket-margin-figures"
          aria-busy={dim}
          className={`flex flex-col gap-1 text-sm ${dim ? 'opacity-50' : ''}`}
        >
          <Figure
            name="Required"
            testId="basket-margin-required"
            value={required}
            className="font-semibold text-white"
            title={
              `SPAN ${formatMoney(data.final.span)} · exposure ${formatMoney(data.final.exposure)} · ` +
              `option premium ${formatMoney(data.final.option_premium)} · additional ` +
              `${formatMoney(data.final.additional)} · VAR ${formatMoney(data.final.var)}`
            }
          />
          <Figure
            name="Initial"
            testId="basket-margin-initial"
            value={data.initial.total}
            title="Each order's own margin, added up"
          />
          <Figure
            name="Hedge benefit"
            testId="basket-margin-benefit"
            value={benefit}
            className={benefit > 0 ? 'font-semibold text-emerald-300' : 'text-slate-300'}
            title="What the orders save together: legs that cover each other need less"
          />
          <Figure
            name="Charges"
            testId="basket-margin-charges"
            value={data.charges}
            title="If every order executed whole"
          />
          <Figure
            name="Available"
            testId="basket-margin-available"
            value={available}
            className={short > 0 ? 'text-rose-300' : 'text-slate-100'}
            title={`The margin account ${data.account_id} may still use`}
          />
        </dl>
        {short > 0 && (
          <p
            role="alert"
            data-testid="basket-margin-short"
            className="mt-2 rounded bg-rose-950 p-2 text-sm text-rose-200"
          >
            Short by {formatMoney(short)}: the basket needs more margin than the account has
            available, so some orders may be refused.
          </p>
        )}
      </>
    );
  }

  return (
    <section
      aria-label="Basket margin"
      data-testid="basket-margin"
      className="flex flex-col gap-2 rounded border border-slate-800 p-3"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium text-slate-200">Margin</h3>
        <div className="flex items-center gap-2">
          <label
            className="flex items-center gap-1 text-xs text-slate-300"
            title="The account's open positions may hedge the orders and lower the margin"
          >
            <input
              type="checkbox"
              data-testid="basket-margin-positions"
              checked={considerPositions}
              onChange={(event) => onConsiderPositions(event.target.checked)}
            />
            Consider positions
          </label>
          <button
            type="button"
            className={rowButtonClass}
            disabled={!asked || isFetching}
            title="Prices move: ask the broker again"
            onClick={() => void refetch()}
          >
            Refresh
          </button>
        </div>
      </header>
      {body}
    </section>
  );
}
