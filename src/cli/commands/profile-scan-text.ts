import type { ScanResult } from '../../redteam/quarantine/scan-profiles.js';

/** One line on a shilling scan, as `candor quarantine scan` and `candor import --scan-profiles` print it. */
export function profileScanText(result: ScanResult): string {
  return result.skipped
    ? `Nothing scanned: ${result.skipped}.`
    : `Scanned ${result.scanned} profiles (${result.detectorVersion}, threshold ${result.threshold}): ` +
        `${result.flagged} suspicious, ${result.quarantined} newly quarantined, ` +
        `${result.alreadyQuarantined} already quarantined, ${result.releaseKept} released by a curator and unchanged since.`;
}
