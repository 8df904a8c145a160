import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useLogin, useSession } from '../../services/auth/hooks';
import { ErrorNote, inputClass } from '../common/States';

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const [signIn, busy] = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (session.token) {
    const from = (location.state as { from?: string } | null)?.from ?? '/';
    return <Navigate to={from} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setError(null);
    const outcome = await signIn(username.trim(), password);
    if (!outcome.ok) {
      setError(outcome.message ?? 'Sign-in failed.');
    }
  };

  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <form
        onSubmit={(event) => void submit(event)}
        className="flex w-full max-w-sm flex-col gap-3 rounded-lg border border-slate-800 bg-slate-900 p-6"
        aria-label="Sign in"
      >
        <h1 className="text-xl font-semibold text-slate-100">QuantumLeap</h1>
        {session.message && !error && (
          <p role="status" className="rounded bg-sky-950/60 p-2 text-sm text-sky-200">
            {session.message}
          </p>
        )}
        {error && <ErrorNote>{error}</ErrorNote>}
        <label className="flex flex-col gap-1 text-sm">
          Username
          <input
            className={inputClass}
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoFocus
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Password
          <input
            className={inputClass}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-sky-600 px-3 py-2 font-medium text-white hover:bg-sky-500 disabled:opacity-50"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
