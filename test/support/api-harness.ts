import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { configSchema, type ConfigInput } from '../../src/config/config-schema.js';
import { parseServingPolicy, type ServingPolicyInput } from '../../src/config/serving-policy.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { trainModel } from '../../src/models/train-model.js';
import type { Role } from '../../src/server/auth/roles.js';
import { type BuiltApp, buildApi } from '../../src/server/build-app.js';
import { tempDir } from './dataset-fixtures.js';
import { sqliteTestStore, type TestStore, type TestStoreFactory } from './test-stores.js';
import { TEST_IMPORT_CONSENT } from './consent.js';

export const STAFF_ROLES = ['curator', 'analyst', 'auditor', 'admin'] as const satisfies readonly Role[];

export interface Caller {
  /** Headers that authenticate this caller (a bearer token or an API key). */
  headers: Record<string, string>;
  role: Role;
  accountId?: string;
  subjectId?: string;
}

export interface ApiHarness {
  t: TestStore;
  built: BuiltApp;
  /** Two viewers with accounts: `viewer` (adult) and `otherViewer` (a kids profile when there is one). */
  viewer: Caller & { subjectId: string };
  otherViewer: Caller & { subjectId: string };
  staff: Record<(typeof STAFF_ROLES)[number], Caller>;
  /** A service key; it names the viewer it acts for in the Candor-Subject header. */
  service: Caller;
  /** A subject without an account. */
  loneSubjectId: string;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple';

/**
 * A real API over a real store: a small synthetic catalog imported, an EASE model trained as
 * production, one account per role (signed in for a bearer token) and a service key.
 */
export async function apiHarness(
  options: {
    factory?: TestStoreFactory;
    config?: Partial<ConfigInput>;
    train?: boolean;
    /** The serving policy; the built-in default when absent. */
    policy?: ServingPolicyInput;
    /** Captures the server's log (with `config.log.level` above silent). */
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<ApiHarness> {
  const t = await (options.factory ?? sqliteTestStore)();
  const dataset = tempDir('candor-api-data-');
  await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 120, viewers: 40, seed: 11 }));
  await runImport(t.store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
  if (options.train ?? true) {
    await trainModel(t.store, t.dataDir, { algorithm: 'ease', alias: 'production' });
  }
  const config = configSchema.parse({
    dataDir: t.dataDir,
    log: { level: 'silent' },
    ...options.config,
  });
  const built = await buildApi({
    config,
    store: t.store,
    version: '0.0.0-test',
    ...(options.policy ? { policy: parseServingPolicy(options.policy) } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const auth = built.context.auth;
  const subjects = await t.store.db
    .selectFrom('subjects')
    .select(['id', 'profile_kind'])
    .orderBy('key')
    .execute();
  const adult = subjects.find((s) => s.profile_kind === 'adult') ?? subjects[0];
  const other = subjects.find((s) => s.profile_kind === 'kids') ?? subjects.find((s) => s.id !== adult?.id);
  const lone = subjects.find((s) => s.id !== adult?.id && s.id !== other?.id);
  if (!adult || !other || !lone) throw new Error('the synthetic dataset has too few viewers');

  const signIn = async (username: string, roles: Role[], subjectId?: string): Promise<Caller> => {
    const account = await auth.createAccount({ username, password: PASSWORD, roles, subjectId });
    const signedIn = await auth.signIn(username, PASSWORD);
    return {
      headers: { authorization: `Bearer ${signedIn.bearer.token}` },
      role: roles[0] as Role,
      accountId: account.id,
      ...(subjectId ? { subjectId } : {}),
    };
  };
  const viewer = (await signIn('viewer-one', ['viewer'], adult.id)) as Caller & { subjectId: string };
  const otherViewer = (await signIn('viewer-two', ['viewer'], other.id)) as Caller & { subjectId: string };
  const staff = {} as ApiHarness['staff'];
  for (const role of STAFF_ROLES) staff[role] = await signIn(`staff-${role}`, [role]);
  const { key } = await auth.createApiKey({ name: 'front end', roles: ['service'], createdBy: 'test' });
  return {
    t,
    built,
    viewer,
    otherViewer,
    staff,
    service: { headers: { authorization: `Bearer ${key}` }, role: 'service' },
    loneSubjectId: lone.id,
    async close() {
      await built.app.close();
      await t.dispose();
    },
  };
}
