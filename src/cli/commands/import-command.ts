import type { Command } from 'commander';
import { runImport } from '../../import/import-runner.js';
import { openImportSource, totalBytes } from '../../import/open-import-source.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { formatImportReport } from './import-report.js';
import { loadPolicy } from '../../config/load-policy.js';
import { BUILT_IN_PURPOSES, consentPurposes } from '../../privacy/consent/purposes.js';
import { scanProfilesAudited } from '../../redteam/quarantine/scan-profiles.js';
import { cliActor } from '../../server/auth/cli-auth.js';
import { profileScanText } from './profile-scan-text.js';

interface ImportOptions {
  format?: 'csv' | 'jsonl';
  kind?: string;
  map?: string;
  demographicsConsent?: boolean;
  consent?: string;
  scanProfiles?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a dataset all or nothing: MovieLens 100K / 1M / latest and Candor JSONL folders are detected ' +
        'by their files; a single CSV or JSONL file needs --format, --kind and --map',
    )
    .argument('<path>', 'dataset folder or file')
    .option('--format <format>', 'csv or jsonl, for a single mapped file')
    .option(
      '--kind <kind>',
      'record kind of a single mapped file: genres, creators, items, viewers, interactions',
    )
    .option(
      '--map <spec>',
      "field mapping, e.g. 'subjectExternalId=user,itemExternalId=item,value=rating:number' or a JSON file",
    )
    .option(
      '--demographics-consent',
      'the source collected consent to keep gender and occupation (dropped otherwise)',
    )
    .option(
      '--consent <purposes>',
      'purposes the source obtained consent for, recorded for every new viewer whose record does not ' +
        `answer them (comma-separated: ${BUILT_IN_PURPOSES.map((p) => p.id).join(', ')}); none by default`,
    )
    .option(
      '--scan-profiles',
      'after the import, scan every profile for shilling (fake profiles) and quarantine the suspicious ones ' +
        'until a curator reviews them (default: config redteam.scanAfterImport)',
    )
    .option('--no-scan-profiles', 'skip that scan')
    .addHelpText(
      'after',
      '\nRe-importing the same events inserts nothing. A bad row aborts the whole import and names its file and line.',
    )
    .action(async (path: string, options: ImportOptions, command: Command) => {
      const ctx = contextFor(command);
      let source: Awaited<ReturnType<typeof openImportSource>>;
      try {
        source = await openImportSource(path, {
          demographicsConsent: options.demographicsConsent === true,
          format: options.format,
          kind: options.kind,
          map: options.map,
        });
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const purposes = consentPurposes(
        loadPolicy(ctx.config.dataDir, ctx.config.policyFile).policy.privacy.consentPurposes,
      );
      const grant = (options.consent ?? '')
        .split(',')
        .map((purpose) => purpose.trim())
        .filter((purpose) => purpose.length > 0);
      const unknown = grant.filter((purpose) => !purposes.ids.has(purpose));
      if (unknown.length > 0) {
        await source.close?.();
        throw new CliError(
          `--consent: unknown purpose ${unknown.map((p) => `'${p}'`).join(', ')} (one of ${[...purposes.ids].join(', ')})`,
          EXIT.usage,
        );
      }
      const total = await totalBytes(source);
      const bar = progressBar({ total, unit: 'bytes', enabled: !ctx.json });
      try {
        const scan = options.scanProfiles ?? ctx.config.redteam.scanAfterImport;
        const { report, profileScan } = await ctx.withStore(async (store) => {
          ctx.info(`Importing ${source.format} from ${path} into ${store.dialect.describe()}`);
          const report = await runImport(store, source, {
            onProgress: (bytes) => bar.update(bytes, source.format),
            consent: { grant, actor: cliActor(), textVersion: purposes.textVersion },
          });
          bar.stop();
          // Nothing new, nothing to score: the profiles are as the last scan (or training) saw them.
          const added = report.kinds.interactions?.inserted ?? 0;
          // The import is committed already: the scan only adds quarantines.
          const profileScan =
            scan && added > 0 ? await scanProfilesAudited(store, { actor: cliActor() }) : undefined;
          return { report, profileScan };
        });
        ctx.result(
          profileScan ? { ...report, profileScan } : report,
          [formatImportReport(report), ...(profileScan ? [profileScanText(profileScan)] : [])].join('\n'),
        );
      } finally {
        bar.stop();
        // A reading worker must stop even when the store could not be opened.
        await source.close?.();
      }
    });
}
