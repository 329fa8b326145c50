import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateSecret } from '../secret-file.js';

export const MASTER_KEY_BYTES = 32;
export const DEFAULT_MASTER_KEY_VARIABLE = 'CANDOR_MASTER_KEY';
const GENERATED_KEY_NAME = 'master';
/**
 * Where `candor keys rotate-master` puts the key it generates before moving data keys onto it, so that
 * a rotation cut short still has the key its finished batches need.
 */
export const NEXT_GENERATED_KEY_NAME = 'master.next';

/** A key that wraps data keys, with a stable identifier that is stored beside each wrapped key. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface MasterKeySet {
  /** Wraps new data keys and is the target of rotation. */
  readonly current: MasterKey;
  /** Every loaded key by id, the current one included: data keys wrapped by an older key still unwrap. */
  readonly all: ReadonlyMap<string, MasterKey>;
}

export interface MasterKeySource {
  dataDir: string;
  /** A file holding the key as base64 text, readable by its owner only. */
  keyFile?: string | undefined;
  /** Takes precedence over `keyFile` (base64, exactly 32 bytes). */
  envVariable?: string;
  /** Keys replaced by a rotation, needed until `rewrapAll` has moved every data key off them. */
  previousKeyFiles?: readonly string[];
  /** Where to read `envVariable` (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The id is a one-way hash of the key under a fixed label, so logs and the table can name a key
 * without revealing anything about it.
 */
export function masterKeyOf(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`a master key must be ${MASTER_KEY_BYTES} bytes (got ${key.length})`);
  }
  const id = createHash('sha256').update('candor-master-key-id').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

/** Buffer.from(.., 'base64') skips characters it does not know; a typo must fail instead. */
function decodeKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error(`${origin} is empty; it must hold ${MASTER_KEY_BYTES} bytes of base64`);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new Error(`${origin} is not base64; generate a key with: openssl rand -base64 ${MASTER_KEY_BYTES}`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `${origin} must hold exactly ${MASTER_KEY_BYTES} bytes of base64 (it decodes to ${key.length} bytes); ` +
        `generate one with: openssl rand -base64 ${MASTER_KEY_BYTES}`,
    );
  }
  return key;
}

/** A key readable by other users of the machine is as good as published. */
function checkPrivate(file: string): void {
  if (process.platform === 'win32') return; // POSIX modes mean nothing there; ACLs are the operator's job.
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `master key file ${file} has mode 0${mode.toString(8)}: group and others must have no access ` +
        `(run: chmod 600 ${file})`,
    );
  }
}

/** Reads a master key file, refusing one others can read or that is not 32 bytes of base64. */
export function readMasterKeyFile(file: string): MasterKey {
  let text: string;
  try {
    checkPrivate(file);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new Error(`cannot read master key file ${file}: ${code}`, { cause: error });
  }
  return masterKeyOf(decodeKey(text, `master key file ${file}`));
}

function loadCurrent(source: MasterKeySource): MasterKey {
  const variable = source.envVariable ?? DEFAULT_MASTER_KEY_VARIABLE;
  const fromEnv = (source.env ?? process.env)[variable];
  // An empty variable counts as unset, as with the other secrets (secret-file.ts).
  if (fromEnv) return masterKeyOf(decodeKey(fromEnv, `environment variable ${variable}`));
  if (source.keyFile) return readMasterKeyFile(source.keyFile);
  const generated = loadOrCreateSecret(source.dataDir, GENERATED_KEY_NAME);
  const file = join(source.dataDir, 'secrets', `${GENERATED_KEY_NAME}.key`);
  checkPrivate(file);
  if (generated.length !== MASTER_KEY_BYTES) {
    throw new Error(`master key file ${file} must hold exactly ${MASTER_KEY_BYTES} bytes of base64`);
  }
  return masterKeyOf(generated);
}

/** The generated key's successor during a rotation, when the key is the generated one (no env, no file). */
export function generatedNextKeyFile(source: MasterKeySource): string | undefined {
  const variable = source.envVariable ?? DEFAULT_MASTER_KEY_VARIABLE;
  if ((source.env ?? process.env)[variable] || source.keyFile) return undefined;
  return join(source.dataDir, 'secrets', `${NEXT_GENERATED_KEY_NAME}.key`);
}

/** `<dataDir>/secrets/master.key`, the key used when neither the environment nor the config names one. */
export function generatedKeyFile(dataDir: string): string {
  return join(dataDir, 'secrets', `${GENERATED_KEY_NAME}.key`);
}

/**
 * The current master key, from the environment variable, else the key file, else
 * `<dataDir>/secrets/master.key` (created on first use), and the previous keys a rotation still needs.
 */
export function loadMasterKeys(source: MasterKeySource): MasterKeySet {
  const current = loadCurrent(source);
  const all = new Map<string, MasterKey>([[current.id, current]]);
  for (const file of source.previousKeyFiles ?? []) {
    const previous = readMasterKeyFile(file);
    if (!all.has(previous.id)) all.set(previous.id, previous);
  }
  const next = generatedNextKeyFile(source);
  if (next && existsSync(next)) {
    const pending = readMasterKeyFile(next);
    if (!all.has(pending.id)) all.set(pending.id, pending);
  }
  return { current, all };
}
