import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_LIMIT } from '../pipeline/viewer-context.js';
import type { SubjectScope } from './auth/principal.js';
import { ViewerDataCache, type ViewerDataCacheOptions } from './viewer-data-cache.js';

const scope = (subjectId: string, dataVersion: number, subjectKey = 1): SubjectScope => ({
  subjectId,
  subjectKey,
  profileKind: 'adult',
  pseudonym: `p-${subjectId}`,
  auditTag: `t-${subjectId}`,
  dataVersion,
});

/** A cache whose loaders count their calls and answer with the call number, so a reload shows. */
function counted(options: Partial<ViewerDataCacheOptions> = {}) {
  const calls = { consent: 0, history: 0, dismissed: 0 };
  let clock = 0;
  const cache = new ViewerDataCache(
    {
      consent: async () => {
        calls.consent += 1;
        return { personalization: true, source: 'test', version: calls.consent };
      },
      history: async (_id, key) => {
        calls.history += 1;
        return [{ itemKey: key, events: calls.history }];
      },
      dismissed: async () => {
        calls.dismissed += 1;
        return new Set([`item-${calls.dismissed}`]);
      },
    },
    { maxEntries: 10, maxAgeMs: 1000, now: () => clock, ...options },
  );
  return { cache, calls, advance: (ms: number) => (clock += ms) };
}

describe('ViewerDataCache', () => {
  it('reads each field once while the version stands, and again once it moves', async () => {
    const { cache, calls } = counted();
    expect((await cache.get(scope('a', 3), 'consent')).version).toBe(1);
    expect((await cache.get(scope('a', 3), 'consent')).version).toBe(1);
    expect(await cache.get(scope('a', 3), 'dismissed')).toEqual(new Set(['item-1']));
    expect(calls).toEqual({ consent: 1, history: 0, dismissed: 1 });

    expect((await cache.get(scope('a', 4), 'consent')).version).toBe(2);
    // The new version's entry starts empty: every field is read again, not only the one asked first.
    expect(await cache.get(scope('a', 4), 'dismissed')).toEqual(new Set(['item-2']));
    expect(calls).toEqual({ consent: 2, history: 0, dismissed: 2 });
  });

  it('never mixes viewers, and a lower version than held also reloads', async () => {
    const { cache, calls } = counted();
    await cache.get(scope('a', 1), 'consent');
    expect((await cache.get(scope('b', 1), 'consent')).version).toBe(2);
    expect((await cache.get(scope('a', 0), 'consent')).version).toBe(3);
    expect(calls.consent).toBe(3);
  });

  it('reloads an unchanged entry older than maxAgeMs, and sweep drops old entries', async () => {
    const { cache, calls, advance } = counted({ maxAgeMs: 1000 });
    await cache.get(scope('a', 1), 'consent');
    advance(1000);
    await cache.get(scope('a', 1), 'consent');
    expect(calls.consent).toBe(1);
    advance(1);
    await cache.get(scope('a', 1), 'consent');
    expect(calls.consent).toBe(2);

    await cache.get(scope('b', 1), 'consent');
    advance(600);
    await cache.get(scope('c', 1), 'consent');
    advance(600);
    cache.sweep();
    // a and b were read 1,200 ms ago, c 600 ms ago.
    expect(cache.size).toBe(1);
  });

  it('forgets the least recently used viewer beyond maxEntries, and a forgotten one on request', async () => {
    const { cache, calls } = counted({ maxEntries: 2 });
    await cache.get(scope('a', 1), 'consent');
    await cache.get(scope('b', 1), 'consent');
    await cache.get(scope('a', 1), 'consent'); // a is now the most recent
    await cache.get(scope('c', 1), 'consent'); // b goes
    expect(cache.size).toBe(2);
    await cache.get(scope('a', 1), 'consent');
    expect(calls.consent).toBe(3);
    await cache.get(scope('b', 1), 'consent');
    expect(calls.consent).toBe(4);

    cache.forget('b');
    await cache.get(scope('b', 1), 'consent');
    expect(calls.consent).toBe(5);
  });

  it('reads the store every time when maxEntries is 0', async () => {
    const { cache, calls } = counted({ maxEntries: 0 });
    await cache.get(scope('a', 1), 'consent');
    await cache.get(scope('a', 1), 'consent');
    expect(calls.consent).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('serves the history source from the cache for the scope viewer at the default limit only', async () => {
    const { cache, calls } = counted();
    const store: { calls: [number, number][] } = { calls: [] };
    const direct = {
      itemsOfSubject: async (key: number, limit = DEFAULT_HISTORY_LIMIT) => {
        store.calls.push([key, limit]);
        return [];
      },
    };
    const source = cache.historyOf(scope('a', 1, 7), direct);
    expect(await source.interactions.itemsOfSubject(7)).toEqual([{ itemKey: 7, events: 1 }]);
    expect(await source.interactions.itemsOfSubject(7, DEFAULT_HISTORY_LIMIT)).toEqual([
      { itemKey: 7, events: 1 },
    ]);
    expect(calls.history).toBe(1);
    await source.interactions.itemsOfSubject(7, 5);
    await source.interactions.itemsOfSubject(8);
    expect(store.calls).toEqual([
      [7, 5],
      [8, DEFAULT_HISTORY_LIMIT],
    ]);
  });

  it('refuses a negative size or age', () => {
    const loaders = {
      consent: async () => ({ personalization: false, source: '', version: 0 }),
      history: async () => [],
      dismissed: async () => new Set<string>(),
    };
    expect(() => new ViewerDataCache(loaders, { maxEntries: -1, maxAgeMs: 1 })).toThrow(/maxEntries/);
    expect(() => new ViewerDataCache(loaders, { maxEntries: 1, maxAgeMs: Number.NaN })).toThrow(/maxAgeMs/);
  });
});
