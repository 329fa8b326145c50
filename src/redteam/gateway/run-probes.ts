import type { SafetyGateway } from '../../safety/gateway/safety-gateway.js';
import type { GatewayProbe } from './build-probes.js';
import type { BenignText } from './seeds/suite-seed.js';
import { reasonsOf, type Verdict, verdictOf } from './stop-rule.js';

export interface ProbeOutcome {
  readonly id: string;
  readonly seed: string;
  readonly kind: GatewayProbe['kind'];
  readonly category: string;
  readonly mutation: string;
  readonly surface: GatewayProbe['surface'];
  readonly action: 'allow' | 'redact' | 'block';
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
}

export interface BenignOutcome {
  readonly id: string;
  readonly surface: BenignText['surface'];
  readonly category: BenignText['category'];
  readonly text: string;
  readonly action: 'allow' | 'redact' | 'block';
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
}

/** Each probe through the gateway on its surface, without auditing (probes are nobody's words). */
export async function runProbes(
  gateway: SafetyGateway,
  probes: readonly GatewayProbe[],
): Promise<ProbeOutcome[]> {
  const outcomes: ProbeOutcome[] = [];
  for (const probe of probes) {
    const decision = await gateway.inspect(probe.text, probe.surface, {
      audit: false,
      ...(probe.documents ? { documents: probe.documents } : {}),
    });
    outcomes.push({
      id: probe.id,
      seed: probe.seed,
      kind: probe.kind,
      category: probe.category,
      mutation: probe.mutation,
      surface: probe.surface,
      action: decision.action,
      verdict: verdictOf(decision, probe.kind, probe.carrier),
      reasons: reasonsOf(decision),
    });
  }
  return outcomes;
}

export async function runBenign(
  gateway: SafetyGateway,
  texts: readonly BenignText[],
): Promise<BenignOutcome[]> {
  const outcomes: BenignOutcome[] = [];
  for (const benign of texts) {
    const decision = await gateway.inspect(benign.text, benign.surface, { audit: false });
    outcomes.push({
      ...benign,
      action: decision.action,
      verdict: verdictOf(decision, 'benign'),
      reasons: reasonsOf(decision),
    });
  }
  return outcomes;
}
