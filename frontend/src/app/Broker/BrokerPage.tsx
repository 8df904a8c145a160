import { useAppSelector } from '../../store/hooks';
import { useSession } from '../../services/auth/hooks';
import { kiteConnectUrl, useBrokerStatusQuery } from '../../services/broker/brokerApi';
import { Page, QueryState, tableClass, tdClass, thClass } from '../common/States';
import { formatDateTime, formatTime } from '../common/format';

export function BrokerPage() {
  const status = useBrokerStatusQuery(undefined, { pollingInterval: 15_000 });
  const notice = useAppSelector((state) => state.market.broker);
  const { token } = useSession();
  return (
    <Page
      title="Broker"
      actions={
        token && (
          <a
            href={kiteConnectUrl(token)}
            className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-600"
          >
            Connect Kite
          </a>
        )
      }
    >
      {notice && (
        <p role="status" className="text-sm text-slate-300">
          Account {notice.account_id}: {notice.state}
          {notice.token_expiry ? `, token valid until ${formatDateTime(notice.token_expiry)}` : ''}
        </p>
      )}
      <QueryState what="Broker status" isLoading={status.isLoading} error={status.error}>
        {status.data && (
          <div className="flex flex-col gap-3">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-400">Connected</dt>
              <dd className={status.data.connected ? 'text-emerald-400' : 'text-rose-300'}>
                {status.data.connected ? 'yes' : 'no'}
              </dd>
              <dt className="text-slate-400">Kite user</dt>
              <dd>{status.data.user_id ?? '–'}</dd>
              <dt className="text-slate-400">Token expiry</dt>
              <dd>{formatDateTime(status.data.token_expiry)}</dd>
              <dt className="text-slate-400">Gaps today</dt>
              <dd>{status.data.gaps.length}</dd>
            </dl>
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
