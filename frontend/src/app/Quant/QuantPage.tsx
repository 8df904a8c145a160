import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, errorStatus, isUnavailable } from '../../services/api/errors';
import { useExportReplayMutation, useLazyReplayStateQuery } from '../../services/quant/quantApi';
import type { ExportTable } from '../../services/quant/quantApi';
import { ErrorNote, Page, Unavailable, buttonClass, inputClass } from '../common/States';

function unavailable(error: Parameters<typeof isUnavailable>[0]): boolean {
  return isUnavailable(error) || errorStatus(error) === 403;
}

function toIso(local: string): string | null {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function QuantPage() {
  const [table, setTable] = useState<ExportTable>('ticks');
  const [at, setAt] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [loadState, state] = useLazyReplayStateQuery();
  const [exportReplay, exported] = useExportReplayMutation();

  const rebuild = (event: FormEvent) => {
    event.preventDefault();
    const iso = toIso(at);
    if (!iso) {
      setProblem('Pick the moment to rebuild.');
      return;
    }
    setProblem(null);
    void loadState(iso);
  };

  const runExport = (event: FormEvent) => {
    event.preventDefault();
    const start = toIso(from);
    const end = toIso(to);
    if (!start || !end || start >= end) {
      setProblem('The export needs a start before its end.');
      return;
    }
    setProblem(null);
    void exportReplay({ table, from: start, to: end });
  };

  return (
    <Page title="Quant: replay and export">
      {problem && <ErrorNote>{problem}</ErrorNote>}
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-slate-300">Rebuild a past moment</h2>
        <form onSubmit={rebuild} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-400">
            At
            <input
              type="datetime-local"
              step="1"
              className={inputClass}
              value={at}
              onChange={(event) => setAt(event.target.value)}
            />
          </label>
          <button type="submit" className={buttonClass} disabled={state.isFetching}>
            Rebuild
          </button>
        </form>
        {state.error &&
          (unavailable(state.error) ? (
            <Unavailable what="Replay" />
          ) : (
            <ErrorNote>{describeError(state.error)}</ErrorNote>
          ))}
        {state.data !== undefined && !state.error && (
          <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-2 text-xs">
            {JSON.stringify(state.data, null, 2)}
          </pre>
        )}
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-slate-300">Export the journal as CSV</h2>
        <form onSubmit={runExport} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-400">
            Table
            <select
              className={inputClass}
              value={table}
              onChange={(event) => setTable(event.target.value as ExportTable)}
            >
              <option value="ticks">ticks</option>
              <option value="orders">orders</option>
              <option value="fills">fills</option>
              <option value="positions">positions</option>
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-400">
            From
            <input
              type="datetime-local"
              step="1"
              className={inputClass}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
            />
          </label>
          <label className="flex flex-col text-xs text-slate-400">
            To
            <input
              type="datetime-local"
              step="1"
              className={inputClass}
              value={to}
              onChange={(event) => setTo(event.target.value)}
            />
          </label>
          <button type="submit" className={buttonClass} disabled={exported.isLoading}>
            Export
          </button>
        </form>
        {exported.error &&
          (unavailable(exported.error) ? (
            <Unavailable what="Export" />
          ) : (
            <ErrorNote>{describeError(exported.error)}</ErrorNote>
          ))}
        {exported.data !== undefined && !exported.error && (
          <div className="flex flex-col gap-1 text-xs">
            <a
              className="text-sky-400 underline"
              download={`${table}.csv`}
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(exported.data)}`}
            >
              Download {table}.csv ({exported.data.split('\n').length - 1} rows)
            </a>
            <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-2">
              {exported.data.split('\n').slice(0, 20).join('\n')}
            </pre>
          </div>
        )}
      </section>
    </Page>
  );
}
