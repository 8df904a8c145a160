import type { ReactNode } from 'react';
import type { InstrumentView } from '../../services/api/types';
import { gttDistance } from '../../services/gtt/hooks';
import { parsePrice } from '../../services/gtt/validation';
import { InstrumentLookup } from '../Watchlist/InstrumentSearch';
import type { LookupButton } from '../Watchlist/InstrumentSearch';
import { CloseButton } from './Dialog';
import { formatPercent, formatPrice } from './format';

const select = (): LookupButton => ({ text: 'Select' });

/** The first step of a form about an instrument when it has none yet: a lookup to pick it, and a way out. */
export function InstrumentStep({
  placeholder,
  button = select,
  onPick,
  onClose,
}: {
  placeholder: string;
  /** The button each match gets; "Select" by default. */
  button?: (instrument: InstrumentView) => LookupButton;
  onPick: (instrument: InstrumentView) => void;
  onClose: () => void;
}) {
  return (
    <div className="flex flex-col gap-3 p-4">
      <InstrumentLookup
        label="Instrument"
        placeholder={placeholder}
        autoFocus
        button={button}
        onPick={onPick}
      />
      <footer className="flex justify-end">
        <CloseButton onClose={onClose} />
      </footer>
    </div>
  );
}

/**
 * The coloured band atop a form about an instrument: the instrument (with "Change", to pick another, when
 * `onChangeInstrument` is given), its last price (test id `ltpTestId`) and `details` after it; `children` (the
 * form's choices) on the right.
 */
export function InstrumentBand({
  instrument,
  lastPrice,
  live,
  ltpTestId,
  className,
  details,
  onChangeInstrument,
  children,
}: {
  instrument: { exchange: string; tradingsymbol: string };
  lastPrice: number | undefined;
  /** True when the last price streams live, rather than being read from a quote. */
  live: boolean;
  ltpTestId: string;
  /** The band's colour. */
  className: string;
  details?: ReactNode;
  onChangeInstrument?: () => void;
  children: ReactNode;
}) {
  return (
    <div className={`flex flex-wrap items-center justify-between gap-2 px-4 py-2 ${className}`}>
      <div>
        <p className="font-semibold text-white">
          {instrument.tradingsymbol}
          <span className="ml-2 text-xs text-slate-200">{instrument.exchange}</span>
          {onChangeInstrument && (
            <button
              type="button"
              onClick={onChangeInstrument}
              className="ml-2 text-xs text-sky-200 underline hover:text-white"
            >
              Change
            </button>
          )}
        </p>
        <p className="num text-xs text-slate-200">
          LTP{' '}
          <span
            data-testid={ltpTestId}
            title={live ? 'Live: the latest market price' : 'From a quote, read every few seconds'}
          >
            {formatPrice(lastPrice, instrument.exchange)}
          </span>
          {details && <> {details}</>}
        </p>
      </div>
      {children}
    </div>
  );
}

/**
 * How far the price typed as `text` is from the last price, and in amber what `warning` finds to say about it (the
 * broker's refusal of a trigger too close, an alert the last price meets already).
 */
export function PriceDistance({
  id,
  text,
  lastPrice,
  warning,
}: {
  id: string;
  text: string;
  lastPrice: number | undefined;
  warning: (price: number, lastPrice: number) => string | null;
}) {
  const price = parsePrice(text);
  if (price === null || price <= 0) {
    return <span id={id} />;
  }
  if (lastPrice === undefined) {
    return (
      <span id={id} className="text-slate-500">
        last price not known yet
      </span>
    );
  }
  const warned = warning(price, lastPrice);
  return (
    <span id={id} className={warned ? 'text-amber-300' : 'text-slate-500'}>
      <span className="num">{formatPercent(gttDistance(price, lastPrice))}</span> from LTP
      {warned && `: ${warned}`}
    </span>
  );
}
