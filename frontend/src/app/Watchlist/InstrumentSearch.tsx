import { useEffect, useState } from 'react';
import { useInstrumentsQuery } from '../../services/market/marketApi';
import { useWatchlist } from '../../services/market/hooks';
import { QueryState, buttonClass, inputClass } from '../common/States';

export function InstrumentSearch() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const { items, add } = useWatchlist();
  const result = useInstrumentsQuery({ q: query, limit: 20 }, { skip: query.length < 1 });

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const watched = new Set(items.map((item) => item.instrument_token));
  return (
    <div className="relative">
      <input
        className={`${inputClass} w-full`}
        placeholder="Search instruments (e.g. INFY, NIFTY)"
        aria-label="Search instruments"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText('');
          }
        }}
      />
      {query && (
        <div className="absolute z-10 mt-1 max-h-80 w-full overflow-auto rounded border border-slate-700 bg-slate-900 p-1 shadow-lg">
          <QueryState what="Instruments" isLoading={result.isFetching} error={result.error}>
            {result.data?.length === 0 && <p className="p-2 text-sm text-slate-400">No match.</p>}
            <ul>
              {result.data?.map((instrument) => (
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
                    disabled={watched.has(instrument.instrument_token)}
                    onClick={() => {
                      add(instrument);
                      setText('');
                    }}
                  >
                    {watched.has(instrument.instrument_token) ? 'Watching' : 'Add'}
                  </button>
                </li>
              ))}
            </ul>
          </QueryState>
        </div>
      )}
    </div>
  );
}
