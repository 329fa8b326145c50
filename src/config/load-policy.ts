import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { DEFAULT_POLICY, PolicyError, parseServingPolicy, type VersionedPolicy } from './serving-policy.js';

export const POLICY_FILE_NAME = 'policy.yaml';

/** Reads and validates a policy file (YAML, of which JSON is a subset); PolicyError says what is wrong. */
export function readPolicyFile(file: string): VersionedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyError(file, [{ path: '', message: `cannot read: ${(error as Error).message}` }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new PolicyError(file, [
      { path: '', message: `not valid YAML${where}: ${(error as Error).message}` },
    ]);
  }
  return parseServingPolicy(value, file);
}

/**
 * The policy a process serves under: the configured file, else `<dataDir>/policy.yaml` when present,
 * else the built-in default. A configured file that is missing is an error, not a silent default.
 */
export function loadPolicy(dataDir: string, policyFile: string | undefined): VersionedPolicy {
  if (policyFile !== undefined) return readPolicyFile(policyFile);
  const inData = join(dataDir, POLICY_FILE_NAME);
  return existsSync(inData) ? readPolicyFile(inData) : DEFAULT_POLICY;
}
