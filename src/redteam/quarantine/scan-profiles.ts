import type { AuditSink } from '../../governance/audit/audit-entry.js';
import { AuditLog } from '../../governance/audit/audit-log.js';
import { auditSubjectTag } from '../../privacy/audit-subject-tag.js';
import type { Clock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import {
  DEFAULT_THRESHOLD,
  DETECTOR_VERSION,
  type DetectorOptions,
  type ProfileScores,
  scoreProfiles,
} from '../detection/profile-scorer.js';
import { type QuarantineEvidence, QuarantineRepository } from './quarantine-repository.js';
import { loadStoreProfiles } from './store-profiles.js';

export interface ScanOptions {
  audit: AuditSink;
  /** Who runs the scan, for the audit log (`cli:<user>`, `system:train`). */
  actor: string;
  detector?: DetectorOptions;
  /** Below this many profiles nothing is flagged: robust statistics of a handful of viewers flag noise. */
  minProfiles?: number;
  clock?: Clock;
}

export interface ScanResult {
  detectorVersion: string;
  threshold: number;
  /** Profiles (subjects with events) scored. */
  scanned: number;
  /** Profiles at or above the threshold. */
  flagged: number;
  /** Newly quarantined by this scan. */
  quarantined: number;
  /** Flagged but quarantined (or confirmed fake) already. */
  alreadyQuarantined: number;
  /** Flagged but released by a curator since when their data last changed: the release stands. */
  releaseKept: number;
  /** Why nothing was scored, when nothing was. */
  skipped?: string;
}

export const DEFAULT_MIN_PROFILES = 50;

/**
 * Scores every profile in the store and quarantines the suspicious ones, so that training leaves them
 * out until a curator reviews them. Idempotent: a profile already quarantined is left as it is, and one
 * a curator released is flagged again only when it has new events since. Every new quarantine is
 * audited under the subject's audit tag; the scan itself is audited with its counts.
 */
export async function scanProfiles(store: Store, options: ScanOptions): Promise<ScanResult> {
  const { audit, actor } = options;
  const minProfiles = options.minProfiles ?? DEFAULT_MIN_PROFILES;
  const { profiles, subjectIds, lastSeq } = await loadStoreProfiles(store);
  const base = { detectorVersion: DETECTOR_VERSION, scanned: profiles.nUsers };
  if (profiles.nUsers < minProfiles) {
    const result: ScanResult = {
      ...base,
      threshold: options.detector?.threshold ?? DEFAULT_THRESHOLD,
      flagged: 0,
      quarantined: 0,
      alreadyQuarantined: 0,
      releaseKept: 0,
      skipped: `${profiles.nUsers} profiles, fewer than ${minProfiles}`,
    };
    await audit.append({ actor, action: 'redteam.scan', outcome: 'success', detail: { ...result } });
    return result;
  }
  const scores = scoreProfiles(profiles, options.detector);
  const repository = new QuarantineRepository(store.db, options.clock);
  const latest = await repository.latestBySubject();
  const fresh = [];
  let alreadyQuarantined = 0;
  let releaseKept = 0;
  let flagged = 0;
  for (let u = 0; u < profiles.nUsers; u += 1) {
    if (!scores.flagged[u]) continue;
    flagged += 1;
    const subjectId = subjectIds[u] as string;
    const previous = latest.get(subjectId);
    if (previous && previous.status !== 'released') {
      alreadyQuarantined += 1;
      continue;
    }
    if (previous && previous.dataSeq >= (lastSeq[u] as number)) {
      releaseKept += 1;
      continue;
    }
    fresh.push({
      subjectId,
      score: round(scores.score[u] as number),
      evidence: evidenceOf(scores, u),
      detectorVersion: DETECTOR_VERSION,
      dataSeq: lastSeq[u] as number,
    });
  }
  const added = await repository.add(fresh);
  for (const entry of added) {
    await audit.append({
      actor,
      action: 'redteam.quarantine',
      subject: await auditSubjectTag(store.keyring, entry.subjectId),
      target: entry.id,
      outcome: 'success',
      detail: { score: entry.score, detectorVersion: entry.detectorVersion },
    });
  }
  const result: ScanResult = {
    ...base,
    threshold: scores.threshold,
    flagged,
    quarantined: added.length,
    alreadyQuarantined,
    releaseKept,
  };
  await audit.append({ actor, action: 'redteam.scan', outcome: 'success', detail: { ...result } });
  return result;
}

const round = (value: number) => Number(value.toFixed(4));
/** NaN (a feature undefined for the profile) is stored as null: JSON has no NaN. */
const recorded = (value: number) => (Number.isNaN(value) ? null : round(value));

function evidenceOf(scores: ProfileScores, u: number): QuarantineEvidence {
  const features: QuarantineEvidence['features'] = {};
  scores.features.forEach((name, f) => {
    features[name] = {
      value: recorded((scores.raw[f] as Float64Array)[u] as number),
      z: recorded((scores.z[f] as Float64Array)[u] as number),
      votes: scores.voting.includes(name),
    };
  });
  return { features, threshold: scores.threshold, quorum: scores.quorum };
}

/**
 * scanProfiles with an audit log of its own, flushed and closed when the scan ends: for callers (the CLI,
 * training) that hold no audit log of their own.
 */
export async function scanProfilesAudited(
  store: Store,
  options: Omit<ScanOptions, 'audit'>,
): Promise<ScanResult> {
  const audit = new AuditLog(store);
  try {
    return await scanProfiles(store, { ...options, audit });
  } finally {
    await audit.close();
  }
}
