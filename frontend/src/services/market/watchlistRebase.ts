import type { UnknownAction } from '@reduxjs/toolkit';
import { MAX_WATCHLISTS, activeList, watchlistActions, watchlistReducer } from './watchlistSlice';
import type { LoadedWatchlists, WatchlistState } from './watchlistSlice';

/**
 * One change the user made to the lists, as the store took it, with what it needs to be made again on other lists:
 * the name of the list it acted on (the open one, or the one an index named; the new one for a list added) and,
 * for an instrument removed or given another mode, its symbol.
 */
export interface LoggedChange {
  action: UnknownAction;
  list: string;
  symbol?: string;
}

/** The change `action` made from `before` to `after`, logged to be made again should a save meet a newer version. */
export function logChange(
  action: UnknownAction,
  before: WatchlistState,
  after: WatchlistState,
): LoggedChange {
  const { listAdded, listRenamed, listRemoved, listOpened, removed } = watchlistActions;
  if (listAdded.match(action)) {
    return { action, list: activeList(after).name };
  }
  if (listRenamed.match(action)) {
    return { action, list: before.lists[action.payload.index]?.name ?? '' };
  }
  if (listRemoved.match(action) || listOpened.match(action)) {
    return { action, list: before.lists[action.payload]?.name ?? '' };
  }
  const list = activeList(before);
  const token = removed.match(action)
    ? action.payload
    : watchlistActions.modeChanged.match(action)
      ? action.payload.token
      : undefined;
  if (token !== undefined) {
    const item = list.items.find((candidate) => candidate.instrument_token === token);
    return { action, list: list.name, symbol: item?.tradingsymbol };
  }
  return { action, list: list.name };
}

/**
 * What a change is, in a few words, as the user is told it was not saved; null for one whose loss changes nothing
 * the user would miss (a selection, a list opened, or what was removed along with its list).
 */
export function describeChange(change: LoggedChange): string | null {
  const { action, list } = change;
  const actions = watchlistActions;
  if (actions.added.match(action)) {
    return `${action.payload.tradingsymbol} added to "${list}"`;
  }
  if (actions.removed.match(action)) {
    return `${change.symbol ?? action.payload} removed from "${list}"`;
  }
  if (actions.modeChanged.match(action)) {
    return `${change.symbol ?? action.payload.token} set to ${action.payload.mode} in "${list}"`;
  }
  if (actions.reordered.match(action)) {
    return `the new order of "${list}"`;
  }
  if (actions.listAdded.match(action)) {
    return `the new list "${list}"`;
  }
  if (actions.listRenamed.match(action)) {
    return `"${list}" renamed to "${action.payload.name.trim()}"`;
  }
  if (actions.listRemoved.match(action)) {
    return `"${list}" deleted`;
  }
  return null;
}

/** The description of each change that has one, joined for a sentence. */
export function describeChanges(changes: readonly LoggedChange[]): string {
  return changes
    .map(describeChange)
    .filter((text): text is string => text !== null)
    .join('; ');
}

export interface Rebased {
  /** `theirs` with every change that still applies made on top, at their version. */
  lists: LoadedWatchlists;
  /** The changes made on top: those a save must send. */
  applied: LoggedChange[];
  /** What could not be made again, in words, with why (a list no longer there, seven lists already). */
  skipped: string[];
}

function reduce(state: WatchlistState, action: UnknownAction): WatchlistState {
  return watchlistReducer(state, action);
}

/**
 * The user's changes (oldest first) made again on top of the lists another window saved (`theirs`): each one acts on
 * the list of the same name (a list the user added or renamed here by the name it got here), an instrument added
 * where it is not yet, a new order for the instruments the list still has (others after them), a list added while
 * there are fewer than MAX_WATCHLISTS. A change whose list is no longer there, or that there is no room for, is left
 * out and said in `skipped` when its loss matters (see describeChange).
 */
export function rebaseChanges(theirs: LoadedWatchlists, changes: readonly LoggedChange[]): Rebased {
  const actions = watchlistActions;
  let state = reduce(watchlistReducer(undefined, { type: '' }), actions.loaded(theirs));
  const start = state;
  // The name each list the user added or renamed here has on top of theirs.
  const renamed = new Map<string, string>();
  // The lists added here that there was no room for.
  const dropped = new Set<string>();
  const applied: LoggedChange[] = [];
  const skipped: string[] = [];
  const skip = (change: LoggedChange, why: string) => {
    const what = describeChange(change);
    if (what !== null) {
      skipped.push(`${what} (${why})`);
    }
  };
  for (const change of changes) {
    const { action, list } = change;
    const before = state;
    if (actions.listAdded.match(action)) {
      if (state.lists.length >= MAX_WATCHLISTS) {
        skip(change, `there are ${MAX_WATCHLISTS} lists already`);
        dropped.add(list);
        continue;
      }
      state = reduce(state, action);
      renamed.set(list, activeList(state).name);
    } else {
      const index = state.lists.findIndex((named) => named.name === (renamed.get(list) ?? list));
      if (index < 0) {
        if (!actions.removed.match(action) && !actions.listRemoved.match(action)) {
          skip(
            change,
            dropped.has(list) ? 'that list could not be added' : 'that list is no longer there',
          );
        }
        continue;
      }
      if (actions.listRenamed.match(action)) {
        state = reduce(state, actions.listRenamed({ index, name: action.payload.name }));
        renamed.set(action.payload.name.trim(), activeList({ ...state, active: index }).name);
      } else if (actions.listRemoved.match(action)) {
        state = reduce(state, actions.listRemoved(index));
      } else if (actions.listOpened.match(action)) {
        state = reduce(state, actions.listOpened(index));
      } else {
        const open = state.active;
        let made = action;
        if (actions.reordered.match(action)) {
          const items = state.lists[index]?.items ?? [];
          const tokens = new Set(items.map((item) => item.instrument_token));
          const kept = action.payload.filter((token) => tokens.has(token));
          const named = new Set(kept);
          made = actions.reordered([
            ...kept,
            ...items.map((item) => item.instrument_token).filter((token) => !named.has(token)),
          ]);
        }
        state = { ...reduce({ ...state, active: index }, made), active: open };
        if (state.lists === before.lists) {
          state = before;
        }
      }
    }
    if (state !== before) {
      applied.push(change);
    }
  }
  const changed = state.lists !== start.lists || state.active !== start.active;
  return {
    lists: {
      lists: state.lists,
      active: state.active,
      saved: theirs.saved,
      version: theirs.version,
    },
    applied: changed ? applied : [],
    skipped,
  };
}
