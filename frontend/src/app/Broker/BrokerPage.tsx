import { SESSION_ENDED } from '../../services/api/errors';
import { useSearchParams } from 'react-router-dom';
import { useAppSelector } from '../../store/hooks';
import { useAccountChoice } from '../../services/accounts/hooks';
import { useSession } from '../../services/auth/hooks';
import {
  brokerApi,
  brokerStatusPollMs,
  kiteConnectUrl,
  sessionStateText,
  sharedBrokerUsers,
  useBrokerStatusQuery,
} from '../../services/broker/brokerApi';
import type { BrokerAccountStatus } from '../../services/api/types';
import { Page, QueryState, tableClass, tdClass, thClass } from '../common/States';
import { formatDateTime, formatTime } from '../common/format';
import { gapsStartedToday } from './gapsToday';

/**
 * How the last Kite login went: the connect flow's callback comes back to this page with `?connected=<Kite
 * user>` or `?error=<what went wrong>`.
 */
function ConnectOutcome() {
  const [params] = useSearchParams();
  const failure = params.get('error');
  const connectedAs = params.get('connected');
  if (failure) {
    return (
      <p
        role="alert"
        className="rounded border border-rose-800 bg-rose-950 px-3 py-2 text-sm text-rose-100"
      >
        Kite connect failed: {failure}. Use Connect Kite to log in again; a token exchange that
        keeps failing means KITE_API_KEY or KITE_API_SECRET does not match the Kite app.
      </p>
    );
  }
  if (connectedAs) {
    return (
      <p
        role="status"
        className="rounded border border-emerald-800 bg-emerald-950 px-3 py-2 text-sm text-emerald-100"
      >
        Connected to Kite as {connectedAs}.
      </p>
    );
  }
  return null;
}

/** "1 and 2", "1, 2 and 3". */
function accountList(ids: number[]): string {
  const last = ids.at(-1);
  return ids.length < 2 ? String(last ?? '') : `${ids.slice(0, -1).join(', ')} and ${last}`;
}

/**
 * Warns where two or more connected accounts are logged in as the same Kite user: the broker keeps one set of funds,
 * holdings and GTT triggers per Kite user, so those accounts share them. The paper broker logs each account in as a
 * user of its own.
 */
function SharedKiteUser({ accounts }: { accounts: BrokerAccountStatus[] }) {
  const shared = sharedBrokerUsers(accounts);
  if (shared.length === 0) {
    return null;
  }
  return (
    <div
      role="note"
      aria-label="Shared Kite user"
      className="rounded border border-amber-700/60 bg-amber-950/40 px-3 py-2 text-sm text-amber-100"
    >
      {shared.map(({ brokerUserId, accountIds }) => (
        <p key={brokerUserId}>
          Accounts {accountList(accountIds)} are the same Kite user ({brokerUserId}): the
          broker&apos;s funds, holdings and GTT triggers are shared between them; orders and
          positions stay per account.
        </p>
      ))}
    </div>
  );
}

export function BrokerPage() {
  const cached = brokerApi.endpoints.brokerStatus.useQueryState(undefined);
  const status = useBrokerStatusQuery(undefined, {
    pollingInterval: brokerStatusPollMs(cached.data),
  });
  const notice = useAppSelector((state) => state.market.broker);
  const { token } = useSession();
  const accounts = status.data?.accounts ?? [];
  // Connect Kite logs the active account in: a user with several must name it, even one with no session yet.
  const { ids, active } = useAccountChoice();
  const named = ids.length > 1 && active !== undefined;
  return (
    <Page
      title="Broker"
      actions={
        token && (
          <a
            href={kiteConnectUrl(token, active)}
            className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-600"
          >
            {named ? `Connect Kite (account ${active})` : 'Connect Kite'}
          </a>
        )
      }
    >
      <ConnectOutcome />
      {notice && (
        <p role="status" className="text-sm text-slate-300">
          Account {notice.account_id}:{' '}
          {notice.state === 'token_expired'
            ? `${SESSION_ENDED.charAt(0).toLowerCase()}${SESSION_ENDED.slice(1)} Connect again on this page.`
            : sessionStateText(notice.state)}
          {notice.token_expiry ? `, token valid until ${formatDateTime(notice.token_expiry)}` : ''}
        </p>
      )}
      <QueryState what="Broker status" isLoading={status.isLoading} error={status.error}>
        {status.data && (
          <div className="flex flex-col gap-3">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-400">Broker</dt>
              <dd>
                {status.data.simulated ? (
                  <>
                    Kite simulator{' '}
                    <span className="text-amber-300">
                      (paper trading: no order reaches an exchange)
                    </span>
                  </>
                ) : (
                  'Zerodha Kite'
                )}
              </dd>
              <dt className="text-slate-400">Connected</dt>
              <dd className={status.data.connected ? 'text-emerald-400' : 'text-rose-300'}>
                {status.data.connected ? 'yes' : 'no'}
              </dd>
              <dt className="text-slate-400">Kite user</dt>
              <dd>{status.data.user_id ?? '–'}</dd>
              <dt className="text-slate-400">Token expiry</dt>
              <dd>{formatDateTime(status.data.token_expiry)}</dd>
              <dt className="text-slate-400">Gaps today</dt>
              <dd>{gapsStartedToday(status.data.gaps, status.fulfilledTimeStamp ?? 0)}</dd>
            </dl>
            <SharedKiteUser accounts={accounts} />
            {accounts.length > 0 && (
              <table className={tableClass} aria-label="Accounts">
                <thead>
                  <tr>
                    <th className={thClass}>Account</th>
                    <th className={thClass}>Session</th>
                    <th className={thClass}>Kite user</th>
                    <th className={thClass}>Token valid until</th>
                    <th className={thClass}>
                      <span className="sr-only">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((account) => (
                    <tr key={account.account_id} className="border-b border-slate-800/70">
                      <td className={`${tdClass} num`}>{account.account_id}</td>
                      <td
                        className={`${tdClass} ${account.state === 'connected' ? 'text-emerald-400' : 'text-rose-300'}`}
                      >
                        {sessionStateText(account.state)}
                      </td>
                      <td className={tdClass}>{account.broker_user_id ?? '–'}</td>
                      <td className={tdClass}>
                        {account.token_expiry_epoch_ms > 0
                          ? formatDateTime(account.token_expiry_epoch_ms)
                          : '–'}
                      </td>
                      <td className={`${tdClass} text-right`}>
                        {token && account.state !== 'connected' && (
                          <a
                            href={kiteConnectUrl(token, account.account_id)}
                            className="text-sky-300 hover:underline"
                          >
                            Connect account {account.account_id}
                          </a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Feed connection</th>
                  <th className={thClass}>State</th>
                  <th className={`${thClass} text-right`}>Instruments</th>
                </tr>
              </thead>
              <tbody>
                {status.data.feed_connections.map((connection) => (
                  <tr key={connection.id} className="border-b border-slate-800/70">
                    <td className={tdClass}>{connection.id}</td>
                    <td className={tdClass}>{connection.state}</td>
                    <td className={`${tdClass} num text-right`}>{connection.instruments}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="text-xs text-slate-500">
              Updated {formatTime(status.fulfilledTimeStamp)}
            </p>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
