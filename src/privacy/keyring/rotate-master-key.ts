import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_MASTER_KEY_VARIABLE,
  generatedKeyFile,
  generatedNextKeyFile,
  MASTER_KEY_BYTES,
  type MasterKeySource,
  readMasterKeyFile,
} from './master-key.js';
import type { SubjectKeyring } from './subject-keyring.js';

export interface MasterKeyRotation {
  /** Master key ids that wrapped data keys before the run. */
  from: string[];
  to: string;
  rewrapped: number;
  alreadyCurrent: number;
  /** Where the new key is now kept. */
  keyFile: string;
  /** The replaced generated key, kept (renamed) until the operator destroys it; absent with --new-key-file. */
  retiredKeyFile?: string;
  /** What the operator must still do: config changes, old keys to destroy. */
  nextSteps: string[];
}

export class MasterKeyRotationError extends Error {
  override readonly name = 'MasterKeyRotationError';
}

/**
 * Moves every data key onto a new master key by re-wrapping it: the rows the data keys protect are
 * not touched (they stay encrypted under the same data keys), so a rotation costs one small write per
 * subject, whatever the size of their history.
 *
 * With `newKeyFile` the operator brings the key (and then points `masterKeyFile` at it). Without it,
 * only the generated `<dataDir>/secrets/master.key` can be rotated in place: a fresh key is written to
 * `master.next.key` *before* any data key moves onto it (loadMasterKeys reads it too, so a rotation cut
 * short loses nothing and a second run finishes it), then the files are swapped. Keys from the
 * environment or from a configured file belong to the operator's secret store: Candor cannot replace
 * them and asks for `--new-key-file`.
 */
export async function rotateMasterKey(
  keyring: SubjectKeyring,
  source: MasterKeySource,
  options: { newKeyFile?: string | undefined; onProgress?: (rewrapped: number, total: number) => void } = {},
): Promise<MasterKeyRotation> {
  const before = await keyring.countByMasterKey();
  const from = before.map((usage) => usage.masterKeyId);
  const progress = options.onProgress
    ? ({ rewrapped, total }: { rewrapped: number; total: number }) => options.onProgress?.(rewrapped, total)
    : undefined;

  if (options.newKeyFile) {
    const to = readMasterKeyFile(options.newKeyFile);
    const result = await keyring.rewrapAll({ to, ...(progress ? { onProgress: progress } : {}) });
    const retired = from.filter((id) => id !== to.id);
    return {
      from,
      to: to.id,
      ...result,
      keyFile: options.newKeyFile,
      nextSteps: [
        `set masterKeyFile: ${options.newKeyFile} in the config (or ${DEFAULT_MASTER_KEY_VARIABLE} to its contents) and restart`,
        ...(retired.length
          ? [
              `no data key is wrapped by ${retired.join(', ')} any more: remove those keys from previousMasterKeyFiles`,
            ]
          : []),
      ],
    };
  }

  const next = generatedNextKeyFile(source);
  if (!next) {
    const origin = source.keyFile
      ? `the file ${source.keyFile}`
      : `the environment variable ${source.envVariable ?? DEFAULT_MASTER_KEY_VARIABLE}`;
    throw new MasterKeyRotationError(
      `the master key comes from ${origin}, which Candor does not manage: create a new key ` +
        `(openssl rand -base64 ${MASTER_KEY_BYTES} > new.key; chmod 600 new.key) and pass --new-key-file new.key`,
    );
  }
  if (!existsSync(next)) {
    mkdirSync(dirname(next), { recursive: true, mode: 0o700 });
    writeFileSync(next, randomBytes(MASTER_KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
  }
  const to = readMasterKeyFile(next);
  const result = await keyring.rewrapAll({ to, ...(progress ? { onProgress: progress } : {}) });
  const current = generatedKeyFile(source.dataDir);
  const old = existsSync(current) ? readMasterKeyFile(current) : undefined;
  const retiredKeyFile = old ? join(dirname(current), `master.retired-${old.id}.key`) : undefined;
  if (old && retiredKeyFile) renameSync(current, retiredKeyFile);
  renameSync(next, current);
  return {
    from,
    to: to.id,
    ...result,
    keyFile: current,
    ...(retiredKeyFile ? { retiredKeyFile } : {}),
    nextSteps: retiredKeyFile
      ? [
          `no data key is wrapped by the old key any more; destroy ${retiredKeyFile} once no backup ` +
            'taken before this rotation must stay readable',
        ]
      : [],
  };
}
