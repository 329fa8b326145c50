import type { AttackRequest } from './access-attempt.js';
import { sendAttempt } from './send-attempt.js';

/** A legitimate call made while setting the stage (a viewer's own activity, an admin's own work). */
export async function apiCall(
  baseUrl: string,
  request: AttackRequest,
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await sendAttempt(baseUrl, request);
  let body: unknown = undefined;
  try {
    body = response.body.length > 0 ? JSON.parse(response.body) : undefined;
  } catch {
    // Not JSON (a web page, an empty answer): the text is kept.
  }
  return { status: response.status, body, text: response.body };
}

/** The value at a dotted path of a parsed JSON body, if it is a string. */
export function stringAt(body: unknown, path: string): string | undefined {
  let at: unknown = body;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' ? at : undefined;
}
