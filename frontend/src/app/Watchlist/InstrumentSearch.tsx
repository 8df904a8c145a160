import { useEffect, useState } from 'react';
import type { InstrumentView } from '../../services/api/types';
import { useInstrumentsQuery } from '../../services/market/marketApi';
import { useWatchlist } from '../../services/market/hooks';
import { QueryState, buttonClass, inputClass } from '../common/States';

/** The button a result of an instrument lookup gets: its text, and whether it can be used. */
export interface LookupButton {
  text: string;
  disabled?: boolean;
  title?: string;
}

/**
 * A search box over the gateway's instruments (as the user types, after a pause) listing the matches, each with
 * one button; using it picks the instrument and clears the box.
 */
export function InstrumentLookup({
  label,
  placeholder,
  button,
  onPick,
  autoFocus = false,
}: {
  label: string;
  placeholder: string;
  button: (instrument: InstrumentView) => LookupButton;
  onPick: (instrument: InstrumentView) => void;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const result = useInstrumentsQuery({ q: query, limit: 20 }, { skip: query.length < 1 });

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div className="relative">
      <input
        className={`${inputClass} w-full`}
        placeholder={placeholder}
        aria-label={label}
        value={text}
        autoFocus={autoFocus}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text !== '') {
            event.stopPropagation();
            setText('');
          }
        }}
      />
      {query && (
        <div className="absolute z-10 mt-1 max-h-80 w-full overflow-auto rounded border border-slate-700 bg-slate-900 p-1 shadow-lg">
          <QueryState what="Instruments" isLoading={result.isFetching} error={result.error}>
            {result.data?.length === 0 && <p className="p-2 text-sm text-slate-400">No match.</p>}
            <ul>
              {result.data?.map((instrument) => {
                const shown = button(instrument);
                return (
                  <li
                    key={instrument.instrument_token}
                    className="flex items-center justify-between gap-2 px-2 py-1 text-sm hover:bg-slate-800"
                  >
                    <span>
                      <span className="font-medium">{instrument.tradingsymbol}</span>{' '}
                      <span className="text-xs text-slate-400">
                        {instrument.exchange} · {instrument.instrument_type}
                        {instrument.lot_size > 1 ? ` · lot ${instrument.lot_size}` : ''}
                      </span>
                    </span>
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={shown.disabled}
                      title={shown.title}
                      onClick={() => {
                        onPick(instrument);
                        setText('');
                      }}
                    >
                      {shown.text}
                    </button>
                  </li>
                );
              })}
            </ul>
          </QueryState>
        </div>
      )}
    </div>
  );
}

export function InstrumentSearch() {
  const { items, add } = useWatchlist();
  const watched = new Set(items.map((item) => item.instrument_token));
  return (
    <InstrumentLookup
      label="Search instruments"
      placeholder="Search instruments (e.g. INFY, NIFTY)"
      button={(instrument) =>
        watched.has(instrument.instrument_token)
          ? { text: 'Watching', disabled: true }
          : { text: 'Add' }
      }
      onPick={add}
    />
  );
}
