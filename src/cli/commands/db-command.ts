import type { Command } from 'commander';
import { migratorFor } from '../../store/open-store.js';
import { contextFor } from '../cli-context.js';

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('database schema management');

  db.command('migrate')
    .description('apply every pending migration (safe to run again)')
    .action(async (_options, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(
        async (store) => {
          const result = await migratorFor(store.db, store.dialect).migrateToLatest();
          if (result.error) throw result.error;
          const applied = (result.results ?? []).map((r) => r.migrationName);
          ctx.result(
            { database: store.dialect.describe(), applied },
            applied.length === 0
              ? 'Schema is up to date.'
              : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
          );
        },
        { migrate: false },
      );
    });

  db.command('status')
    .description('list migrations and whether each has been applied')
    .action(async (_options, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(
        async (store) => {
          const migrations = (await migratorFor(store.db, store.dialect).getMigrations()).map((m) => ({
            name: m.name,
            appliedAt: m.executedAt?.toISOString() ?? null,
          }));
          ctx.result(
            { database: store.dialect.describe(), migrations },
            migrations
              .map((m) => `${m.appliedAt ? 'applied' : 'pending'}  ${m.name}  ${m.appliedAt ?? ''}`)
              .join('\n'),
          );
        },
        { migrate: false },
      );
    });
}
