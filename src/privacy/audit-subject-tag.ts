import { createHmac } from 'node:crypto';
import type { SubjectKeyring } from './keyring/subject-keyring.js';

/**
 * What the audit log records as the subject of an entry: an HMAC of a fixed label under the subject's
 * own data key, 128 bits in base64url. Stable while the subject exists, so an auditor holding the
 * keyring can find every entry about a viewer; once erasure shreds the data key nobody can link the
 * entries to anyone, and the tamper-evident chain stays intact because no entry is ever rewritten.
 */
export async function auditSubjectTag(keyring: SubjectKeyring, subjectId: string): Promise<string> {
  const key = await keyring.dataKey(subjectId, { create: true });
  return createHmac('sha256', key)
    .update('candor audit subject tag v1')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}
