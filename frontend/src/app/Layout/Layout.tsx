import { useEffect, useMemo } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useAppSelector } from '../../store/hooks';
import { useAccountChoice } from '../../services/accounts/hooks';
import type { KillSwitch } from '../../services/api/types';
import { useMeQuery } from '../../services/auth/authApi';
import { useLogout, useSession } from '../../services/auth/hooks';
import { sessionStateText, useBrokerStatusQuery } from '../../services/broker/brokerApi';
import { useFeedHealth, useLiveDown, useLiveRate } from '../../services/market/hooks';
import { Toasts } from '../Notices/Toasts';

const links = [
  { to: '/', label: 'Watchlist', roles: [] },
  { to: '/orders', label: 'Orders', roles: [] },
  { to: '/gtt', label: 'GTT', roles: [] },
  { to: '/alerts', label: 'Alerts', roles: [] },
  { to: '/baskets', label: 'Baskets', roles: ['trader'] },
  { to: '/trades', label: 'Trades', roles: [] },
  { to: '/positions', label: 'Positions', roles: [] },
  { to: '/holdings', label: 'Holdings', roles: [] },
  { to: '/risk', label: 'Risk', roles: ['ops', 'admin'] },
  { to: '/users', label: 'Users', roles: ['admin'] },
  { to: '/broker', label: 'Broker', roles: [] },
  { to: '/ops', label: 'Ops', roles: ['ops', 'admin'] },
  { to: '/quant', label: 'Quant', roles: ['quant', 'admin'] },
];

/** The live feed's rate, read once a second; the totals are in data attributes for the browser test. */
function LiveRateNote() {
  const rate = useLiveRate();
  if (rate.totals.messages === 0) {
    return null;
  }
  const share = rate.ticksPerS > 0 ? Math.round((100 * rate.conflatedPerS) / rate.ticksPerS) : 0;
  return (
    <span
      aria-live="off"
      className="num shrink-0 whitespace-nowrap"
      title="Socket messages and ticks per second; conflated: ticks the gateway merged while this connection was behind"
      data-live-messages={rate.totals.messages}
      data-live-ticks={rate.totals.ticks}
      data-live-conflated={rate.totals.conflated}
      data-live-at-ms={rate.totals.atMs}
    >
      {Math.round(rate.ticksPerS).toLocaleString('en-IN')} ticks/s
      {share > 0 ? ` (${share}% conflated)` : ''}
    </span>
  );
}

/** Says, beside the name, that orders go to the Kite simulator's paper book and never to an exchange. */
function PaperBadge() {
  const { data } = useBrokerStatusQuery();
  if (!data?.simulated) {
    return null;
  }
  return (
    <span
      data-testid="paper-badge"
      title="Paper trading on the Kite simulator: no order reaches an exchange"
      className="shrink-0 rounded bg-amber-900/60 px-1.5 text-xs uppercase text-amber-200"
    >
      paper
    </span>
  );
}

/** How often the header reads the accounts' broker sessions while it lists several accounts. */
const ACCOUNT_STATES_POLL_MS = 15_000;
/** How soon GET /api/me is asked again after it failed: the account-scoped pages wait for its answer. */
export const ME_RETRY_MS = 2_000;

/**
 * The trading account the dashboard acts on, for a user with several (GET /api/me lists them): orders go to it and
 * the pages show its orders, positions, funds, holdings and GTTs. Each is listed with its broker session's state
 * where the broker's status is known; nothing shows for a user with one account or none.
 */
function AccountSelect() {
  const me = useMeQuery();
  const { isError, isFetching, refetch } = me;
  useEffect(() => {
    if (!isError || isFetching) {
      return undefined;
    }
    const retry = setTimeout(() => void refetch(), ME_RETRY_MS);
    return () => clearTimeout(retry);
  }, [isError, isFetching, refetch]);
  const { ids, active, choose } = useAccountChoice();
  const several = ids.length > 1;
  const { data: status } = useBrokerStatusQuery(undefined, {
    pollingInterval: several ? ACCOUNT_STATES_POLL_MS : 0,
  });
  if (!several) {
    return null;
  }
  // The status lists the accounts that have a broker session; one it leaves out was never connected.
  const stateText = (id: number) => {
    if (!status) {
      return '';
    }
    const state = status.accounts.find((account) => account.account_id === id)?.state;
    return ` · ${sessionStateText(state ?? 'disconnected')}`;
  };
  return (
    <select
      aria-label="Trading account"
      title="The account orders go to and the pages show"
      className="shrink-0 rounded border border-slate-700 bg-slate-800 px-1.5 py-0.5 text-sm text-slate-100"
      value={active ?? ''}
      onChange={(event) => choose(Number(event.target.value))}
    >
      {ids.map((id) => (
        <option key={id} value={id}>
          {`Account ${id}${stateText(id)}`}
        </option>
      ))}
    </select>
  );
}

function scopeText(accountId: number): string {
  return accountId === 0 ? 'global' : `acct ${accountId}`;
}

/**
 * One compact badge for every kill switch in force, e.g. "kill switch halt (global)". It is never cut short: where
 * space runs out the header wraps, and with many switches the badge wraps between them; its title names every switch
 * in full.
 */
function KillSwitchBadge({ switches }: { switches: KillSwitch[] }) {
  if (switches.length === 0) {
    return null;
  }
  const text = switches.map((entry) => `${entry.mode} (${scopeText(entry.account_id)})`).join(', ');
  const title = switches
    .map(
      (entry) =>
        `Kill switch ${entry.mode} for ${entry.account_id === 0 ? 'every account' : `account ${entry.account_id}`}`,
    )
    .join('; ');
  return (
    <span
      data-testid="kill-switch-badge"
      title={title}
      className="max-w-full rounded bg-rose-900/60 px-1.5 text-rose-200"
    >
      kill switch {text}
    </span>
  );
}

function StatusBar() {
  const { connection, gaps, lastError } = useFeedHealth();
  const killSwitches = useAppSelector((state) => state.market.killSwitches);
  const halted = useMemo(
    () =>
      Object.values(killSwitches)
        .filter((entry) => entry.mode !== 'off')
        .sort((a, b) => a.account_id - b.account_id),
    [killSwitches],
  );
  const dot =
    connection === 'open'
      ? 'bg-emerald-500'
      : connection === 'connecting'
        ? 'bg-amber-400'
        : 'bg-rose-500';
  return (
    <div
      data-testid="status-bar"
      className="flex min-w-0 max-w-full flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-400"
      aria-live="polite"
    >
      <span className="flex shrink-0 items-center gap-1 whitespace-nowrap">
        <span className={`inline-block h-2 w-2 rounded-full ${dot}`} aria-hidden />
        live: {connection}
      </span>
      <LiveRateNote />
      {gaps > 0 && (
        <span
          data-testid="feed-gap-badge"
          className="shrink-0 whitespace-nowrap rounded bg-amber-900/60 px-1.5 text-amber-200"
        >
          feed gap on {gaps} connection{gaps > 1 ? 's' : ''}
        </span>
      )}
      <KillSwitchBadge switches={halted} />
      {lastError && (
        <span className="min-w-12 max-w-64 shrink-[100] truncate text-rose-300" title={lastError}>
          {lastError}
        </span>
      )}
    </div>
  );
}

/** While the live socket is down: says that the live numbers are stale and ordering is paused. */
function LiveDownBanner() {
  const down = useLiveDown();
  if (!down) {
    return null;
  }
  return (
    <div
      role="alert"
      className="border-b border-rose-800 bg-rose-950 px-4 py-2 text-sm text-rose-100"
    >
      <strong className="font-semibold">Disconnected — reconnecting…</strong> Prices, depth and
      P&amp;L are stale (dimmed) and ordering is paused until the live connection is back; orders
      and trades are reloaded then.
    </div>
  );
}

export function Layout() {
  const session = useSession();
  const logout = useLogout();
  return (
    <div className="flex min-h-screen flex-col">
      {/* The status badges are never cut short: what does not fit beside the menu goes to a second line. */}
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-800 bg-slate-900 px-4 py-2">
        <span className="shrink-0 font-semibold text-sky-400">QuantumLeap</span>
        <PaperBadge />
        <nav className="flex min-w-0 max-w-full shrink-0 flex-wrap gap-0.5 text-sm">
          {links
            .filter(
              (link) =>
                link.roles.length === 0 || link.roles.some((role) => session.roles.includes(role)),
            )
            .map((link) => (
              <NavLink
                key={link.to}
                to={link.to}
                end={link.to === '/'}
                className={({ isActive }) =>
                  `rounded px-1.5 py-1 ${isActive ? 'bg-slate-700 text-white' : 'text-slate-300 hover:bg-slate-800'}`
                }
              >
                {link.label}
              </NavLink>
            ))}
        </nav>
        <div className="ml-auto flex min-w-0 max-w-full flex-wrap items-center justify-end gap-2">
          <StatusBar />
          <AccountSelect />
          <span
            className="max-w-32 shrink-0 truncate text-sm text-slate-400"
            title={session.username ?? undefined}
          >
            {session.username}
          </span>
          <button
            type="button"
            onClick={logout}
            className="shrink-0 whitespace-nowrap text-sm text-slate-300 hover:text-white"
          >
            Sign out
          </button>
        </div>
      </header>
      <LiveDownBanner />
      <main className="min-w-0 flex-1">
        <Outlet />
      </main>
      <Toasts />
      <footer className="hidden border-t border-slate-800 px-4 py-1 text-xs text-slate-500 sm:block">
        Keys: <kbd>B</kbd> buy, <kbd>S</kbd> sell the selected instrument (in the ticket: switch the
        side), <kbd>Esc</kbd> close the ticket; on the Watchlist page <kbd>Alt</kbd>+<kbd>1</kbd> to{' '}
        <kbd>Alt</kbd>+<kbd>7</kbd> open lists 1 to 7, <kbd>Alt</kbd>+<kbd>↑</kbd> / <kbd>Alt</kbd>+
        <kbd>↓</kbd> move the selected row (or drag it by its handle)
      </footer>
    </div>
  );
}
