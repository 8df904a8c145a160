import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../../services/api/errors';
import { ROLES } from '../../services/api/types';
import type { UserView } from '../../services/api/types';
import {
  useCreateUserMutation,
  useDeleteUserMutation,
  useUpdateUserMutation,
  useUsersQuery,
} from '../../services/users/usersApi';
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
import { useClearOnEdit } from '../common/useClearOnEdit';

/** Account ids as typed, or why one is not an account id: a whole number from 1 to 2^53 - 1, sent exactly. */
function parseAccounts(text: string): { ids: number[] } | { error: string } {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const wrong = parts.find(
    (part) => !/^\d+$/.test(part) || !Number.isSafeInteger(Number(part)) || Number(part) < 1,
  );
  if (wrong !== undefined) {
    return {
      error: `Accounts: ${wrong} is not an account id, a whole number from 1 to ${Number.MAX_SAFE_INTEGER}.`,
    };
  }
  return { ids: parts.map(Number) };
}

function CreateUserForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['trader']);
  const [accounts, setAccounts] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [create, { isLoading, error, reset }] = useCreateUserMutation();
  // An edit, or a new local error, replaces the gateway's refusal of what was sent before.
  const edited = useClearOnEdit(reset);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[A-Za-z0-9._-]{3,64}$/.test(username)) {
      found.username = "3 to 64 letters, digits, '.', '_' or '-'.";
    }
    if (password.length < 12 || password.length > 256) {
      found.password = 'The password must be 12 to 256 characters.';
    }
    if (roles.length === 0) {
      found.roles = 'Pick at least one role.';
    }
    const parsed = parseAccounts(accounts);
    if ('error' in parsed) {
      found.accounts = parsed.error;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || 'error' in parsed) {
      reset();
      return;
    }
    const result = await create({ username, password, roles, account_ids: parsed.ids });
    if ('data' in result) {
      setUsername('');
      setPassword('');
      setAccounts('');
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5"
      aria-label="New user"
    >
      <label className="flex flex-col text-xs text-slate-400">
        Username
        <input
          className={inputClass}
          value={username}
          onChange={(event) => edited(setUsername)(event.target.value)}
        />
        {errors.username && <span className="text-rose-300">{errors.username}</span>}
      </label>
      <label className="flex flex-col text-xs text-slate-400">
        Password
        <input
          className={inputClass}
          type="password"
          value={password}
          onChange={(event) => edited(setPassword)(event.target.value)}
        />
        {errors.password && <span className="text-rose-300">{errors.password}</span>}
      </label>
      <fieldset className="flex flex-col text-xs text-slate-400">
        <legend>Roles</legend>
        <div className="flex flex-wrap gap-2">
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) =>
                  edited(setRoles)((current: string[]) =>
                    event.target.checked ? [...current, role] : current.filter((r) => r !== role),
                  )
                }
              />
              {role}
            </label>
          ))}
        </div>
        {errors.roles && <span className="text-rose-300">{errors.roles}</span>}
      </fieldset>
      <label className="flex flex-col text-xs text-slate-400">
        Accounts (comma separated)
        <input
          className={inputClass}
          value={accounts}
          onChange={(event) => edited(setAccounts)(event.target.value)}
        />
        {errors.accounts && <span className="text-rose-300">{errors.accounts}</span>}
      </label>
      <div className="flex items-end">
        <button type="submit" className={buttonClass} disabled={isLoading}>
          Create user
        </button>
      </div>
      {error && <ErrorNote>{describeError(error)}</ErrorNote>}
    </form>
  );
}

function EditUser({ user, onDone }: { user: UserView; onDone: () => void }) {
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [accounts, setAccounts] = useState(user.account_ids.join(', '));
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [update, { isLoading, error, reset }] = useUpdateUserMutation();
  const clear = useCallback(() => {
    reset();
    setProblem(null);
  }, [reset]);
  const edited = useClearOnEdit(clear);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAccounts(accounts);
    reset();
    if (roles.length === 0) {
      setProblem('Pick at least one role.');
      return;
    }
    if ('error' in parsed) {
      setProblem(parsed.error);
      return;
    }
    const accountIds = parsed.ids;
    if (password !== '' && (password.length < 12 || password.length > 256)) {
      setProblem('A new password must be 12 to 256 characters.');
      return;
    }
    setProblem(null);
    const result = await update({
      id: user.id,
      change: { roles, account_ids: accountIds, ...(password ? { password } : {}) },
    });
    if ('data' in result) {
      onDone();
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-wrap items-end gap-3 text-xs"
      aria-label={`Edit ${user.username}`}
    >
      <fieldset className="flex gap-2">
        <legend className="text-slate-400">Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(event) =>
                edited(setRoles)((current: string[]) =>
                  event.target.checked ? [...current, role] : current.filter((r) => r !== role),
                )
              }
            />
            {role}
          </label>
        ))}
      </fieldset>
      <label className="flex flex-col text-slate-400">
        Accounts
        <input
          className={inputClass}
          value={accounts}
          onChange={(event) => edited(setAccounts)(event.target.value)}
        />
      </label>
      <label className="flex flex-col text-slate-400">
        New password (optional)
        <input
          className={inputClass}
          type="password"
          value={password}
          onChange={(event) => edited(setPassword)(event.target.value)}
        />
      </label>
      <button type="submit" className={buttonClass} disabled={isLoading}>
        Save
      </button>
      <button type="button" className={buttonClass} onClick={onDone}>
        Cancel
      </button>
      {(problem ?? error) && <ErrorNote>{problem ?? describeError(error)}</ErrorNote>}
    </form>
  );
}

function UserRow({ user }: { user: UserView }) {
  const [update, updateState] = useUpdateUserMutation();
  const [remove, removeState] = useDeleteUserMutation();
  const [editing, setEditing] = useState(false);
  const problem = updateState.error ?? removeState.error;
  return (
    <>
      <tr className="border-b border-slate-800/70">
        <td className={tdClass}>{user.username}</td>
        <td className={tdClass}>{user.roles.join(', ')}</td>
        <td className={tdClass}>{user.account_ids.join(', ') || '–'}</td>
        <td className={tdClass}>{user.enabled ? 'enabled' : 'disabled'}</td>
        <td className={`${tdClass} whitespace-nowrap`}>
          <button
            type="button"
            className={`${buttonClass} mr-1`}
            onClick={() => setEditing(!editing)}
          >
            Edit
          </button>
          <button
            type="button"
            className={`${buttonClass} mr-1`}
            onClick={() => void update({ id: user.id, change: { enabled: !user.enabled } })}
          >
            {user.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              if (window.confirm(`Delete user ${user.username}?`)) {
                void remove(user.id);
              }
            }}
          >
            Delete
          </button>
          {problem && <ErrorNote>{describeError(problem)}</ErrorNote>}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={5} className="bg-slate-900 px-4 py-2">
            <EditUser user={user} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

export function UsersPage() {
  const users = useUsersQuery();
  return (
    <Page title="Users">
      <CreateUserForm />
      <QueryState what="Users" isLoading={users.isLoading} error={users.error}>
        <div className={tableScrollClass}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Username</th>
                <th className={thClass}>Roles</th>
                <th className={thClass}>Accounts</th>
                <th className={thClass}>State</th>
                <th className={thClass} />
              </tr>
            </thead>
            <tbody>
              {users.data?.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </Page>
  );
}
