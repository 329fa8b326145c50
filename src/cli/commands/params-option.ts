import { CliError, EXIT } from '../exit-codes.js';

/** `--params '{"k": 50}'`: a JSON object, checked later against the algorithm's own schema. */
export function parseParamsOption(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--params must be a JSON object: ${(error as Error).message}`, EXIT.usage);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError('--params must be a JSON object, e.g. \'{"lambda": 300}\'', EXIT.usage);
  }
  return parsed as Record<string, unknown>;
}
