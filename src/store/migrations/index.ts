import type { Migration } from 'kysely';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { catalogAndSubjects } from './0001-catalog-and-subjects.js';
import { accessAndAccountability } from './0002-access-and-accountability.js';
import { coveringHistoryIndex } from './0003-covering-history-index.js';
import { privacy } from './0004-privacy.js';
import { safety } from './0005-safety.js';
import { governance } from './0006-governance.js';
import { redteam } from './0007-redteam.js';
import { householdProfiles } from './0008-household-profiles.js';
import { viewerDataVersion } from './0009-viewer-data-version.js';

/** Every migration, by name; names sort in the order they must run. */
export function allMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001-catalog-and-subjects': catalogAndSubjects(dialect),
    '0002-access-and-accountability': accessAndAccountability(dialect),
    '0003-covering-history-index': coveringHistoryIndex,
    '0004-privacy': privacy(dialect),
    '0005-safety': safety,
    '0006-governance': governance,
    '0007-redteam': redteam,
    '0008-household-profiles': householdProfiles,
    '0009-viewer-data-version': viewerDataVersion(dialect),
  };
}
