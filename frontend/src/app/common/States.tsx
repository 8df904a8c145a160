import type { ReactNode } from 'react';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';
import { describeError, errorStatus, isUnavailable } from '../../services/api/errors';

export function Unavailable({ what, detail }: { what: string; detail?: string }) {
  return (
    <div
      role="status"
      className="rounded border border-amber-700/50 bg-amber-950/30 p-4 text-amber-200"
    >
      <p className="font-medium">{what} is not available yet.</p>
      <p className="text-sm text-amber-300/80">
        {detail ??
          'This gateway does not offer it (yet). The page will work once the gateway does.'}
      </p>
    </div>
  );
}

export function ErrorNote({ children }: { children: ReactNode }) {
  return (
    <p
      role="alert"
      className="rounded border border-rose-800/60 bg-rose-950/40 p-2 text-sm text-rose-200"
    >
      {children}
    </p>
  );
}

interface QueryStateProps {
  what: string;
  isLoading: boolean;
  error: FetchBaseQueryError | SerializedError | undefined;
  children: ReactNode;
}

/** Loading, unavailable (501 or the gateway's route miss: see isUnavailable), error or the content. */
export function QueryState({ what, isLoading, error, children }: QueryStateProps) {
  if (isLoading) {
    return <p className="text-slate-400">Loading {what.toLowerCase()}…</p>;
  }
  if (error) {
    if (errorStatus(error) === 403) {
      return (
        <Unavailable
          what={what}
          detail="The gateway refused it: your role does not allow it, or the gateway does not offer it yet."
        />
      );
    }
    return isUnavailable(error) ? (
      <Unavailable what={what} />
    ) : (
      <ErrorNote>{describeError(error)}</ErrorNote>
    );
  }
  return <>{children}</>;
}

export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="flex min-w-0 flex-col gap-4 overflow-x-auto p-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold text-slate-100">{title}</h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

export const inputClass =
  'rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-100 focus:border-sky-500 focus:outline-none';
export const buttonClass =
  'rounded bg-slate-700 px-3 py-1 text-sm text-slate-100 hover:bg-slate-600 disabled:opacity-50';
export const tableClass = 'w-full text-sm';
/**
 * The box of a table that may be wider than the window: it scrolls sideways itself, and it is the containing block
 * of what is positioned inside it (a column head only screen readers get), which would otherwise widen the page.
 */
export const tableScrollClass = 'relative overflow-x-auto';
export const thClass = 'px-2 py-1 text-left font-medium text-slate-400';
export const tdClass = 'px-2 py-1';
