import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog, DialogFooter } from './Dialog';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">Behind</button>
      {open && (
        <Dialog label="Test dialog" onClose={() => setOpen(false)}>
          <input aria-label="First" />
          <DialogFooter onClose={() => setOpen(false)} closeText="Cancel">
            <button type="button">Last</button>
          </DialogFooter>
        </Dialog>
      )}
    </>
  );
}

describe('dialog', () => {
  it('keeps Tab and Shift+Tab inside the dialog and gives focus back to the opener when it closes', async () => {
    render(<Opener />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const first = screen.getByLabelText('First');
    first.focus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Last' })).toHaveFocus();
    await user.tab();
    expect(first).toHaveFocus();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(first).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Open' })).toHaveFocus();
  });
});
