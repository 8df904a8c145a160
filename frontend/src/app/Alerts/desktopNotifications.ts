/** The browser's answer about system notifications, or `unsupported` where it has no Notification API. */
export type DesktopPermission = NotificationPermission | 'unsupported';

function notificationApi(): typeof Notification | undefined {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : undefined;
}

export function desktopPermission(): DesktopPermission {
  return notificationApi()?.permission ?? 'unsupported';
}

/**
 * Shows a system notification when the browser has one and the user allowed them before; never asks. `tag` makes a
 * second one for the same thing replace the first.
 */
export function showDesktopNotification(title: string, body: string, tag: string): void {
  const api = notificationApi();
  if (api?.permission !== 'granted') {
    return;
  }
  try {
    new api(title, { body, tag });
  } catch {
    // Some browsers (Chrome on Android) show notifications only through a service worker: the toast is enough.
  }
}

/** Asks the user to allow system notifications (only ever on a click); resolves to the answer. */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  const api = notificationApi();
  if (!api) {
    return 'unsupported';
  }
  try {
    return await api.requestPermission();
  } catch {
    return api.permission;
  }
}
