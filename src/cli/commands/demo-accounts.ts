import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config/config-schema.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import type { Role } from '../../server/auth/roles.js';
import type { Store } from '../../store/open-store.js';
import { generatedPassword } from './users-command.js';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import { DEFAULT_PURPOSES } from '../../privacy/consent/purposes.js';

export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';

const credentialsSchema = z.array(
  z.strictObject({
    username: z.string(),
    password: z.string(),
    roles: z.array(z.string()),
    viewer: z.string().optional(),
  }),
);
export type DemoCredentials = z.infer<typeof credentialsSchema>;

/**
 * The demo's sign-ins: one account per staff role and three viewer accounts (adult, teen, kids; the
 * adult's account may also switch to the teen and kids profiles, as a family's would), with generated passwords
 * kept in `<dataDir>/demo-credentials.json` (mode 0600) so that a second start can print them again.
 * Demo only: a real deployment creates accounts with `candor users add`.
 */
export async function ensureDemoAccounts(
  config: Config,
  store: Store,
  viewers: string[],
): Promise<DemoCredentials> {
  const file = join(config.dataDir, DEMO_CREDENTIALS_FILE);
  try {
    return credentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { auth, audit } = authForStore(config, store);
  const credentials: DemoCredentials = [];
  try {
    const staff: Role[] = ['admin', 'auditor', 'analyst', 'curator'];
    for (const role of staff) {
      const password = generatedPassword();
      await auth.createAccount({ username: `demo-${role}`, password, roles: [role] });
      credentials.push({ username: `demo-${role}`, password, roles: [role] });
    }
    const viewerAccounts: { accountId: string; subjectId: string }[] = [];
    for (const externalId of viewers) {
      const subject = await store.db
        .selectFrom('subjects')
        .select('id')
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (!subject) continue;
      const password = generatedPassword();
      const account = await auth.createAccount({
        username: externalId,
        password,
        roles: ['viewer'],
        subjectId: subject.id,
      });
      viewerAccounts.push({ accountId: account.id, subjectId: subject.id });
      // The demo's viewers signed up saying yes to personal recommendations (they can say no in the app).
      await new ConsentRepository(store.db).record(
        subject.id,
        [{ purpose: 'personalization', granted: true }],
        {
          at: new Date().toISOString(),
          textVersion: DEFAULT_PURPOSES.textVersion,
          method: 'demo',
          actor: cliActor(),
        },
      );
      credentials.push({ username: externalId, password, roles: ['viewer'], viewer: externalId });
    }
    // The first viewer's account is the household's: it may switch to the others' profiles (teen, kids).
    const [household, ...members] = viewerAccounts;
    for (const member of household ? members : []) {
      await auth.households.add(household?.accountId as string, member.subjectId);
    }
    await audit.append({
      actor: cliActor(),
      action: 'users.create-demo',
      outcome: 'success',
      detail: { accounts: credentials.length },
    });
  } finally {
    await audit.close();
  }
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
