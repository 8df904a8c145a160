import type { ReactNode } from 'react';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import { describeError } from '../../services/api/errors';
import { ErrorNote, QueryState, tableClass, tableScrollClass, thClass } from './States';

/** A column of a list's table; the actions column, last, is added to every list. */
export interface ListColumn {
  text: string;
  /** Numbers, aligned right. */
  right?: boolean;
}

/** The head of a list's table: its columns, then the actions column. */
export function ColumnHeads({ columns }: { columns: ListColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.text} className={column.right ? `${thClass} text-right` : thClass}>
            {column.text}
          </th>
        ))}
        <th className={thClass}>
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

/**
 * A page's list of what the gateway keeps (GTT triggers, price alerts), read again every few seconds: loading,
 * unavailable or failed as `QueryState` shows it, `empty` when there are no rows, else a table named `what`. A read
 * that fails after one that did not keeps the rows read before listed, under a note saying so; `failure`, when
 * given, shows instead of any other failed read.
 */
export function ListState<T>({
  what,
  items,
  isLoading,
  error,
  data,
  loadingText = `Loading ${what.toLowerCase()}…`,
  failure,
  columns,
  rows,
  row,
  empty,
}: {
  what: string;
  /** What the rows are, in the note on a failed read: "The {items} could not be read again". */
  items: string;
  /** The list's query: loading its first read, its last read's error, what its last good read gave. */
  isLoading: boolean;
  error: FetchBaseQueryError | SerializedError | undefined;
  data: unknown;
  loadingText?: string;
  failure?: ReactNode;
  columns: ListColumn[];
  rows: T[];
  row: (item: T) => ReactNode;
  empty: ReactNode;
}) {
  // A failed read with rows read before (the broker's rate limit, say) keeps them listed, saying so.
  const stale = error !== undefined && data !== undefined;
  return (
    <>
      {stale && (
        <ErrorNote>{`The ${items} could not be read again: ${describeError(error)}`}</ErrorNote>
      )}
      {isLoading ? (
        <p className="text-slate-400">{loadingText}</p>
      ) : !stale && failure ? (
        failure
      ) : (
        <QueryState what={what} isLoading={false} error={stale ? undefined : error}>
          {rows.length === 0 ? (
            empty
          ) : (
            <div className={tableScrollClass}>
              <table className={tableClass} aria-label={what}>
                <ColumnHeads columns={columns} />
                <tbody>{rows.map((item) => row(item))}</tbody>
              </table>
            </div>
          )}
        </QueryState>
      )}
    </>
  );
}

/** A row's status, in the colours `className` gives it (grey without). */
export function StatusBadge({
  className,
  children,
}: {
  className: string | undefined;
  children: ReactNode;
}) {
  return (
    <span className={`rounded px-1.5 text-xs ${className ?? 'bg-slate-700 text-slate-200'}`}>
      {children}
    </span>
  );
}

/** A row's Delete button; `label` names what it deletes. */
export function DeleteButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      className="rounded px-2 text-xs text-rose-300 hover:bg-slate-800 hover:text-white"
      onClick={onClick}
    >
      Delete
    </button>
  );
}
