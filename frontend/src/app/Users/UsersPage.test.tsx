import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { usersRoutes } from '../../services/users/mock';
import { renderWithStore } from '../../test/render';
import type { TestStore } from '../../test/testStore';
import { UsersPage } from './UsersPage';

function page(): TestStore {
  const harness = renderWithStore(<UsersPage />, { routes: usersRoutes() });
  act(() => {
    harness.store.dispatch(
      loggedIn({
        token: 'jwt',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['admin'],
        username: 'admin',
      }),
    );
  });
  return harness;
}

function row(username: string): HTMLElement {
  const found = screen
    .getAllByRole('row')
    .find((candidate) => candidate.querySelector('td')?.textContent === username);
  if (!found) throw new Error(`no row of ${username}`);
  return found;
}

describe('users page', () => {
  it('says what is wrong with a new user before sending anything', async () => {
    const { http } = page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    const form = screen.getByRole('form', { name: 'New user' });
    await user.type(within(form).getByLabelText('Username'), 'r!');
    await user.type(within(form).getByLabelText('Password'), 'short');
    await user.type(within(form).getByLabelText('Accounts (comma separated)'), '2, x');
    await user.click(within(form).getByRole('checkbox', { name: 'trader' }));
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(form).toHaveTextContent("3 to 64 letters, digits, '.', '_' or '-'.");
    expect(form).toHaveTextContent('The password must be 12 to 256 characters.');
    expect(form).toHaveTextContent('Pick at least one role.');
    expect(form).toHaveTextContent(
      'Accounts: x is not an account id, a whole number from 1 to 9007199254740991.',
    );
    expect(http.calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it("checks account ids before sending, and clears the gateway's refusal once the form is edited", async () => {
    const { http } = page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    const form = screen.getByRole('form', { name: 'New user' });
    const accounts = within(form).getByLabelText('Accounts (comma separated)');
    await user.type(within(form).getByLabelText('Username'), 'admin');
    await user.type(within(form).getByLabelText('Password'), 'twelve chars!');
    await user.type(accounts, '2');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('username already exists');
    await user.type(accounts, ', 99999999999999999999');
    expect(form).not.toHaveTextContent('username already exists');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(form).toHaveTextContent(
      'Accounts: 99999999999999999999 is not an account id, a whole number from 1 to 9007199254740991.',
    );
    expect(form).not.toHaveTextContent('username already exists');
    expect(http.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('creates a user with roles and accounts and lists it', async () => {
    const { http } = page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    const form = screen.getByRole('form', { name: 'New user' });
    await user.type(within(form).getByLabelText('Username'), 'ravi');
    await user.type(within(form).getByLabelText('Password'), 'twelve chars!');
    await user.click(within(form).getByRole('checkbox', { name: 'quant' }));
    await user.type(within(form).getByLabelText('Accounts (comma separated)'), '2, 3');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(http.calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'ravi',
      password: 'twelve chars!',
      roles: ['trader', 'quant'],
      account_ids: [2, 3],
    });
    await screen.findByRole('cell', { name: 'ravi' });
    expect(row('ravi')).toHaveTextContent('ravitrader, quant2, 3enabled');
    expect(within(form).getByLabelText('Username')).toHaveValue('');
  });

  it("edits a user's roles and accounts, disables and deletes it", async () => {
    const { http } = page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    const form = screen.getByRole('form', { name: 'New user' });
    await user.type(within(form).getByLabelText('Username'), 'ravi');
    await user.type(within(form).getByLabelText('Password'), 'twelve chars!');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    await screen.findByRole('cell', { name: 'ravi' });

    await user.click(within(row('ravi')).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit ravi' });
    await user.click(within(edit).getByRole('checkbox', { name: 'ops' }));
    await user.type(within(edit).getByLabelText('Accounts'), '4');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(row('ravi')).toHaveTextContent('ravitrader, ops4enabled'));
    expect(screen.queryByRole('form', { name: 'Edit ravi' })).not.toBeInTheDocument();
    expect(http.calls.find((call) => call.method === 'PUT')?.body).toEqual({
      roles: ['trader', 'ops'],
      account_ids: [4],
    });

    await user.click(within(row('ravi')).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(row('ravi')).toHaveTextContent('disabled'));

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(within(row('ravi')).getByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenCalledWith('Delete user ravi?');
    await waitFor(() =>
      expect(screen.queryByRole('cell', { name: 'ravi' })).not.toBeInTheDocument(),
    );
    confirm.mockRestore();
  });

  it('shows why the gateway refused a change: the last admin stays an enabled admin', async () => {
    page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    await user.click(within(row('admin')).getByRole('button', { name: 'Disable' }));
    expect(await within(row('admin')).findByRole('alert')).toHaveTextContent(
      'the last enabled admin must stay an enabled admin',
    );
    expect(row('admin')).toHaveTextContent('enabled');
  });

  it("clears the edit form's refusal, the gateway's or its own, once the form is edited", async () => {
    page();
    const user = userEvent.setup();
    await screen.findAllByRole('cell', { name: 'admin' });
    await user.click(within(row('admin')).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit admin' });
    await user.click(within(edit).getByRole('checkbox', { name: 'ops' }));
    await user.click(within(edit).getByRole('checkbox', { name: 'admin' }));
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(await within(edit).findByRole('alert')).toHaveTextContent(
      'the last enabled admin must stay an enabled admin',
    );
    await user.type(within(edit).getByLabelText('Accounts'), '4');
    expect(within(edit).queryByRole('alert')).toBeNull();
    await user.click(within(edit).getByRole('checkbox', { name: 'ops' }));
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(within(edit).getByRole('alert')).toHaveTextContent('Pick at least one role.');
    await user.click(within(edit).getByRole('checkbox', { name: 'admin' }));
    expect(within(edit).queryByRole('alert')).toBeNull();
  });
});
