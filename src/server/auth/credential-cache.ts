import type { Principal } from './principal.js';

interface Entry {
  principal: Principal;
  /** Epoch ms after which the entry must be checked against the store again. */
  until: number;
}

/**
 * Principals of recently checked credentials, so a busy API key or session costs one store read per
 * `ttlMs` rather than one per request. Only credentials found live are kept; a miss always asks the
 * store, so guessing keys fills nothing. This process forgets everything the moment it revokes or
 * changes a credential (`clear`); a revocation made by another process (a cluster sibling, the CLI)
 * takes effect here within `ttlMs`. A ttl of 0 turns the cache off.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    if (!(Number.isFinite(ttlMs) && ttlMs >= 0)) throw new Error(`ttlMs must be >= 0 (got ${ttlMs})`);
    if (!(Number.isInteger(maxEntries) && maxEntries > 0)) {
      throw new Error(`maxEntries must be a positive integer (got ${maxEntries})`);
    }
  }

  get(key: string, now: number): Principal | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /** Keeps a live credential's principal until `now + ttlMs`, or `expiresAt` if that comes first. */
  set(key: string, principal: Principal, now: number, expiresAt = Number.POSITIVE_INFINITY): void {
    if (this.ttlMs === 0) return;
    const until = Math.min(now + this.ttlMs, expiresAt);
    if (until <= now) return;
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      // Map order is insertion order: the oldest entry goes first.
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { principal, until });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
