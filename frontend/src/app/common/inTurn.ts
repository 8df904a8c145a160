import { noticesActions } from '../../services/notices/noticesSlice';

/** One item of a run that could not be sent, named as the notice names it, and why. */
export interface RunFailure {
  name: string;
  reason: string;
}

/**
 * Sends `items` one after another, each once the gateway answered the one before (the gateway paces the broker's
 * order changes). `send` resolves to null when the gateway took the item, or to the reason it did not.
 */
export async function sendInTurn<T>(
  items: T[],
  name: (item: T) => string,
  send: (item: T) => Promise<string | null>,
): Promise<{ sent: number; failures: RunFailure[] }> {
  let sent = 0;
  const failures: RunFailure[] = [];
  for (const item of items) {
    const reason = await send(item);
    if (reason === null) {
      sent += 1;
    } else {
      failures.push({ name: name(item), reason });
    }
  }
  return { sent, failures };
}

/**
 * The one notice of a run ("Cancel all", "Exit all"): how many of its orders were sent and each failure with its
 * reason. A run with a failure stays until dismissed.
 */
export function runNotice(
  id: string,
  run: { title: string; noun: string; nouns: string },
  sent: number,
  failures: RunFailure[],
): ReturnType<typeof noticesActions.announced | typeof noticesActions.warned> {
  const total = sent + failures.length;
  const counted = `Sent ${sent} of ${total} ${total === 1 ? run.noun : run.nouns}.`;
  if (failures.length === 0) {
    return noticesActions.announced({ id, title: `${run.title}: sent`, detail: counted });
  }
  const failed = failures.map((failure) => `${failure.name}: ${failure.reason}`).join('; ');
  return noticesActions.warned({
    id,
    title: `${run.title}: ${failures.length} failed`,
    detail: `${counted} Failed: ${failed}`,
  });
}
