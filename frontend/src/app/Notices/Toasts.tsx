import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../store/hooks';
import { isCancelledHere, noticesActions } from '../../services/notices/noticesSlice';
import type { Notice, SentNotice } from '../../services/notices/noticesSlice';
import type { OrderView } from '../../services/api/types';
import { alertFiredDetail, alertFiredTitle } from '../Alerts/alertText';
import { showDesktopNotification } from '../Alerts/desktopNotifications';
import { formatPrice, formatQty } from '../common/format';
import { orderOutcome } from '../common/orderOutcome';
import type { OrderTone } from '../common/orderOutcome';

/**
 * A fill's (or a done action's, or a sent order's, or one the user cancelled, here or elsewhere) notice goes away by
 * itself after this long, counted while the pointer is not on it and it does not have the focus; a reject's, a
 * problem's, a fired alert's or a cancel's that the user did not make (the exchange's, the system's) stays until
 * dismissed (its ✕, or Escape while it has the focus).
 */
export const FILL_NOTICE_MS = 8_000;

/**
 * The notice's title; an order's names its account where `nameAccount` (the user has several: the live order messages
 * come for every one of them), e.g. "Account 2 · Filled: BUY 3 INFY".
 */
function title(notice: Notice, nameAccount = false, tone?: OrderTone): string {
  if (notice.kind === 'alert') {
    return alertFiredTitle(notice.alert);
  }
  if (notice.kind === 'done' || notice.kind === 'problem') {
    return notice.title;
  }
  const what = `${notice.side} ${formatQty(notice.quantity)} ${notice.tradingsymbol}`;
  const text =
    notice.kind === 'sent'
      ? tone === 'cancelled'
        ? `Cancelled: ${what}`
        : `Sent: ${what}`
      : notice.kind === 'rejected'
        ? `Rejected: ${what}`
        : notice.kind === 'cancelled'
          ? `Cancelled: ${what}`
          : notice.filled < notice.quantity
            ? `Partly filled: ${formatQty(notice.filled)} of ${what}`
            : `Filled: ${what}`;
  const account = notice.kind === 'sent' ? notice.ack.account_id : notice.account;
  return nameAccount ? `Account ${account} · ${text}` : text;
}

function detail(notice: Exclude<Notice, SentNotice>): string {
  if (notice.kind === 'alert') {
    return alertFiredDetail(notice.alert);
  }
  if (notice.kind === 'done' || notice.kind === 'problem') {
    return notice.detail;
  }
  if (notice.kind === 'cancelled') {
    const filled =
      notice.filled > 0
        ? ` ${formatQty(notice.filled)} of ${formatQty(notice.quantity)} filled at ${formatPrice(notice.averagePrice, notice.exchange)} average.`
        : '';
    return `${notice.reason ?? ''}${filled}`;
  }
  return notice.kind === 'rejected'
    ? (notice.reason ?? 'The broker gave no reason.')
    : `at ${formatPrice(notice.averagePrice, notice.exchange)} average`;
}

const STYLE: Record<Exclude<Notice['kind'], 'sent'>, string> = {
  rejected: 'border-rose-700 bg-rose-950 text-rose-100',
  cancelled: 'border-amber-600 bg-amber-950 text-amber-100',
  problem: 'border-rose-700 bg-rose-950 text-rose-100',
  alert: 'border-amber-600 bg-amber-950 text-amber-100',
  filled: 'border-emerald-700 bg-emerald-950 text-emerald-100',
  done: 'border-emerald-700 bg-emerald-950 text-emerald-100',
};

/** A sent order's notice, by how its order stands: working, filled, cancelled, cancelled by another, rejected. */
const SENT_STYLE: Record<OrderTone, string> = {
  working: 'border-slate-600 bg-slate-900 text-slate-100',
  done: 'border-emerald-700 bg-emerald-950 text-emerald-100',
  cancelled: 'border-slate-600 bg-slate-900 text-slate-100',
  warning: 'border-amber-600 bg-amber-950 text-amber-100',
  failed: 'border-rose-700 bg-rose-950 text-rose-100',
};

/** What a notice shows, and how: a sent order's by how its order stands now, any other's as it came. */
function look(
  notice: Notice,
  tracked: OrderView | undefined,
  cancelledHere: boolean,
): { text: string; style: string; tone?: OrderTone } {
  if (notice.kind === 'sent') {
    const outcome = orderOutcome(notice.ack, tracked, cancelledHere);
    return { text: outcome.text, style: SENT_STYLE[outcome.tone], tone: outcome.tone };
  }
  return { text: detail(notice), style: STYLE[notice.kind] };
}

function Toast({
  notice,
  several,
  onDismiss,
}: {
  notice: Notice;
  /** True while the user has several accounts. */
  several: boolean;
  onDismiss: (id: string) => void;
}) {
  const tracked = useAppSelector((state) =>
    notice.kind === 'sent' ? state.orders.byKey[notice.id] : undefined,
  );
  const cancelledHere = useAppSelector(
    (state) => tracked !== undefined && isCancelledHere(state.notices, tracked),
  );
  const shown = look(notice, tracked, cancelledHere);
  const alerting =
    notice.kind === 'rejected' ||
    notice.kind === 'cancelled' ||
    notice.kind === 'problem' ||
    notice.kind === 'alert' ||
    shown.tone === 'failed' ||
    shown.tone === 'warning';
  // The time left before the notice goes by itself: it stops while the pointer is on it or it has the focus.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;
  const left = useRef(FILL_NOTICE_MS);
  useEffect(() => {
    // A new notice in its place (a later fill of the same order, say) has the whole time again.
    left.current = FILL_NOTICE_MS;
  }, [notice]);
  useEffect(() => {
    if (alerting || held) {
      return undefined;
    }
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(notice.id), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(0, left.current - (Date.now() - started));
    };
  }, [alerting, held, notice, onDismiss]);
  // A fired price alert shows on the desktop as well, where the user allowed that before (see the Alerts page).
  useEffect(() => {
    if (notice.kind === 'alert') {
      showDesktopNotification(title(notice), detail(notice), notice.id);
    }
  }, [notice]);
  const named = title(notice, several, shown.tone);
  return (
    <li
      role={alerting ? 'alert' : 'status'}
      data-testid={notice.kind === 'alert' ? 'alert-notice' : undefined}
      data-order-tone={shown.tone}
      className={`pointer-events-auto flex items-start gap-2 rounded border p-2 text-sm shadow-lg ${shown.style}`}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) {
          setFocused(false);
        }
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onDismiss(notice.id);
        }
      }}
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {named}{' '}
          {(notice.kind === 'rejected' ||
            notice.kind === 'cancelled' ||
            notice.kind === 'filled' ||
            notice.kind === 'sent') && (
            <span className="text-xs opacity-70">{notice.exchange}</span>
          )}
        </p>
        <p className="break-words text-xs opacity-90">{shown.text}</p>
      </div>
      <button
        type="button"
        aria-label={`Dismiss: ${named}`}
        className="rounded px-1 text-xs opacity-80 hover:bg-black/30 hover:opacity-100"
        onClick={() => onDismiss(notice.id)}
      >
        ✕
      </button>
    </li>
  );
}

/**
 * Orders the ticket sent, followed until they fill, fail or are cancelled; order rejects, fills and cancels the trader
 * did not make, announced once each (naming the order's account for a user with several); price alerts that fired,
 * actions the gateway carried out (a position converted) and changes it refused (a watchlist it would not save); newest
 * at the bottom, older ones fold into a count.
 */
export function Toasts() {
  const dispatch = useAppDispatch();
  const items = useAppSelector((state) => state.notices.items);
  const more = useAppSelector((state) => state.notices.more);
  const several = useAppSelector((state) => (state.accounts.ids?.length ?? 0) > 1);
  const dismiss = useCallback((id: string) => dispatch(noticesActions.dismissed(id)), [dispatch]);
  if (items.length === 0 && more === 0) {
    return null;
  }
  return (
    <section
      aria-label="Order notifications"
      className="pointer-events-none fixed bottom-8 right-4 z-30 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      {more > 0 && (
        <p className="pointer-events-auto flex items-center justify-between rounded border border-slate-700 bg-slate-900 px-2 py-1 text-xs text-slate-300 shadow-lg">
          {more} earlier order update{more > 1 ? 's' : ''} (see Orders)
          <button
            type="button"
            className="rounded px-1 hover:bg-slate-800"
            onClick={() => dispatch(noticesActions.dismissedAll())}
          >
            Dismiss all
          </button>
        </p>
      )}
      <ul className="flex flex-col gap-2">
        {items.map((notice) => (
          <Toast key={notice.id} notice={notice} several={several} onDismiss={dismiss} />
        ))}
      </ul>
    </section>
  );
}
