import {
  PERCENTILES,
  useAuditQuery,
  useHealthQuery,
  useLatencyQuery,
} from '../../services/ops/opsApi';
import { Page, QueryState, tableClass, tdClass, thClass } from '../common/States';
import { LatencyPlot } from './LatencyPlot';

export function OpsPage() {
  const latency = useLatencyQuery(undefined, { pollingInterval: 5_000 });
  const health = useHealthQuery(undefined, { pollingInterval: 10_000 });
  const audit = useAuditQuery();
  return (
    <Page title="Ops">
      <section className="flex flex-col gap-1">
        <h2 className="text-sm font-medium text-slate-300">Health</h2>
        <QueryState what="Health" isLoading={health.isLoading} error={health.error}>
          <p className={health.data?.status === 'UP' ? 'text-emerald-400' : 'text-rose-300'}>
            {health.data?.status}
          </p>
        </QueryState>
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-slate-300">Latency per stage</h2>
        <QueryState what="Latency histograms" isLoading={latency.isLoading} error={latency.error}>
          {latency.data && (
            <>
              <LatencyPlot stages={latency.data.stages} />
              <div className="overflow-x-auto">
                <table className={tableClass}>
                  <thead>
                    <tr>
                      <th className={thClass}>Stage</th>
                      <th className={`${thClass} text-right`}>Count</th>
                      {PERCENTILES.map((p) => (
                        <th key={p.key} className={`${thClass} text-right`}>
                          {p.label} (µs)
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {latency.data.stages.map((stage) => (
                      <tr key={stage.name} className="border-b border-slate-800/70">
                        <td className={tdClass}>{stage.name}</td>
                        <td className={`${tdClass} num text-right`}>
                          {stage.count.toLocaleString()}
                        </td>
                        {PERCENTILES.map((p) => (
                          <td key={p.key} className={`${tdClass} num text-right`}>
                            {stage[p.key].toLocaleString()}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryState>
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-slate-300">Audit trail</h2>
        <QueryState what="The audit trail" isLoading={audit.isLoading} error={audit.error}>
          <pre className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs">
            {JSON.stringify(audit.data ?? [], null, 2)}
          </pre>
        </QueryState>
      </section>
    </Page>
  );
}
