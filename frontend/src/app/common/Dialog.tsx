import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { trapTab, useReturnFocus } from './modalFocus';

/**
 * A modal dialog over the page, closed by Escape anywhere in the window. Tab stays inside it, and focus goes back to
 * the opener when it closes. Named by `label`, or by the element with
 * id `labelledBy`; `size` is its width.
 */
export function Dialog({
  label,
  labelledBy,
  size = 'lg',
  onClose,
  children,
}: {
  label?: string;
  labelledBy?: string;
  size?: 'sm' | 'lg';
  onClose: () => void;
  children: ReactNode;
}) {
  useReturnFocus();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center bg-black/60 p-4 sm:items-center">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        className={`w-full ${size === 'sm' ? 'max-w-sm' : 'max-w-lg'} rounded-lg border border-slate-600 bg-slate-900 shadow-xl`}
        // The page's own shortcuts (B and S open the order ticket) do not act behind the dialog.
        onKeyDown={(event) => {
          if (event.key !== 'Escape') {
            event.stopPropagation();
          }
          trapTab(event);
        }}
      >
        {children}
      </div>
    </div>
  );
}

/** A dialog's title bar: the title (with id `titleId`, for a dialog named by it), then `children` under it. */
export function DialogHeader({
  title,
  titleId,
  children,
}: {
  title: ReactNode;
  titleId?: string;
  children: ReactNode;
}) {
  return (
    <header className="rounded-t-lg bg-slate-800 px-4 py-2">
      <h2 id={titleId} className="font-semibold text-white">
        {title}
      </h2>
      {children}
    </header>
  );
}

/** The button that closes a dialog without doing anything. */
export function CloseButton({
  onClose,
  children = 'Close (Esc)',
}: {
  onClose: () => void;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClose}
      className="rounded px-3 py-1 text-sm text-slate-300 hover:bg-slate-800"
    >
      {children}
    </button>
  );
}

/** A form dialog's footer: the close button (`closeText`), then `children` (the submit button). */
export function DialogFooter({
  onClose,
  closeText,
  children,
}: {
  onClose: () => void;
  closeText?: string;
  children: ReactNode;
}) {
  return (
    <footer className="flex justify-end gap-2 border-t border-slate-800 px-4 py-3">
      <CloseButton onClose={onClose}>{closeText}</CloseButton>
      {children}
    </footer>
  );
}

/** Why a dialog could not do what it was asked, above its footer. */
export function DialogError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="mx-4 mb-2 rounded bg-rose-950 p-2 text-sm text-rose-200">
      {children}
    </p>
  );
}
