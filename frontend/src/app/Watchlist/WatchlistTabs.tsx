import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useSortWatchlist, useWatchlists } from '../../services/market/hooks';
import { WATCHLIST_SORTS } from '../../services/market/watchlistOrder';
import {
  MAX_WATCHLISTS,
  MAX_WATCHLIST_NAME,
  activeList,
} from '../../services/market/watchlistSlice';
import { useAppSelector } from '../../store/hooks';
import { isTyping } from '../OrderTicket/ticketContext';
import { inputClass } from '../common/States';

/** The id of the panel the tabs control: the open list's search, rows and notes. */
const PANEL_ID = 'watchlist-panel';

function tabId(index: number): string {
  return `watchlist-tab-${index}`;
}

const smallButtonClass =
  'rounded px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 hover:text-white disabled:opacity-50';

/** The list number (1 to MAX_WATCHLISTS) an Alt+digit key press asks for, or null for any other key. */
function listShortcut(event: KeyboardEvent): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
    return null;
  }
  // By the key's place, not its character: Alt+1 types "¡" on a Mac keyboard.
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code)?.[1] ?? event.key;
  const number = Number(digit);
  return /^\d$/.test(digit) && number >= 1 && number <= MAX_WATCHLISTS ? number : null;
}

/** The text field that renames the open list: Enter (or leaving it) keeps the name, Esc drops it. */
function RenameField({ name, onDone }: { name: string; onDone: (name: string | null) => void }) {
  const [text, setText] = useState(name);
  const field = useRef<HTMLInputElement>(null);
  // Enter and Esc end the edit before the field goes away, which would otherwise blur it and end it again.
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (!done.current) {
      done.current = true;
      onDone(value);
    }
  };

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  return (
    <input
      ref={field}
      className={`${inputClass} w-44 py-0.5 text-sm`}
      aria-label="Watchlist name"
      maxLength={MAX_WATCHLIST_NAME}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => finish(text)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(text);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(null);
        }
      }}
    />
  );
}

/**
 * Sorts the open list once by the order chosen, with the live values at that moment, and then shows its
 * placeholder again: the list keeps the new order (saved), and later prices do not move its rows.
 */
function SortControl() {
  const sort = useSortWatchlist();
  const count = useAppSelector((state) => activeList(state.watchlist).items.length);
  return (
    <select
      aria-label="Sort the list"
      title="Sort the list once (Change % and LTP by the prices at this moment); its rows then keep that order"
      className="rounded border border-slate-700 bg-slate-900 px-1 text-xs text-slate-300 disabled:opacity-50"
      value=""
      disabled={count < 2}
      onChange={(event) => {
        const chosen = WATCHLIST_SORTS.find((option) => option.sort === event.target.value);
        if (chosen) {
          sort(chosen.sort);
        }
      }}
    >
      <option value="" disabled>
        Sort…
      </option>
      {WATCHLIST_SORTS.map((option) => (
        <option key={option.sort} value={option.sort}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/**
 * The user's lists as tabs above `children`, the open list's panel, the open tab highlighted: a click (or Alt+1 to
 * Alt+7, or the arrow keys on a tab) opens one, "+" adds one (up to MAX_WATCHLISTS; past that it stays, disabled, saying why), a double-click on the open tab
 * or Rename names it, Delete list removes it (never the last), Sort orders the open list once.
 */
export function WatchlistTabs({ children }: { children: ReactNode }) {
  const { names, active, canAdd, canRemove, open, add, rename, remove } = useWatchlists();
  const [renaming, setRenaming] = useState(false);
  const activeName = names[active] ?? '';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const number = listShortcut(event);
      if (number === null || isTyping(event.target)) {
        return;
      }
      event.preventDefault();
      if (number <= names.length) {
        setRenaming(false);
        open(number - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [names.length, open]);

  return (
    <>
      <div className="flex flex-wrap items-center gap-1 border-b border-slate-800 pb-1">
        <div role="tablist" aria-label="Watchlists" className="flex flex-wrap gap-1">
          {names.map((name, index) => (
            <button
              key={index}
              type="button"
              role="tab"
              id={tabId(index)}
              aria-selected={index === active}
              aria-controls={PANEL_ID}
              tabIndex={index === active ? 0 : -1}
              title={`${name} (Alt+${index + 1})${index === active ? ': double-click to rename' : ''}`}
              className={`max-w-48 truncate rounded-t px-3 py-1 text-sm ${
                index === active
                  ? 'bg-slate-700 text-white'
                  : 'text-slate-400 hover:bg-slate-800 hover:text-slate-200'
              }`}
              onClick={() => {
                setRenaming(false);
                open(index);
              }}
              onDoubleClick={() => {
                if (index === active) {
                  setRenaming(true);
                }
              }}
              onKeyDown={(event) => {
                const step =
                  event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : undefined;
                if (step !== undefined) {
                  event.preventDefault();
                  const next = (index + step + names.length) % names.length;
                  open(next);
                  document.getElementById(tabId(next))?.focus();
                }
              }}
            >
              {name}
            </button>
          ))}
        </div>
        {renaming ? (
          <RenameField
            key={active}
            name={activeName}
            onDone={(name) => {
              setRenaming(false);
              if (name !== null) {
                rename(active, name);
              }
            }}
          />
        ) : (
          <>
            <button
              type="button"
              aria-label="New watchlist"
              title={
                canAdd
                  ? `New watchlist (up to ${MAX_WATCHLISTS})`
                  : `At most ${MAX_WATCHLISTS} watchlists: delete one to add another`
              }
              className={`${smallButtonClass} text-base leading-none disabled:cursor-not-allowed`}
              disabled={!canAdd}
              onClick={add}
            >
              +
            </button>
            <span className="ml-auto flex items-center gap-1">
              <SortControl />
              <button type="button" className={smallButtonClass} onClick={() => setRenaming(true)}>
                Rename
              </button>
              {canRemove && (
                <button
                  type="button"
                  className={`${smallButtonClass} hover:text-rose-300`}
                  onClick={() => {
                    if (
                      window.confirm(`Delete the watchlist "${activeName}" and its instruments?`)
                    ) {
                      remove(active);
                    }
                  }}
                >
                  Delete list
                </button>
              )}
            </span>
          </>
        )}
      </div>
      <div
        role="tabpanel"
        id={PANEL_ID}
        aria-labelledby={tabId(active)}
        className="flex flex-col gap-2"
      >
        {children}
      </div>
    </>
  );
}
