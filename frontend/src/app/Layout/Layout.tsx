import { useMemo } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useAppSelector } from '../../store/hooks';
import { useLogout, useSession } from '../../services/auth/hooks';
import { useFeedHealth, useLiveDown, useLiveRate } from '../../services/market/hooks';
import { Toasts } from '../Notices/Toasts';

const links = [
  { to: '/', label: 'Watchlist', roles: [] },
  { to: '/orders', label: 'Orders', roles: [] },
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
      className="num"
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

function StatusBar() {
  const { connection, gaps, lastError } = useFeedHealth();
  const killSwitches = useAppSelector((state) => state.market.killSwitches);
  const halted = useMemo(
    () => Object.values(killSwitches).filter((entry) => entry.mode !== 'off'),
    [killSwitches],
  );
  const dot =
    connection === 'open'
      ? 'bg-emerald-500'
      : connection === 'connecting'
        ? 'bg-amber-400'
        : 'bg-rose-500';
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-400" aria-live="polite">
      <span className="flex items-center gap-1">
        <span className={`inline-block h-2 w-2 rounded-full ${dot}`} aria-hidden />
        live: {connection}
      </span>
      <LiveRateNote />
      {gaps > 0 && (
        <span className="rounded bg-amber-900/60 px-1.5 text-amber-200">
          feed gap on {gaps} connection{gaps > 1 ? 's' : ''}
        </span>
      )}
      {halted.map((entry) => (
        <span key={entry.account_id} className="rounded bg-rose-900/60 px-1.5 text-rose-200">
          kill switch {entry.mode} (
          {entry.account_id === 0 ? 'global' : `account ${entry.account_id}`})
        </span>
      ))}
      {lastError && <span className="text-rose-300">{lastError}</span>}
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
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-800 bg-slate-900 px-4 py-2">
        <span className="font-semibold text-sky-400">QuantumLeap</span>
        <nav className="flex flex-wrap gap-1 text-sm">
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
                  `rounded px-2 py-1 ${isActive ? 'bg-slate-700 text-white' : 'text-slate-300 hover:bg-slate-800'}`
                }
              >
                {link.label}
              </NavLink>
            ))}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <StatusBar />
          <span className="text-sm text-slate-400">{session.username}</span>
          <button
            type="button"
            onClick={logout}
            className="text-sm text-slate-300 hover:text-white"
          >
            Sign out
          </button>
        </div>
      </header>
      <LiveDownBanner />
      <main className="flex-1">
        <Outlet />
      </main>
      <Toasts />
      <footer className="border-t border-slate-800 px-4 py-1 text-xs text-slate-500">
        Keys: <kbd>B</kbd> buy, <kbd>S</kbd> sell the selected instrument (in the ticket: switch the
        side), <kbd>Esc</kbd> close the ticket
      </footer>
    </div>
  );
}
