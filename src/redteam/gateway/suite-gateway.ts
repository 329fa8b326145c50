import { randomBytes } from 'node:crypto';
import { SafetyGateway } from '../../safety/gateway/safety-gateway.js';
import { DEFAULT_SAFETY_POLICY, type SafetyPolicy } from '../../safety/safety-policy.js';

/**
 * The gateway the suite attacks: the server's own `SafetyGateway` class with the policy's surfaces and
 * the local detectors, as `safetyGatewayFor` builds it for the default policy. Two things differ, both
 * on purpose: no blocklist (curators' terms belong to one deployment, and the suite measures the
 * detectors) and no audit sink (probes are not viewers' texts). The redaction key only shapes redacted
 * output, so a fresh one will do.
 */
export function suiteGateway(policy: SafetyPolicy = DEFAULT_SAFETY_POLICY): SafetyGateway {
  if (policy.provider !== 'local') {
    throw new Error(`the gateway suite runs the local detectors; the policy names '${policy.provider}'`);
  }
  return new SafetyGateway({ policy, redactionKey: randomBytes(32) });
}
