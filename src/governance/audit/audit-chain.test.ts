import { describe, expect, it } from 'vitest';
import {
  type AuditChainFields,
  auditEntryHash,
  canonicalAuditEntry,
  chainHash,
  GENESIS_HASH,
} from './audit-chain.js';

const entry: AuditChainFields = {
  at: '2026-01-02T03:04:05.678Z',
  actor: 'account:1',
  action: 'keys.create',
  subject: null,
  target: 'key-1',
  outcome: 'success',
  detail: '{"name":"ci"}',
};

describe('audit chain', () => {
  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('serializes the fields in a fixed order, as one line of JSON', () => {
    expect(canonicalAuditEntry(entry)).toBe(
      '{"at":"2026-01-02T03:04:05.678Z","actor":"account:1","action":"keys.create","subject":null,' +
        '"target":"key-1","outcome":"success","detail":"{\\"name\\":\\"ci\\"}"}',
    );
  });

  it('ignores the order of the properties given and fields that are not hashed (seq, hashes)', () => {
    const shuffled = {
      detail: entry.detail,
      outcome: entry.outcome,
      seq: 42,
      hash: 'x',
      prev_hash: 'y',
      target: entry.target,
      subject: entry.subject,
      action: entry.action,
      actor: entry.actor,
      at: entry.at,
    };
    expect(canonicalAuditEntry(shuffled)).toBe(canonicalAuditEntry(entry));
  });

  it('hashes sha256(prev_hash + newline + canonical) in hex (pinned: stored logs must keep verifying)', () => {
    // Computed independently: printf '%s\n%s' "$GENESIS" "$CANONICAL" | sha256sum
    expect(auditEntryHash(GENESIS_HASH, entry)).toBe(
      '47abfff838c8a2212ddd88d7c6b4b5ea831c8ea2df8d2af434108624c90e5791',
    );
    expect(chainHash(GENESIS_HASH, canonicalAuditEntry(entry))).toBe(auditEntryHash(GENESIS_HASH, entry));
  });

  it.each<[keyof AuditChainFields, string | null]>([
    ['at', '2026-01-02T03:04:05.679Z'],
    ['actor', 'account:2'],
    ['action', 'keys.revoke'],
    ['subject', 'pseudonym'],
    ['subject', ''],
    ['target', null],
    ['outcome', 'denied'],
    ['detail', '{"name":"cd"}'],
    ['detail', '{"name": "ci"}'],
  ])('changes the hash when %s becomes %j', (field, value) => {
    expect(auditEntryHash(GENESIS_HASH, { ...entry, [field]: value })).not.toBe(
      auditEntryHash(GENESIS_HASH, entry),
    );
  });

  it('links: the same entry after a different previous hash hashes differently', () => {
    const first = auditEntryHash(GENESIS_HASH, entry);
    expect(auditEntryHash(first, entry)).not.toBe(first);
    expect(auditEntryHash(first, entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps field boundaries: moving text from one field to the next changes the hash', () => {
    const a = { ...entry, actor: 'account:1', action: 'keys.create' };
    const b = { ...entry, actor: 'account:1keys', action: '.create' };
    expect(auditEntryHash(GENESIS_HASH, a)).not.toBe(auditEntryHash(GENESIS_HASH, b));
  });
});
