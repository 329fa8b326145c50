/** How well flags match the truth of which profiles were injected. */
export interface DetectionQuality {
  flagged: number;
  truePositives: number;
  falsePositives: number;
  injected: number;
  /** Flagged injected profiles / flagged profiles (1 when nothing was flagged and nothing injected). */
  precision: number;
  /** Flagged injected profiles / injected profiles. */
  recall: number;
}

/** Scores flags against the truth that rows `firstInjected..` are the injected ones. */
export function detectionQuality(flagged: Uint8Array, firstInjected: number): DetectionQuality {
  let truePositives = 0;
  let falsePositives = 0;
  for (let u = 0; u < flagged.length; u += 1) {
    if (!flagged[u]) continue;
    if (u >= firstInjected) truePositives += 1;
    else falsePositives += 1;
  }
  const injected = flagged.length - firstInjected;
  const nFlagged = truePositives + falsePositives;
  return {
    flagged: nFlagged,
    truePositives,
    falsePositives,
    injected,
    precision: nFlagged > 0 ? truePositives / nFlagged : injected === 0 ? 1 : 0,
    recall: injected > 0 ? truePositives / injected : 1,
  };
}
