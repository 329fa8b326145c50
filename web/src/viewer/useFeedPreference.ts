import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'candor.feed';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'non-profiling';
  } catch {
    return false;
  }
}

// Storage may refuse (private mode): the choice then lasts until the page reloads.
let current = stored();
const read = () => current;

/** The stored choice, outside React (the app's start prefetches the feed the viewer will see). */
export const readNonProfilingPreference = read;

/**
 * Whether the viewer chose the feed that is not based on their profile. Kept in this browser only: the
 * choice itself says nothing the server needs to keep, and every request states which feed it wants.
 */
export function useNonProfilingFeed(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => false,
  );
  const set = useCallback((on: boolean) => {
    current = on;
    try {
      if (on) window.localStorage.setItem(KEY, 'non-profiling');
      else window.localStorage.removeItem(KEY);
    } catch {
      // kept in memory only
    }
    for (const listener of listeners) listener();
  }, []);
  return [value, set];
}
