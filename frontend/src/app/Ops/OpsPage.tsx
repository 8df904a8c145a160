import { Fragment, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type {
  AuditEntry,
  EngineThread,
  LatencyReport,
  LatencyStage,
} from '../../services/api/types';
import { useHasRole } from '../../services/auth/hooks';
import { useFeedHealth, useShortOfSpace } from '../../services/market/hooks';
import {
  LATENCY_PATHS,
  PERCENTILES,
  type AuditFilter,
  dataDisk,
  useAuditQuery,
  useHealthQuery,
  useLatencyQuery,
} from '../../services/ops/opsApi';
import { useRiskQuery } from '../../services/risk/riskApi';
import {
  Page,
  QueryState,
  buttonClass,
  inputClass,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { formatBytes, formatCount, formatMicros, formatQty, formatTime } from '../common/format';
import { KillSwitchForm } from '../Risk/RiskPage';
import { formatAuditDetail } from './auditDetail';
import { PercentilePlot } from './PercentilePlot';
import { decadeRange } from './percentileScale';

const COLOURS = ['#38bdf8', '#f97316', '#a3e635', '#e879f9', '#facc15', '#2dd4bf'];

function Figure({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className="flex flex-col rounded border border-slate-800 px-3 py-1.5">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className={`num text-sm ${warn ? 'text-amber-300' : 'text-slate-100'}`}>{value}</dd>
    </div>
  );
}

function rate(perSecond: number): string {
  return `${perSecond.toLocaleString('en-IN', { maximumFractionDigits: perSecond < 10 ? 1 : 0 })}/s`;
}

function Throughput({ report }: { report: LatencyReport }) {
  const t = report.throughput;
  return (
    <dl className="flex flex-wrap gap-2" aria-label="Throughput">
      <Figure label="Ticks" value={rate(t.ticks_per_s)} />
      <Figure label="Commands in" value={rate(t.commands_in_per_s)} />
      <Figure label="Events out" value={rate(t.events_out_per_s)} />
      <Figure label="WebSocket messages" value={rate(t.ws_messages_per_s)} />
      <Figure
        label="WebSocket conflated"
        value={rate(t.ws_conflated_per_s)}
        warn={t.ws_conflated_per_s > 0}
      />
      <Figure label="Commands in (total)" value={formatQty(t.commands_in_total)} />
      <Figure label="Events out (total)" value={formatQty(t.events_out_total)} />
      <Figure
        label="Ring full (total)"
        value={formatQty(t.ring_full_total)}
        warn={t.ring_full_total > 0}
      />
      <Figure
        label="Decode errors (total)"
        value={formatQty(t.decode_errors_total)}
        warn={t.decode_errors_total > 0}
      />
      <Figure label="Rejects (total)" value={formatQty(t.rejects_total)} />
      <Figure
        label="Persister lag"
        value={`${formatCount(report.persister.lag_events, 'event')} · ${formatQty(report.persister.lag_ms)} ms`}
        warn={report.persister.lag_ms > 1000}
      />
    </dl>
  );
}

function StagePlots({ stages }: { stages: LatencyStage[] }) {
  const groups = useMemo(
    () =>
      LATENCY_PATHS.map(({ path, label }) => {
        const members = stages.filter((stage) => stage.path === path);
        const decades = decadeRange(
          members.flatMap((stage) => [
            ...stage.distribution.map((point) => point.value_us),
            ...(stage.interval.max_us == null ? [] : [stage.interval.max_us]),
          ]),
        );
        return { path, label, members, decades };
      }).filter((group) => group.members.length > 0),
    [stages],
  );
  return (
    <>
      {groups.map((group) => (
        <div key={group.path} className="flex flex-col gap-1">
          <h3 className="text-xs font-medium uppercase tracking-wide text-slate-400">
            {group.label}
          </h3>
          <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
            {group.members.map((stage, index) => (
              <PercentilePlot
                key={stage.name}
                stage={stage}
                colour={COLOURS[index % COLOURS.length] ?? '#38bdf8'}
                decades={group.decades}
              />
            ))}
          </div>
        </div>
      ))}
    </>
  );
}

/** A thread that waits for a CPU this share of the time or more loses ticks' microseconds to the scheduler. */
const WAIT_WARN_SHARE = 0.02;

function percent(share: number): string {
  return `${(share * 100).toLocaleString('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 2 })}%`;
}

function seconds(value: number): string {
  return `${value.toLocaleString('en-IN', { maximumFractionDigits: 1 })} s`;
}

function EngineThreads({ threads }: { threads: EngineThread[] }) {
  return (
    <div className={tableScrollClass}>
      <table className={tableClass} aria-label="Engine threads">
        <thead>
          <tr>
            <th className={thClass}>Thread</th>
            <th className={thClass}>Scheduling class</th>
            <th className={`${thClass} text-right`}>On a CPU</th>
            <th className={`${thClass} text-right`}>Waiting for a CPU</th>
            <th className={`${thClass} text-right`}>On a CPU (total)</th>
            <th className={`${thClass} text-right`}>Waiting (total)</th>
          </tr>
        </thead>
        <tbody>
          {threads.map((thread) => (
            <tr key={thread.name}>
              <td className={`${tdClass} font-medium`}>{thread.name}</td>
              <td className={tdClass}>{thread.scheduling_class}</td>
              <td className={`${tdClass} num text-right`}>{percent(thread.cpu_share)}</td>
              <td
                className={`${tdClass} num text-right ${thread.wait_share >= WAIT_WARN_SHARE ? 'text-amber-300' : ''}`}
              >
                {percent(thread.wait_share)}
              </td>
              <td className={`${tdClass} num text-right`}>{seconds(thread.cpu_seconds_total)}</td>
              <td className={`${tdClass} num text-right`}>{seconds(thread.wait_seconds_total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StageTable({ stages }: { stages: LatencyStage[] }) {
  const windows = [
    { key: 'interval', label: 'last interval' },
    { key: 'recent', label: 'last minute' },
    { key: 'total', label: 'since start' },
  ] as const;
  return (
    <div className={tableScrollClass}>
      <table className={tableClass} aria-label="Latency per stage">
        <thead>
          <tr>
            <th className={thClass}>Stage</th>
            <th className={thClass}>Window</th>
            <th className={`${thClass} text-right`}>Count</th>
            <th className={`${thClass} text-right`}>Mean</th>
            {PERCENTILES.map((p) => (
              <th key={p.key} className={`${thClass} text-right`}>
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stages.map((stage) => (
            <Fragment key={stage.name}>
              {windows.map((window, index) => {
                const summary = stage[window.key];
                return (
                  <tr
                    key={window.key}
                    className={
                      index === windows.length - 1 ? 'border-b border-slate-800/70' : undefined
                    }
                  >
                    {index === 0 && (
                      <td className={tdClass} rowSpan={windows.length}>
                        <span className="font-medium">{stage.name}</span>
                        <span className="block text-xs text-slate-500">{stage.description}</span>
                      </td>
                    )}
                    <td className={`${tdClass} text-xs text-slate-400`}>{window.label}</td>
                    <td className={`${tdClass} num text-right`}>{formatQty(summary.count)}</td>
                    <td className={`${tdClass} num text-right`}>{formatMicros(summary.mean_us)}</td>
                    {PERCENTILES.map((p) => (
                      <td key={p.key} className={`${tdClass} num text-right`}>
                        {formatMicros(summary[p.key])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RiskSummary() {
  const admin = useHasRole('admin');
  const risk = useRiskQuery();
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-medium text-slate-300">Risk and kill switch</h2>
      <QueryState what="Risk" isLoading={risk.isLoading} error={risk.error}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {risk.data?.kill_switches.length === 0 && (
            <li className="rounded bg-slate-800 px-2 py-1">kill switches: all off</li>
          )}
          {risk.data?.kill_switches.map((entry) => (
            <li
              key={entry.account_id}
              className={`rounded px-2 py-1 ${entry.mode === 'off' ? 'bg-slate-800' : 'bg-rose-900 text-rose-100'}`}
            >
              {entry.account_id === 0 ? 'global' : `account ${entry.account_id}`}: {entry.mode}
            </li>
          ))}
          <li className="px-2 py-1">
            <Link to="/risk" className="text-sky-400 underline">
              Risk limits
            </Link>
          </li>
        </ul>
        {admin && <KillSwitchForm />}
      </QueryState>
    </section>
  );
}

/** The gateway's records of a sign-in that let no one in: no user is signed in, the detail names who was tried. */
const SIGN_IN_REFUSALS = new Set(['login_failed', 'login_locked_out']);

/** Who an audit entry is of: its user, no one for a refused sign-in, or the engine for its own events. */
function auditActor(entry: AuditEntry): string {
  if (entry.username) return entry.username;
  if (entry.user_id) return 'a deleted user';
  if (SIGN_IN_REFUSALS.has(entry.event_type)) {
    const tried = entry.detail.username;
    return typeof tried === 'string' && tried !== '' ? `anonymous (as ${tried})` : 'anonymous';
  }
  return 'engine';
}

/** The account an entry is of: the engine's, or the one a user's request named in its detail. */
function auditAccount(entry: AuditEntry): string {
  if (entry.engine_account_id !== null && entry.engine_account_id !== undefined) {
    return String(entry.engine_account_id);
  }
  const named = entry.detail.account_id;
  return typeof named === 'number' || typeof named === 'string' ? String(named) : '–';
}

/** One text filter of the audit trail; left blank it filters nothing, as its placeholder says. */
function AuditFilterField(props: {
  label: string;
  value: string;
  blank: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-400">
      {props.label}
      <input
        className={inputClass}
        value={props.value}
        placeholder={props.blank}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}

function AuditTrail() {
  const [typedUser, setTypedUser] = useState('');
  const [typedType, setTypedType] = useState('');
  const [filter, setFilter] = useState<AuditFilter>({ user: '', type: '' });
  const audit = useAuditQuery(filter);
  const newestFirst = useMemo(() => [...(audit.data ?? [])].reverse(), [audit.data]);
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-medium text-slate-300">Audit trail, newest first</h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ user: typedUser.trim(), type: typedType.trim() });
        }}
      >
        <AuditFilterField label="User" value={typedUser} blank="everyone" onChange={setTypedUser} />
        <AuditFilterField label="Event" value={typedType} blank="any" onChange={setTypedType} />
        <button type="submit" className={buttonClass}>
          Show
        </button>
      </form>
      <QueryState what="The audit trail" isLoading={audit.isLoading} error={audit.error}>
        {audit.data?.length === 0 ? (
          <p className="text-sm text-slate-400">
            Nothing recorded {filter.type === '' ? '' : `of type ${filter.type} `}
            {filter.user === '' ? '' : `for ${filter.user} `}in the last day.
          </p>
        ) : (
          <div className="max-h-80 overflow-auto">
            <table className={tableClass} aria-label="Audit trail">
              <thead>
                <tr>
                  <th className={thClass}>At</th>
                  <th className={thClass}>Event</th>
                  <th className={thClass}>By</th>
                  <th className={thClass}>Account</th>
                  <th className={thClass}>Detail</th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((entry) => (
                  <tr key={entry.id} className="border-b border-slate-800/70">
                    <td className={`${tdClass} num whitespace-nowrap`}>
                      {formatTime(entry.occurred_at)}
                    </td>
                    <td className={tdClass}>{entry.event_type}</td>
                    <td className={tdClass}>{auditActor(entry)}</td>
                    <td className={`${tdClass} num`}>{auditAccount(entry)}</td>
                    <td className={`${tdClass} break-words text-xs`}>
                      {formatAuditDetail(entry.detail)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

export function OpsPage() {
  const latency = useLatencyQuery(undefined, { pollingInterval: 2_000 });
  const health = useHealthQuery(undefined, { pollingInterval: 10_000 });
  const feed = useFeedHealth();
  const shortOfSpace = useShortOfSpace();
  const disk = dataDisk(health.data);
  const report = latency.data;
  return (
    <Page title="Ops">
      <section className="flex flex-col gap-1">
        <h2 className="text-sm font-medium text-slate-300">Health</h2>
        <QueryState what="Health" isLoading={health.isLoading} error={health.error}>
          <p className="text-sm">
            gateway:{' '}
            <span className={health.data?.status === 'UP' ? 'text-emerald-400' : 'text-rose-300'}>
              {health.data?.status}
            </span>
            {' · '}live feed: {feed.connection}
            {' · '}
            <span className={feed.gaps > 0 ? 'text-amber-300' : undefined}>
              feed gaps: {feed.gaps}
            </span>
            {shortOfSpace && (
              <>
                {' · '}
                <span className="text-rose-300" data-testid="short-of-space">
                  market data left out: the data disk is below its reserve (QLEAP_DISK_RESERVE)
                </span>
              </>
            )}
            {disk && (
              <>
                {' · '}
                <span className={disk.up ? undefined : 'text-rose-300'} data-testid="data-disk">
                  data disk:{' '}
                  {disk.up && disk.free !== undefined && disk.total !== undefined
                    ? `${formatBytes(disk.free)} free of ${formatBytes(disk.total)}`
                    : (disk.error ?? 'DOWN')}
                </span>
              </>
            )}
          </p>
        </QueryState>
      </section>
      <QueryState what="Latency histograms" isLoading={latency.isLoading} error={latency.error}>
        {report && (
          <>
            <section className="flex flex-col gap-2">
              <h2 className="text-sm font-medium text-slate-300">
                Throughput (last interval) and persister
              </h2>
              <Throughput report={report} />
            </section>
            {report.threads.length > 0 && (
              <section className="flex flex-col gap-2">
                <h2 className="text-sm font-medium text-slate-300">
                  Engine threads (last interval)
                </h2>
                <p className="text-xs text-slate-400">
                  Time waiting for a CPU is the scheduler&apos;s share of every stage below: the
                  core thread&apos;s reservation (deadline class) or real-time priority (fifo) keeps
                  it low.
                </p>
                <EngineThreads threads={report.threads} />
              </section>
            )}
            <section className="flex flex-col gap-2">
              <h2 className="text-sm font-medium text-slate-300">Latency per stage</h2>
              <p className="text-xs text-slate-400">
                Lines: since {formatTime(report.started_at)}; dots: the interval{' '}
                {formatTime(report.interval_start)}–{formatTime(report.interval_end)}.
              </p>
              {report.stages.length === 0 ? (
                <p className="text-sm text-slate-400">No stages reported yet.</p>
              ) : (
                <>
                  <StagePlots stages={report.stages} />
                  <StageTable stages={report.stages} />
                </>
              )}
            </section>
          </>
        )}
      </QueryState>
      <RiskSummary />
      <AuditTrail />
    </Page>
  );
}
