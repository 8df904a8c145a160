import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, errorStatus, isUnavailable } from '../../services/api/errors';
import { useWatchlist } from '../../services/market/hooks';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { exportJournal } from '../../services/quant/exportJournal';
import type { ExportProgress } from '../../services/quant/exportJournal';
import { useLazyReplayStateQuery } from '../../services/quant/quantApi';
import type { ExportRequest, ExportTable } from '../../services/quant/quantApi';
import { useAppDispatch } from '../../store/hooks';
import { ErrorNote, Page, Unavailable, buttonClass, inputClass } from '../common/States';
import { istInputToIso, nounFor } from '../common/format';
import { ReplayStateView } from './ReplayStateView';

function unavailable(error: Parameters<typeof isUnavailable>[0]): boolean {
  return isUnavailable(error) || errorStatus(error) === 403;
}

type ExportFormat = 'csv' | 'jsonl';

const FORMATS: Record<ExportFormat, { label: string; extension: string; mime: string }> = {
  csv: { label: 'CSV', extension: 'csv', mime: 'text/csv' },
  jsonl: { label: 'JSON lines', extension: 'jsonl', mime: 'application/x-ndjson' },
};

interface Exported {
  fileName: string;
  content: string;
  mime: string;
  rows: number;
}

/** How many instruments a note names; the rest it counts, as the gateway's refusal does. */
const NAMED = 20;

/**
 * Instruments by name, the watchlist's `EXCHANGE:SYMBOL` where it has one: the first {@link NAMED}, then a count of
 * the rest of `count`, which may hold more than `tokens` names (the gateway names those it left out in a header of
 * bounded size, and counts them all).
 */
function nameInstruments(tokens: string[], items: WatchItem[], count = tokens.length): string {
  const names = tokens.slice(0, NAMED).map((token) => {
    const item = items.find((candidate) => String(candidate.instrument_token) === token);
    return item ? `${item.exchange}:${item.tradingsymbol}` : token;
  });
  const more = Math.max(count, tokens.length) - names.length;
  if (names.length === 0) {
    return `the gateway named none of the ${more}`;
  }
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function describeBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A download link for text made in the page; a blob URL where the browser has them. */
function useDownloadHref(exported: Exported | null): string | null {
  const href = useMemo(() => {
    if (!exported) {
      return null;
    }
    if (typeof URL.createObjectURL === 'function') {
      return URL.createObjectURL(new Blob([exported.content], { type: exported.mime }));
    }
    return `data:${exported.mime};charset=utf-8,${encodeURIComponent(exported.content)}`;
  }, [exported]);
  useEffect(
    () => () => {
      if (href?.startsWith('blob:')) {
        URL.revokeObjectURL(href);
      }
    },
    [href],
  );
  return href;
}

/**
 * The journal as CSV or JSON lines for a time range, of every instrument or those on the watchlist (less those the
 * journal knows nothing of, named beside the file). The gateway keeps the chosen instruments' rows and writes the
 * format as it reads the journal; the page shows the bytes as they arrive and offers the file as it came.
 */
function ExportForm() {
  const dispatch = useAppDispatch();
  const { items } = useWatchlist();
  const [table, setTable] = useState<ExportTable>('ticks');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [scope, setScope] = useState<'all' | 'watchlist'>('all');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [problem, setProblem] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [leftOut, setLeftOut] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [exported, setExported] = useState<Exported | null>(null);
  const running = useRef<AbortController | null>(null);
  const href = useDownloadHref(exported);

  useEffect(() => () => running.current?.abort(), []);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    // Left empty, From is the journal's start and To is now.
    const start = from === '' ? undefined : istInputToIso(from);
    const end = to === '' ? undefined : istInputToIso(to);
    if (start === null || end === null) {
      setProblem('From and To: pick a date and time, or leave them empty for the whole journal.');
      return;
    }
    if (start !== undefined && end !== undefined && start >= end) {
      setProblem('From and To: the export needs a start before its end.');
      return;
    }
    if (scope === 'watchlist' && items.length === 0) {
      setProblem('Instruments: the watchlist is empty; export all instruments or add some first.');
      return;
    }
    const controller = new AbortController();
    running.current = controller;
    setProblem(null);
    setMissing(false);
    setLeftOut(null);
    setExported(null);
    setProgress({ bytes: 0, lines: 0 });
    const instruments =
      scope === 'watchlist' ? items.map((item) => String(item.instrument_token)) : undefined;
    const request: ExportRequest = { table, from: start, to: end, instruments, format };
    // The watchlist is kept per user and outlives a journal: an instrument on it may never have ticked into this
    // one. The page asked for "the watchlist", whose unknown instruments would have given no rows anyway, so it asks
    // the gateway to leave them out of the one export (reading the journal once) and says which it left out, rather
    // than making the quant ask again for the same file.
    const outcome = await dispatch(
      exportJournal(request, setProgress, controller.signal, {
        skipUnknown: instruments !== undefined,
      }),
    );
    running.current = null;
    setProgress(null);
    if (!outcome.ok) {
      if (outcome.status === 403 || outcome.unavailable) {
        setMissing(true);
      } else {
        setProblem(outcome.message);
      }
      return;
    }
    const unknown = new Set(outcome.leftOut);
    const left = instruments?.filter((instrument) => unknown.has(instrument)) ?? [];
    // The header names as many as fit in 8 KiB; the count is of them all.
    const leftCount = Math.max(left.length, outcome.leftOutCount);
    if (instruments !== undefined && leftCount > 0 && leftCount >= instruments.length) {
      setProblem(
        `Nothing to export: the journal knows nothing of the watchlist's ${
          leftCount === 1 ? 'one instrument' : `${leftCount} instruments`
        }, ${nameInstruments(left, items, leftCount)}.`,
      );
      return;
    }
    if (instruments !== undefined && leftCount > 0) {
      setLeftOut(
        `Left out ${leftCount} of the watchlist's ${instruments.length} instruments, which the journal ` +
          `knows nothing of: ${nameInstruments(left, items, leftCount)}.`,
      );
    }
    const { extension, mime } = FORMATS[format];
    const lines = outcome.text.split('\n').filter((line) => line !== '').length;
    setExported({
      fileName: `${table}.${extension}`,
      content: outcome.text,
      mime,
      rows: Math.max(0, format === 'csv' ? lines - 1 : lines),
    });
  };

  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-medium text-slate-300">Export the journal</h2>
      <form
        onSubmit={(event) => void run(event)}
        className="flex flex-wrap items-end gap-2"
        aria-label="Export"
      >
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
          From (IST)
          <input
            type="datetime-local"
            step="1"
            className={inputClass}
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-400">
          To (IST)
          <input
            type="datetime-local"
            step="1"
            className={inputClass}
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-400">
          Instruments
          <select
            className={inputClass}
            value={scope}
            onChange={(event) => setScope(event.target.value as 'all' | 'watchlist')}
          >
            <option value="all">all</option>
            <option value="watchlist">the watchlist ({items.length})</option>
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-400">
          Format
          <select
            className={inputClass}
            value={format}
            onChange={(event) => setFormat(event.target.value as ExportFormat)}
          >
            {Object.entries(FORMATS).map(([key, { label }]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass} disabled={progress !== null}>
          Export
        </button>
        {progress !== null && (
          <button type="button" className={buttonClass} onClick={() => running.current?.abort()}>
            Cancel
          </button>
        )}
      </form>
      <p className="text-xs text-slate-500">
        Parquet, and exports without the gateway:{' '}
        <code>./qleap replay --export {table} --format parquet</code>.
      </p>
      {problem && <ErrorNote>{problem}</ErrorNote>}
      {missing && <Unavailable what="Export" />}
      {progress !== null && (
        <div className="flex items-center gap-2 text-xs text-slate-300" role="status">
          <progress aria-label="Export progress" className="w-40" />
          Exporting {table}: {describeBytes(progress.bytes)},{' '}
          {progress.lines.toLocaleString('en-IN')} {nounFor(progress.lines, 'line')} so far
        </div>
      )}
      {exported && href && (
        <div className="flex flex-col gap-1 text-xs">
          <a className="text-sky-400 underline" download={exported.fileName} href={href}>
            Download {exported.fileName} ({exported.rows.toLocaleString('en-IN')}{' '}
            {nounFor(exported.rows, 'row')})
          </a>
          {leftOut && <p className="text-amber-300">{leftOut}</p>}
          <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-2">
            {exported.content.split('\n').slice(0, 20).join('\n')}
          </pre>
        </div>
      )}
    </section>
  );
}

export function QuantPage() {
  const [at, setAt] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [loadState, state] = useLazyReplayStateQuery();

  const rebuild = (event: FormEvent) => {
    event.preventDefault();
    const iso = istInputToIso(at);
    if (!iso) {
      setProblem('Pick the moment to rebuild.');
      return;
    }
    setProblem(null);
    void loadState(iso);
  };

  return (
    <Page title="Quant: replay and export">
      {problem && <ErrorNote>{problem}</ErrorNote>}
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-slate-300">Rebuild a past moment</h2>
        <form onSubmit={rebuild} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-400">
            At (IST)
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
        {state.data !== undefined && state.originalArgs !== undefined && !state.error && (
          <ReplayStateView state={state.data} at={state.originalArgs} />
        )}
      </section>
      <ExportForm />
    </Page>
  );
}
