import { isAnyOf } from '@reduxjs/toolkit';
import type { Middleware, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { describeError, errorBody, errorStatus } from '../api/errors';
import type { WatchlistChange, Watchlists } from '../api/types';
import { loggedIn } from '../auth/sessionSlice';
import type { SessionState } from '../auth/sessionSlice';
import { liveBatch } from '../live/liveActions';
import { noticesActions } from '../notices/noticesSlice';
import { watchlistApi } from './watchlistApi';
import { describeChanges, logChange, rebaseChanges } from './watchlistRebase';
import type { LoggedChange } from './watchlistRebase';
import {
  LEGACY_WATCHLIST_KEY,
  defaultListName,
  fromServer,
  loadLegacyWatchlist,
  watchlistActions,
} from './watchlistSlice';
import type { WatchlistState } from './watchlistSlice';

/** How long the lists must stay unchanged before they are saved: a burst of changes is one PUT. */
export const WATCHLIST_SAVE_DELAY_MS = 400;

/** Waits before saving again after a failed save (not a 400): one after another, the last repeated. */
export const WATCHLIST_RETRY_MS = [1_000, 2_000, 5_000] as const;

/**
 * How often the lists are asked for again while the user has saved none and the gateway says its defaults are still
 * `loading` (the broker is not connected, or its instruments are still passing through the engine): it offers them
 * whole once they are all in.
 */
export const WATCHLIST_DEFAULTS_POLL_MS = 5_000;

/**
 * How often they are asked for instead for WATCHLIST_AFTER_CONNECT_MS once the live socket says a broker session
 * connected: the broker's instruments are loading then, and the defaults come as soon as they are all in.
 */
export const WATCHLIST_CONNECTING_POLL_MS = 1_000;

/** How long after a broker session connected the defaults are asked for every WATCHLIST_CONNECTING_POLL_MS. */
export const WATCHLIST_AFTER_CONNECT_MS = 60_000;

/** The id of the notice a refused save shows; the next refusal replaces it. */
export const WATCHLIST_NOTICE_ID = 'watchlist';

/** Said when a save met lists saved elsewhere and there was nothing of the user's to make again on top of them. */
const CHANGED_ELSEWHERE = {
  id: WATCHLIST_NOTICE_ID,
  title: 'Your watchlists were changed in another window',
  detail: 'This page now shows them; your last change here was not saved.',
};

/** Calls `listener` every time the page is back in front of the user. */
export type PageShown = (listener: () => void) => void;

/** The browser's page is back in front of the user when its document becomes visible or its window gets the focus. */
export const browserPageShown: PageShown = (listener) => {
  if (typeof document === 'undefined' || typeof window === 'undefined') {
    return;
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      listener();
    }
  });
  window.addEventListener('focus', () => listener());
};

interface SyncRootState {
  session: SessionState;
  watchlist: WatchlistState;
}

const isChange = isAnyOf(
  watchlistActions.added,
  watchlistActions.removed,
  watchlistActions.modeChanged,
  watchlistActions.reordered,
  watchlistActions.selected,
  watchlistActions.listAdded,
  watchlistActions.listRenamed,
  watchlistActions.listRemoved,
  watchlistActions.listOpened,
);

/**
 * Every list as PUT /api/watchlist takes them, in order, the open one, and the version they were read or saved
 * as: exactly their fields.
 */
export function watchlistChange(
  state: Pick<WatchlistState, 'lists' | 'active' | 'version'>,
): WatchlistChange {
  return {
    lists: state.lists.map((list) => ({
      name: list.name,
      items: list.items.map((item) => ({
        instrument_token: item.instrument_token,
        mode: item.mode,
      })),
      selected: list.selected,
    })),
    active: state.active,
    version: state.version,
  };
}

/** Whether the gateway offers nothing: the user saved no lists and it has no defaults (no instruments yet). */
function offersNothing(watchlists: Watchlists): boolean {
  return !watchlists.saved && watchlists.lists.every((list) => list.items.length === 0);
}

function refusal(error: Parameters<typeof describeError>[0]): string {
  return errorBody(error)?.message || describeError(error);
}

/**
 * Keeps the store's watchlists in step with the signed-in user's lists on the gateway. While a session exists
 * the lists are read (and, while the user has saved none, read again every WATCHLIST_DEFAULTS_POLL_MS, every
 * WATCHLIST_CONNECTING_POLL_MS for a minute after a broker session connected, until the gateway offers defaults
 * and no longer says they are `loading`; a failed read keeps those shown); every change the user makes once
 * they are read (to a list's instruments, their order, modes or selection, or to the lists themselves: added,
 * renamed, deleted, opened) saves all of them whole, WATCHLIST_SAVE_DELAY_MS after the last of a burst, one
 * save at a time, the latest lists after the ones in flight. A save that fails is tried again after WATCHLIST_RETRY_MS, the change kept; one the gateway refuses
 * (400) is shown to the user and not tried again until the next change. The first time a user with no saved
 * lists signs in where the browser still keeps a list of its own (under LEGACY_WATCHLIST_KEY), that list
 * becomes the user's one list, "Watchlist 1".
 *
 * Every save names the version of the lists it changes. When they were saved since (in another window, say)
 * the gateway saves nothing (409): the lists are read again, the user's changes not yet saved (those made while
 * they are read as well) are made again on top of them where they still apply (see rebaseChanges) and saved once
 * more, and the user is told what was kept and, plainly, what was not; should that save meet yet another version,
 * the lists are read and shown once more and the user is told that their changes were not saved. Each time the page is back in front
 * of the user (`pageShown`) while nothing waits to be saved, the lists are read again quietly and shown when
 * their version is another, should nothing wait to be saved by then either.
 */
export function createWatchlistSync(
  storage: Storage | undefined,
  pageShown: PageShown = browserPageShown,
): Middleware<object, unknown, ThunkDispatch<unknown, unknown, UnknownAction>> {
  return (store) => {
    const state = () => store.getState() as SyncRootState;
    // Bumped at every sign-in and sign-out: answers to an older session's calls are dropped.
    let session = 0;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let saving = false;
    // The lists changed since they were last sent.
    let dirty = false;
    let failures = 0;
    // The user changed the lists since they were read: a late answer of the defaults poll is not applied.
    let edited = false;
    // The gateway's defaults while the browser's own list is being adopted, kept should the gateway refuse it.
    let migrating: Watchlists | null = null;
    // The lists are read again after a save the gateway refused as made to an older version: changes are dropped.
    let rereading = false;
    // The lists are read again because the page is back in front of the user.
    let peeking = false;
    // The user's changes since the lists were last read or saved, oldest first, to be made again after a 409.
    let changes: LoggedChange[] = [];
    // The changes being saved are made again on top of another window's lists: a second 409 gives up.
    let rebased = false;
    // The gateway's defaults as last read, while the user has saved no lists: shown again only when they change.
    let offered: string | undefined;
    /** Until when (Date.now()) the defaults are asked for every WATCHLIST_CONNECTING_POLL_MS. */
    let connectingUntil = 0;
    const pollDelay = () =>
      Date.now() < connectingUntil ? WATCHLIST_CONNECTING_POLL_MS : WATCHLIST_DEFAULTS_POLL_MS;

    const stop = () => {
      session += 1;
      clearTimeout(saveTimer);
      clearTimeout(pollTimer);
      saveTimer = undefined;
      pollTimer = undefined;
      saving = false;
      dirty = false;
      failures = 0;
      edited = false;
      migrating = null;
      rereading = false;
      peeking = false;
      offered = undefined;
      changes = [];
      rebased = false;
    };

    const pending = () => dirty || saving || rereading;

    const schedule = (ms: number) => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        void save();
      }, ms);
    };

    const save = async () => {
      if (saving || !dirty) {
        return;
      }
      const mine = session;
      dirty = false;
      saving = true;
      const sent = changes.length;
      const result = await store.dispatch(
        watchlistApi.endpoints.saveWatchlist.initiate(watchlistChange(state().watchlist), {
          track: false,
        }),
      );
      if (mine !== session) {
        return;
      }
      saving = false;
      if (result.error === undefined) {
        failures = 0;
        changes = changes.slice(sent);
        rebased = false;
        const adopted = migrating;
        migrating = null;
        if (adopted) {
          storage?.removeItem(LEGACY_WATCHLIST_KEY);
        }
        if (adopted && !dirty) {
          store.dispatch(watchlistActions.loaded(fromServer(result.data)));
        } else {
          store.dispatch(watchlistActions.savedOnServer({ version: result.data.version }));
        }
      } else if (errorStatus(result.error) === 409) {
        failures = 0;
        dirty = false;
        clearTimeout(saveTimer);
        saveTimer = undefined;
        if (migrating) {
          migrating = null;
          storage?.removeItem(LEGACY_WATCHLIST_KEY);
        }
        edited = false;
        rereading = true;
        void reconcile();
        return;
      } else if (errorStatus(result.error) === 400) {
        failures = 0;
        const reason = refusal(result.error);
        const defaults = migrating;
        migrating = null;
        if (defaults) {
          storage?.removeItem(LEGACY_WATCHLIST_KEY);
          dirty = false;
          store.dispatch(watchlistActions.loaded(fromServer(defaults)));
          store.dispatch(
            noticesActions.warned({
              id: WATCHLIST_NOTICE_ID,
              title: "This browser's watchlist was not kept",
              detail: `The gateway refused it: ${reason}. Your watchlist starts from the defaults.`,
            }),
          );
          return;
        }
        store.dispatch(watchlistActions.saveFailed({ reason, retrying: false }));
        store.dispatch(
          noticesActions.warned({
            id: WATCHLIST_NOTICE_ID,
            title: 'Watchlist not saved',
            detail: reason,
          }),
        );
      } else {
        dirty = true;
        failures += 1;
        store.dispatch(
          watchlistActions.saveFailed({ reason: describeError(result.error), retrying: true }),
        );
        if (saveTimer === undefined) {
          schedule(
            WATCHLIST_RETRY_MS[Math.min(failures, WATCHLIST_RETRY_MS.length) - 1] ??
              WATCHLIST_SAVE_DELAY_MS,
          );
        }
        return;
      }
      if (dirty && saveTimer === undefined) {
        void save();
      }
    };

    const adopt = (defaults: Watchlists): boolean => {
      const legacy = loadLegacyWatchlist(storage);
      if (legacy.items.length === 0) {
        return false;
      }
      migrating = defaults;
      store.dispatch(
        watchlistActions.loaded({
          lists: [{ name: defaultListName(1), ...legacy }],
          active: 0,
          saved: false,
          version: defaults.version,
        }),
      );
      dirty = true;
      void save();
      return true;
    };

    // The user's lists as the gateway has them now, never from RTK Query's cache.
    const read = () =>
      store.dispatch(
        watchlistApi.endpoints.watchlist.initiate(undefined, {
          subscribe: false,
          forceRefetch: true,
        }),
      );

    const load = async () => {
      clearTimeout(pollTimer);
      pollTimer = undefined;
      const mine = session;
      const result = await read();
      if (mine !== session) {
        return;
      }
      rereading = false;
      if (edited) {
        return;
      }
      if (result.isError || !result.data) {
        const shown = state().watchlist;
        if (shown.status === 'ready' && !shown.saved) {
          // The defaults shown are being read again: they stay, and are asked for again.
          pollTimer = setTimeout(() => void load(), pollDelay());
          return;
        }
        store.dispatch(watchlistActions.loadFailed(describeError(result.error)));
        return;
      }
      const watchlists = result.data;
      if (offersNothing(watchlists)) {
        // Nothing to show and, before the broker's instruments are loaded, nothing a browser's own list
        // could be saved as: ask again until there is.
        const now = state().watchlist;
        if (
          now.status !== 'ready' ||
          now.saved ||
          now.lists.some((list) => list.items.length > 0)
        ) {
          store.dispatch(watchlistActions.loaded(fromServer(watchlists)));
        }
        offered = undefined;
        pollTimer = setTimeout(() => void load(), pollDelay());
        return;
      }
      if (!watchlists.saved && adopt(watchlists)) {
        return;
      }
      if (watchlists.saved) {
        store.dispatch(watchlistActions.loaded(fromServer(watchlists)));
        return;
      }
      // The gateway's defaults, shown when they change; read again while it says they are `loading` (it offers
      // them whole once the broker's instruments are all in, so only a gateway from before that offers some).
      const defaults = JSON.stringify(watchlists.lists);
      if (defaults !== offered) {
        offered = defaults;
        store.dispatch(watchlistActions.loaded(fromServer(watchlists)));
      }
      if (watchlists.loading) {
        pollTimer = setTimeout(() => void load(), pollDelay());
      }
    };

    const warnNotSaved = (lost: string, why: string) => {
      store.dispatch(
        noticesActions.warned({
          id: WATCHLIST_NOTICE_ID,
          title: 'Watchlist change not saved',
          detail: `${why} Not saved: ${lost}.`,
        }),
      );
    };

    /**
     * After a save met lists saved elsewhere (409): reads them and makes the user's changes again on top of them,
     * saving the result once; a second 409 shows their lists as they are.
     */
    const reconcile = async () => {
      const mine = session;
      const result = await read();
      if (mine !== session) {
        return;
      }
      rereading = false;
      const mineToKeep = changes;
      const lastTry = rebased;
      changes = [];
      rebased = false;
      if (result.isError || !result.data) {
        if (mineToKeep.length > 0) {
          warnNotSaved(
            describeChanges(mineToKeep),
            'Your watchlists were changed in another window and could not be read again.',
          );
        } else {
          store.dispatch(noticesActions.warned(CHANGED_ELSEWHERE));
        }
        store.dispatch(watchlistActions.loadFailed(describeError(result.error)));
        return;
      }
      const theirs = fromServer(result.data);
      if (mineToKeep.length === 0) {
        store.dispatch(noticesActions.warned(CHANGED_ELSEWHERE));
        store.dispatch(watchlistActions.loaded(theirs));
        return;
      }
      if (lastTry) {
        store.dispatch(watchlistActions.loaded(theirs));
        warnNotSaved(
          describeChanges(mineToKeep),
          'Your watchlists were changed in another window; this page now shows them.',
        );
        return;
      }
      const { lists, applied, skipped } = rebaseChanges(theirs, mineToKeep);
      store.dispatch(watchlistActions.loaded(lists));
      if (skipped.length > 0) {
        warnNotSaved(
          skipped.join('; '),
          applied.length > 0
            ? 'Your watchlists were changed in another window; this page now shows them, with the rest of your change saved on top.'
            : 'Your watchlists were changed in another window; this page now shows them.',
        );
      } else if (applied.length > 0) {
        store.dispatch(
          noticesActions.announced({
            id: WATCHLIST_NOTICE_ID,
            title: 'Your watchlists were changed in another window',
            detail: 'This page now shows them, with your change here saved on top.',
          }),
        );
      }
      if (applied.length > 0) {
        changes = applied;
        rebased = true;
        dirty = true;
        void save();
      }
    };

    const peek = async () => {
      const asked = state().watchlist;
      if (!state().session.token || asked.status !== 'ready' || peeking || pending()) {
        return;
      }
      const mine = session;
      peeking = true;
      const result = await read();
      if (mine !== session) {
        return;
      }
      peeking = false;
      const watchlists = result.data;
      if (
        !watchlists ||
        pending() ||
        state().watchlist !== asked ||
        watchlists.version === asked.version
      ) {
        return;
      }
      store.dispatch(watchlistActions.loaded(fromServer(watchlists)));
    };

    pageShown(() => void peek());

    if (state().session.token) {
      queueMicrotask(() => void load());
    }

    return (next) => (action) => {
      const token = state().session.token;
      const before = state().watchlist;
      const result = next(action);
      const after = state();
      if (loggedIn.match(action) || after.session.token !== token) {
        stop();
        if (after.session.token) {
          void load();
        }
      } else if (
        liveBatch.match(action) &&
        action.payload.brokers.some((broker) => broker.state === 'connected')
      ) {
        connectingUntil = Date.now() + WATCHLIST_AFTER_CONNECT_MS;
        if (pollTimer !== undefined) {
          clearTimeout(pollTimer);
          pollTimer = setTimeout(() => void load(), WATCHLIST_CONNECTING_POLL_MS);
        }
      } else if (watchlistActions.reloadRequested.match(action) && after.session.token) {
        stop();
        void load();
      } else if (watchlistActions.loaded.match(action)) {
        changes = [];
      } else if (isChange(action) && before.status === 'ready' && after.watchlist !== before) {
        changes.push(logChange(action, before, after.watchlist));
        if (rereading) {
          return result;
        }
        edited = true;
        clearTimeout(pollTimer);
        pollTimer = undefined;
        dirty = true;
        schedule(WATCHLIST_SAVE_DELAY_MS);
      }
      return result;
    };
  };
}
