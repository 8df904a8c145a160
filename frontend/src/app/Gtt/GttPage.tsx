import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError, errorBody } from '../../services/api/errors';
import type { Gtt } from '../../services/api/types';
import { useBrokerStatusQuery } from '../../services/broker/brokerApi';
import { useDeleteGttMutation } from '../../services/gtt/gttApi';
import { gttDistance, isActiveGtt, useLiveGtts } from '../../services/gtt/hooks';
import type { GttFilter, LiveGtt } from '../../services/gtt/hooks';
import { useFindInstrument } from '../../services/market/hooks';
import type { TradableInstrument } from '../../services/market/hooks';
import { noticesActions } from '../../services/notices/noticesSlice';
import { useAppDispatch } from '../../store/hooks';
import { rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { FilterTabs } from '../common/Choice';
import { DeleteButton, ListState, StatusBadge } from '../common/List';
import type { ListColumn } from '../common/List';
import { ErrorNote, Page, buttonClass, tdClass } from '../common/States';
import {
  formatDate,
  formatDateTime,
  formatPercent,
  formatPrice,
  signClass,
} from '../common/format';
import { GttForm } from './GttForm';
import {
  deleteGttQuestion,
  describeGttOrder,
  gttResultText,
  gttStatusLabel,
  gttTypeLabel,
} from './gttText';

const STATUS_CLASS: Record<string, string> = {
  active: 'bg-sky-900/70 text-sky-200',
  triggered: 'bg-emerald-900/70 text-emerald-200',
  rejected: 'bg-rose-900/70 text-rose-200',
};

const COLUMNS: ListColumn[] = [
  { text: 'Created (IST)' },
  { text: 'Instrument' },
  { text: 'Type' },
  { text: 'Trigger', right: true },
  { text: 'Order' },
  { text: 'Status' },
];

function gttKey(gtt: Gtt): string {
  return `${gtt.account_id}-${gtt.id}`;
}

function Empty({ filter, others }: { filter: GttFilter; others: number }) {
  // The gateway lists the triggers of connected accounts only: with none connected, the list is empty.
  const { data: broker } = useBrokerStatusQuery();
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-400">
      <p>
        {filter === 'active' && others > 0
          ? `No active GTT triggers; All shows ${others === 1 ? 'the other one' : `the ${others} others`}.`
          : 'No GTT triggers.'}
      </p>
      {broker?.connected === false && (
        <p className="text-amber-300">
          The broker is not connected, so its triggers cannot be listed:{' '}
          <Link to="/broker" className="underline">
            connect it on the Broker page
          </Link>
          .
        </p>
      )}
      <p>
        Create one with <strong className="text-slate-200">New GTT</strong> above, or with{' '}
        <strong className="text-slate-200">GTT</strong> on a watchlist row: the broker watches the
        last price and places your LIMIT order when it reaches the trigger value. An OCO has two
        values, a stop-loss below and a target above; the first reached cancels the other.
      </p>
    </div>
  );
}

function GttRow({
  gtt,
  onModify,
  onDelete,
}: {
  gtt: LiveGtt;
  onModify: (gtt: Gtt) => void;
  onDelete: (gtt: Gtt) => void;
}) {
  const reference = gtt.live
    ? `from the live last price ${formatPrice(gtt.reference_price, gtt.exchange)}`
    : `from ${formatPrice(gtt.reference_price, gtt.exchange)}, the last price it was placed against (watch the instrument for live prices)`;
  const results = gtt.orders.flatMap((order) => (order.result ? [order.result] : []));
  return (
    <tr data-testid={`gtt-${gttKey(gtt)}`} className="border-b border-slate-800/70 align-top">
      <td className={`${tdClass} num whitespace-nowrap`}>
        {formatDateTime(gtt.created_at)}
        {gtt.expires_at && (
          <div className="text-xs text-slate-500">expires {formatDate(gtt.expires_at)}</div>
        )}
      </td>
      <td className={tdClass}>
        {gtt.tradingsymbol} <span className="text-xs text-slate-500">{gtt.exchange}</span>
      </td>
      <td className={tdClass}>{gttTypeLabel(gtt.type)}</td>
      <td className={`${tdClass} num text-right`} title={`Distance ${reference}`}>
        {gtt.trigger_values.map((value, index) => {
          const distance = gttDistance(value, gtt.reference_price);
          return (
            <div key={index} className="whitespace-nowrap">
              <span>{formatPrice(value, gtt.exchange)}</span>{' '}
              <span className={`text-xs ${signClass(distance)}`}>{formatPercent(distance)}</span>
            </div>
          );
        })}
      </td>
      <td className={tdClass}>
        {gtt.orders.map((order, index) => (
          <div
            key={index}
            className={`num whitespace-nowrap ${order.transaction_type === 'BUY' ? 'text-sky-300' : 'text-orange-300'}`}
          >
            {describeGttOrder(order)}
          </div>
        ))}
      </td>
      <td className={tdClass}>
        <StatusBadge className={STATUS_CLASS[gtt.status]}>{gttStatusLabel(gtt.status)}</StatusBadge>
        {gtt.rejection_reason && (
          <div className="min-w-48 max-w-md whitespace-normal break-words text-xs text-rose-300">
            {gtt.rejection_reason}
          </div>
        )}
        {results.map((result, index) => (
          <div
            key={index}
            className={`min-w-48 max-w-md whitespace-normal break-words text-xs ${result.status === 'success' ? 'text-slate-300' : 'text-rose-300'}`}
          >
            {gttResultText(result)}
          </div>
        ))}
      </td>
      <td className={`${tdClass} whitespace-nowrap text-right`}>
        {isActiveGtt(gtt) && (
          <>
            <button
              type="button"
              aria-label={`Modify GTT ${gtt.id}`}
              className={`${rowButtonClass} mr-1`}
              onClick={() => onModify(gtt)}
            >
              Modify
            </button>
            <DeleteButton label={`Delete GTT ${gtt.id}`} onClick={() => onDelete(gtt)} />
          </>
        )}
      </td>
    </tr>
  );
}

/** Where the triggers could not be read because no account of the user is connected to the broker. */
function NotConnected({ message }: { message: string }) {
  return (
    <ErrorNote>
      {message}{' '}
      <Link to="/broker" className="underline">
        Connect it on the Broker page
      </Link>
      .
    </ErrorNote>
  );
}

/**
 * Kite's GTT (good till triggered) orders: the triggers the broker watches for the user's accounts, their values
 * measured against the last price, what their orders became once fired; new ones, modified and deleted here.
 */
export function GttPage() {
  const { gtts, query } = useLiveGtts();
  const [filter, setFilter] = useState<GttFilter>('active');
  const [form, setForm] = useState<{
    instrument?: TradableInstrument;
    gtt?: Gtt;
    key: number;
  } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [remove, removal] = useDeleteGttMutation();
  const find = useFindInstrument();
  const dispatch = useAppDispatch();
  const close = useCallback(() => setForm(null), []);

  const active = gtts.filter(isActiveGtt);
  const shown = filter === 'active' ? active : gtts;

  const modify = async (gtt: Gtt) => {
    setProblem(null);
    const found = await find(gtt);
    if (!found) {
      setProblem(
        `Could not modify GTT ${gtt.id}: the gateway does not know ${gtt.tradingsymbol} ` +
          '(its lot and tick size).',
      );
      return;
    }
    setForm({ instrument: found, gtt, key: Date.now() });
  };

  const onDelete = async (gtt: Gtt) => {
    setProblem(null);
    if (!window.confirm(deleteGttQuestion(gtt))) {
      return;
    }
    const result = await remove({ id: gtt.id, account_id: gtt.account_id });
    if ('data' in result) {
      // The same id as the form's notice of the trigger (placed or modified), which no longer holds.
      dispatch(
        noticesActions.announced({
          id: `gtt:${gtt.account_id}:${gtt.id}`,
          title: `GTT ${gtt.id} deleted: ${gttTypeLabel(gtt.type)} ${gtt.tradingsymbol}`,
          detail:
            `Trigger ${gtt.trigger_values.map((value) => formatPrice(value, gtt.exchange)).join(' / ')}; ` +
            `${gtt.orders.map(describeGttOrder).join(' / ')}.`,
        }),
      );
    }
  };

  const notConnected =
    errorBody(query.error)?.error === 'broker_not_connected' ? errorBody(query.error) : undefined;

  return (
    <Page
      title="GTT"
      actions={
        <div className="flex items-center gap-3">
          <FilterTabs
            value={filter}
            options={[
              { value: 'active', text: `Active (${active.length})` },
              { value: 'all', text: `All (${gtts.length})` },
            ]}
            onChange={setFilter}
          />
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              setProblem(null);
              setForm({ key: Date.now() });
            }}
          >
            New GTT
          </button>
        </div>
      }
    >
      {problem && <ErrorNote>{problem}</ErrorNote>}
      {removal.error && <ErrorNote>{describeError(removal.error)}</ErrorNote>}
      <ListState
        what="GTT triggers"
        items="triggers"
        isLoading={query.isLoading || query.isUninitialized}
        error={query.error}
        data={query.data}
        loadingText="Loading GTT triggers…"
        failure={
          notConnected && (
            <NotConnected message={notConnected.message || 'The broker is not connected.'} />
          )
        }
        columns={COLUMNS}
        rows={shown}
        row={(gtt) => (
          <GttRow
            key={gttKey(gtt)}
            gtt={gtt}
            onModify={(chosen) => void modify(chosen)}
            onDelete={(chosen) => void onDelete(chosen)}
          />
        )}
        empty={<Empty filter={filter} others={gtts.length - active.length} />}
      />
      {form && (
        <GttForm key={form.key} instrument={form.instrument} gtt={form.gtt} onClose={close} />
      )}
    </Page>
  );
}
