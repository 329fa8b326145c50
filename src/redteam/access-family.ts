import { z } from 'zod';
import type { Config } from '../config/config-schema.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { ACCESS_GROUPS, type AccessGroup } from './access/access-attempt.js';
import { accessReport } from './access/access-report.js';
import { accessSummary } from './access/access-text.js';
import { startAttackServer } from './access/attack-server.js';
import { type AttackStage, setStage } from './access/attack-stage.js';
import { AttemptLog } from './access/attempt-log.js';
import { bodyAttacks } from './access/body-attacks.js';
import { disposableCopy } from './access/disposable-data.js';
import { idGuessingAttacks } from './access/id-guessing-attacks.js';
import { roleEscalationAttacks } from './access/role-escalation-attacks.js';
import { tokenAttacks } from './access/token-attacks.js';
import {
  type PreparedFamily,
  type RedteamFamily,
  RedteamOptionError,
  type RedteamResult,
} from './redteam-family.js';

const GROUPS: Readonly<Record<AccessGroup, (stage: AttackStage, log: AttemptLog) => Promise<void>>> = {
  'id-guessing': idGuessingAttacks,
  'role-escalation': roleEscalationAttacks,
  tokens: tokenAttacks,
  bodies: bodyAttacks,
};

// Loose: the command passes every family's options; this family reads only its own.
const optionsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  configFile: z.string().min(1).optional(),
});

/** A prepared access family also owns a temporary copy of the data: `close` removes it. */
export interface PreparedAccessFamily extends PreparedFamily {
  close(): Promise<void>;
}

export interface AccessFamily extends RedteamFamily {
  prepare(...args: Parameters<RedteamFamily['prepare']>): Promise<PreparedAccessFamily>;
}

/**
 * Access: attempts against the running API over HTTP. `prepare` copies the data folder (`dataDir`, or
 * the configured one) to a temporary folder; each run starts the real server on that copy, creates its
 * own throwaway viewers, staff and keys, lets the viewers use the API a little, runs one group of
 * attacks and stops the server. Nothing reaches the original folder. The copy is removed by `close`, or
 * when the process exits.
 */
export const accessFamily: AccessFamily = {
  name: 'access',
  description:
    "attempts against the running API's access control: other viewers' data, roles, tokens, bodies",
  variants: ACCESS_GROUPS,
  async prepare(input, context) {
    const parsed = optionsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RedteamOptionError(`--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    let source: Config;
    try {
      source = loadConfig({
        file: parsed.data.configFile,
        flags: parsed.data.dataDir ? { dataDir: parsed.data.dataDir } : {},
      });
    } catch (error) {
      if (error instanceof ConfigError) throw new RedteamOptionError(error.message);
      throw error;
    }
    const copy = await disposableCopy(source);
    const removeOnExit = () => copy.remove();
    process.once('exit', removeOnExit);
    context.info(
      `access: copied ${source.dataDir} to ${copy.dir}${copy.hadDatabase ? '' : ' (it held no database)'}`,
    );

    return {
      async run(variant): Promise<RedteamResult> {
        const group = GROUPS[variant as AccessGroup];
        if (!group) throw new Error(`no access variant '${variant}'`);
        const kind = `access:${variant}`;
        const started = performance.now();
        const server = await startAttackServer(copy.config);
        let stage: AttackStage;
        const log = new AttemptLog(server.url);
        try {
          stage = await setStage(server);
          context.info(`${kind}: attacking ${server.url} (${stage.routes.length} routes in the table)`);
          await group(stage, log);
        } finally {
          await server.close();
        }
        const attacks = accessReport(log.outcomes);
        const report = {
          kind,
          data: { source: source.dataDir, copy: copy.dir, hadDatabase: copy.hadDatabase },
          routes: stage.routes.length,
          ...attacks,
          setupNotes: [...stage.notes, ...log.notes],
          goals: { successes: 0, met: attacks.successes.length === 0 },
          seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
        };
        return {
          kind,
          passed: attacks.successes.length === 0,
          report,
          summary: accessSummary(kind, attacks, report.setupNotes),
        };
      },
      async close() {
        process.off('exit', removeOnExit);
        copy.remove();
      },
    };
  },
};
