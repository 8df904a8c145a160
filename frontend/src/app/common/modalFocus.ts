import { useEffect } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function tabbable(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (element) => element.tabIndex >= 0 && !element.closest('[hidden], [inert]'),
  );
}

/**
 * Keeps Tab and Shift+Tab inside a modal dialog: past its last control focus goes to its first, and back. The
 * dialog's own onKeyDown calls it.
 */
export function trapTab(event: ReactKeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Tab') {
    return;
  }
  const controls = tabbable(event.currentTarget);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && event.currentTarget.contains(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Gives focus back to what had it when a modal dialog opened (the button that opened it), once the dialog closes,
 * unless something else took focus meanwhile.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      const now = document.activeElement;
      if (
        opener instanceof HTMLElement &&
        opener.isConnected &&
        (now === null || now === document.body)
      ) {
        opener.focus();
      }
    };
  }, []);
}
