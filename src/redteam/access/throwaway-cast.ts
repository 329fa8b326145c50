import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewerRecordSchema } from '../../catalog/catalog-records.js';
import type { Role } from '../../server/auth/roles.js';
import { SubjectRepository } from '../../store/repositories/subject-repository.js';
import type { Secret } from './access-attempt.js';
import type { AttackServer } from './attack-server.js';

/** One party to the attacks and the credentials it holds. */
export interface Actor {
  readonly label: string;
  readonly roles: readonly Role[];
  /** Headers that authenticate it (a bearer token, or an API key). */
  readonly headers: Readonly<Record<string, string>>;
  readonly accountId?: string;
  readonly username?: string;
  readonly subjectId?: string;
  readonly sessionId?: string;
  readonly sessionToken?: string;
  readonly bearer?: string;
  readonly keyId?: string;
}

/** Everyone the attacks need, created for one run in the disposable copy. */
export interface Cast {
  readonly tag: string;
  readonly password: string;
  readonly viewerA: Actor & { subjectId: string; accountId: string };
  readonly viewerB: Actor & { subjectId: string; accountId: string };
  readonly analyst: Actor & { accountId: string };
  readonly curator: Actor & { accountId: string };
  /** Used only for what an admin legitimately does in the setup (revoking a key, disabling an account). */
  readonly admin: Actor & { accountId: string };
  readonly service: Actor & { keyId: string };
  /** What nobody but viewer B may see of viewer B (decision records are added as B makes them). */
  readonly secretsOfB: Secret[];
  /** Keys of the server: no answer to anyone may hold them. */
  readonly serverSecrets: readonly Secret[];
}

async function createViewers(server: AttackServer, tag: string): Promise<Record<'a' | 'b', string>> {
  const records = (['a', 'b'] as const).map((who) =>
    viewerRecordSchema.parse({
      externalId: `redteam-${tag}-${who}`,
      profileKind: 'adult',
      displayName: `Redteam Viewer ${who.toUpperCase()} ${tag}`,
      email: `redteam-${who}-${tag}@example.org`,
    }),
  );
  const { db, dialect, keyring } = server.store;
  await new SubjectRepository(db, dialect, undefined, keyring).insertViewers(records);
  const rows = await db
    .selectFrom('subjects')
    .select(['id', 'external_id'])
    .where(
      'external_id',
      'in',
      records.map((r) => r.externalId),
    )
    .execute();
  const idOf = (who: 'a' | 'b') => {
    const row = rows.find((r) => r.external_id === `redteam-${tag}-${who}`);
    if (!row) throw new Error(`throwaway viewer ${who} was not stored`);
    return row.id;
  };
  return { a: idOf('a'), b: idOf('b') };
}

/** The secret files of the copy and any secrets given through the environment. */
function serverSecrets(dataDir: string): Secret[] {
  const secrets: Secret[] = [];
  const dir = join(dataDir, 'secrets');
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const value = readFileSync(join(dir, name), 'utf8').trim();
      if (value.length > 0) secrets.push({ label: `the server secret ${name}`, value });
    }
  }
  for (const variable of ['CANDOR_TOKEN_SECRET', 'CANDOR_PSEUDONYM_SECRET', 'CANDOR_MASTER_KEY']) {
    const value = process.env[variable];
    if (value) secrets.push({ label: `the secret in ${variable}`, value });
  }
  return secrets;
}

/**
 * Two viewers, an analyst, a curator, an admin and a service key, all new and named for this run, made
 * with the server's own auth service (as `candor users` makes them), each signed in for a bearer token.
 */
export async function createCast(server: AttackServer, tag = randomBytes(4).toString('hex')): Promise<Cast> {
  const auth = server.built.context.auth;
  const password = randomBytes(18).toString('base64url');
  const subjects = await createViewers(server, tag);
  const account = async (label: string, username: string, roles: Role[], subjectId?: string) => {
    const created = await auth.createAccount({ username, password, roles, subjectId });
    const signedIn = await auth.signIn(username, password);
    return {
      label,
      roles,
      headers: { authorization: `Bearer ${signedIn.bearer.token}` },
      accountId: created.id,
      username,
      sessionId: signedIn.sessionId,
      sessionToken: signedIn.sessionToken,
      bearer: signedIn.bearer.token,
      ...(subjectId ? { subjectId } : {}),
    };
  };
  const viewerA = {
    ...(await account('viewer A', `redteam-a-${tag}`, ['viewer'], subjects.a)),
    subjectId: subjects.a,
  };
  const viewerB = {
    ...(await account('viewer B', `redteam-b-${tag}`, ['viewer'], subjects.b)),
    subjectId: subjects.b,
  };
  const { key, record } = await auth.createApiKey({
    name: `redteam-${tag}`,
    roles: ['service'],
    createdBy: 'redteam',
  });
  const pseudonymOfB = server.built.context.pseudonymizer.of(subjects.b);
  return {
    tag,
    password,
    viewerA,
    viewerB,
    analyst: await account('analyst', `redteam-analyst-${tag}`, ['analyst']),
    curator: await account('curator', `redteam-curator-${tag}`, ['curator']),
    admin: await account('admin', `redteam-admin-${tag}`, ['admin']),
    service: {
      label: 'service key',
      roles: ['service'],
      headers: { authorization: `Bearer ${key}` },
      keyId: record.id,
    },
    secretsOfB: [
      { label: "viewer B's subject id", value: subjects.b },
      { label: "viewer B's account id", value: viewerB.accountId },
      { label: "viewer B's username", value: viewerB.username },
      { label: "viewer B's pseudonym", value: pseudonymOfB },
      { label: "viewer B's e-mail", value: `redteam-b-${tag}@example.org` },
      { label: "viewer B's display name", value: `Redteam Viewer B ${tag}` },
      { label: "viewer B's session token", value: viewerB.sessionToken },
      { label: "viewer B's bearer token", value: viewerB.bearer },
    ],
    serverSecrets: serverSecrets(server.config.dataDir),
  };
}
