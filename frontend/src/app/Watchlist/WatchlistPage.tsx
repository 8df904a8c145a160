import { useCallback, useMemo } from 'react';
import { useQuotesQuery } from '../../services/market/marketApi';
import { useAppSelector } from '../../store/hooks';
import { useWatchlist } from '../../services/market/hooks';
import type { WatchItem } from '../../services/market/watchlistSlice';
import { useTicket } from '../OrderTicket/ticketContext';
import { Page, tableClass, thClass } from '../common/States';
import { DepthView } from './DepthView';
import { InstrumentSearch } from './InstrumentSearch';
import { IntradayChart } from './IntradayChart';
import { WatchRow } from './WatchRow';

export function WatchlistPage() {
  const { items, selected, select, remove, setMode } = useWatchlist();
  const feedGap = useAppSelector((state) => Object.keys(state.market.gaps).length > 0);
  const ticket = useTicket();
  const keys = useMemo(
    () => items.map((item) => `${item.exchange}:${item.tradingsymbol}`).join(','),
    [items],
  );
  useQuotesQuery(keys ? keys.split(',') : [], { skip: keys === '' });
  const onTrade = useCallback(
    (side: 'BUY' | 'SELL', item: WatchItem) => {
      select(item.instrument_token);
      ticket.open(side, item);
    },
    [select, ticket],
  );

  return (
    <Page title="Watchlist">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-2">
          <InstrumentSearch />
          {items.length === 0 ? (
            <p className="text-sm text-slate-400">
              Search for an instrument and add it to watch it live.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={thClass}>Instrument</th>
                    <th className={`${thClass} text-right`}>LTP</th>
                    <th className={`${thClass} text-right`}>Change</th>
                    <th className={`${thClass} hidden text-right sm:table-cell`}>Volume</th>
                    <th className={thClass}>Mode</th>
                    <th className={thClass} />
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <WatchRow
                      key={item.instrument_token}
                      item={item}
                      isSelected={item.instrument_token === selected?.instrument_token}
                      feedGap={feedGap}
                      onSelect={select}
                      onRemove={remove}
                      onMode={setMode}
                      onTrade={onTrade}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {selected && (
          <div className="flex flex-col gap-4">
            <DepthView item={selected} />
            <IntradayChart key={selected.instrument_token} item={selected} />
          </div>
        )}
      </div>
    </Page>
  );
}
