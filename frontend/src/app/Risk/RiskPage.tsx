import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../services/api/errors';
import type { KillSwitchMode, RiskLimits } from '../../services/api/types';
import { useHasRole } from '../../services/auth/hooks';
import { useChangeRiskMutation, useRiskQuery } from '../../services/risk/riskApi';
import {
  ErrorNote,
  Page,
  QueryState,
  buttonClass,
  inputClass,
  tableClass,
  tableScrollClass,
  tdClass,
  thClass,
} from '../common/States';
import { formatPrice, formatQty } from '../common/format';

const LIMIT_FIELDS = [
  { key: 'max_order_value', label: 'Max order value (₹)', max: undefined },
  { key: 'max_position_qty', label: 'Max position qty', max: undefined },
  { key: 'price_band_bps', label: 'Price band (bps)', max: 10_000 },
  { key: 'orders_per_second', label: 'Orders / s', max: 10 },
  { key: 'orders_per_minute', label: 'Orders / min', max: 400 },
  { key: 'orders_per_day', label: 'Orders / day', max: 100_000 },
] as const;

type LimitKey = (typeof LIMIT_FIELDS)[number]['key'];

function LimitsEditor({ initial, onDone }: { initial: RiskLimits; onDone: () => void }) {
  const [values, setValues] = useState<Record<LimitKey, string>>(() => {
    const entries = LIMIT_FIELDS.map((field) => [field.key, String(initial[field.key])]);
    return Object.fromEntries(entries) as Record<LimitKey, string>;
  });
  const [accountId, setAccountId] = useState(String(initial.account_id));
  const [errors, setErrors] = useState<Partial<Record<LimitKey | 'account_id', string>>>({});
  const [change, { isLoading, error }] = useChangeRiskMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const account = Number(accountId);
    if (!Number.isInteger(account) || account < 0) {
      found.account_id = 'Account id must be 0 (defaults) or a positive whole number.';
    }
    const parsed = {} as Record<LimitKey, number>;
    for (const field of LIMIT_FIELDS) {
      const value = Number(values[field.key]);
      const whole = field.key !== 'max_order_value';
      if (
        values[field.key].trim() === '' ||
        Number.isNaN(value) ||
        value < 0 ||
        (whole && !Number.isInteger(value))
      ) {
        found[field.key] = `${field.label} must be a ${whole ? 'whole ' : ''}number, 0 or more.`;
      } else if (field.max !== undefined && (value < 1 || value > field.max)) {
        found[field.key] = `${field.label} must be between 1 and ${field.max}.`;
      }
      parsed[field.key] = value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    const result = await change({ limits: { account_id: account, ...parsed } });
    if ('data' in result) {
      onDone();
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="grid gap-2 sm:grid-cols-3"
      aria-label="Edit limits"
    >
      <label className="flex flex-col text-xs text-slate-400">
        Account (0 = defaults)
        <input
          className={inputClass}
          value={accountId}
          onChange={(event) => setAccountId(event.target.value)}
        />
        {errors.account_id && <span className="text-rose-300">{errors.account_id}</span>}
      </label>
      {LIMIT_FIELDS.map((field) => (
        <label key={field.key} className="flex flex-col text-xs text-slate-400">
          {field.label}
          <input
            className={inputClass}
            value={values[field.key]}
            onChange={(event) =>
              setValues((current) => ({ ...current, [field.key]: event.target.value }))
            }
          />
          {errors[field.key] && <span className="text-rose-300">{errors[field.key]}</span>}
        </label>
      ))}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass} disabled={isLoading}>
          Save limits
        </button>
        <button type="button" className={buttonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && <ErrorNote>{describeError(error)}</ErrorNote>}
    </form>
  );
}

function scope(account: number): string {
  return account === 0 ? 'every account' : `account ${account}`;
}

/** What the engine does on this switch, asked before sending it; null where nothing needs confirming. */
function killSwitchWarning(account: number, mode: KillSwitchMode): string | null {
  if (mode === 'halt') {
    return (
      `Halt trading for ${scope(account)}? New orders are rejected and the server cancels ` +
      `every open order of ${scope(account)} at once.`
    );
  }
  if (mode === 'reduce_only') {
    return (
      `Set ${scope(account)} to reduce-only? Only orders that reduce a position are accepted; ` +
      'open orders stay working.'
    );
  }
  return null;
}

/**
 * What happened, from the gateway's answer: the risk view, which names the switches in force but not
 * the orders a halt cancelled, so no count can be given.
 */
function killSwitchOutcome(account: number, mode: KillSwitchMode): string {
  const set = `Kill switch ${mode} set for ${scope(account)}.`;
  return mode === 'halt'
    ? `${set} The open orders of ${scope(account)} were sent for cancellation; the gateway does ` +
        'not report how many, the Orders page shows each one as it is cancelled.'
    : set;
}

/** Sets the kill switch of one account or the global one (admin). */
export function KillSwitchForm() {
  const [accountId, setAccountId] = useState('0');
  const [mode, setMode] = useState<KillSwitchMode>('halt');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [change, { isLoading, error }] = useChangeRiskMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const account = Number(accountId);
    if (!Number.isInteger(account) || account < 0) {
      setProblem('Account id must be 0 (global) or a positive whole number.');
      return;
    }
    if (reason.length > 200) {
      setProblem('The reason is limited to 200 characters.');
      return;
    }
    setProblem(null);
    setOutcome(null);
    const warning = killSwitchWarning(account, mode);
    if (warning && !window.confirm(warning)) {
      return;
    }
    const result = await change({
      kill_switch: { account_id: account, mode, reason: reason || null },
    });
    if ('data' in result) {
      setOutcome(killSwitchOutcome(account, mode));
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-wrap items-end gap-2"
      aria-label="Kill switch"
    >
      <label className="flex flex-col text-xs text-slate-400">
        Account (0 = global)
        <input
          className={inputClass}
          value={accountId}
          onChange={(event) => setAccountId(event.target.value)}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-400">
        Mode
        <select
          className={inputClass}
          value={mode}
          onChange={(event) => setMode(event.target.value as KillSwitchMode)}
        >
          <option value="off">off</option>
          <option value="halt">halt</option>
          <option value="reduce_only">reduce only</option>
        </select>
      </label>
      <label className="flex flex-1 flex-col text-xs text-slate-400">
        Reason
        <input
          className={inputClass}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button
        type="submit"
        className="rounded bg-rose-700 px-3 py-1 text-sm text-white hover:bg-rose-600"
        disabled={isLoading}
      >
        Set kill switch
      </button>
      {(problem ?? error) && <ErrorNote>{problem ?? describeError(error)}</ErrorNote>}
      {outcome && (
        <p role="status" className="w-full text-sm text-slate-300">
          {outcome}
        </p>
      )}
    </form>
  );
}

export function RiskPage() {
  const risk = useRiskQuery();
  const admin = useHasRole('admin');
  const [editing, setEditing] = useState<RiskLimits | null>(null);
  const defaults = risk.data?.limits.find((limits) => limits.account_id === 0);

  return (
    <Page title="Risk">
      <QueryState what="Risk" isLoading={risk.isLoading} error={risk.error}>
        <section className="flex flex-col gap-2">
          <h2 className="text-sm font-medium text-slate-300">Kill switches</h2>
          <ul className="flex flex-wrap gap-2 text-sm">
            {risk.data?.kill_switches.map((entry) => (
              <li
                key={entry.account_id}
                className={`rounded px-2 py-1 ${entry.mode === 'off' ? 'bg-slate-800' : 'bg-rose-900 text-rose-100'}`}
              >
                {entry.account_id === 0 ? 'global' : `account ${entry.account_id}`}: {entry.mode}
              </li>
            ))}
          </ul>
          {admin && <KillSwitchForm />}
        </section>
        <section className="flex flex-col gap-2">
          <h2 className="text-sm font-medium text-slate-300">Limits</h2>
          <div className={tableScrollClass}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Account</th>
                  {LIMIT_FIELDS.map((field) => (
                    <th key={field.key} className={`${thClass} text-right`}>
                      {field.label}
                    </th>
                  ))}
                  <th className={thClass} />
                </tr>
              </thead>
              <tbody>
                {risk.data?.limits.map((limits) => (
                  <tr key={limits.account_id} className="border-b border-slate-800/70">
                    <td className={tdClass}>
                      {limits.account_id === 0 ? 'defaults' : limits.account_id}
                    </td>
                    <td className={`${tdClass} num text-right`}>
                      {formatPrice(limits.max_order_value)}
                    </td>
                    <td className={`${tdClass} num text-right`}>
                      {formatQty(limits.max_position_qty)}
                    </td>
                    <td className={`${tdClass} num text-right`}>{limits.price_band_bps}</td>
                    <td className={`${tdClass} num text-right`}>{limits.orders_per_second}</td>
                    <td className={`${tdClass} num text-right`}>{limits.orders_per_minute}</td>
                    <td className={`${tdClass} num text-right`}>
                      {formatQty(limits.orders_per_day)}
                    </td>
                    <td className={tdClass}>
                      {admin && (
                        <button
                          type="button"
                          className={buttonClass}
                          onClick={() => setEditing(limits)}
                        >
                          Edit
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {admin && !editing && defaults && (
            <button
              type="button"
              className={`${buttonClass} self-start`}
              onClick={() => setEditing({ ...defaults, account_id: 1 })}
            >
              Add account limits
            </button>
          )}
          {editing && (
            <LimitsEditor
              key={editing.account_id}
              initial={editing}
              onDone={() => setEditing(null)}
            />
          )}
        </section>
      </QueryState>
    </Page>
  );
}
