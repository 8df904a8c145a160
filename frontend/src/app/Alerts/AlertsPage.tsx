import { useCallback, useState } from 'react';
import { describeError } from '../../services/api/errors';
import type { Alert } from '../../services/api/types';
import { useDeleteAlertMutation } from '../../services/alerts/alertsApi';
import {
  alertDistance,
  filterAlerts,
  isActiveAlert,
  isTriggeredAlert,
  useLiveAlerts,
} from '../../services/alerts/hooks';
import type { AlertFilter, LiveAlert } from '../../services/alerts/hooks';
import { rowButtonClass } from '../OrderTicket/PresetTicketButton';
import { FilterTabs } from '../common/Choice';
import { DeleteButton, ListState, StatusBadge } from '../common/List';
import type { ListColumn } from '../common/List';
import { ErrorNote, Page, buttonClass, tdClass } from '../common/States';
import { formatDateTime, formatPercent, formatPrice, signClass } from '../common/format';
import { AlertForm } from './AlertForm';
import { alertConditionText, alertStatusLabel, deleteAlertQuestion } from './alertText';
import { desktopPermission, requestDesktopPermission } from './desktopNotifications';
import type { DesktopPermission } from './desktopNotifications';

const STATUS_CLASS: Record<string, string> = {
  active: 'bg-sky-900/70 text-sky-200',
  triggered: 'bg-amber-900/70 text-amber-200',
};

const COLUMNS: ListColumn[] = [
  { text: 'Instrument' },
  { text: 'Condition' },
  { text: 'Distance', right: true },
  { text: 'Note' },
  { text: 'Status' },
  { text: 'Created' },
  { text: 'Triggered' },
];

/** Offers desktop notifications for fired alerts where the browser has them and the user has not answered yet. */
function DesktopNotifications() {
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  if (permission === 'unsupported') {
    return null;
  }
  if (permission === 'granted') {
    return <span className="text-xs text-slate-400">Desktop notifications on</span>;
  }
  if (permission === 'denied') {
    return (
      <span
        className="text-xs text-slate-500"
        title="Allow them in the browser's site settings to get them"
      >
        Desktop notifications blocked
      </span>
    );
  }
  return (
    <button
      type="button"
      className={rowButtonClass}
      title="Fired alerts also show as system notifications"
      onClick={() => void requestDesktopPermission().then(setPermission)}
    >
      Enable desktop notifications
    </button>
  );
}

function Empty({ filter, others }: { filter: AlertFilter; others: number }) {
  const none = filter === 'all' ? 'No price alerts' : `No ${filter} alerts`;
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-400">
      <p>
        {others > 0
          ? `${none}; All shows ${others === 1 ? 'the other one' : `the ${others} others`}.`
          : `${none}.`}
      </p>
      <p>
        Create one with <strong className="text-slate-200">New alert</strong> above, or with the{' '}
        <strong className="text-slate-200">bell</strong> on a watchlist row: the gateway watches the
        instrument&apos;s last price, even with no dashboard open, and tells you once, on the first
        tick at or above (or at or below) your price. A fired alert can be re-armed.
      </p>
    </div>
  );
}

function AlertRow({
  alert,
  onEdit,
  onDelete,
}: {
  alert: LiveAlert;
  onEdit: (alert: Alert) => void;
  onDelete: (alert: Alert) => void;
}) {
  const distance = alertDistance(alert.price, alert.last_price);
  const triggered = isTriggeredAlert(alert);
  return (
    <tr data-testid={`alert-${alert.id}`} className="border-b border-slate-800/70 align-top">
      <td className={tdClass}>
        {alert.tradingsymbol} <span className="text-xs text-slate-500">{alert.exchange}</span>
      </td>
      <td className={`${tdClass} num whitespace-nowrap`}>{alertConditionText(alert)}</td>
      <td
        className={`${tdClass} num text-right`}
        title={
          distance === null
            ? undefined
            : `From the last price ${formatPrice(alert.last_price)} to the alert's price`
        }
      >
        {distance !== null && (
          <span className={`text-xs ${signClass(distance)}`}>{formatPercent(distance)}</span>
        )}
      </td>
      <td className={`${tdClass} min-w-32 max-w-xs whitespace-normal break-words`}>{alert.note}</td>
      <td className={tdClass}>
        <StatusBadge className={STATUS_CLASS[alert.status]}>
          {alertStatusLabel(alert.status)}
        </StatusBadge>
      </td>
      <td className={`${tdClass} num whitespace-nowrap`}>{formatDateTime(alert.created_at)}</td>
      <td className={`${tdClass} num whitespace-nowrap`}>
        {alert.triggered_at && (
          <>
            <div>{formatDateTime(alert.triggered_at)}</div>
            <div className="text-xs text-slate-400">
              at <span data-testid="triggered-price">{formatPrice(alert.triggered_price)}</span>
            </div>
          </>
        )}
      </td>
      <td className={`${tdClass} whitespace-nowrap text-right`}>
        <button
          type="button"
          aria-label={`${triggered ? 'Re-arm' : 'Edit'} alert ${alert.id}`}
          title={triggered ? 'Change it if you like, and arm it again' : undefined}
          className={`${rowButtonClass} mr-1`}
          onClick={() => onEdit(alert)}
        >
          {triggered ? 'Re-arm' : 'Edit'}
        </button>
        <DeleteButton label={`Delete alert ${alert.id}`} onClick={() => onDelete(alert)} />
      </td>
    </tr>
  );
}

/**
 * The user's price alerts: an instrument's last price reaching a level, above or below, watched by the gateway and
 * announced once when it fires; new ones, changed (a fired one re-armed) and deleted here.
 */
export function AlertsPage() {
  const { alerts, query } = useLiveAlerts();
  const [filter, setFilter] = useState<AlertFilter>('active');
  const [form, setForm] = useState<{ alert?: Alert; key: number } | null>(null);
  const [remove, removal] = useDeleteAlertMutation();
  const close = useCallback(() => setForm(null), []);

  const counts: Record<AlertFilter, number> = {
    active: alerts.filter(isActiveAlert).length,
    triggered: alerts.filter(isTriggeredAlert).length,
    all: alerts.length,
  };
  const shown = filterAlerts(alerts, filter);

  const onDelete = (alert: Alert) => {
    if (window.confirm(deleteAlertQuestion(alert))) {
      void remove(alert.id);
    }
  };

  return (
    <Page
      title="Alerts"
      actions={
        <div className="flex items-center gap-3">
          <DesktopNotifications />
          <FilterTabs
            value={filter}
            options={[
              { value: 'active', text: `Active (${counts.active})` },
              { value: 'triggered', text: `Triggered (${counts.triggered})` },
              { value: 'all', text: `All (${counts.all})` },
            ]}
            onChange={setFilter}
          />
          <button
            type="button"
            className={buttonClass}
            onClick={() => setForm({ key: Date.now() })}
          >
            New alert
          </button>
        </div>
      }
    >
      {removal.error && <ErrorNote>{describeError(removal.error)}</ErrorNote>}
      <ListState
        what="Price alerts"
        items="alerts"
        isLoading={query.isLoading}
        error={query.error}
        data={query.data}
        columns={COLUMNS}
        rows={shown}
        row={(alert) => (
          <AlertRow
            key={alert.id}
            alert={alert}
            onEdit={(chosen) => setForm({ alert: chosen, key: Date.now() })}
            onDelete={onDelete}
          />
        )}
        empty={<Empty filter={filter} others={alerts.length - shown.length} />}
      />
      {form && <AlertForm key={form.key} alert={form.alert} onClose={close} />}
    </Page>
  );
}
