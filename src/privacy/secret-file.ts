import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_BYTES = 32;

/**
 * A 256-bit secret kept in `<dataDir>/secrets/<name>.key` (mode 0600), created on first use. An
 * environment variable (base64, at least 32 bytes) takes precedence so that deployments can inject it.
 * Creation is atomic and exclusive, so processes starting together agree on one secret and none reads a
 * file another is still writing: the secret is written to a file of this process's own, then hard-linked
 * to its name, which fails with EEXIST when another process got there first.
 */
export function loadOrCreateSecret(dataDir: string, name: string, envVariable?: string): Buffer {
  const fromEnv = envVariable ? process.env[envVariable] : undefined;
  if (fromEnv) {
    const secret = Buffer.from(fromEnv, 'base64');
    if (secret.length < SECRET_BYTES) {
      throw new Error(`${envVariable} must hold at least ${SECRET_BYTES} bytes of base64`);
    }
    return secret;
  }
  const dir = join(dataDir, 'secrets');
  const file = join(dir, `${name}.key`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, randomBytes(SECRET_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < SECRET_BYTES)
    throw new Error(`secret file ${file} holds fewer than ${SECRET_BYTES} bytes`);
  return secret;
}
